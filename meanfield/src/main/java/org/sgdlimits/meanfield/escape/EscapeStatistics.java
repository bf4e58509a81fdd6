package org.sgdlimits.meanfield.escape;

import java.util.Arrays;

/**
 * Distribution of escape times over runs (random initial conditions and/or SGD seeds): the escaped times,
 * sorted, and the number of runs that did not escape before their time limit (censored) or diverged.
 * Summary statistics are over the escaped runs only; check {@link #notEscaped()} before comparing means.
 */
public final class EscapeStatistics {
    private final double[] sorted;
    private final int notEscaped;

    private EscapeStatistics(double[] sorted, int notEscaped) {
        this.sorted = sorted;
        this.notEscaped = notEscaped;
    }

    /**
     * @param escapeTimes escape times of the runs that escaped (copied; any order; finite)
     * @param notEscaped  number of runs that did not escape (≥ 0)
     */
    public static EscapeStatistics of(double[] escapeTimes, int notEscaped) {
        if (notEscaped < 0) {
            throw new IllegalArgumentException("notEscaped: " + notEscaped + "; must be >= 0");
        }
        double[] s = escapeTimes.clone();
        for (double t : s) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("escape time: " + t + "; must be finite");
            }
        }
        Arrays.sort(s);
        return new EscapeStatistics(s, notEscaped);
    }

    /** Number of runs that escaped. */
    public int escaped() { return sorted.length; }

    /** Number of runs that did not escape (time limit reached or diverged). */
    public int notEscaped() { return notEscaped; }

    /** Total number of runs. */
    public int runs() { return sorted.length + notEscaped; }

    /** The escaped times, increasing (copy). */
    public double[] times() { return sorted.clone(); }

    /** Mean escape time (NaN without escaped runs). */
    public double mean() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double t : sorted) {
            s += t;
        }
        return s / sorted.length;
    }

    /** Sample standard deviation (NaN for fewer than 2 runs). */
    public double standardDeviation() {
        int n = sorted.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double s = 0;
        for (double t : sorted) {
            s += (t - mean) * (t - mean);
        }
        return Math.sqrt(s / (n - 1));
    }

    /** Standard error of the mean, sd/√n. */
    public double standardError() {
        return standardDeviation() / Math.sqrt(sorted.length);
    }

    /** Median. */
    public double median() { return quantile(0.5); }

    /** Empirical quantile with linear interpolation between order statistics (type 7), u ∈ [0, 1]. */
    public double quantile(double u) {
        if (!(u >= 0 && u <= 1)) {
            throw new IllegalArgumentException("quantile level: " + u + "; must lie in [0, 1]");
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * u;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EscapeStatistics[n=%d, not escaped=%d, mean=%.5g \u00b1 %.2g, median=%.5g]",
                escaped(), notEscaped, mean(), standardError(), median());
    }
}
