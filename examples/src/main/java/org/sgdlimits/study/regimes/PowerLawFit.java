package org.sgdlimits.study.regimes;

/**
 * A power law y ≈ c·xᵃ fitted to the gaps of one regime trend, with the standard error of its exponent a.
 *
 * <p>With standard errors of the y values ({@link Method#WEIGHTED}): weighted least squares of ln y on ln x, each
 * point weighted by 1/σᵢ² with σᵢ = SE(yᵢ)/yᵢ (the standard error of ln yᵢ to first order). The exponent's
 * standard error is the propagated one, √(1/Σwᵢ(ln xᵢ − ⟨ln x⟩_w)²), multiplied by the Birge ratio
 * √(χ²/(n − 2)) when that exceeds 1 (points scattering more than their errors: the power law is not yet
 * exact at these values) and n &gt; 2. With two points the propagated error alone is reported: nothing tests the
 * power law itself.
 *
 * <p>Without standard errors (a deterministic comparison, {@link Method#UNWEIGHTED}): ordinary least squares,
 * the exponent's standard error from the residuals, √(Σrᵢ²/(n − 2) / Σ(ln xᵢ − ⟨ln x⟩)²); with two points it has
 * no degrees of freedom and no error (NaN).
 *
 * @param slope          the fitted exponent a
 * @param lnPrefactor    ln c of the fitted line
 * @param standardError  standard error of a (NaN when it has none)
 * @param points         number of (x, y) points fitted
 * @param method         how the points were weighted
 */
public record PowerLawFit(double slope, double lnPrefactor, double standardError, int points, Method method) {

    /** How the points of a fit are weighted. */
    public enum Method {
        /** Weighted by the inverse variance of ln y from the standard errors of y. */
        WEIGHTED,
        /** All points weighted alike (no standard errors given). */
        UNWEIGHTED
    }

    /** Whether the exponent has a standard error. */
    public boolean hasError() {
        return Double.isFinite(standardError);
    }

    /** Residual degrees of freedom, n − 2. */
    public int degreesOfFreedom() {
        return points - 2;
    }

    /** |slope − exponent| in standard errors (NaN without an error). */
    public double standardErrorsFrom(double exponent) {
        return hasError() ? Math.abs(slope - exponent) / standardError : Double.NaN;
    }

    /** Whether the exponent lies in slope ± 2 standard errors (false without an error). */
    public boolean agreesWith(double exponent) {
        return hasError() && Math.abs(slope - exponent) <= 2 * standardError;
    }

    /** The fitted y at x. */
    public double at(double x) {
        return Math.exp(lnPrefactor + slope * Math.log(x));
    }

    /**
     * Fits the power law.
     *
     * @param x       positive abscissae (γ, d or p), not all equal
     * @param y       positive values (the gaps)
     * @param yErrors standard errors of y, each &gt; 0, for a weighted fit; null (or any ≤ 0) for an unweighted one
     * @throws IllegalArgumentException for fewer than 2 points, different lengths, or non-positive values
     */
    public static PowerLawFit fit(double[] x, double[] y, double[] yErrors) {
        if (x.length != y.length || x.length < 2 || (yErrors != null && yErrors.length != x.length)) {
            throw new IllegalArgumentException("power-law fit: need at least 2 (x, y) pairs of equal count, got "
                    + x.length + " and " + y.length);
        }
        int n = x.length;
        double[] lx = new double[n];
        double[] ly = new double[n];
        double[] w = new double[n];
        boolean weighted = yErrors != null;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("power-law fit: point " + i + " = (" + x[i] + ", " + y[i]
                        + "); both must be finite and > 0");
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
            if (weighted) {
                double s = yErrors[i] / y[i];
                if (s > 0 && Double.isFinite(s)) {
                    w[i] = 1 / (s * s);
                } else {
                    weighted = false;
                }
            }
        }
        if (!weighted) {
            java.util.Arrays.fill(w, 1.0);
        }
        double sw = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            mx += w[i] * lx[i];
            my += w[i] * ly[i];
        }
        mx /= sw;
        my /= sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += w[i] * (lx[i] - mx) * (lx[i] - mx);
            sxy += w[i] * (lx[i] - mx) * (ly[i] - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("power-law fit: all x values are equal");
        }
        double slope = sxy / sxx;
        double lnc = my - slope * mx;
        double chi2 = 0;
        for (int i = 0; i < n; i++) {
            double r = ly[i] - lnc - slope * lx[i];
            chi2 += w[i] * r * r;
        }
        int dof = n - 2;
        double se;
        if (weighted) {
            double scale = dof > 0 ? Math.max(1, chi2 / dof) : 1;
            se = Math.sqrt(scale / sxx);
        } else {
            se = dof > 0 ? Math.sqrt(chi2 / dof / sxx) : Double.NaN;
        }
        return new PowerLawFit(slope, lnc, se, n, weighted ? Method.WEIGHTED : Method.UNWEIGHTED);
    }
}
