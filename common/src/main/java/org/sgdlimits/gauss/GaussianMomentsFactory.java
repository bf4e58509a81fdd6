package org.sgdlimits.gauss;

import java.util.List;
import org.sgdlimits.activation.Activation;

/**
 * Chooses the moment provider for an activation pair (student σ, teacher σ*).
 *
 * <p>Closed forms are used when both activations belong to the same closed family:
 * <ul>
 *   <li>(erf, erf): {@link ErfMoments} (Saad–Solla closed forms, exact to rounding)</li>
 *   <li>(relu, relu): {@link ReluMoments} (I2, I3, J2 closed; I4 an exact one-dimensional integral, ~1e-13)</li>
 *   <li>linear/square in any combination: {@link PolynomialMoments} (exact, Wick/Isserlis)</li>
 * </ul>
 * A smooth pair whose student derivative is a bell-shaped Gaussian scale mixture (tanh, sigmoid, erf with a
 * non-erf teacher) uses {@link ScaleMixtureMoments} (Gaussian tilts and tabulated Mehler coefficients, ≲ 1e-10
 * relative and two to three orders of magnitude faster, docs/theory.md §3.10.1).
 * Every other pair of smooth activations (softplus, GELU, SiLU or custom students, mixed smooth families)
 * uses {@link ReducedHermiteMoments} (dimension reduction and a Mehler series with a computed tail bound, ≲ 1e-11
 * relative at its default tolerance, docs/theory.md §3.10). ReLU mixed with any smooth activation uses
 * {@link KinkMoments} (exact half-line integration across the kink, ≲ 1e-10 relative, docs/theory.md §3.10
 * "Pairs with a kink"); any other pair with a kink falls back to {@link GaussHermiteMoments} with
 * {@link GaussHermiteQuadrature#DEFAULT_NODES} nodes per axis, slowly convergent at the kink.
 */
final class GaussianMomentsFactory {
    /**
     * The registry of closed-form providers for one fixed pair each (the pair is the provider's own
     * {@link GaussianMoments#student()} and {@link GaussianMoments#teacher()}): a new closed form is its provider
     * file plus its entry here; no identity checks elsewhere.
     */
    static final List<GaussianMoments> CLOSED_FORMS = List.of(ErfMoments.INSTANCE, ReluMoments.INSTANCE);

    private GaussianMomentsFactory() {
    }

    static GaussianMoments forPair(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("activation: missing (student=" + student + ", teacher=" + teacher + ")");
        }
        for (GaussianMoments closedForm : CLOSED_FORMS) {
            if (closedForm.student().equals(student) && closedForm.teacher().equals(teacher)) {
                return closedForm;
            }
        }
        if (PolynomialMoments.supports(student) && PolynomialMoments.supports(teacher)) {
            return new PolynomialMoments(student, teacher);
        }
        if (ScaleMixtureMoments.supports(student, teacher)) {
            return new ScaleMixtureMoments(student, teacher);
        }
        if (!student.hasKink() && !teacher.hasKink()) {
            return new ReducedHermiteMoments(student, teacher);
        }
        if (KinkMoments.supports(student, teacher)) {
            return new KinkMoments(student, teacher);
        }
        return new GaussHermiteMoments(student, teacher);
    }
}
