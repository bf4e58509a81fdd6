package org.sgdlimits.experiment;

import java.util.Arrays;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The {@code schedule} field of an experiment file: how the learning rate changes with ODE time,
 * γ(t) = γ·s(t) (docs/theory.md §2). Kept as a value (not only as a {@link LearningRateSchedule}) so that run.json can
 * write it back.
 */
public sealed interface ScheduleSpec {

    /** The file name of the type: "constant", "piecewise-constant" or "power-law". */
    String type();

    /** The schedule s(t) this describes. */
    LearningRateSchedule schedule();

    /** {@code {"type": "constant"}}: s(t) = 1. */
    record Constant() implements ScheduleSpec {
        @Override public String type() { return "constant"; }
        @Override public LearningRateSchedule schedule() { return LearningRateSchedule.constant(); }
    }

    /**
     * {@code {"type": "piecewise-constant", "times": [t1, ...], "factors": [s0, s1, ...]}}: s(t) = factors[i]
     * between times[i−1] and times[i]; factors has one entry more than times.
     */
    record PiecewiseConstant(double[] times, double[] factors) implements ScheduleSpec {
        public PiecewiseConstant {
            times = times.clone();
            factors = factors.clone();
            try {
                LearningRateSchedule.piecewiseConstant(times, factors);
            } catch (IllegalArgumentException e) {
                throw ExperimentException.from(e);
            }
        }

        @Override public String type() { return "piecewise-constant"; }
        @Override public double[] times() { return times.clone(); }
        @Override public double[] factors() { return factors.clone(); }
        @Override public LearningRateSchedule schedule() {
            return LearningRateSchedule.piecewiseConstant(times, factors);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PiecewiseConstant pc && Arrays.equals(pc.times, times)
                    && Arrays.equals(pc.factors, factors);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(times) + Arrays.hashCode(factors);
        }

        @Override
        public String toString() {
            return "PiecewiseConstant[times=" + Arrays.toString(times) + ", factors=" + Arrays.toString(factors) + "]";
        }
    }

    /** {@code {"type": "power-law", "t0": t0, "beta": β}}: s(t) = (1 + t/t0)^(−β), t0 &gt; 0, β ≥ 0. */
    record PowerLaw(double t0, double beta) implements ScheduleSpec {
        public PowerLaw {
            try {
                LearningRateSchedule.powerLaw(t0, beta);
            } catch (IllegalArgumentException e) {
                throw ExperimentException.from(e);
            }
        }

        @Override public String type() { return "power-law"; }
        @Override public LearningRateSchedule schedule() { return LearningRateSchedule.powerLaw(t0, beta); }
    }
}
