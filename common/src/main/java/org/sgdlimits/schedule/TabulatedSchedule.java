package org.sgdlimits.schedule;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;

/**
 * A user-supplied schedule s(t) given as a table of (time, factor) points, linearly interpolated in between and
 * held constant before the first and after the last point. Continuous, so the ODE integrators need not resolve
 * jumps (unlike {@link LearningRateSchedule#piecewiseConstant}). Immutable.
 */
public final class TabulatedSchedule implements LearningRateSchedule {
    private final double[] times;
    private final double[] factors;

    /**
     * @param times   strictly increasing, finite, ≥ 0, at least one point
     * @param factors same length, finite, ≥ 0
     * @throws IllegalArgumentException naming the field and the offending entry
     */
    public TabulatedSchedule(double[] times, double[] factors) {
        if (times == null || times.length == 0) {
            throw new InvalidFieldException(FieldPath.parse("schedule.times"), "missing; need at least one point");
        }
        if (factors == null || factors.length != times.length) {
            throw new InvalidFieldException(FieldPath.parse("schedule.factors"), (factors == null ? 0 : factors.length)
                    + " values for " + times.length + " times; must have the same length");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i]) || times[i] < 0 || (i > 0 && !(times[i] > times[i - 1]))) {
                throw new InvalidFieldException(FieldPath.parse("schedule.times"), "entry " + i + " = " + times[i]
                        + "; must be finite, >= 0 and strictly increasing");
            }
            if (!Double.isFinite(factors[i]) || !(factors[i] >= 0)) {
                throw new InvalidFieldException(FieldPath.parse("schedule.factors"), "entry " + i + " = " + factors[i]
                        + "; must be finite and >= 0");
            }
        }
        this.times = times.clone();
        this.factors = factors.clone();
    }

    @Override
    public double factor(double t) {
        int n = times.length;
        if (t <= times[0]) {
            return factors[0];
        }
        if (t >= times[n - 1]) {
            return factors[n - 1];
        }
        int idx = Arrays.binarySearch(times, t);
        if (idx >= 0) {
            return factors[idx];
        }
        int hi = -idx - 1;
        int lo = hi - 1;
        double w = (t - times[lo]) / (times[hi] - times[lo]);
        return factors[lo] + w * (factors[hi] - factors[lo]);
    }

    @Override
    public String description() {
        return "tabulated " + Arrays.toString(times) + " -> " + Arrays.toString(factors);
    }
}
