package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CompositeGaussLegendreRuleTest {

    private static double expectation(CompositeGaussLegendreRule rule, java.util.function.DoubleUnaryOperator f) {
        double[] x = rule.nodes();
        double[] w = rule.weights();
        double sum = 0;
        for (int l = 0; l < x.length; l++) {
            sum += w[l] * f.applyAsDouble(x[l]);
        }
        return sum;
    }

    @Test
    void reproducesGaussianMomentsAndAKinkAtZero() {
        CompositeGaussLegendreRule rule = CompositeGaussLegendreRule.standardNormal(11, 44, 8);
        assertEquals(352, rule.size());
        assertEquals(1.0, expectation(rule, x -> 1), 1e-14);
        assertEquals(1.0, expectation(rule, x -> x * x), 1e-14);
        assertEquals(3.0, expectation(rule, x -> x * x * x * x), 1e-13);
        assertEquals(0.0, expectation(rule, x -> x * x * x), 1e-14);
        // E|X| = √(2/π): the kink sits on the panel edge at 0, so it converges like a smooth integrand
        assertEquals(Math.sqrt(2 / Math.PI), expectation(rule, Math::abs), 1e-14);
        // E[cos(3X)] = e^(−9/2)
        assertEquals(Math.exp(-4.5), expectation(rule, x -> Math.cos(3 * x)), 1e-14);
    }

    @Test
    void refusesEmptyOrInfiniteRules() {
        assertThrows(IllegalArgumentException.class, () -> CompositeGaussLegendreRule.standardNormal(0, 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CompositeGaussLegendreRule.standardNormal(Double.POSITIVE_INFINITY, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> CompositeGaussLegendreRule.standardNormal(5, 0, 4));
    }
}
