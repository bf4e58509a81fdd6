package org.sgdlimits.narrow;

import java.util.List;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.ode.IntegratorStatistics;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The outcome of one {@link OverlapOde#solve} run.
 *
 * @param trajectory    rows at the grid times (docs/theory.md §7 columns: risk, excess_risk, M_i_r, Q_i_j, a_i) and the
 *                      run status
 * @param events        events met during the run, in time order
 * @param finalTime     time at which the integration ended
 * @param finalOverlaps the overlaps at {@code finalTime} (not re-validated: for a diverged run they are the last
 *                      finite state and may not be a valid covariance)
 * @param statistics    right-hand-side evaluations, accepted steps, wall time
 */
public record OverlapOdeResult(Trajectory trajectory, List<EventOccurrence> events, double finalTime,
                               Overlaps finalOverlaps, IntegratorStatistics statistics) implements EngineRun {
    public OverlapOdeResult {
        events = List.copyOf(events);
    }

    /** How the run ended. */
    @Override
    public RunStatus status() {
        return trajectory.status();
    }
}
