package org.sgdlimits.study.sweep;

import java.util.Objects;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What one seed (replicate) of a sweep cell produced, the input of every {@link Summary}: the recorded
 * trajectory (null for commands that only time an event, e.g. {@code escape}), the run's status and, for
 * commands that measure it directly, the escape time (NaN when the command does not measure one or the run
 * did not escape).
 *
 * @param trajectory recorded observables (columns "risk", "excess_risk", ...) or null
 * @param status     completed, diverged (time and cause) or stopped by an event
 * @param escapeTime escape time measured by the command itself, in the command's time unit; NaN if none
 */
public record SeedOutcome(Trajectory trajectory, RunStatus status, double escapeTime) {
    public SeedOutcome {
        Objects.requireNonNull(status, "status");
    }

    /**
     * The outcome of any engine's run (its trajectory and status), with no directly measured escape time; a plain
     * {@link Trajectory} is itself an {@link EngineRun}.
     */
    public static SeedOutcome of(EngineRun run) {
        Trajectory trajectory = run.trajectory();
        return new SeedOutcome(trajectory, trajectory.status(), Double.NaN);
    }
}
