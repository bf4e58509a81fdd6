package org.sgdlimits.meanfield.dmft;

import java.util.Arrays;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The causal forward sweep of the committee DMFT (docs/dmft.md §7), the block form of {@link DmftSweep} on the
 * same skeleton {@link ForwardSweep}: at
 * step t the ensemble turns the d-side kernels up to t into Γ(t, ·), the L rows of step t, E_h(t) and the
 * training loss; the d-side then steps to t + 1. A non-finite average, or an entry of M or Q beyond
 * {@link DmftSweep#DIVERGENCE_BOUND}, ends the sweep as diverged at that step (the rows before it are kept).
 */
final class CommitteeSweep {
    private CommitteeSweep() {
    }

    /**
     * One sweep's (or simulation's) order parameters at steps 0 … recorded − 1.
     *
     * @param m         M(t), p×k row-major, per step
     * @param q         Q(t), p×p row-major, per step
     * @param trainLoss training loss at step t
     * @param status    completed, or diverged with the step as time
     */
    record Result(double[][] m, double[][] q, double[] trainLoss, RunStatus status) {
    }

    static Result run(CommitteeModel model, CommitteeEnsemble ensemble) {
        CommitteeKernels d = new CommitteeKernels(model);
        int steps = model.steps();
        double[][] m = new double[steps + 1][];
        double[][] q = new double[steps + 1][];
        double[] train = new double[steps + 1];
        CommitteeEnsemble.StepAverages avg = new CommitteeEnsemble.StepAverages();
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
        return new Result(Arrays.copyOf(m, recorded), Arrays.copyOf(q, recorded), Arrays.copyOf(train, recorded),
                status);
    }

    /** The cause of divergence at step t, or null. */
    static String divergence(double[] m, double[] q, CommitteeEnsemble.StepAverages avg, CommitteeKernels d, int t) {
        if (avg.failure != null) {
            return avg.failure;
        }
        String cause = divergenceOfState(m, q, avg.trainLoss, t);
        if (cause != null) {
            return cause;
        }
        for (double x : avg.teacherCorrelation) {
            if (!Double.isFinite(x)) {
                return "non-finite teacher correlation at step " + t;
            }
        }
        int from = DSideKernels.tri(t, 0) * d.block;
        for (int e = from; e < from + (t + 1) * d.block; e++) {
            if (!Double.isFinite(d.gamma[e])) {
                return "non-finite memory kernel at step " + t;
            }
        }
        return null;
    }

    /** The cause of divergence of the state (M, Q, training loss) at step t, or null (shared with the simulator). */
    static String divergenceOfState(double[] m, double[] q, double trainLoss, int t) {
        for (double x : m) {
            if (!Double.isFinite(x) || Math.abs(x) > DmftSweep.DIVERGENCE_BOUND) {
                return "teacher overlap M entry " + x + " at step " + t;
            }
        }
        for (double x : q) {
            if (!Double.isFinite(x) || Math.abs(x) > DmftSweep.DIVERGENCE_BOUND) {
                return "student overlap Q entry " + x + " at step " + t;
            }
        }
        if (!Double.isFinite(trainLoss)) {
            return "non-finite training loss at step " + t;
        }
        return null;
    }
}
