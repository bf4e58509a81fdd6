package org.sgdlimits.activation;

import java.util.Locale;

/**
 * A hidden-unit activation function σ with its first two derivatives.
 *
 * <p>Conventions (SPEC §1): pre-activations are λ = w·x/√d with x ~ N(0, I_d), so σ is applied to an
 * O(1) Gaussian field. {@code "erf"} means σ(x) = erf(x/√2), the Saad–Solla convention, for which the
 * Gaussian moments have closed forms.
 *
 * <p>Implementations must be immutable and thread-safe. Standard families are in {@link StandardActivation};
 * user-defined ones are made with {@link #custom}.
 */
public interface Activation {

    /** Short lower-case identifier used in experiment files ("erf", "relu", "linear", "square", "tanh", or a custom name). */
    String id();

    /** σ(x). */
    double value(double x);

    /** σ'(x). For ReLU, the right derivative (1 for x &gt; 0, 0 otherwise). */
    double derivative(double x);

    /** σ''(x) (0 almost everywhere for ReLU). */
    double secondDerivative(double x);

    /**
     * The standard activation with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values when the name is unknown
     */
    static Activation named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("activation: missing; allowed: " + StandardActivation.allowedNames());
        }
        for (StandardActivation a : StandardActivation.values()) {
            if (a.id().equals(name.toLowerCase(Locale.ROOT).trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation: unknown value '" + name + "'; allowed: "
                + StandardActivation.allowedNames());
    }

    /** A user-defined activation; its Gaussian moments are computed by quadrature. */
    static Activation custom(String id, Function value, Function derivative, Function secondDerivative) {
        return new CustomActivation(id, value, derivative, secondDerivative);
    }

    /** A real function of one real variable (kept primitive to avoid boxing in hot loops). */
    @FunctionalInterface
    interface Function {
        double apply(double x);
    }
}
