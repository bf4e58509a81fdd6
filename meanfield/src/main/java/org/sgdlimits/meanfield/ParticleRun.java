package org.sgdlimits.meanfield;

import java.util.List;
import java.util.Objects;
import org.sgdlimits.ode.IntegratorStatistics;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What a {@link ParticleSystem} run returns.
 *
 * @param trajectory  docs/theory.md §7 mean-field columns {@code risk, excess_risk, mean_m2, mean_qperp} at the grid times,
 *                    with the run status
 * @param snapshots   particle states at the requested snapshot times (in request order)
 * @param finalState  the particles at the time the run ended
 * @param warnings    human-readable warnings (e.g. g/B not small: the closure is biased), to be shown to the user
 * @param statistics  integrator cost
 */
public record ParticleRun(Trajectory trajectory, List<ParticleSnapshot> snapshots, Particles finalState,
                          List<String> warnings, IntegratorStatistics statistics) implements EngineRun {
    public ParticleRun {
        Objects.requireNonNull(trajectory, "trajectory");
        snapshots = List.copyOf(snapshots);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(finalState, "finalState");
    }
}
