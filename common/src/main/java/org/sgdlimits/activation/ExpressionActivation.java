package org.sgdlimits.activation;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;

/**
 * A user-defined activation given in the experiment file as an expression of {@code x} and its derivative
 * (experiment file: {@code {"expression": "x/(1+exp(-x))", "derivative": "..."}}; docs/experiment-file.md),
 * parsed by exp4j (operators + − * / ^ %, functions such as exp, log, log1p, sqrt, tanh, sin, cos, abs, signum).
 *
 * <p>Validated once at construction: both expressions must parse with {@code x} as their only variable, be finite
 * at the {@link #CHECK_POINTS}, and the derivative must agree there with a central difference of the expression
 * (relative to {@link #DERIVATIVE_TOLERANCE}), so a mistyped derivative is refused rather than integrated.
 * σ'' (used by no moment provider of smooth activations) is a central difference of the derivative. Smoothness
 * is assumed: {@link #analyticHalfWidth()} is the conservative default π/2. Immutable and thread-safe (each
 * thread evaluates its own copy of the parsed expressions).
 */
public final class ExpressionActivation implements Activation {

    /** Points at which the derivative is checked against a central difference of the expression. */
    public static final double[] CHECK_POINTS = {-2.5, -1.1, -0.3, 0.0, 0.4, 1.3, 2.7};
    /** Allowed |σ'_given − σ'_difference| / (1 + |σ'_difference|) at a check point. */
    public static final double DERIVATIVE_TOLERANCE = 1e-6;
    private static final double STEP = 1e-5;
    private static final String VARIABLE = "x";

    private final String expression;
    private final String derivative;
    private final ThreadLocal<Expression> value;
    private final ThreadLocal<Expression> slope;

    private ExpressionActivation(String expression, String derivative) {
        this.expression = expression;
        this.derivative = derivative;
        Expression v = compile(expression, "expression");
        Expression d = compile(derivative, "derivative");
        this.value = ThreadLocal.withInitial(() -> new Expression(v));
        this.slope = ThreadLocal.withInitial(() -> new Expression(d));
    }

    /**
     * Parses and checks an expression activation.
     *
     * @param expression σ(x)
     * @param derivative σ'(x)
     * @throws IllegalArgumentException naming the field ("expression" or "derivative") and the problem
     */
    public static ExpressionActivation of(String expression, String derivative) {
        ExpressionActivation a = new ExpressionActivation(require(expression, "expression"),
                require(derivative, "derivative"));
        for (double x : CHECK_POINTS) {
            double v = a.value(x);
            double d = a.derivative(x);
            if (!Double.isFinite(v)) {
                throw new InvalidFieldException(FieldPath.parse("expression"), "not finite at x = " + x + " (" + v + ")");
            }
            if (!Double.isFinite(d)) {
                throw new InvalidFieldException(FieldPath.parse("derivative"), "not finite at x = " + x + " (" + d + ")");
            }
            double difference = (a.value(x + STEP) - a.value(x - STEP)) / (2 * STEP);
            if (Math.abs(d - difference) > DERIVATIVE_TOLERANCE * (1 + Math.abs(difference))) {
                throw new InvalidFieldException(FieldPath.of("derivative"), String.format(java.util.Locale.ROOT,
                        "%s is not the derivative of %s (at x = %s: %.6g, difference quotient %.6g)",
                        derivative, expression, x, d, difference));
            }
        }
        return a;
    }

    private static String require(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(FieldPath.parse(field), "missing; an expression of x, e.g. \"tanh(x)\"");
        }
        return text.trim();
    }

    private static Expression compile(String text, String field) {
        try {
            Expression e = new ExpressionBuilder(text).variable(VARIABLE).build();
            var check = e.setVariable(VARIABLE, 0.0).validate(true);
            if (!check.isValid()) {
                throw new InvalidFieldException(FieldPath.parse(field), "cannot parse '" + text + "': "
                        + String.join("; ", check.getErrors()));
            }
            return e;
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | java.util.EmptyStackException e) {
            String message = e.getMessage();
            throw new InvalidFieldException(FieldPath.parse(field), "cannot parse '" + text + "': " + message);
        }
    }

    /** The expression σ(x) as given. */
    public String expression() {
        return expression;
    }

    /** The derivative σ'(x) as given. */
    public String derivativeExpression() {
        return derivative;
    }

    @Override
    public String id() {
        return "expression";
    }

    @Override
    public double value(double x) {
        return value.get().setVariable(VARIABLE, x).evaluate();
    }

    @Override
    public double derivative(double x) {
        return slope.get().setVariable(VARIABLE, x).evaluate();
    }

    @Override
    public double secondDerivative(double x) {
        double h = 1e-4 * Math.max(1, Math.abs(x));
        return (derivative(x + h) - derivative(x - h)) / (2 * h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpressionActivation e && e.expression.equals(expression)
                && e.derivative.equals(derivative);
    }

    @Override
    public int hashCode() {
        return expression.hashCode() * 31 + derivative.hashCode();
    }

    @Override
    public String toString() {
        return "expression[" + expression + "]";
    }
}
