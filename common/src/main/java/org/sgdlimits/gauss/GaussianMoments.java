package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;

/**
 * Gaussian expectations of products of activations and pre-activations (docs/theory.md §3), for one pair
 * (student activation σ, teacher activation σ*). Slots marked with a {@link Role} use σ (STUDENT) or σ*
 * (TEACHER); σ' is always the student's derivative.
 *
 * <p>All arguments are entries of the covariance C of jointly Gaussian, zero-mean variables (u, v, w, z);
 * {@code cab} = E[ab] with 1 = u, 2 = v, 3 = w, 4 = z. Arguments are passed as primitives so that hot loops
 * do not allocate. Implementations are immutable and thread-safe.
 *
 * <ul>
 *   <li>I2 = E[σ_a(u) σ_b(v)]</li>
 *   <li>I3 = E[σ'(u) v σ_b(w)]</li>
 *   <li>I4 = E[σ'(u) σ'(v) σ_a(w) σ_b(z)]</li>
 *   <li>J2 = E[σ'(u) σ'(v)]</li>
 * </ul>
 */
public interface GaussianMoments {

    /** The student activation σ. */
    Activation student();

    /** The teacher activation σ*. */
    Activation teacher();

    /** I2 = E[σ_a(u) σ_b(v)], (u, v) ~ N(0, [[c11, c12], [c12, c22]]). */
    double i2(Role a, Role b, double c11, double c12, double c22);

    /** I3 = E[σ'(u) v σ_b(w)] for (u, v, w) with covariance entries cab. */
    double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33);

    /** I4 = E[σ'(u) σ'(v) σ_a(w) σ_b(z)] for (u, v, w, z) with covariance entries cab. */
    double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
              double c24, double c33, double c34, double c44);

    /** J2 = E[σ'(u) σ'(v)], (u, v) ~ N(0, [[c11, c12], [c12, c22]]). */
    double j2(double c11, double c12, double c22);

    /**
     * The best available provider for this pair: closed forms where they exist (erf, linear, square, ReLU,
     * polynomials), {@link ReducedHermiteMoments} for other smooth pairs, {@link KinkMoments} for ReLU mixed with a
     * smooth activation, Gauss–Hermite tensor quadrature for any other pair with a kink.
     */
    static GaussianMoments forPair(Activation student, Activation teacher) {
        return GaussianMomentsFactory.forPair(student, teacher);
    }
}
