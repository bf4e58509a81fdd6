package org.sgdlimits.narrow.phaseretrieval;

import java.util.Objects;
import org.sgdlimits.trajectory.RunStatus;

/**
 * Outcome of one escape-time measurement.
 *
 * @param escaped whether the criterion was met before the time limit
 * @param time    the escape time (ODE time units of docs/theory.md §2) if escaped, else NaN
 * @param status  how the run ended (STOPPED_BY_EVENT at escape, COMPLETED at the time limit, DIVERGED)
 */
public record EscapeResult(boolean escaped, double time, RunStatus status) {

    public EscapeResult {
        Objects.requireNonNull(status, "status");
        if (escaped && !Double.isFinite(time)) {
            throw new IllegalArgumentException("escape time: " + time + "; must be finite for an escaped run");
        }
    }

    static EscapeResult escapedAt(double time, String criterion) {
        return new EscapeResult(true, time, RunStatus.stoppedByEvent(time, "escape: " + criterion));
    }

    static EscapeResult notEscaped(RunStatus status) {
        return new EscapeResult(false, Double.NaN, status);
    }
}
