package org.sgdlimits.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expression activations: parsing, the numerical derivative check, Hermite-coefficient polynomials. */
class ExpressionActivationTest {

    static final String SILU = "x/(1+exp(-x))";
    static final String SILU_DERIVATIVE = "1/(1+exp(-x)) + x*exp(-x)/(1+exp(-x))^2";

    @Test
    void siluByExpressionIsTheBuiltInSilu() {
        ExpressionActivation a = ExpressionActivation.of(SILU, SILU_DERIVATIVE);
        for (double x = -4; x <= 4; x += 0.37) {
            assertEquals(StandardActivation.SILU.value(x), a.value(x), 1e-14, "value at " + x);
            assertEquals(StandardActivation.SILU.derivative(x), a.derivative(x), 1e-14, "derivative at " + x);
            assertEquals(StandardActivation.SILU.secondDerivative(x), a.secondDerivative(x), 1e-6, "σ'' at " + x);
        }
        assertEquals(a, ExpressionActivation.of(" " + SILU + " ", SILU_DERIVATIVE));
    }

    @Test
    void aWrongDerivativeOrAnUnparsableExpressionIsRefusedNamingTheField() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ExpressionActivation.of("tanh(x)", "1 - tanh(x)"));
        assertTrue(wrong.getMessage().startsWith("derivative: ") && !wrong.getMessage().contains("\n"),
                wrong.getMessage());
        // off by a small factor is still refused
        assertThrows(IllegalArgumentException.class, () -> ExpressionActivation.of("sin(x)", "1.0001*cos(x)"));
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
                () -> ExpressionActivation.of("tanh(x", "1"));
        assertTrue(parse.getMessage().startsWith("expression: cannot parse"), parse.getMessage());
        IllegalArgumentException variable = assertThrows(IllegalArgumentException.class,
                () -> ExpressionActivation.of("x", "z"));
        assertTrue(variable.getMessage().startsWith("derivative: cannot parse"), variable.getMessage());
        IllegalArgumentException notFinite = assertThrows(IllegalArgumentException.class,
                () -> ExpressionActivation.of("log(x)", "1/x"));
        assertTrue(notFinite.getMessage().startsWith("expression: not finite"), notFinite.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpressionActivation.of(null, "1"));
    }

    @Test
    void hermiteCoefficientsGiveTheSumOfHermitePolynomials() {
        // 0.5 He_1 + 0.25 He_3 = 0.5 x + 0.25 (x³ − 3x) = −0.25 x + 0.25 x³
        PolynomialActivation p = PolynomialActivation.ofHermite(0, 0.5, 0, 0.25);
        for (double x = -2; x <= 2; x += 0.5) {
            assertEquals(-0.25 * x + 0.25 * x * x * x, p.value(x), 1e-14);
        }
        assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.ofHermite(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.ofHermite(new double[10]));
    }
}
