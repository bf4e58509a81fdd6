package org.sgdlimits.study.regimes;

/**
 * Least-squares slope of ln y against ln x: the exponent a of a power law y ≈ c·xᵃ. Used for the trend of a
 * gap in d, γ or p.
 */
public final class LogLogSlope {
    private LogLogSlope() {
    }

    /**
     * @throws IllegalArgumentException for fewer than 2 points, different lengths, or non-positive values
     */
    public static double fit(double[] x, double[] y) {
        return fitWithError(x, y).slope();
    }

    /** A fitted exponent with its standard error (NaN for two points: no residual degrees of freedom). */
    public record Fit(double slope, double standardError) {
    }

    /**
     * The least-squares slope of ln y against ln x and its standard error √(s²/S_xx), s² the residual variance
     * with n − 2 degrees of freedom.
     *
     * @throws IllegalArgumentException for fewer than 2 points, different lengths, or non-positive values
     */
    public static Fit fitWithError(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("slope: need at least 2 (x, y) pairs of equal count, got "
                    + x.length + " and " + y.length);
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("slope: point " + i + " = (" + x[i] + ", " + y[i]
                        + "); both must be finite and > 0");
            }
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("slope: all x values are equal");
        }
        double slope = sxy / sxx;
        if (n < 3) {
            return new Fit(slope, Double.NaN);
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(y[i]) - my - slope * (Math.log(x[i]) - mx);
            rss += r * r;
        }
        return new Fit(slope, Math.sqrt(rss / (n - 2) / sxx));
    }
}
