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

    /** The four-at-a-time row version returns exactly the scalar values, also in place and past the table. */
    @Test
    void rowVersionIsBitForBitTheScalarOne() {
        java.util.Random random = new java.util.Random(7);
        double[] special = {0.0, -0.0, 5.999, 6.0, -6.0, 40, -40, Double.NaN, Double.POSITIVE_INFINITY, 1e-300};
        for (int n = 0; n <= 23; n++) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = j % 7 == 3 ? special[random.nextInt(special.length)] : 8 * random.nextGaussian();
            }
            double[] out = new double[n];
            ErrorFunction.erf(x, n, out);
            double[] inPlace = x.clone();
            ErrorFunction.erf(inPlace, n, inPlace);
            for (int j = 0; j < n; j++) {
                double want = ErrorFunction.erf(x[j]);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(out[j]), "x = " + x[j]);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(inPlace[j]), "in place, x = " + x[j]);
            }
        }
    }
}
