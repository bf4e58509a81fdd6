package org.sgdlimits.gauss;

import org.sgdlimits.activation.StandardNormal;

/**
 * Independent references for moments with kinks (KinkMomentsTest, KinkShiftedMomentsTest): nested adaptive
 * Gauss–Kronrod over half-lines that start exactly at the (shifted) kinks.
 */
final class KinkReferences {
    /** The Gaussian tail beyond this many standard deviations is dropped. */
    static final double EDGE = 9.0;
    static final double GK_TOLERANCE = 1e-14;

    private KinkReferences() {
    }

    /** ∫_lo^EDGE φ(x) f(x) dx by adaptive Gauss–Kronrod, split at 0 (0 when lo ≥ EDGE). */
    static double halfLine(double lo, AdaptiveGaussKronrod.Integrand f) {
        double a = Math.max(lo, -EDGE);
        if (a >= EDGE) {
            return 0;
        }
        AdaptiveGaussKronrod.Integrand g = x -> StandardNormal.density(x) * f.value(x);
        return a < 0 ? AdaptiveGaussKronrod.integrate(g, new double[] {a, 0, EDGE}, GK_TOLERANCE)
                : AdaptiveGaussKronrod.integrate(g, a, EDGE, GK_TOLERANCE);
    }

    /** A function of the conditional covariance and means of the last two variables given the first two. */
    interface Conditional {
        double value(double c33, double c34, double c44, double m3, double m4);
    }

    /**
     * E[1[x1 + m1 &gt; 0] h1(x1) 1[x2 + m2 &gt; 0] h2(x2) F] for the first two variables (x1, x2) of a 4 × 4 covariance
     * c (centred, (x1, x2) regular): a two-dimensional Gauss–Kronrod over the shifted half-planes, F given the
     * conditional covariance {c33', c34', c44'} and means of the last two.
     */
    static double twoKinks(double[] c, double m1, double m2, AdaptiveGaussKronrod.Integrand h1,
                           AdaptiveGaussKronrod.Integrand h2, Conditional inner) {
        double l11 = Math.sqrt(c[0]);
        double l21 = c[1] / l11;
        double l22 = Math.sqrt(c[5] - l21 * l21);
        double det = c[0] * c[5] - c[1] * c[1];
        // regression coefficients of (x3, x4) on (x1, x2)
        double b31 = (c[2] * c[5] - c[6] * c[1]) / det;
        double b32 = (c[6] * c[0] - c[2] * c[1]) / det;
        double b41 = (c[3] * c[5] - c[7] * c[1]) / det;
        double b42 = (c[7] * c[0] - c[3] * c[1]) / det;
        double c33 = c[10] - (b31 * c[2] + b32 * c[6]);
        double c34 = c[11] - (b31 * c[3] + b32 * c[7]);
        double c44 = c[15] - (b41 * c[3] + b42 * c[7]);
        return halfLine(-m1 / l11, x1 -> {
            double u = l11 * x1;
            return h1.value(u) * halfLine(-(m2 + l21 * x1) / l22, x2 -> {
                double v = l21 * x1 + l22 * x2;
                return h2.value(v) * inner.value(c33, c34, c44, b31 * u + b32 * v, b41 * u + b42 * v);
            });
        });
    }

    /** The 4 × 4 covariance of the variables in the given order. */
    static double[] permute(double[] c, int... order) {
        double[] p = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                p[i * 4 + j] = c[order[i] * 4 + order[j]];
            }
        }
        return p;
    }
}
