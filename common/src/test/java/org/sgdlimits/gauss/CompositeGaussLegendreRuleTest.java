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
    void theSplitRuleIsTheCompositeRuleMadeExactlySymmetric() {
        CompositeGaussLegendreRule split = CompositeGaussLegendreRule.splitAtZero(8.6, 10, 8);
        CompositeGaussLegendreRule full = CompositeGaussLegendreRule.standardNormal(8.6, 20, 8);
        double[] xs = split.nodes();
        double[] ws = split.weights();
        double[] xf = full.nodes();
        double[] wf = full.weights();
        assertEquals(xf.length, xs.length);
        for (int l = 0; l < xs.length; l++) {
            assertEquals(xf[l], xs[l], 8 * Math.ulp(8.6), "node " + l);
            // φ(x + δ)/φ(x) − 1 ≈ −x δ: the node rounding moves a weight by |x|·8 ulp(L) relative, plus rounding
            assertEquals(wf[l], ws[l], wf[l] * (1e-15 + Math.abs(xf[l]) * 8 * Math.ulp(8.6)), "weight " + l);
            int mirror = xs.length - 1 - l;
            assertEquals(-xs[mirror], xs[l], 0.0, "exact symmetry of node " + l);
            assertEquals(ws[mirror], ws[l], 0.0, "exact symmetry of weight " + l);
        }
        double[] wn = split.renormalised().weights();
        double sum = 0;
        for (double w : wn) {
            sum += w;
        }
        assertEquals(1.0, sum, 4e-16);
        // the dropped tail 2Φ(−8.6) ≈ 8e-18 is below rounding: renormalising moves weights by ulps only
        for (int l = 0; l < wn.length; l++) {
            assertEquals(ws[l], wn[l], 1e-15 * ws[l], "renormalised weight " + l);
        }
        assertEquals(Math.sqrt(2 / Math.PI), expectation(split, Math::abs), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> CompositeGaussLegendreRule.splitAtZero(8.6, 0, 8));
    }

    @Test
    void refusesEmptyOrInfiniteRules() {
        assertThrows(IllegalArgumentException.class, () -> CompositeGaussLegendreRule.standardNormal(0, 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CompositeGaussLegendreRule.standardNormal(Double.POSITIVE_INFINITY, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> CompositeGaussLegendreRule.standardNormal(5, 0, 4));
    }
}
