package org.sgdlimits.gauss;

import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.activation.StandardNormal;

/**
 * {@link MeanShiftedMoments} of the (relu, relu) pair with biases, through orthant probabilities
 * (docs/theory.md §3.11.1). With σ_a = √C_aa, h_a = m_a/σ_a, ρ = C12/(σ1σ2), s = √(1 − ρ²), φ and Φ the
 * standard normal density and distribution function and Φ2 the bivariate one ({@link BivariateNormal}):
 * <pre>
 *   J2 = Φ2(h1, h2; ρ)
 *   K2 = σ2 [h2 Φ2 + ρ φ(h1) Φ((h2 − ρh1)/s) + φ(h2) Φ((h1 − ρh2)/s)]
 *   I2 = σ1σ2 [(h1h2 + ρ) Φ2 + h1 φ(h2) Φ((h1 − ρh2)/s) + h2 φ(h1) Φ((h2 − ρh1)/s)
 *              + s φ(h1) φ((h2 − ρh1)/s)]
 *   I3 = C12 φ(h1)/σ1 · E[relu(w + m3) | u = −m1] + C23 Φ2(h1, h3; ρ13)      (Stein on the centred v)
 * </pre>
 * where Φ(x/0) is read as the step (the limit |ρ| → 1, exact for coincident fields). I4 is a 1-D integral over
 * u ≥ −m1 of the conditional law, whose integrand is again a 1-D integral over v ≥ −m2 of the closed-form I2 of
 * (w, z) given (u, v); both integrals are adaptive Gauss–Kronrod split at the kink, to an absolute tolerance
 * of {@link #I4_TOLERANCE}. A slot whose conditional variance vanishes (a field repeated, e.g. u = v) is
 * deterministic given the previous ones and is not integrated. All means zero reproduces {@link ReluMoments}.
 * Stateless and thread-safe.
 */
public final class ReluShiftedMoments extends OneActivationShiftedMoments {
    /** The single instance. */
    public static final ReluShiftedMoments INSTANCE = new ReluShiftedMoments();
    /** Absolute tolerance of the adaptive integrals in I4 (relative to the scale σ3σ4). */
    public static final double I4_TOLERANCE = 1e-12;
    /** Conditional variances below this fraction of the unconditional one are treated as zero. */
    static final double DEGENERATE = 1e-13;
    /** The Gaussian tail beyond this many standard deviations is dropped (φ(9) ≈ 1e-18). */
    private static final double TAIL = 9.0;

    private ReluShiftedMoments() {
        super(StandardActivation.RELU, ReluShiftedMoments::i2, ReluShiftedMoments::k2,
                ReluShiftedMoments::j2Of, ReluShiftedMoments::i3, ReluShiftedMoments::i4);
    }

    /** Φ(x/s), with the step (½ at 0) when s = 0. */
    private static double cdfOver(double x, double s) {
        if (s == 0) {
            return x > 0 ? 1 : x < 0 ? 0 : 0.5;
        }
        return BivariateNormal.normalCdf(x / s);
    }

    private static double correlation(double c11, double c12, double c22) {
        double r = c12 / Math.sqrt(c11 * c22);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    private static double complement(double rho) {
        double q = (1 - rho) * (1 + rho);
        return q <= 1e-28 ? 0 : Math.sqrt(q);
    }

    /** Φ2(h1, h2; ρ) with the exact limits at ρ = ±1. */
    static double orthant(double h1, double h2, double rho) {
        if (1 - rho <= 1e-15) {
            return BivariateNormal.normalCdf(Math.min(h1, h2));
        }
        if (1 + rho <= 1e-15) {
            return Math.max(0, BivariateNormal.normalCdf(h1) + BivariateNormal.normalCdf(h2) - 1);
        }
        return BivariateNormal.cdf(h1, h2, rho);
    }

    /** E[relu(w + m)] for w ~ N(0, c), c ≥ 0. */
    static double reluMean(double c, double m) {
        if (c <= 0) {
            return Math.max(m, 0);
        }
        double s = Math.sqrt(c);
        return s * StandardNormal.density(m / s) + m * BivariateNormal.normalCdf(m / s);
    }

    /** E[step(w + m)] for w ~ N(0, c), c ≥ 0 (½ at a deterministic 0). */
    static double stepMean(double c, double m) {
        if (c <= 0) {
            return m > 0 ? 1 : m < 0 ? 0 : 0.5;
        }
        return BivariateNormal.normalCdf(m / Math.sqrt(c));
    }

    /** I2 = E[relu(u + m1) relu(v + m2)] (static form); zero variances allowed. */
    public static double i2(double c11, double c12, double c22, double m1, double m2) {
        if (c11 <= 0) {
            return Math.max(m1, 0) * reluMean(c22, m2);
        }
        if (c22 <= 0) {
            return Math.max(m2, 0) * reluMean(c11, m1);
        }
        double s1 = Math.sqrt(c11);
        double s2 = Math.sqrt(c22);
        double h1 = m1 / s1;
        double h2 = m2 / s2;
        double rho = correlation(c11, c12, c22);
        double s = complement(rho);
        double p1 = StandardNormal.density(h1);
        double p2 = StandardNormal.density(h2);
        double standard = (h1 * h2 + rho) * orthant(h1, h2, rho) + h1 * p2 * cdfOver(h1 - rho * h2, s)
                + h2 * p1 * cdfOver(h2 - rho * h1, s) + (s == 0 ? 0 : s * p1 * StandardNormal.density((h2 - rho * h1) / s));
        return s1 * s2 * standard;
    }

    /** K2 = E[step(u + m1) relu(v + m2)] (static form); zero variances allowed. */
    public static double k2(double c11, double c12, double c22, double m1, double m2) {
        if (c11 <= 0) {
            return stepMean(0, m1) * reluMean(c22, m2);
        }
        if (c22 <= 0) {
            return Math.max(m2, 0) * stepMean(c11, m1);
        }
        double s1 = Math.sqrt(c11);
        double s2 = Math.sqrt(c22);
        double h1 = m1 / s1;
        double h2 = m2 / s2;
        double rho = correlation(c11, c12, c22);
        double s = complement(rho);
        return s2 * (h2 * orthant(h1, h2, rho) + rho * StandardNormal.density(h1) * cdfOver(h2 - rho * h1, s)
                + StandardNormal.density(h2) * cdfOver(h1 - rho * h2, s));
    }

    /** J2 = E[step(u + m1) step(v + m2)] (static form). */
    public static double j2Of(double c11, double c12, double c22, double m1, double m2) {
        if (c11 <= 0) {
            return stepMean(0, m1) * stepMean(c22, m2);
        }
        if (c22 <= 0) {
            return stepMean(0, m2) * stepMean(c11, m1);
        }
        return orthant(m1 / Math.sqrt(c11), m2 / Math.sqrt(c22), correlation(c11, c12, c22));
    }

    /** I3 = E[step(u + m1) v relu(w + m3)], v centred (static form). */
    public static double i3(double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                            double m3) {
        if (c11 <= 0) {
            // step(m1) deterministic: Stein on v alone
            return stepMean(0, m1) * c23 * stepMean(c33, m3);
        }
        double s1 = Math.sqrt(c11);
        double h1 = m1 / s1;
        double condMean = m3 - c13 * m1 / c11;
        double condVar = Math.max(0, c33 - c13 * c13 / c11);
        double density = StandardNormal.density(h1) / s1;
        return c12 * density * reluMean(condVar, condMean) + c23 * j2Of(c11, c13, c33, m1, m3);
    }

    /** I4 = E[step(u + m1) step(v + m2) relu(w + m3) relu(z + m4)] (static form), see the class comment. */
    public static double i4(double c11, double c12, double c13, double c14, double c22, double c23, double c24,
                            double c33, double c34, double c44, double m1, double m2, double m3, double m4) {
        double scale = Math.sqrt(Math.max(c33, 1e-300) * Math.max(c44, 1e-300)) + Math.abs(m3 * m4) + 1e-300;
        double tolerance = I4_TOLERANCE * scale;
        if (c11 <= DEGENERATE * Math.max(c11, 1.0)) {
            double s = stepMean(0, m1);
            return s == 0 ? 0 : s * stepThenI2(c22, c23, c24, c33, c34, c44, m2, m3, m4, tolerance);
        }
        double s1 = Math.sqrt(c11);
        double a2 = c12 / s1;
        double a3 = c13 / s1;
        double a4 = c14 / s1;
        double v22 = c22 - a2 * a2;
        double v23 = c23 - a2 * a3;
        double v24 = c24 - a2 * a4;
        double v33 = c33 - a3 * a3;
        double v34 = c34 - a3 * a4;
        double v44 = c44 - a4 * a4;
        double lower = -m1 / s1;
        if (lower >= TAIL) {
            return 0;
        }
        AdaptiveGaussKronrod.Integrand f = t -> StandardNormal.density(t)
                * stepThenI2(v22, v23, v24, v33, v34, v44, m2 + a2 * t, m3 + a3 * t, m4 + a4 * t, tolerance);
        return integrateTail(f, lower, tolerance);
    }

    /** ∫ from max(lower, −TAIL) to TAIL, split at 0 when inside. */
    private static double integrateTail(AdaptiveGaussKronrod.Integrand f, double lower, double tolerance) {
        double a = Math.max(lower, -TAIL);
        if (a < 0) {
            return AdaptiveGaussKronrod.integrate(f, new double[] {a, 0, TAIL}, tolerance);
        }
        return AdaptiveGaussKronrod.integrate(f, a, TAIL, tolerance);
    }

    /** E[step(v + m2) relu(w + m3) relu(z + m4)] by conditioning on v (deterministic v allowed). */
    private static double stepThenI2(double c22, double c23, double c24, double c33, double c34, double c44,
                                     double m2, double m3, double m4, double tolerance) {
        if (c22 <= DEGENERATE * Math.max(Math.max(c33, c44), 1.0)) {
            double s = stepMean(0, m2);
            return s == 0 ? 0 : s * i2(Math.max(c33, 0), c34, Math.max(c44, 0), m3, m4);
        }
        double s2 = Math.sqrt(c22);
        double a3 = c23 / s2;
        double a4 = c24 / s2;
        double v33 = Math.max(0, c33 - a3 * a3);
        double v34 = c34 - a3 * a4;
        double v44 = Math.max(0, c44 - a4 * a4);
        double lower = -m2 / s2;
        if (lower >= TAIL) {
            return 0;
        }
        AdaptiveGaussKronrod.Integrand g = t -> StandardNormal.density(t) * i2(v33, v34, v44, m3 + a3 * t, m4 + a4 * t);
        return integrateTail(g, lower, tolerance);
    }

    @Override
    public String toString() {
        return "ReluShiftedMoments";
    }
}
