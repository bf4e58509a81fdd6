package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Gaussian expectations of products of activations whose pre-activations have means: the moments of
 * {@link GaussianMoments} for fields u + m_u with u ~ N(0, C) centred and m_u the bias of the unit
 * (docs/theory.md §3.11). The second argument of I3 is the centred field v itself (the input direction of the
 * SGD step, x·w/√d), which carries no mean. Arguments: covariance entries cab = E[ab] of the centred fields
 * (1 = u, 2 = v, 3 = w, 4 = z) and the means m1…m4. All means zero gives the moments of {@link GaussianMoments}
 * (to 1e-14). Implementations are immutable and thread-safe.
 *
 * <ul>
 *   <li>I2 = E[σ_a(u + m1) σ_b(v + m2)]</li>
 *   <li>K2 = E[σ'(u + m1) σ_b(v + m2)] (the bias drift)</li>
 *   <li>I3 = E[σ'(u + m1) v σ_b(w + m3)]</li>
 *   <li>I4 = E[σ'(u + m1) σ'(v + m2) σ_a(w + m3) σ_b(z + m4)]</li>
 *   <li>J2 = E[σ'(u + m1) σ'(v + m2)]</li>
 * </ul>
 */
public interface MeanShiftedMoments {

    /** The student activation σ. */
    Activation student();

    /** The teacher activation σ*. */
    Activation teacher();

    /** I2 = E[σ_a(u + m1) σ_b(v + m2)]. */
    double i2(Role a, Role b, double c11, double c12, double c22, double m1, double m2);

    /** K2 = E[σ'(u + m1) σ_b(v + m2)]. */
    double k2(Role b, double c11, double c12, double c22, double m1, double m2);

    /** I3 = E[σ'(u + m1) v σ_b(w + m3)], v centred. */
    double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33, double m1, double m3);

    /** I4 = E[σ'(u + m1) σ'(v + m2) σ_a(w + m3) σ_b(z + m4)]. */
    double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23, double c24,
              double c33, double c34, double c44, double m1, double m2, double m3, double m4);

    /** J2 = E[σ'(u + m1) σ'(v + m2)]. */
    double j2(double c11, double c12, double c22, double m1, double m2);

    /**
     * The provider for a pair: (erf, erf) closed forms through the bivariate normal distribution
     * ({@link ErfShiftedMoments}); (relu, relu) through orthant probabilities and 1-D integrals
     * ({@link ReluShiftedMoments}); relu with a smooth activation (either way round) by integration exact at the
     * kink ({@link KinkMoments}); polynomial pairs (linear, square, He_k, polynomials) by Gauss–Hermite
     * quadrature with enough nodes to be exact; every other smooth pair by Gauss–Hermite quadrature at the
     * default node count ({@link QuadratureShiftedMoments}).
     *
     * @throws IllegalArgumentException for relu paired with another activation that has a kink (its moments with
     *                                  means are not implemented: tensor quadrature is inaccurate at the kink)
     */
    static MeanShiftedMoments forPair(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("activation: missing (student=" + student + ", teacher=" + teacher + ")");
        }
        if (student == StandardActivation.RELU && teacher == StandardActivation.RELU) {
            return ReluShiftedMoments.INSTANCE;
        }
        if (KinkMoments.supports(student, teacher)) {
            return new KinkMoments(student, teacher);
        }
        if (student == StandardActivation.RELU || teacher == StandardActivation.RELU) {
            throw new IllegalArgumentException("bias: biases with relu need relu or a smooth activation as the "
                    + "other one (" + (student == StandardActivation.RELU ? teacher : student) + " has a kink)");
        }
        if (student == StandardActivation.ERF && teacher == StandardActivation.ERF) {
            return ErfShiftedMoments.INSTANCE;
        }
        if (student.polynomialDegree().isPresent() && teacher.polynomialDegree().isPresent()) {
            int degree = Math.max(student.polynomialDegree().getAsInt(), teacher.polynomialDegree().getAsInt());
            // I4 is a polynomial of degree <= 4 D in the standard normals: exact with 2D + 1 nodes per axis
            return new QuadratureShiftedMoments(student, teacher, new GaussHermiteQuadrature(2 * degree + 1));
        }
        return new QuadratureShiftedMoments(student, teacher, new GaussHermiteQuadrature());
    }
}
