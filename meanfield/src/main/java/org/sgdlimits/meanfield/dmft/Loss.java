package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Locale;

/**
 * A smooth per-sample loss ℓ(r, y) of the student field r and the label y, with its first two derivatives in r
 * (docs/dmft.md §1). Non-smooth losses (hinge, perceptron) have ℓ″ = δ and are not supported by the DMFT sweep.
 * Implementations are immutable and thread-safe.
 */
public interface Loss {

    /** Identifier in experiment files. */
    String id();

    /** ℓ(r, y). */
    double value(double r, double y);

    /** ∂ℓ/∂r. */
    double first(double r, double y);

    /** ∂²ℓ/∂r². */
    double second(double r, double y);

    /**
     * The loss with this name: square or logistic.
     *
     * @throws IllegalArgumentException naming {@code field} and the allowed values
     */
    static Loss named(String name, String field) {
        String id = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StandardLoss l : StandardLoss.values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        String why = id.equals("hinge") || id.equals("perceptron")
                ? " is not smooth (its second derivative is a delta), which the DMFT sweep needs; " : "; ";
        throw new InvalidFieldException(FieldPath.parse(field), "'" + name + "'" + why + "allowed: square, logistic");
    }
}
