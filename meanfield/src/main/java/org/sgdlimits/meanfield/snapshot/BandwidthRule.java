package org.sgdlimits.meanfield.snapshot;

/**
 * Rules of thumb for the per-axis bandwidth of a two-dimensional Gaussian kernel density estimate
 * (dimension d = 2, n_eff the Kish effective sample size (Σw)²/Σw²):
 * <ul>
 *   <li>{@link #SCOTT}: h = σ · n_eff^(−1/(d+4)) = σ n_eff^(−1/6)</li>
 *   <li>{@link #SILVERMAN}: h = (4/(d+2))^(1/(d+4)) · min(σ, IQR/1.349) · n_eff^(−1/(d+4)); in d = 2 the
 *       constant is 1, so it differs from Scott only by the robust spread (protects against heavy tails and
 *       two-cluster samples)</li>
 * </ul>
 * σ is the weighted standard deviation of the axis. A degenerate axis (all points equal) gets h = 0.
 */
public enum BandwidthRule {
    SCOTT,
    SILVERMAN;

    /** Bandwidth of one axis of a weighted sample (weights null = equal). */
    public double bandwidth(double[] x, double[] weights) {
        if (x.length < 2) {
            return 0.0;
        }
        double n = WeightedStatistics.effectiveSize(x, weights);
        double sigma = WeightedStatistics.standardDeviation(x, weights);
        double spread = sigma;
        if (this == SILVERMAN) {
            double[] q = WeightedStatistics.quantiles(x, weights, 0.25, 0.75);
            double iqr = (q[1] - q[0]) / 1.349;
            if (iqr > 0) {
                spread = Math.min(sigma, iqr);
            }
        }
        return spread * Math.pow(n, -1.0 / 6.0);
    }
}
