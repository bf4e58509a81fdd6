package org.sgdlimits.gauss;

import org.sgdlimits.activation.StandardNormal;

/**
 * The standard bivariate normal distribution function Φ2(h, k; ρ) = P(X ≤ h, Y ≤ k) for unit-variance X, Y
 * with correlation ρ, through Plackett's one-dimensional form (docs/theory.md §3.11)
 * <pre>
 *   Φ2(h, k; ρ) − Φ(h) Φ(k) = (1/2π) ∫₀^{arcsin ρ} exp(−(h² − 2hk sin θ + k²)/(2 cos² θ)) dθ,
 * </pre>
 * evaluated by adaptive Gauss–Kronrod ({@link AdaptiveGaussKronrod}) to an absolute tolerance of 1e-15. The
 * integrand is smooth and bounded by 1 for |ρ| &lt; 1; at h = k = 0 the excess is arcsin(ρ)/(2π) exactly.
 * Stateless and thread-safe.
 */
public final class BivariateNormal {
    private static final double TOLERANCE = 1e-15;

    private BivariateNormal() {
    }

    /**
     * Φ2(h, k; ρ) − Φ(h)Φ(k), the part of the joint distribution function due to the correlation.
     *
     * @param rho correlation, clamped to [−1, 1] against rounding
     */
    public static double correlationExcess(double h, double k, double rho) {
        double r = Math.max(-1.0, Math.min(1.0, rho));
        double end = Math.asin(r);
        if (h == 0 && k == 0) {
            return end / (2 * Math.PI);
        }
        if (end == 0) {
            return 0.0;
        }
        double sumSquares = h * h + k * k;
        double twoHk = 2 * h * k;
        AdaptiveGaussKronrod.Integrand f = theta -> {
            double cos = Math.cos(theta);
            double c2 = cos * cos;
            if (c2 == 0) {
                return 0.0;
            }
            return Math.exp(-(sumSquares - twoHk * Math.sin(theta)) / (2 * c2));
        };
        double lo = Math.min(0, end);
        double hi = Math.max(0, end);
        double integral = AdaptiveGaussKronrod.integrate(f, lo, hi, TOLERANCE);
        return Math.signum(end) * integral / (2 * Math.PI);
    }

    /** Φ2(h, k; ρ) = P(X ≤ h, Y ≤ k). */
    public static double cdf(double h, double k, double rho) {
        return StandardNormal.cdf(h) * StandardNormal.cdf(k) + correlationExcess(h, k, rho);
    }

    /** Φ(x), the standard normal distribution function: {@link StandardNormal#cdf}. */
    public static double normalCdf(double x) {
        return StandardNormal.cdf(x);
    }
}
