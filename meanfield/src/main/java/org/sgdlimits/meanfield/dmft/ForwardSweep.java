package org.sgdlimits.meanfield.dmft;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The skeleton of the causal forward sweep shared by the GLM sweep ({@link DmftSweep}) and the committee sweep
 * ({@link CommitteeSweep}), docs/dmft.md §2 and §7: for t = 0 … T the n-side step and the record of step t, ended
 * at the first step with a divergence cause (the rows before it kept), then the d-side step from t to t + 1.
 * No fixed-point iteration, damping or convergence threshold.
 */
final class ForwardSweep {
    private ForwardSweep() {
    }

    /**
     * How a sweep ended.
     *
     * @param recorded the number of recorded steps (0 … recorded − 1)
     * @param status   completed (time = T in steps) or diverged (time = the step)
     */
    record Outcome(int recorded, RunStatus status) {
    }

    /**
     * Runs steps 0 … {@code steps}.
     *
     * @param observe the n-side at step t (averages and kernels of step t) and the record of its state; returns
     *                the divergence cause at step t (the record of step t is then dropped), or null
     * @param advance the d-side from step t to t + 1 with the averages of step t
     */
    static Outcome run(int steps, IntFunction<String> observe, IntConsumer advance) {
        for (int t = 0; t <= steps; t++) {
            String cause = observe.apply(t);
            if (cause != null) {
                return new Outcome(t, RunStatus.diverged(t, cause));
            }
            if (t < steps) {
                advance.accept(t);
            }
        }
        return new Outcome(steps + 1, RunStatus.completed(steps));
    }
}
