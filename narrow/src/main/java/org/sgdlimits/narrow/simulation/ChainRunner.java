package org.sgdlimits.narrow.simulation;

import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Drives an {@link OverlapChain} through a {@link TimeGrid}, shared by both engines: at recorded time t_i the
 * state after ν_i = round(t_i/Δt) steps (Δt = γ/(p d), so the recorded time is within Δt/2 of the step's)
 * is written with the risk from Ω (the shared {@link PopulationDrift}); divergence (non-finite step or a
 * recorded overlap beyond the bound) ends the run with its time and cause.
 */
final class ChainRunner {
    private static final long PROGRESS_CHUNK = 1 << 13;

    private ChainRunner() {
    }

    static SimulationRun run(OverlapChain chain, SgdSettings settings, PopulationDrift drift, int p, int k,
                             int dimension, TimeGrid grid, SimulationProgress progress) {
        double dt = settings.timeStep(p, dimension);
        double[] times = grid.times();
        boolean biased = settings.hasBiases();
        Trajectory.Builder builder = new Trajectory.Builder(biased ? OverlapColumns.namesWithBiases(p, k)
                : OverlapColumns.names(p, k));
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] a = new double[p];
        double[] b = new double[p];
        double[] row = new double[builder.columns().size()];
        long step = 0;
        long unreported = 0;
        RunStatus status = RunStatus.completed(grid.end());
        double lastExcessRisk = Double.NaN;
        for (double target : times) {
            long targetStep = Math.round(target / dt);
            String failure = null;
            while (step < targetStep) {
                failure = chain.step(step * dt);
                step++;
                if (failure != null) {
                    break;
                }
                if (++unreported == PROGRESS_CHUNK) {
                    progress.advanced(unreported);
                    unreported = 0;
                }
            }
            if (failure != null) {
                status = RunStatus.diverged(step * dt, failure + " at step " + step);
                break;
            }
            chain.overlaps(q, m, a);
            chain.biases(b);
            String beyond = beyondBound(q, m, a, p, k, settings.divergenceBound());
            if (beyond == null && biased) {
                beyond = beyondBound(b, settings.divergenceBound());
            }
            if (beyond != null) {
                status = RunStatus.diverged(target, beyond);
                break;
            }
            lastExcessRisk = drift.excessRisk(q, m, a, biased ? b : null);
            // risk R = ε + Δ/2 (docs/theory.md §1)
            OverlapColumns.fill(lastExcessRisk + 0.5 * settings.labelNoise(), lastExcessRisk, m, q, a, row);
            if (biased) {
                OverlapColumns.fillBiases(k, b, row);
            }
            builder.add(target, row);
        }
        progress.advanced(unreported);
        HeldOutRisk heldOut;
        if (status.diverged() || settings.heldOutSamples() == 0) {
            heldOut = HeldOutRisk.none(lastExcessRisk);
        } else {
            double[] est = chain.heldOutExcessRisk(settings.heldOutSamples());
            heldOut = new HeldOutRisk(settings.heldOutSamples(), est[0], est[1], lastExcessRisk);
        }
        return new SimulationRun(builder.build(status), heldOut, step);
    }

    /** Null when every student bias is finite and within the bound, else the offending entry. */
    static String beyondBound(double[] b, double bound) {
        for (int i = 0; i < b.length; i++) {
            if (!(Math.abs(b[i]) <= bound)) {
                return "|b_" + i + "| = " + Math.abs(b[i]) + " beyond the divergence bound " + bound;
            }
        }
        return null;
    }

    /** Null when all recorded overlaps are finite and within the bound, else the offending entry. */
    static String beyondBound(double[] q, double[] m, double[] a, int p, int k, double bound) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double v = q[i * p + j];
                if (!(Math.abs(v) <= bound)) {
                    return "|Q_" + i + "_" + j + "| = " + Math.abs(v) + " beyond the divergence bound " + bound;
                }
            }
            for (int r = 0; r < k; r++) {
                double v = m[i * k + r];
                if (!(Math.abs(v) <= bound)) {
                    return "|M_" + i + "_" + r + "| = " + Math.abs(v) + " beyond the divergence bound " + bound;
                }
            }
            if (!(Math.abs(a[i]) <= bound)) {
                return "|a_" + i + "| = " + Math.abs(a[i]) + " beyond the divergence bound " + bound;
            }
        }
        return null;
    }
}
