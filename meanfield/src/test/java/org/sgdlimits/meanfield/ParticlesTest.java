package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdlimits.overlap.Overlaps;

class ParticlesTest {

    @Test
    void reconstructionFromOverlapsReproducesTheDiagonalAndTheTeacherOverlaps() {
        Particles ps = ParticleFixtures.random(7, 2, 0.4, 1.0, 3);
        Overlaps o = ps.reconstructed().toOverlaps();
        Particles back = Particles.fromOverlaps(o);
        for (int i = 0; i < 7; i++) {
            assertEquals(ps.orthogonalNorm(i), back.orthogonalNorm(i), 1e-14);
            assertEquals(ps.selfOverlap(i), o.studentOverlap(i, i), 1e-14);
            for (int j = 0; j < 7; j++) {
                assertEquals(o.studentOverlap(i, j), ps.reconstructed().studentOverlap(i, j), 1e-14);
            }
        }
        assertArrayEquals(ps.studentTeacherOverlaps(), back.studentTeacherOverlaps(), 0.0);
    }

    @Test
    void offDiagonalReconstructedOverlapIsTheTeacherSpanInnerProduct() {
        // P = diag(2, 1): Q_01 = m_0 P⁻¹ m_1ᵀ
        Particles ps = Particles.of(new double[] {1, 1}, new double[] {1, 0.5, 0.4, -1}, new double[] {0.3, 0.2},
                new double[] {2, 0, 0, 1}, new double[] {1, 1});
        assertEquals(1 * 0.4 / 2 + 0.5 * -1, ps.reconstructed().studentOverlap(0, 1), 1e-15);
        assertEquals(1.0 / 2 + 0.25 + 0.3, ps.selfOverlap(0), 1e-15);
    }

    @Test
    void randomInitialisationHasTheExactLawOfGaussianWeights() {
        int p = 20000;
        long d = 400;
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        Particles ps = Particles.sampleRandom(p, d, 1.0, a, new double[] {1.0}, new double[] {1.0}, 42);
        // m ~ N(0, 1/d): mean m² = 1/d ± √(2/p)/d; q⊥ ~ χ²_{d−1}/d: mean (d−1)/d ± √(2(d−1)/p)/d
        double se = Math.sqrt(2.0 / p) / d;
        assertEquals(1.0 / d, ps.meanTeacherAlignment(), 5 * se);
        assertEquals((d - 1.0) / d, ps.meanOrthogonalNorm(), 5 * Math.sqrt(2.0 * (d - 1) / p) / d);
        Particles again = Particles.sampleRandom(p, d, 1.0, a, new double[] {1.0}, new double[] {1.0}, 42);
        assertEquals(ps, again);
    }

    @Test
    void histogramFractionsSumToOne() {
        Particles ps = ParticleFixtures.random(500, 1, 0.4, 1.0, 8);
        ParticleHistogram h = ParticleHistogram.ofOrthogonalNorm(ps, 20, 0, 1);
        double sum = 0;
        for (int b = 0; b < h.bins(); b++) {
            sum += h.fraction(b);
        }
        assertEquals(1.0, sum, 1e-12);
        assertTrue(h.fraction(0) < 0.1);
    }

    @Test
    void invalidParticlesAreRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Particles.of(
                new double[] {1}, new double[] {0.1}, new double[] {-0.5}, new double[] {1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("qPerp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Particles.of(
                new double[] {1}, new double[] {0.1}, new double[] {0.5}, new double[] {-1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("P"), e.getMessage());
    }
}
