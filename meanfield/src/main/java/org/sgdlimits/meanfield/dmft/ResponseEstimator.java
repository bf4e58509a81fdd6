package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.activation.Activation;

/**
 * How the committee sweep estimates the memory kernel Γ(t, s) = α E[m₁ ∂∇(t)/∂h(s)] (docs/dmft.md §7, §7.1).
 * Both are unbiased for a smooth student; only {@link #GAUSSIAN_PARTS} is for a student with a kink.
 */
enum ResponseEstimator {
    /**
     * Pathwise: the adjoint back-substitution of the Hessian blocks H = ℓ″ σ′σ′ᵀ + ℓ′ diag(σ″) along each path.
     * Needs σ″ everywhere; the lower-variance choice for a smooth student.
     */
    PATHWISE,
    /**
     * Gaussian integration by parts (Stein, Novikov): with the field's Gaussian part h̃ = K ζ (ζ the standard
     * normals of the path, K the lower-triangular field-noise factor of the d-side),
     * E[∂F/∂h̃] = K⁻ᵀ E[F ζ] for F = m₁ ∇(t); no derivative of F, so a kink's δ in σ″ is included exactly.
     */
    GAUSSIAN_PARTS;

    /** The estimator used for a student activation: Gaussian integration by parts exactly when it has a kink. */
    static ResponseEstimator forStudent(Activation student) {
        return student.hasKink() ? GAUSSIAN_PARTS : PATHWISE;
    }
}
