package org.sgdlimits.meanfield.snapshot;

import java.util.Arrays;

/** Weighted sample statistics used by the bandwidth rules and display windows (weights null = equal). */
final class WeightedStatistics {
    private WeightedStatistics() {
    }

    static double totalWeight(double[] x, double[] w) {
        if (w == null) {
            return x.length;
        }
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }

    /** Kish effective sample size (Σw)²/Σw². */
    static double effectiveSize(double[] x, double[] w) {
        if (w == null) {
            return x.length;
        }
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s * s / s2;
    }

    static double mean(double[] x, double[] w) {
        double s = 0;
        double tot = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w == null ? 1 : w[i];
            s += wi * x[i];
            tot += wi;
        }
        return s / tot;
    }

    /** Weighted standard deviation (population form). */
    static double standardDeviation(double[] x, double[] w) {
        double mu = mean(x, w);
        double s = 0;
        double tot = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w == null ? 1 : w[i];
            double d = x[i] - mu;
            s += wi * d * d;
            tot += wi;
        }
        return Math.sqrt(s / tot);
    }

    /** Weighted quantiles (lower empirical: smallest x with cumulative weight ≥ level·total). */
    static double[] quantiles(double[] x, double[] w, double... levels) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double tot = totalWeight(x, w);
        double[] out = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            double target = levels[l] * tot;
            double cum = 0;
            out[l] = x[order[x.length - 1]];
            for (Integer idx : order) {
                cum += w == null ? 1 : w[idx];
                if (cum >= target) {
                    out[l] = x[idx];
                    break;
                }
            }
        }
        return out;
    }
}
