package org.sgdlimits.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArcsineTest {

    private static double relativeError(double x) {
        double exact = StrictMath.asin(x);
        return exact == 0 ? Math.abs(Arcsine.asin(x)) : Math.abs(Arcsine.asin(x) - exact) / Math.abs(exact);
    }

    @Test
    void agreesWithStrictMathToOnePartIn1e15OnTheWholeDomain() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int s = 0; s < 2_000_000; s++) {
            double x;
            switch (s % 5) {
                case 0 -> x = rng.nextDouble(-1, 1);
                case 1 -> x = 1 - Math.pow(10, -rng.nextDouble(0, 17)); // towards ±1 (perfect correlation)
                case 2 -> x = 0.5 + rng.nextDouble(-1e-6, 1e-6); // the branch point of the half-angle identity
                case 3 -> x = Math.pow(10, -rng.nextDouble(0, 300)); // tiny arguments: relative accuracy kept
                default -> x = rng.nextDouble(-0.6, 0.6);
            }
            worst = Math.max(worst, relativeError(rng.nextBoolean() ? x : -x));
        }
        assertTrue(worst <= 1e-15, "worst relative error " + worst);
    }

    @Test
    void isExactAtSpecialPointsAndNaNOutsideTheDomain() {
        assertEquals(Math.PI / 2, Arcsine.asin(1.0));
        assertEquals(-Math.PI / 2, Arcsine.asin(-1.0));
        assertEquals(0.0, Arcsine.asin(0.0));
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Arcsine.asin(-0.0)));
        assertEquals(StrictMath.asin(0.5), Arcsine.asin(0.5), Math.ulp(0.5));
        assertEquals(Double.MIN_VALUE, Arcsine.asin(Double.MIN_VALUE));
        assertTrue(Double.isNaN(Arcsine.asin(1.0000000000000002)));
        assertTrue(Double.isNaN(Arcsine.asin(-3)));
        assertTrue(Double.isNaN(Arcsine.asin(Double.NaN)));
    }
}
