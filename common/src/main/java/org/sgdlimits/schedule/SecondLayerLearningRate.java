package org.sgdlimits.schedule;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * The learning rate γ_a of a trained second layer (docs/theory.md §2: a_i ← a_i − (γ_a s/(p d B)) Σ_b e_b σ(λ_ib),
 * so da_i/dt = −s (γ_a/γ) E[e σ(λ_i)]): a finite number &gt; 0. The one place γ_a is validated, as
 * {@link LearningRate} is for γ: {@code Experiment} reads it (with its file-level checks against
 * {@code student.trainSecondLayer}) and hands this value to {@code SgdSettings} and {@code OverlapOde.Builder},
 * which take it without checking it again. A fixed second layer has no such value.
 *
 * @param value γ_a &gt; 0
 */
public record SecondLayerLearningRate(double value) {
    /** The field it is read from in experiment files. */
    public static final FieldPath FIELD = FieldPath.of("secondLayerLearningRate");

    /** @throws InvalidFieldException (field {@code secondLayerLearningRate}) unless γ_a is a finite number &gt; 0 */
    public SecondLayerLearningRate {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidFieldException(FIELD, value + "; must be a finite number > 0 when the second layer is "
                    + "trained");
        }
    }

    /** γ_a/γ, the factor of the second layer's drift in ODE time. */
    public double ratioTo(LearningRate gamma) {
        return value / gamma.value();
    }
}
