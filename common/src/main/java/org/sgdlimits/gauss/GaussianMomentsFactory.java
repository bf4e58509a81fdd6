package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Chooses the moment provider for an activation pair (student σ, teacher σ*).
 *
 * <p>Closed forms are used when both activations belong to the same closed family:
 * <ul>
 *   <li>(erf, erf): {@link ErfMoments} (Saad–Solla closed forms, exact to rounding)</li>
 *   <li>(relu, relu): {@link ReluMoments} (I2, I3, J2 closed; I4 an exact one-dimensional integral, ~1e-13)</li>
 *   <li>linear/square in any combination: {@link PolynomialMoments} (exact, Wick/Isserlis)</li>
 * </ul>
 * Every other pair (tanh, custom activations, mixed families such as (erf, relu) or (relu, linear)) uses
 * {@link GaussHermiteMoments} with {@link GaussHermiteQuadrature#DEFAULT_NODES} nodes per axis: accurate for
 * smooth activations (see the table in {@link GaussHermiteQuadrature}), slowly convergent when a ReLU kink is
 * involved, and much slower than the closed forms (tens of milliseconds per I4).
 */
final class GaussianMomentsFactory {
    private GaussianMomentsFactory() {
    }

    static GaussianMoments forPair(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("activation: missing (student=" + student + ", teacher=" + teacher + ")");
        }
        if (student == StandardActivation.ERF && teacher == StandardActivation.ERF) {
            return ErfMoments.INSTANCE;
        }
        if (student == StandardActivation.RELU && teacher == StandardActivation.RELU) {
            return ReluMoments.INSTANCE;
        }
        if (PolynomialMoments.supports(student) && PolynomialMoments.supports(teacher)) {
            return new PolynomialMoments(student, teacher);
        }
        return new GaussHermiteMoments(student, teacher);
    }
}
