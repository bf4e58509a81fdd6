package org.sgdlimits.meanfield.dmft;

import java.util.Arrays;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The causal forward sweep of the discrete-time DMFT (docs/dmft.md §2), on the skeleton {@link ForwardSweep}: at
 * step t the n-side ensemble turns the d-side kernels up to t into Γ(t, ·), L(t, ·), E_h(t) and the training
 * loss; the d-side then steps to t + 1.
 * No fixed-point iteration, damping or convergence threshold. A step with a non-finite average, or |m| or q
 * beyond {@link #DIVERGENCE_BOUND}, ends the sweep as diverged at that step; the rows before it are kept.
 */
public final class DmftSweep {
    /** |m| or q beyond this counts as divergence. */
    public static final double DIVERGENCE_BOUND = 1e12;

    private DmftSweep() {
    }

    /** Runs the sweep of {@code model} with the given n-side ensemble. */
    static SweepResult run(DmftModel model, NSideEnsemble ensemble) {
        DSideKernels d = new DSideKernels(model);
        int steps = model.steps();
        double[] m = new double[steps + 1];
        double[] q = new double[steps + 1];
        double[] train = new double[steps + 1];
        NSideEnsemble.StepAverages avg = new NSideEnsemble.StepAverages();
        // every step is stored before its check: a diverged step is cut off with the rows after it
        ForwardSweep.Outcome end = ForwardSweep.run(steps, t -> {
            ensemble.step(t, d, avg);
            m[t] = d.m(t);
            q[t] = d.q(t);
            train[t] = avg.trainLoss;
            return divergence(m[t], q[t], avg, d, t);
        }, t -> d.advance(t, avg.teacherCorrelation));
        int recorded = end.recorded();
        RunStatus status = end.status();
        return new SweepResult(Arrays.copyOf(m, recorded), Arrays.copyOf(q, recorded), Arrays.copyOf(train, recorded),
                status, d);
    }

    private static String divergence(double m, double q, NSideEnsemble.StepAverages avg, DSideKernels d, int t) {
        if (!Double.isFinite(m) || Math.abs(m) > DIVERGENCE_BOUND) {
            return "teacher overlap m = " + m + " at step " + t;
        }
        if (!Double.isFinite(q) || q > DIVERGENCE_BOUND) {
            return "student norm q = " + q + " at step " + t;
        }
        if (!Double.isFinite(avg.trainLoss) || !Double.isFinite(avg.teacherCorrelation)) {
            return "non-finite training loss or teacher correlation at step " + t;
        }
        int row = DSideKernels.tri(t, 0);
        for (int s = 0; s <= t; s++) {
            if (!Double.isFinite(d.gamma[row + s]) || !Double.isFinite(d.noise[row + s])) {
                return "non-finite memory kernel or noise factor at step " + t;
            }
        }
        return null;
    }

    /**
     * One sweep's order parameters at steps 0 … recorded − 1 (step = index) and how it ended.
     *
     * @param m         teacher overlap m(t)
     * @param q         student norm q(t)
     * @param trainLoss training loss at w(t)
     * @param status    completed (time = T in steps) or diverged (time = the step)
     * @param kernels   the d-side state (Γ, L, responses) at the end, or null (a simulation)
     */
    record SweepResult(double[] m, double[] q, double[] trainLoss, RunStatus status, DSideKernels kernels) {
    }
}
