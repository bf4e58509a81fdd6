package org.sgdlimits.activation;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * A hidden-unit activation function σ with its first two derivatives.
 *
 * <p>Conventions (docs/theory.md §1): pre-activations are λ = w·x/√d with x ~ N(0, I_d), so σ is applied to an
 * O(1) Gaussian field. {@code "erf"} means σ(x) = erf(x/√2), the Saad–Solla convention, for which the
 * Gaussian moments have closed forms.
 *
 * <p>Implementations must be immutable and thread-safe. Standard families are in {@link StandardActivation};
 * user-defined ones are made with {@link #custom}.
 */
public interface Activation {

    /**
     * Short lower-case identifier used in experiment files ("erf", "relu", "linear", "square", "tanh", "he1" …
     * "he6", "polynomial[c0,c1,...]" for a general polynomial, or a custom name).
     */
    String id();

    /** σ(x). */
    double value(double x);

    /** σ'(x). For ReLU, the right derivative (1 for x &gt; 0, 0 otherwise). */
    double derivative(double x);

    /** σ''(x) (0 almost everywhere for ReLU). */
    double secondDerivative(double x);

    /**
     * The reflection symmetry of σ (used by engines to halve symmetric quadrature rules).
     * Default: {@link Parity#NONE} (no symmetry assumed).
     */
    default Parity parity() {
        return Parity.NONE;
    }

    /**
     * The degree n of positive homogeneity σ(cx) = cⁿ σ(x) for all c &gt; 0 (linear and ReLU: 1, x²: 2), or
     * empty when σ is not positively homogeneous. The exact finite-d noise factor (1 + m/d) of docs/theory.md §3
     * uses it. Default: empty.
     */
    default OptionalInt homogeneityDegree() {
        return OptionalInt.empty();
    }

    /**
     * Whether σ' jumps at x = 0 (ReLU): quadratures then split their rule at the kink. Default: false.
     */
    default boolean hasKink() {
        return false;
    }

    /**
     * The half-width d of the strip |Im x| &lt; d around the real axis in which σ is analytic (the distance of its
     * nearest complex singularity): +∞ for entire functions (erf, GELU, polynomials), π/2 for tanh, π for the
     * logistic family (sigmoid, softplus, SiLU), 0 for a kink. Smooth-activation quadratures choose their step
     * from it (docs/theory.md §3.10). Default: 0 with a kink, +∞ for a polynomial, else π/2 (a conservative guess
     * for user-defined functions: too small only costs nodes).
     */
    default double analyticHalfWidth() {
        if (hasKink()) {
            return 0;
        }
        return polynomialCoefficients() != null ? Double.POSITIVE_INFINITY : Math.PI / 2;
    }

    /**
     * σ' as a bell-shaped Gaussian scale mixture (erf, tanh, sigmoid), or {@code null} when σ' is not known to be
     * one. Fast smooth moments tilt the Gaussian by the mixture's components (docs/theory.md §3.10.1).
     * Default: {@code null}.
     */
    default BellShapedDerivative bellShapedDerivative() {
        return null;
    }

    /**
     * The degree of σ when it is a polynomial (linear: 1, square: 2, He_k: k), else empty. Default: empty.
     */
    default OptionalInt polynomialDegree() {
        double[] c = polynomialCoefficients();
        return c == null ? OptionalInt.empty() : OptionalInt.of(c.length - 1);
    }

    /**
     * The coefficients (c_0, …, c_n) of σ(x) = Σ_j c_j x^j when σ is a polynomial (a fresh copy; c_n ≠ 0 unless
     * σ ≡ 0), else {@code null}. Exact Gaussian moments (Wick/Isserlis) use them. Default: {@code null}.
     */
    default double[] polynomialCoefficients() {
        return null;
    }

    /**
     * The standard activation or named Hermite polynomial ({@code he1} … {@code he6}) with this name
     * (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values when the name is unknown
     */
    static Activation named(String name) {
        if (name == null) {
            throw new InvalidFieldException(FieldPath.parse("activation"), "missing; allowed: " + StandardActivation.allowedNames());
        }
        String key = name.toLowerCase(Locale.ROOT).trim();
        for (StandardActivation a : StandardActivation.values()) {
            if (a.id().equals(key)) {
                return a;
            }
        }
        for (int k = 1; k <= PolynomialActivation.MAX_HERMITE; k++) {
            if (key.equals(PolynomialActivation.HERMITE_PREFIX + k)) {
                return PolynomialActivation.hermite(k);
            }
        }
        throw new InvalidFieldException(FieldPath.parse("activation"), "unknown value '" + name + "'; allowed: "
                + StandardActivation.allowedNames() + ", he1..he" + PolynomialActivation.MAX_HERMITE
                + " or {\"polynomial\": [c0, c1, ...]}");
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
