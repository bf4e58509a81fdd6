package org.sgdlimits.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    @Test
    void fastAndAccurateDistributionFunctionsAgreeToRoundOff() {
        double maxGap = java.util.stream.IntStream.rangeClosed(-2400, 2400).mapToDouble(i -> i * 0.00375)
                .map(x -> Math.abs(StandardNormal.fastCdf(x) - StandardNormal.cdf(x))).max().orElseThrow();
        assertEquals(0.0, maxGap, 5e-16); // 2 ulp of 1 near Φ ≈ 1
    }

    @Test
    void distributionFunctionIsTheIntegralOfTheDensity() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-15, 1e-15);
        for (double x : new double[] {-3.1, -0.4, 0.0, 0.7, 2.5}) {
            double mass = integrator.integrate(100_000, StandardNormal::density, -40, x);
            assertEquals(mass, StandardNormal.cdf(x), 1e-14, "x=" + x);
        }
        assertEquals(0.5, StandardNormal.cdf(0), 0.0);
        assertEquals(1 / Math.sqrt(2 * Math.PI), StandardNormal.density(0), 1e-17);
    }

    @Test
    void accurateDistributionFunctionKeepsRelativeAccuracyInTheLowerTail() {
        // Mills ratio: Φ(−x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − …), at x = 30 to ~1e-12 relative
        double x = 30;
        double x2 = x * x;
        double series = 1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2) + 105 / (x2 * x2 * x2 * x2);
        double expected = StandardNormal.density(x) / x * series;
        assertEquals(1.0, StandardNormal.cdf(-x) / expected, 1e-10);
        assertEquals(0.0, StandardNormal.fastCdf(-x), 0.0); // the fast form is absolute only
    }
}
