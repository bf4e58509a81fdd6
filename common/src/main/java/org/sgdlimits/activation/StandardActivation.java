package org.sgdlimits.activation;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The standard activation families. Their enum names, in lower case, are the names used in experiment files.
 * Each may offer closed-form Gaussian moments (see {@code org.sgdlimits.gauss}).
 */
public enum StandardActivation implements Activation {
    /** σ(x) = erf(x/√2); σ'(x) = √(2/π) exp(−x²/2). */
    ERF {
        @Override public double value(double x) { return ErrorFunction.erf(x * INV_SQRT2); }
        @Override public double derivative(double x) { return SQRT_2_OVER_PI * Math.exp(-0.5 * x * x); }
        @Override public double secondDerivative(double x) { return -x * SQRT_2_OVER_PI * Math.exp(-0.5 * x * x); }
        @Override public Parity parity() { return Parity.ODD; }
        @Override public double analyticHalfWidth() { return Double.POSITIVE_INFINITY; }
        @Override public BellShapedDerivative bellShapedDerivative() {
            return new BellShapedDerivative(BellShapedDerivative.Bell.GAUSSIAN, SQRT_2_OVER_PI, 1);
        }
    },
    /** σ(x) = max(0, x). */
    RELU {
        @Override public double value(double x) { return x > 0 ? x : 0.0; }
        @Override public double derivative(double x) { return x > 0 ? 1.0 : 0.0; }
        @Override public double secondDerivative(double x) { return 0.0; }
        @Override public OptionalInt homogeneityDegree() { return OptionalInt.of(1); }
        @Override public boolean hasKink() { return true; }
    },
    /** σ(x) = x. */
    LINEAR {
        @Override public double value(double x) { return x; }
        @Override public double derivative(double x) { return 1.0; }
        @Override public double secondDerivative(double x) { return 0.0; }
        @Override public Parity parity() { return Parity.ODD; }
        @Override public OptionalInt homogeneityDegree() { return OptionalInt.of(1); }
        @Override public double[] polynomialCoefficients() { return new double[] {0, 1}; }
    },
    /** σ(x) = x² (phase retrieval, docs/theory.md §6). */
    SQUARE {
        @Override public double value(double x) { return x * x; }
        @Override public double derivative(double x) { return 2 * x; }
        @Override public double secondDerivative(double x) { return 2.0; }
        @Override public Parity parity() { return Parity.EVEN; }
        @Override public OptionalInt homogeneityDegree() { return OptionalInt.of(2); }
        @Override public double[] polynomialCoefficients() { return new double[] {0, 0, 1}; }
    },
    /** σ(x) = tanh(x). */
    TANH {
        @Override public double value(double x) { return Math.tanh(x); }
        @Override public double derivative(double x) { double t = Math.tanh(x); return 1 - t * t; }
        @Override public double secondDerivative(double x) { double t = Math.tanh(x); return -2 * t * (1 - t * t); }
        @Override public Parity parity() { return Parity.ODD; }
        @Override public double analyticHalfWidth() { return Math.PI / 2; }
        @Override public BellShapedDerivative bellShapedDerivative() {
            return new BellShapedDerivative(BellShapedDerivative.Bell.SECH_SQUARED, 1, 1); // σ' = sech²(x)
        }
    },
    /** σ(x) = 1/(1 + e^(−x)), the logistic sigmoid. */
    SIGMOID {
        @Override public double value(double x) { return logistic(x); }
        @Override public double derivative(double x) { double s = logistic(x); return s * (1 - s); }
        @Override public double secondDerivative(double x) {
            double s = logistic(x);
            return s * (1 - s) * (1 - 2 * s);
        }
        @Override public double analyticHalfWidth() { return Math.PI; }
        @Override public BellShapedDerivative bellShapedDerivative() {
            return new BellShapedDerivative(BellShapedDerivative.Bell.SECH_SQUARED, 0.25, 2); // σ' = ¼ sech²(x/2)
        }
    },
    /** σ(x) = log(1 + eˣ); σ' = sigmoid. */
    SOFTPLUS {
        @Override public double value(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
        @Override public double derivative(double x) { return logistic(x); }
        @Override public double secondDerivative(double x) { double s = logistic(x); return s * (1 - s); }
        @Override public double analyticHalfWidth() { return Math.PI; }
    },
    /** σ(x) = x Φ(x) (Gaussian error linear unit, exact form), Φ the standard normal distribution function. */
    GELU {
        @Override public double value(double x) { return x * StandardNormal.fastCdf(x); }
        @Override public double derivative(double x) {
            return StandardNormal.fastCdf(x) + x * StandardNormal.density(x);
        }
        @Override public double secondDerivative(double x) { return (2 - x * x) * StandardNormal.density(x); }
        @Override public double analyticHalfWidth() { return Double.POSITIVE_INFINITY; }
    },
    /** σ(x) = x/(1 + e^(−x)) (SiLU, "swish"). */
    SILU {
        @Override public double value(double x) { return x * logistic(x); }
        @Override public double derivative(double x) { double s = logistic(x); return s + x * s * (1 - s); }
        @Override public double secondDerivative(double x) {
            double s = logistic(x);
            return s * (1 - s) * (2 + x * (1 - 2 * s));
        }
        @Override public double analyticHalfWidth() { return Math.PI; }
    };

    /** 1/(1 + e^(−x)) without overflow. */
    static double logistic(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** The identifier used in experiment files: the enum name in lower case. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /** Comma-separated list of the allowed names, for error messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(StandardActivation::id).collect(Collectors.joining(", "));
    }
}
