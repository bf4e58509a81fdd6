package org.sgdlimits.narrow.simulation;

/** Sample mean and its standard error from running sums. */
final class MeanAndError {
    private MeanAndError() {
    }

    /** {mean, standard error} of n values with sum s and sum of squares s2 (standard error NaN for n &lt; 2). */
    static double[] of(double s, double s2, int n) {
        double mean = s / n;
        if (n < 2) {
            return new double[] {mean, Double.NaN};
        }
        double variance = Math.max(0.0, (s2 - n * mean * mean) / (n - 1));
        return new double[] {mean, Math.sqrt(variance / n)};
    }
}
