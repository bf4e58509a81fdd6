package org.sgdlimits.trajectory;

import java.util.Objects;

/**
 * How a run ended.
 *
 * @param outcome what happened
 * @param time    ODE time t at which it happened (the end time for a completed run)
 * @param cause   human-readable reason (empty for a completed run), e.g. "non-finite state (Q_0_0 = NaN)"
 */
public record RunStatus(Outcome outcome, double time, String cause) {

    /** The possible outcomes; their lower-case names appear in run.json. */
    public enum Outcome {
        /** Integrated or simulated up to the requested end time. */
        COMPLETED,
        /** Stopped because the state became non-finite or left the allowed bound. */
        DIVERGED,
        /** Stopped by a user-requested event (threshold reached, plateau left, ...). */
        STOPPED_BY_EVENT
    }

    public RunStatus {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(cause, "cause");
    }

    public static RunStatus completed(double endTime) {
        return new RunStatus(Outcome.COMPLETED, endTime, "");
    }

    public static RunStatus diverged(double time, String cause) {
        return new RunStatus(Outcome.DIVERGED, time, cause);
    }

    public static RunStatus stoppedByEvent(double time, String cause) {
        return new RunStatus(Outcome.STOPPED_BY_EVENT, time, cause);
    }

    public boolean diverged() {
        return outcome == Outcome.DIVERGED;
    }
}
