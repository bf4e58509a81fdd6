package org.sgdlimits.narrow.simulation;

import java.util.List;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The result of a multi-seed simulation: the trajectory of means over seeds with a {@code c_sem} standard-error
 * column appended for every observable column c (docs/theory.md §7; NaN for a single seed), and every seed's own run in
 * seed order. If a seed diverged, the mean trajectory stops at the last time all seeds reached and carries the
 * earliest divergence (with the seed index in the cause).
 */
public record EnsembleResult(Trajectory trajectory, List<SimulationRun> runs) implements EngineRun {

    public EnsembleResult {
        runs = List.copyOf(runs);
    }

    /** Number of seeds. */
    public int seeds() {
        return runs.size();
    }

    /** Mean over seeds of the held-out Monte Carlo estimate of the final excess risk (NaN if not computed). */
    public double heldOutEstimate() {
        double s = 0;
        for (SimulationRun r : runs) {
            s += r.heldOut().estimate();
        }
        return s / runs.size();
    }

    /**
     * Standard error of {@link #heldOutEstimate()} against the final Ω risk of the same seeds: it combines the
     * Monte Carlo errors of each seed, √(Σ se_s²)/S.
     */
    public double heldOutStandardError() {
        double s = 0;
        for (SimulationRun r : runs) {
            double se = r.heldOut().standardError();
            s += se * se;
        }
        return Math.sqrt(s) / runs.size();
    }

    /** Mean over seeds of the final excess risk computed from Ω. */
    public double heldOutFromOverlaps() {
        double s = 0;
        for (SimulationRun r : runs) {
            s += r.heldOut().fromOverlaps();
        }
        return s / runs.size();
    }

    /** Total SGD steps over all seeds. */
    public long totalSteps() {
        long s = 0;
        for (SimulationRun r : runs) {
            s += r.steps();
        }
        return s;
    }
}
