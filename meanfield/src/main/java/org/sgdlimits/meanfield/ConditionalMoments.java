package org.sgdlimits.meanfield;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Moments of one student unit conditional on the teacher field (SPEC §5). Under the mean-field closure the
 * pre-activation of unit i is λ = μ + √q⊥ ξ with μ = m P⁻¹ λ* fixed by the teacher field λ* and ξ ~ N(0, 1)
 * independent of everything else. For a batch of n values μ[0..n) and one q⊥ ≥ 0 an implementation fills
 * (σ the student activation, all expectations over ξ only):
 *
 * <ul>
 *   <li>{@code s}    = E[σ(λ)],           {@code variance} = E[σ(λ)²] − E[σ(λ)]²</li>
 *   <li>{@code d}    = E[σ'(λ)],          {@code sd}   = E[σ(λ) σ'(λ)]</li>
 *   <li>{@code dxi}  = E[σ'(λ)(λ − μ)],   {@code sdxi} = E[σ(λ) σ'(λ)(λ − μ)]  (both = √q⊥ E[· ξ])</li>
 *   <li>{@code d2}   = E[σ'(λ)²],         {@code sd2}  = E[σ(λ) σ'(λ)²],  {@code s2d2} = E[σ(λ)² σ'(λ)²]</li>
 * </ul>
 * and, unconditionally, {@link #meanSquare} = E[σ(λ)²] for λ ~ N(0, v).
 *
 * <p>These are Gaussian expectations of one variable; the tests check them against numerical integration
 * and, averaged over the teacher field, against the common {@code org.sgdlimits.gauss} moments.
 * Implementations are immutable and thread-safe; the methods do not allocate.
 */
public interface ConditionalMoments {

    /** The student activation σ. */
    Activation activation();

    /** Fills s[j] and (if {@code variance != null}) variance[j] for j &lt; n. */
    void means(double[] mu, int n, double qPerp, double[] s, double[] variance);

    /** Fills d, sd, dxi, sdxi (the moments of the gradient terms) for j &lt; n. */
    void gradientMoments(double[] mu, int n, double qPerp, double[] d, double[] sd, double[] dxi, double[] sdxi);

    /** Fills d2, sd2, s2d2 (the moments of the SGD-noise term) for j &lt; n. */
    void noiseMoments(double[] mu, int n, double qPerp, double[] d2, double[] sd2, double[] s2d2);

    /** E[σ(λ)²] for λ ~ N(0, variance). */
    double meanSquare(double variance);

    /**
     * The provider for a student activation: closed forms for erf (with Owen's T), linear and square (exact
     * polynomials); Gauss–Hermite quadrature over ξ with {@value QuadratureConditionalMoments#DEFAULT_NODES}
     * nodes for every other activation (≈ 3e-9 for tanh; slow convergence for the ReLU kink).
     */
    static ConditionalMoments forActivation(Activation student) {
        if (student == StandardActivation.ERF) {
            return ErfConditionalMoments.INSTANCE;
        }
        if (student == StandardActivation.LINEAR) {
            return PolynomialConditionalMoments.LINEAR;
        }
        if (student == StandardActivation.SQUARE) {
            return PolynomialConditionalMoments.SQUARE;
        }
        return new QuadratureConditionalMoments(student, QuadratureConditionalMoments.DEFAULT_NODES);
    }
}
