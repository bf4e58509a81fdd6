package org.sgdlimits.gauss;

import org.hipparchus.special.Erf;
import org.sgdlimits.activation.StandardActivation;

/**
 * {@link MeanShiftedMoments} of the (erf, erf) pair, σ(x) = erf(x/√2), in closed form (docs/theory.md §3.11).
 *
 * <p>Gaussian tilting with a shift: σ'(x + m) = √(2/π) e^(−(x+m)²/2), so for the tilted slots S
 * <pre>
 *   E[Π_{s∈S} σ'(u_s + m_s) h(u)] = (2/π)^{|S|/2} det(A)^(−1/2) exp(−½ m_Sᵀ A⁻¹ m_S) E_{N(μ', C')}[h],
 *   A = I + C_SS,  C' = C − C_{:,S} A⁻¹ C_{S,:},  μ' = −C_{:,S} A⁻¹ m_S,
 * </pre>
 * and with σ(x) = 2Φ(x) − 1 written through an independent standard normal,
 * E[σ(u + m1) σ(v + m2)] = 4 [Φ2(h1, h2; ρ) − Φ(h1)Φ(h2)] + erf(h1/√2) erf(h2/√2),
 * h_a = m_a/√(1 + C_aa), ρ = C12/√((1 + C11)(1 + C22)) ({@link BivariateNormal}, Owen/Plackett). Then
 * K2, J2 and I3 (Stein's lemma on the centred v under the tilted law) are elementary and I4 = J2 · I2 of the
 * tilted law. Since |ρ| &lt; 1 strictly (the 1 + C in the denominators), the bivariate integral is smooth.
 * Stateless.
 */
public final class ErfShiftedMoments extends OneActivationShiftedMoments {
    /** The single instance. */
    public static final ErfShiftedMoments INSTANCE = new ErfShiftedMoments();
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    private ErfShiftedMoments() {
        super(StandardActivation.ERF, ErfShiftedMoments::i2, ErfShiftedMoments::k2,
                ErfShiftedMoments::j2Of, ErfShiftedMoments::i3, ErfShiftedMoments::i4);
    }

    /** E[σ(w + m)] for w ~ N(0, c). */
    static double mean(double c, double m) {
        return Erf.erf(m / (SQRT2 * Math.sqrt(1 + c)));
    }

    /** E[σ'(w + m)] for w ~ N(0, c). */
    static double derivativeMean(double c, double m) {
        double s = 1 + c;
        return SQRT_2_OVER_PI / Math.sqrt(s) * Math.exp(-0.5 * m * m / s);
    }

    /** I2 = E[σ(u + m1) σ(v + m2)] (static form). */
    public static double i2(double c11, double c12, double c22, double m1, double m2) {
        double s1 = Math.sqrt(1 + c11);
        double s2 = Math.sqrt(1 + c22);
        if (m1 == 0 && m2 == 0) {
            return ErfMoments.i2(c11, c12, c22);
        }
        double h1 = m1 / s1;
        double h2 = m2 / s2;
        double rho = c12 / (s1 * s2);
        return 4 * BivariateNormal.correlationExcess(h1, h2, rho) + Erf.erf(h1 / SQRT2) * Erf.erf(h2 / SQRT2);
    }

    /** K2 = E[σ'(u + m1) σ(v + m2)] (static form). */
    public static double k2(double c11, double c12, double c22, double m1, double m2) {
        double t = 1 + c11;
        double tiltedMean = m2 - c12 * m1 / t;
        double tiltedVariance = c22 - c12 * c12 / t;
        return derivativeMean(c11, m1) * mean(tiltedVariance, tiltedMean);
    }

    /** J2 = E[σ'(u + m1) σ'(v + m2)] (static form). */
    public static double j2Of(double c11, double c12, double c22, double m1, double m2) {
        double a11 = 1 + c11;
        double a22 = 1 + c22;
        double det = a11 * a22 - c12 * c12;
        double quadratic = (a22 * m1 * m1 - 2 * c12 * m1 * m2 + a11 * m2 * m2) / det;
        return (2 / Math.PI) / Math.sqrt(det) * Math.exp(-0.5 * quadratic);
    }

    /** I3 = E[σ'(u + m1) v σ(w + m3)], v centred (static form). */
    public static double i3(double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                            double m3) {
        double t = 1 + c11;
        double mu2 = -c12 * m1 / t;
        double w = m3 - c13 * m1 / t;
        double v23 = c23 - c12 * c13 / t;
        double v33 = c33 - c13 * c13 / t;
        // Stein on the tilted v (mean mu2): E[v σ(w)] = mu2 E[σ(w)] + C'23 E[σ'(w)]
        return derivativeMean(c11, m1) * (mu2 * mean(v33, w) + v23 * derivativeMean(v33, w));
    }

    /** I4 = E[σ'(u + m1) σ'(v + m2) σ(w + m3) σ(z + m4)] (static form). */
    public static double i4(double c11, double c12, double c13, double c14, double c22, double c23, double c24,
                            double c33, double c34, double c44, double m1, double m2, double m3, double m4) {
        double a11 = 1 + c11;
        double a22 = 1 + c22;
        double det = a11 * a22 - c12 * c12;
        // rows of A⁻¹ = [[a22, −c12], [−c12, a11]]/det applied to (c1w, c2w)
        double x3 = (a22 * c13 - c12 * c23) / det;
        double y3 = (a11 * c23 - c12 * c13) / det;
        double x4 = (a22 * c14 - c12 * c24) / det;
        double y4 = (a11 * c24 - c12 * c14) / det;
        double t33 = c33 - (c13 * x3 + c23 * y3);
        double t34 = c34 - (c13 * x4 + c23 * y4);
        double t44 = c44 - (c14 * x4 + c24 * y4);
        double mu3 = m3 - (x3 * m1 + y3 * m2);
        double mu4 = m4 - (x4 * m1 + y4 * m2);
        return j2Of(c11, c12, c22, m1, m2) * i2(t33, t34, t44, mu3, mu4);
    }

    @Override
    public String toString() {
        return "ErfShiftedMoments";
    }
}
