package org.sgdlimits.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.gauss.ErfMoments;

class ErfFastPathTest {

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int idx = 0; idx < expected.length; idx++) {
            assertEquals(expected[idx], actual[idx], relative * scale, what + "[" + idx + "]");
        }
    }

    private static void compare(DriftFixtures fx, double labelNoise, int threads) {
        PopulationDrift fast = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, labelNoise)
                .withThreads(threads);
        PopulationDrift generic = fast.withGenericPath();
        assertTrue(fast.usesErfFastPath());
        DriftTerms a = fast.newTerms(fx.p);
        DriftTerms b = generic.newTerms(fx.p);
        fast.evaluate(fx.q, fx.m, fx.a, a);
        generic.evaluate(fx.q, fx.m, fx.a, b);
        assertClose(b.dM, a.dM, 1e-13, "dM");
        assertClose(b.dQGradient, a.dQGradient, 1e-13, "dQGradient");
        assertClose(b.dQNoise, a.dQNoise, 1e-13, "dQNoise");
        assertClose(b.da, a.da, 1e-13, "da");
        assertEquals(b.excessRisk, a.excessRisk, 1e-13 * Math.abs(b.excessRisk), "excessRisk");
    }

    @Test
    void fastPathEqualsGenericPathAtSmallWidth() {
        compare(DriftFixtures.random(11, 5, 5, 40, 1.0, true), 0.3, 1);
    }

    @Test
    void fastPathEqualsGenericPathOnTheMultiThreadedBranch() {
        compare(DriftFixtures.random(12, 40, 3, 80, 1.0, true), 0.1, 2);
    }
}
