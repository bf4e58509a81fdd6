package org.sgdlimits.gauss;

/**
 * A Monte Carlo estimate: the sample mean and its standard error (sample standard deviation / √N).
 *
 * @param mean          the sample mean
 * @param standardError the estimated standard deviation of {@code mean}
 */
public record MonteCarloEstimate(double mean, double standardError) {

    /** |value − mean| ≤ k · standardError + absoluteSlack. */
    public boolean isConsistentWith(double value, double k, double absoluteSlack) {
        return Math.abs(value - mean) <= k * standardError + absoluteSlack;
    }

    /** "mean ± standardError" (six and two significant digits; the command line has its own rounding rule). */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6g \u00b1 %.2g", mean, standardError);
    }
}
