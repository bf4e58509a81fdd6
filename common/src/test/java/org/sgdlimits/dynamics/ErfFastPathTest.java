package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
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
        double worst = 0;
        for (int idx = 0; idx < expected.length; idx++) {
            assertEquals(expected[idx], actual[idx], relative * scale, what + "[" + idx + "]");
            worst = Math.max(worst, Math.abs(expected[idx] - actual[idx]) / scale);
        }
        System.out.printf("fast vs generic %s: largest difference %.1e of the largest entry%n", what, worst);
    }

    private static void compare(DriftFixtures fx, double labelNoise, int threads) {
        compare(fx, labelNoise, threads, 1e-13);
    }

    private static void compare(DriftFixtures fx, double labelNoise, int threads, double relative) {
        PopulationDrift fast = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, labelNoise)
                .withThreads(threads);
        PopulationDrift generic = fast.withGenericPath();
        assertTrue(fast.usesErfFastPath());
        DriftTerms a = fast.newTerms(fx.p);
        DriftTerms b = generic.newTerms(fx.p);
        fast.evaluate(fx.q, fx.m, fx.a, a);
        generic.evaluate(fx.q, fx.m, fx.a, b);
        assertClose(b.dM, a.dM, relative, "dM");
        assertClose(b.dQGradient, a.dQGradient, relative, "dQGradient");
        assertClose(b.dQNoise, a.dQNoise, relative, "dQNoise");
        assertClose(b.da, a.da, relative, "da");
        assertEquals(b.excessRisk, a.excessRisk, relative * Math.abs(b.excessRisk) + 1e-16, "excessRisk");
    }

    @Test
    void fastPathEqualsGenericPathAtSmallWidth() {
        compare(DriftFixtures.random(11, 5, 5, 40, 1.0, true), 0.3, 1);
    }

    @Test
    void fastPathEqualsGenericPathOnTheMultiThreadedBranch() {
        compare(DriftFixtures.random(12, 40, 3, 80, 1.0, true), 0.1, 2);
    }

    @Test
    void fastPathEqualsGenericPathWithLargeVariancesAndMixedSigns() {
        compare(DriftFixtures.random(13, 6, 4, 10, 6.0, true), 0.0, 1);
    }

    /**
     * Close to perfect recovery (Q = P + 1e-8 I, M = P) arcsine arguments approach ±1, where arcsin amplifies
     * a rounding difference δ of its argument to δ/√(1 − x²); the factorised cross term must still agree
     * (observed: ~3e-16 of the largest entry).
     */
    @Test
    void fastPathEqualsGenericPathNearPerfectRecovery() {
        DriftFixtures exact = DriftFixtures.perfectRecovery(14, 5);
        double[] q = exact.q.clone();
        for (int i = 0; i < exact.p; i++) {
            q[i * exact.p + i] += 1e-8;
        }
        DriftFixtures near = DriftFixtures.random(15, 5, 5, 20, 1.0, true);
        // reuse a generic fixture's second layers with the near-recovery overlaps
        compare(exact.withOverlaps(q, exact.m).withSecondLayers(near.a, exact.aStar), 0.2, 1, 1e-13);
    }
}
