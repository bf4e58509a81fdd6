package org.sgdlimits.schedule;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;

/**
 * A learning-rate schedule γ(t) = γ·s(t) in ODE time t (docs/theory.md §2): the drift is multiplied by s(t) and the
 * SGD-noise term by s(t)². Implementations are immutable; s must be finite and ≥ 0.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The factor s(t) ≥ 0 multiplying the base learning rate at ODE time t ≥ 0. */
    double factor(double t);

    /** Short description for run.json and chart legends. */
    default String description() {
        return "custom";
    }

    /** s(t) = 1. */
    static LearningRateSchedule constant() {
        return new LearningRateSchedule() {
            @Override public double factor(double t) { return 1.0; }
            @Override public String description() { return "constant"; }
        };
    }

    /**
     * Piecewise constant: s(t) = factors[i] for boundaries[i−1] ≤ t &lt; boundaries[i] (boundaries[−1] = 0),
     * and factors[last] after the last boundary. Needs factors.length = boundaries.length + 1.
     */
    static LearningRateSchedule piecewiseConstant(double[] boundaries, double[] factors) {
        if (factors.length != boundaries.length + 1) {
            throw new InvalidFieldException(FieldPath.parse("schedule.factors"), factors.length
                    + " values; must be one more than schedule.times (" + boundaries.length + ")");
        }
        for (int i = 0; i < boundaries.length; i++) {
            if (!(boundaries[i] > (i == 0 ? 0 : boundaries[i - 1])) || !Double.isFinite(boundaries[i])) {
                throw new InvalidFieldException(FieldPath.parse("schedule.times"), "entry " + i + " = " + boundaries[i]
                        + "; must be finite, > 0 and increasing");
            }
        }
        for (int i = 0; i < factors.length; i++) {
            if (!(factors[i] >= 0) || !Double.isFinite(factors[i])) {
                throw new InvalidFieldException(FieldPath.parse("schedule.factors"), "entry " + i + " = " + factors[i]
                        + "; must be finite and >= 0");
            }
        }
        double[] b = boundaries.clone();
        double[] f = factors.clone();
        return new LearningRateSchedule() {
            @Override
            public double factor(double t) {
                int idx = Arrays.binarySearch(b, t);
                int interval = idx >= 0 ? idx + 1 : -idx - 1;
                return f[interval];
            }

            @Override
            public String description() {
                return "piecewise-constant " + Arrays.toString(b) + " -> " + Arrays.toString(f);
            }
        };
    }

    /** Power-law decay s(t) = 1/(1 + t/t0)^β, t0 &gt; 0, β ≥ 0. */
    static LearningRateSchedule powerLaw(double t0, double beta) {
        if (!(t0 > 0) || !Double.isFinite(t0)) {
            throw new InvalidFieldException(FieldPath.parse("schedule.t0"), t0 + "; must be a finite number > 0");
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new InvalidFieldException(FieldPath.parse("schedule.beta"), beta + "; must be a finite number >= 0");
        }
        return new LearningRateSchedule() {
            @Override public double factor(double t) { return Math.pow(1 + t / t0, -beta); }
            @Override public String description() { return "power-law t0=" + t0 + " beta=" + beta; }
        };
    }
}
