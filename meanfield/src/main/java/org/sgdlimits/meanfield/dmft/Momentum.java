package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * Momentum on the d-side (docs/dmft.md §1): with velocity v(0) = 0 and evaluation point p,
 * v(t+1) = β v(t) − η_t ∇L(p(t)), w(t+1) = w(t) + v(t+1), where ∇L includes the ridge term; heavy ball
 * evaluates at p = w, Nesterov at p = w + β v. β = 0 (or kind NONE) is plain gradient descent.
 *
 * @param kind the scheme
 * @param beta momentum β in [0, 1)
 */
public record Momentum(Kind kind, double beta) {

    /** The momentum schemes. */
    public enum Kind {
        NONE, HEAVY_BALL, NESTEROV
    }

    /** No momentum. */
    public static final Momentum NONE = new Momentum(Kind.NONE, 0.0);

    public Momentum {
        if (kind == null) {
            throw new InvalidFieldException(FieldPath.parse("dmft.momentum.kind"), "missing; allowed: none, heavy-ball, nesterov");
        }
        if (!(beta >= 0 && beta < 1)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.momentum.beta"), "" + beta + "; must lie in [0, 1)");
        }
        if (kind == Kind.NONE && beta != 0) {
            throw new InvalidFieldException(FieldPath.parse("dmft.momentum.beta"), "" + beta + " given with kind none; must be 0");
        }
    }

    /** β of the velocity recursion. */
    double velocityDecay() {
        return beta;
    }

    /** β of the look-ahead p = w + β v (Nesterov), else 0. */
    double lookAhead() {
        return kind == Kind.NESTEROV ? beta : 0.0;
    }
}
