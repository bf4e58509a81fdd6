package org.sgdlimits.study.sweep;

/**
 * Mean and standard error of one summary over a cell's seeds, NaN values (undefined for that seed) left out.
 *
 * @param mean          mean of the defined values (NaN when none)
 * @param standardError sample standard deviation / √n (NaN when n &lt; 2)
 * @param n             number of defined values
 */
public record SeedAverage(double mean, double standardError, int n) {

    /** The average of the non-NaN values. */
    public static SeedAverage of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new SeedAverage(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n < 2) {
            return new SeedAverage(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new SeedAverage(mean, Math.sqrt(squares / (n - 1) / n), n);
    }
}
