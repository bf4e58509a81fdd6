package org.sgdlimits.activation;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A polynomial activation σ(x) = Σ_j c_j x^j: the probabilists' Hermite polynomials He_1 … He_6 (ids
 * {@code he1} … {@code he6}) or any polynomial given by its coefficients. Gaussian moments of polynomials are
 * exact (Wick/Isserlis, docs/theory.md §3.7). Immutable, thread-safe.
 *
 * <p>He_0 = 1, He_1 = x, He_{n+1}(x) = x He_n(x) − n He_{n−1}(x); for (u, v) standard Gaussians with
 * correlation ρ, E[He_j(u) He_k(v)] = δ_jk k! ρ^k. Among them He_k has information exponent k.
 */
public final class PolynomialActivation implements Activation {

    /** Largest degree accepted (each four-point moment then needs at most 9⁴ Isserlis moments). */
    public static final int MAX_DEGREE = 8;
    /** Largest Hermite index with a name ({@code he1} … {@code he6}). */
    public static final int MAX_HERMITE = 6;
    /** Id prefix of the named Hermite polynomials. */
    public static final String HERMITE_PREFIX = "he";

    private static final PolynomialActivation[] HERMITE = new PolynomialActivation[MAX_HERMITE + 1];

    static {
        for (int k = 1; k <= MAX_HERMITE; k++) {
            HERMITE[k] = new PolynomialActivation(HERMITE_PREFIX + k, true, hermiteCoefficients(k));
        }
    }

    private final String id;
    private final boolean named;
    private final double[] value;
    private final double[] first;
    private final double[] second;

    private PolynomialActivation(String id, boolean named, double[] coefficients) {
        this.id = id;
        this.named = named;
        this.value = coefficients;
        this.first = derivativeCoefficients(coefficients);
        this.second = derivativeCoefficients(first);
    }

    /**
     * The probabilists' Hermite polynomial He_k, id {@code "he" + k} (one shared instance per k).
     *
     * @throws IllegalArgumentException unless 1 ≤ k ≤ {@value #MAX_HERMITE}
     */
    public static PolynomialActivation hermite(int k) {
        if (k < 1 || k > MAX_HERMITE) {
            throw new InvalidFieldException(FieldPath.parse("activation"), "he" + k + " is not allowed; must be he1..he" + MAX_HERMITE);
        }
        return HERMITE[k];
    }

    /** Coefficients (c_0, …, c_k) of He_k, k ≥ 0, from the three-term recurrence. */
    public static double[] hermiteCoefficients(int k) {
        double[] previous = {1};
        double[] current = {1};
        if (k == 0) {
            return current;
        }
        current = new double[] {0, 1};
        for (int n = 1; n < k; n++) {
            double[] next = new double[n + 2];
            for (int j = 0; j <= n; j++) {
                next[j + 1] += current[j];
            }
            for (int j = 0; j < previous.length; j++) {
                next[j] -= n * previous[j];
            }
            previous = current;
            current = next;
        }
        return current;
    }

    /**
     * The polynomial Σ_j c_j x^j (experiment file: {@code {"polynomial": [c0, c1, …]}}).
     *
     * @throws IllegalArgumentException (field {@code activation.polynomial}) unless there are 2 to
     *                                  {@value #MAX_DEGREE} + 1 finite coefficients with a non-zero last one
     */
    public static PolynomialActivation of(double... coefficients) {
        String field = "activation.polynomial";
        if (coefficients == null || coefficients.length < 2 || coefficients.length > MAX_DEGREE + 1) {
            throw new InvalidFieldException(FieldPath.parse(field), (coefficients == null ? 0 : coefficients.length)
                    + " coefficients; must be 2.." + (MAX_DEGREE + 1) + " (degree 1.." + MAX_DEGREE + ")");
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new InvalidFieldException(FieldPath.parse(field), "coefficient " + j + " is " + coefficients[j]
                        + "; must be finite");
            }
        }
        if (coefficients[coefficients.length - 1] == 0) {
            throw new InvalidFieldException(FieldPath.parse(field), "the last coefficient (degree " + (coefficients.length - 1)
                    + ") is 0; must be non-zero (drop trailing zeros)");
        }
        double[] c = coefficients.clone();
        StringBuilder s = new StringBuilder("polynomial[");
        for (int j = 0; j < c.length; j++) {
            s.append(j == 0 ? "" : ",").append(c[j]);
        }
        return new PolynomialActivation(s.append(']').toString(), false, c);
    }

    /**
     * The polynomial Σ_k h_k He_k(x) given by its probabilists' Hermite coefficients (experiment file:
     * {@code {"hermite": [h0, h1, …]}}), as monomial coefficients through {@link #hermiteCoefficients}.
     *
     * @throws IllegalArgumentException as {@link #of} (degree at most {@value #MAX_DEGREE}, finite, last non-zero),
     *                                  messages starting with "activation.hermite:"
     */
    public static PolynomialActivation ofHermite(double... hermite) {
        String field = "activation.hermite";
        if (hermite == null || hermite.length == 0) {
            throw new InvalidFieldException(FieldPath.parse(field), "empty; give [h0, h1, ...] with at least one coefficient");
        }
        if (hermite.length - 1 > MAX_DEGREE) {
            throw new InvalidFieldException(FieldPath.parse(field), "degree " + (hermite.length - 1) + "; allowed at most "
                    + MAX_DEGREE);
        }
        double[] c = new double[hermite.length];
        for (int k = 0; k < hermite.length; k++) {
            if (!Double.isFinite(hermite[k])) {
                throw new InvalidFieldException(FieldPath.parse(field), "coefficient " + k + " is " + hermite[k]
                        + "; must be finite");
            }
            double[] he = hermiteCoefficients(k);
            for (int j = 0; j < he.length; j++) {
                c[j] += hermite[k] * he[j];
            }
        }
        if (hermite[hermite.length - 1] == 0) {
            throw new InvalidFieldException(FieldPath.parse(field), "the last coefficient (degree " + (hermite.length - 1)
                    + ") is 0; must be non-zero (drop trailing zeros)");
        }
        return of(c);
    }

    /** Coefficients of p' for p given by its coefficients ({0} for a constant). */
    public static double[] derivativeCoefficients(double[] c) {
        if (c.length == 1) {
            return new double[] {0};
        }
        double[] d = new double[c.length - 1];
        for (int j = 1; j < c.length; j++) {
            d[j - 1] = j * c[j];
        }
        return d;
    }

    private static double horner(double[] c, double x) {
        double s = c[c.length - 1];
        for (int j = c.length - 2; j >= 0; j--) {
            s = s * x + c[j];
        }
        return s;
    }

    /** Whether this is one of the named Hermite polynomials ({@code he1} … {@code he6}). */
    public boolean isNamed() {
        return named;
    }

    @Override public String id() { return id; }
    @Override public double value(double x) { return horner(value, x); }
    @Override public double derivative(double x) { return horner(first, x); }
    @Override public double secondDerivative(double x) { return horner(second, x); }
    @Override public double[] polynomialCoefficients() { return value.clone(); }

    @Override
    public Parity parity() {
        boolean even = true;
        boolean odd = true;
        for (int j = 0; j < value.length; j++) {
            if (value[j] != 0) {
                even &= j % 2 == 0;
                odd &= j % 2 == 1;
            }
        }
        return odd ? Parity.ODD : even ? Parity.EVEN : Parity.NONE;
    }

    /** A monomial c x^n is positively homogeneous of degree n; any other polynomial is not. */
    @Override
    public OptionalInt homogeneityDegree() {
        for (int j = 0; j < value.length - 1; j++) {
            if (value[j] != 0) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(value.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolynomialActivation p && p.id.equals(id) && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
