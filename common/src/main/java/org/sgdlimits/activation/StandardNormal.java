package org.sgdlimits.activation;

import org.hipparchus.special.Erf;

/**
 * The standard normal law N(0, 1): its density φ and its distribution function Φ, written once for the
 * activations (GELU), the closed-form Gaussian moments, Owen's T and the density grids.
 *
 * <p>Two forms of Φ with the same value and different costs:
 * <ul>
 *   <li>{@link #cdf}: ½ erfc(−x/√2) by Hipparchus, accurate to a few ulp <em>relative</em> also deep in the
 *   lower tail (Φ(−30) ≈ 5e-198), for the places where tail mass matters (cell masses of a density grid, the
 *   bivariate normal);</li>
 *   <li>{@link #fastCdf}: ½(1 + erf(x/√2)) by the fast {@link ErrorFunction}, accurate to 5e-16
 *   <em>absolute</em> (so 0 below x ≈ −8.3), for hot loops (an activation's value, conditional moments).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class StandardNormal {
    /** 1/√(2π), the normalisation of φ. */
    public static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT2 = 1 / Math.sqrt(2.0);

    private StandardNormal() {
    }

    /** φ(x) = e^(−x²/2)/√(2π) (0 at ±∞). */
    public static double density(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) = P(X ≤ x) = ½ erfc(−x/√2), relative accuracy of a few ulp in both tails. */
    public static double cdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT2);
    }

    /** Φ(x) = ½(1 + erf(x/√2)) by the fast error function: absolute error below 5e-16, for hot loops. */
    public static double fastCdf(double x) {
        return 0.5 * (1 + ErrorFunction.erf(x * INV_SQRT2));
    }
}
