package org.sgdlimits.schedule;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * The base learning rate γ of the first-layer update (docs/theory.md §2; ODE time t = νγ/(pd), g = γ/p): a finite
 * number &gt; 0. The one place γ is validated: an experiment, {@code OverlapOde.Builder} and {@code SgdSettings}
 * take this value, so a γ read once is never checked again.
 *
 * @param value γ &gt; 0
 */
public record LearningRate(double value) {
    /** The field it is read from in experiment files. */
    public static final FieldPath FIELD = FieldPath.of("learningRate");

    /** @throws InvalidFieldException (field {@code learningRate}) unless γ is a finite number &gt; 0 */
    public LearningRate {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidFieldException(FIELD, value + "; must be a finite number > 0");
        }
    }

    /** g = γ/p, the combination through which γ enters the d → ∞ equations. */
    public double perUnit(int p) {
        return value / p;
    }
}
