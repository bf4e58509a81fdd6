package org.sgdlimits.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class ErrorFunctionTest {

    @Test
    void fastErrorFunctionAgreesWithHipparchusToRoundOff() {
        double maxError = 0;
        for (double x = -7; x <= 7; x += 0.0013) {
            maxError = Math.max(maxError, Math.abs(ErrorFunction.erf(x) - Erf.erf(x)));
        }
        assertEquals(0.0, maxError, 1e-15);
        assertEquals(0.0, ErrorFunction.erf(0.0), 0.0);
        assertEquals(1.0, ErrorFunction.erf(40), 0.0);
        assertEquals(-1.0, ErrorFunction.erf(-40), 0.0);
        assertTrue(Double.isNaN(ErrorFunction.erf(Double.NaN)));
    }

    @Test
    void fastErrorFunctionIsOddAndMonotone() {
        double previous = -1.0;
        for (double x = -6.5; x <= 6.5; x += 0.001) {
            double v = ErrorFunction.erf(x);
            assertEquals(-v, ErrorFunction.erf(-x), 0.0);
            assertTrue(v >= previous - 1e-16, "erf must not decrease at x = " + x);
            previous = v;
        }
    }

    @Test
    void erfActivationUsesTheSaadSollaScaling() {
        // σ(x) = erf(x/√2): σ(1) = P(|Z| < 1) for Z ~ N(0, 1).
        assertEquals(0.6826894921370859, StandardActivation.ERF.value(1.0), 1e-15);
    }
}
