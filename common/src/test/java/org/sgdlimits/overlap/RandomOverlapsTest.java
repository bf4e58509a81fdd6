package org.sgdlimits.overlap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomOverlapsTest {

    @Test
    void fromCovarianceSplitsTheBlocksAndRoundTripsThroughCovariance() {
        double[] a = {1.0, -0.5};
        double[] aStar = {0.7};
        Overlaps o = RandomOverlaps.wishart(RandomOverlaps.generator(1), 5, 1.3, a, aStar);
        double[] omega = o.covariance();
        Overlaps back = Overlaps.fromCovariance(omega, 2, 1, a, aStar);
        assertEquals(o, back);
        assertEquals(omega[0 * 3 + 1], back.studentOverlap(0, 1));
        assertEquals(omega[1 * 3 + 2], back.studentTeacherOverlap(1, 0));
        assertEquals(omega[2 * 3 + 2], back.teacherOverlap(0, 0));
        assertArrayEquals(a, back.studentSecondLayer());
        assertArrayEquals(aStar, back.teacherSecondLayer());
    }

    @Test
    void fromCovarianceRejectsAsymmetricIndefiniteOrMissizedInputNamingTheField() {
        double[] asym = {1, 0.5, 0.1, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overlaps.fromCovariance(asym, 1, 1, new double[] {1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("Omega"), e.getMessage());
        double[] indefinite = {1, 2, 2, 1};
        assertThrows(IllegalArgumentException.class,
                () -> Overlaps.fromCovariance(indefinite, 1, 1, new double[] {1}, new double[] {1}));
        e = assertThrows(IllegalArgumentException.class,
                () -> Overlaps.fromCovariance(new double[4], 1, 1, new double[] {1, 1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("a:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Overlaps.fromCovariance(new double[5], 1, 1, new double[] {1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("Omega"), e.getMessage());
    }

    @Test
    void covarianceHasMeanScaleTimesIdentityWithinStandardErrors() {
        // Entry (u, v) of Ω = s G Gᵀ/c: mean s δ_uv, variance s² (1 + δ_uv)/c; average of N draws.
        int n = 3;
        int cols = 4;
        double scale = 2.0;
        int draws = 4000;
        UniformRandomProvider rng = RandomOverlaps.generator(7);
        double[] mean = new double[n * n];
        for (int t = 0; t < draws; t++) {
            double[] omega = RandomOverlaps.covariance(rng, n, cols, scale);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += omega[i] / draws;
            }
        }
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                double se = scale * Math.sqrt((u == v ? 2.0 : 1.0) / cols / draws);
                assertEquals(u == v ? scale : 0.0, mean[u * n + v], 5 * se, "Omega_" + u + v);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameOverlapsAndBadSizesAreRejected() {
        double[] ones = {1, 1, 1};
        assertEquals(RandomOverlaps.wishart(RandomOverlaps.generator(3), 6, 1.0, ones, ones),
                RandomOverlaps.wishart(RandomOverlaps.generator(3), 6, 1.0, ones, ones));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomOverlaps.covariance(RandomOverlaps.generator(3), 2, 0, 1.0));
        assertTrue(e.getMessage().startsWith("cols: 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RandomOverlaps.covariance(RandomOverlaps.generator(3), 2, 3, -1.0));
        assertTrue(e.getMessage().startsWith("scale: -1.0"), e.getMessage());
    }
}
