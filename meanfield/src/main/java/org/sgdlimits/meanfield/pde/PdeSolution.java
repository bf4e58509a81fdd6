package org.sgdlimits.meanfield.pde;

import java.util.List;
import java.util.Objects;

import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What {@link ContinuityPde#solve} returns.
 *
 * @param trajectory      docs/theory.md §7 mean-field columns (risk, excess_risk, mean_m2, mean_qperp) at the recorded
 *                        times, and the run status
 * @param snapshots       the density at each requested snapshot time reached, in time order
 * @param steps           accepted SSP-RK3 steps
 * @param rejectedSteps   steps retried with a smaller Δt because a stage violated the positivity CFL bound
 * @param maxMassError    max over accepted steps of |Σ masses − initial Σ masses| (conservation check)
 * @param minMass         smallest cell mass seen over the run (≥ 0: positivity)
 * @param finalDensity    the density where the run ended (end time, or the divergence time)
 * @param maxWallMass     largest mass seen in the cells touching the walls m = ±mMax and q⊥ = qMax (a large
 *                        value means the domain is too small; the q⊥ = 0 wall is physical and not counted)
 */
public record PdeSolution(Trajectory trajectory, List<Snapshot> snapshots, long steps, long rejectedSteps,
                          double maxMassError, double minMass, double maxWallMass, DensityGrid finalDensity) implements EngineRun {

    public PdeSolution {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(finalDensity, "finalDensity");
        snapshots = List.copyOf(snapshots);
    }

    /** The density at ODE time {@code time}. */
    public record Snapshot(double time, DensityGrid density) {
        public Snapshot {
            Objects.requireNonNull(density, "density");
        }
    }
}
