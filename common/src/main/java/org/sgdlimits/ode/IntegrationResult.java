package org.sgdlimits.ode;

import java.util.List;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What {@link TrajectoryIntegrator} returns.
 *
 * @param trajectory the recorded grid rows, with the run status (completed, diverged, stopped by event)
 * @param events     every event met, in time order
 * @param finalTime  the time the integration ended (end time, event time or last accepted time)
 * @param finalState copy of the state at {@code finalTime} (the last finite state for a diverged run)
 * @param statistics cost of the run
 */
public record IntegrationResult(Trajectory trajectory, List<EventOccurrence> events, double finalTime,
                                double[] finalState, IntegratorStatistics statistics) {
    public IntegrationResult {
        events = List.copyOf(events);
        finalState = finalState.clone();
    }

    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
