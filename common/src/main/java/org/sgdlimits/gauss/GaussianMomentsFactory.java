package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Chooses the moment provider for an activation pair (student σ, teacher σ*).
 *
 * <p>Closed forms are used when both activations belong to the same closed family:
 * <ul>
 *   <li>(erf, erf): {@link ErfMoments}</li>
 *   <li>(relu, relu): {@link ReluMoments} (I4 by an exact one-dimensional integral)</li>
 *   <li>linear/square in any combination: {@link PolynomialMoments} (exact, Wick)</li>
 * </ul>
 * (Being filled in: polynomial/ReLU closed forms, then Gauss–Hermite quadrature for every other pair.)
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
        throw new UnsupportedOperationException("Gaussian moments for (" + student.id() + ", " + teacher.id()
                + ") are not implemented yet");
    }
}
