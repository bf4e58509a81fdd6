package org.sgdlimits.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final double[] POINTS = {-3.1, -1.0, -0.4, -0.05, 0.07, 0.5, 1.3, 2.7};

    @Test
    void derivativesMatchCentralDifferences() {
        double h = 1e-5;
        for (StandardActivation a : StandardActivation.values()) {
            for (double x : POINTS) {
                double d1 = (a.value(x + h) - a.value(x - h)) / (2 * h);
                double d2 = (a.derivative(x + h) - a.derivative(x - h)) / (2 * h);
                assertEquals(d1, a.derivative(x), 1e-8, a + "' at " + x);
                assertEquals(d2, a.secondDerivative(x), 1e-6, a + "'' at " + x);
            }
        }
    }

    @Test
    void declaredPropertiesHoldForEveryStandardActivation() {
        // the engines trust these declarations (halved rules, exact finite-d factors, split rules, Wick moments)
        for (StandardActivation a : StandardActivation.values()) {
            for (double x : POINTS) {
                double v = a.value(x);
                switch (a.parity()) {
                    case ODD -> assertEquals(-v, a.value(-x), 1e-15 * (1 + Math.abs(v)), a + " odd at " + x);
                    case EVEN -> assertEquals(v, a.value(-x), 1e-15 * (1 + Math.abs(v)), a + " even at " + x);
                    case NONE -> { }
                }
                if (a.homogeneityDegree().isPresent()) {
                    double c = 1.7;
                    assertEquals(Math.pow(c, a.homogeneityDegree().getAsInt()) * v, a.value(c * x),
                            1e-14 * (1 + Math.abs(v)), a + " homogeneous at " + x);
                }
                double[] coefficients = a.polynomialCoefficients();
                if (coefficients != null) {
                    double poly = 0;
                    for (int j = coefficients.length - 1; j >= 0; j--) {
                        poly = poly * x + coefficients[j];
                    }
                    assertEquals(poly, v, 1e-14 * (1 + Math.abs(v)), a + " polynomial at " + x);
                }
            }
            double jump = a.derivative(1e-12) - a.derivative(-1e-12);
            assertEquals(a.hasKink(), Math.abs(jump) > 1e-6, a + ": kink declared " + a.hasKink() + ", jump " + jump);
        }
    }

    @Test
    void erfUsesTheSaadSollaScaling() {
        // σ(x) = erf(x/√2): σ(1) = P(|N(0,1)| < 1) = 0.682689492137086.
        assertEquals(0.6826894921370859, StandardActivation.ERF.value(1.0), 1e-15);
        assertEquals(Math.sqrt(2 / Math.PI), StandardActivation.ERF.derivative(0.0), 1e-15);
    }

    @Test
    void reluUsesTheRightDerivativeAtZero() {
        assertEquals(0.0, StandardActivation.RELU.derivative(0.0), 0.0);
        assertEquals(1.0, StandardActivation.RELU.derivative(1e-300), 0.0);
        assertEquals(0.0, StandardActivation.RELU.value(-2.0), 0.0);
    }

    @Test
    void namesResolveCaseInsensitivelyAndUnknownNamesListTheAllowedOnes() {
        for (StandardActivation a : StandardActivation.values()) {
            assertSame(a, Activation.named(a.id()));
            assertSame(a, Activation.named(" " + a.id().toUpperCase() + " "));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.named("mish"));
        assertTrue(e.getMessage().contains("mish") && e.getMessage().contains("erf, relu, linear, square, tanh"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.named(null));
    }

    @Test
    void customActivationsDelegateAndMayNotShadowStandardNames() {
        Activation cube = Activation.custom("cube", x -> x * x * x, x -> 3 * x * x, x -> 6 * x);
        assertEquals("cube", cube.id());
        assertEquals(8.0, cube.value(2.0), 0.0);
        assertEquals(12.0, cube.derivative(2.0), 0.0);
        assertEquals(12.0, cube.secondDerivative(2.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Activation.custom("relu", x -> x, x -> 1, x -> 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.custom("f", null, x -> 1, x -> 0));
        assertTrue(e.getMessage().contains("value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.custom(" ", x -> x, x -> 1, x -> 0));
    }

    @Test
    void smoothFamiliesHaveTheirTextbookValues() {
        assertEquals(0.8413447460685429, StandardActivation.GELU.value(1.0), 1e-15);
        assertEquals(-2 * 0.022750131948179195, StandardActivation.GELU.value(-2.0), 1e-15);
        assertEquals(Math.log(2), StandardActivation.SOFTPLUS.value(0.0), 1e-16);
        assertEquals(800.0, StandardActivation.SOFTPLUS.value(800.0), 0.0);
        assertEquals(0.5, StandardActivation.SIGMOID.value(0.0), 0.0);
        assertEquals(0.0, StandardActivation.SIGMOID.value(-800.0), 1e-300);
        assertEquals(0.7310585786300049, StandardActivation.SILU.value(1.0), 1e-16);
    }
}
