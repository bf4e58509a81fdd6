package org.sgdlimits.meanfield.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DensityGridTest {

    @Test
    void stretchedCoordinateResolvesSmallAndOrderOneOverlaps() {
        StretchedGrid g = new StretchedGrid(1e-3, 3.0, 3.0, 400, 40);
        assertEquals(3.0, g.mMax(), 1e-12);
        assertEquals(-3.0, g.mEdge(0), 1e-12);
        // near m = 0 the cells are ~ s·Δξ wide, at m ~ 1 about m·Δξ
        double dxi = g.xiSpacing();
        assertEquals(1e-3 * dxi, g.mWidth(g.xiIndexOf(0.0)), 1e-3 * dxi * 0.01);
        int one = g.xiIndexOf(1.0);
        assertEquals(g.mCentre(one) * dxi, g.mWidth(one), 0.01 * g.mWidth(one));
        for (int i = 0; i < g.xiCells(); i++) {
            assertTrue(g.mEdge(i) < g.mCentre(i) && g.mCentre(i) < g.mEdge(i + 1));
            assertEquals(g.mJacobian(i), 1e-3 * Math.cosh(g.xiCentre(i)), 1e-15 * g.mJacobian(i));
        }
    }

    @Test
    void exactRandomInitialisationHasTheMomentsOfTheInitialLaw() {
        int d = 100;
        double p = 1.5;
        StretchedGrid g = new StretchedGrid(1e-3, 3.0, 3.0, 400, 120);
        DensityGrid init = DensityGrid.randomInitialisation(g, d, p);
        assertEquals(1.0, init.totalMass(), 1e-14);
        assertTrue(init.minimumMass() >= 0);
        // m ~ N(0, P/d), q⊥ ~ χ²_{d−1}/d (mean (d−1)/d); cell-centre moments, O(Δ²) quadrature error
        assertEquals(p / d, init.meanM2(), 2e-3 * p / d);
        assertEquals(1.0 / d, init.meanNormalisedM2(p), 2e-3 / d);
        assertEquals((d - 1.0) / d, init.meanQPerp(), 1e-3);
        assertEquals(0.0, init.meanM(), 1e-12);
    }

    @Test
    void sampledRandomInitialisationAgreesWithTheExactLawWithinSamplingError() {
        int d = 200;
        int n = 20000;
        StretchedGrid g = new StretchedGrid(1e-3, 3.0, 3.0, 400, 120);
        DensityGrid exact = DensityGrid.randomInitialisation(g, d, 1.0);
        DensityGrid sampled = DensityGrid.sampledRandomInitialisation(g, d, 1.0, n, 42);
        assertEquals(1.0, sampled.totalMass(), 1e-12);
        double seM2 = Math.sqrt(2.0) / d / Math.sqrt(n);          // sd of m² is √2·P/d
        double seQ = Math.sqrt(2.0 * (d - 1)) / d / Math.sqrt(n);  // sd of χ²_{d−1}/d
        assertEquals(exact.meanM2(), sampled.meanM2(), 4 * seM2 + 1e-3 * exact.meanM2());
        assertEquals(exact.meanQPerp(), sampled.meanQPerp(), 4 * seQ + 2e-3);
    }

    @Test
    void exactLawMatchesTheParticleSystemsRandomInitialisation() {
        int d = 50;
        int n = 20000;
        double variance = 0.5;
        StretchedGrid g = new StretchedGrid(1e-3, 3.0, 3.0, 400, 150);
        DensityGrid exact = DensityGrid.randomInitialisation(g, d, 1.0, variance);
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        org.sgdlimits.meanfield.Particles sample = org.sgdlimits.meanfield.Particles.sampleRandom(n, d, variance, a,
                new double[] {1}, new double[] {1}, 9);
        assertEquals(variance / d, exact.meanM2(), 2e-3 * variance / d);
        assertEquals(variance * (d - 1.0) / d, exact.meanQPerp(), 1e-3);
        double seM2 = Math.sqrt(2.0) * variance / d / Math.sqrt(n);
        double seQ = variance * Math.sqrt(2.0 * (d - 1)) / d / Math.sqrt(n);
        double m2 = 0;
        for (double m : sample.studentTeacherOverlaps()) {
            m2 += m * m / n;
        }
        assertEquals(exact.meanM2(), m2, 4 * seM2 + 2e-3 * exact.meanM2());
        assertEquals(exact.meanQPerp(), sample.meanOrthogonalNorm(), 4 * seQ + 1e-3);
    }

    @Test
    void binningKeepsWeightsAndClampsOutsideParticlesIntoBoundaryCells() {
        StretchedGrid g = new StretchedGrid(1e-2, 1.0, 2.0, 20, 8);
        double[] m = {0.5, -5.0, 0.5};
        double[] q = {1.0, 0.3, 9.0};
        double[] w = {2.0, 1.0, 1.0};
        DensityGrid grid = DensityGrid.fromParticles(g, m, q, w);
        assertEquals(1.0, grid.totalMass(), 1e-15);
        assertEquals(0.5, grid.mass(g.xiIndexOf(0.5), g.qIndexOf(1.0)), 1e-15);
        assertEquals(0.25, grid.mass(0, g.qIndexOf(0.3)), 1e-15);
        assertEquals(0.25, grid.mass(g.xiIndexOf(0.5), g.qCells() - 1), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DensityGrid.fromParticles(g, new double[] {0}, new double[] {-1}, null));
        assertTrue(e.getMessage().contains("qPerp"), e.getMessage());
    }

    @Test
    void formulaIsIntegratedOverCellsAndNormalised() {
        StretchedGrid g = new StretchedGrid(0.1, 1.0, 2.0, 16, 4);
        // constant density in (m, q⊥): cell masses proportional to the cell area in m (exact for any rule)
        DensityGrid flat = DensityGrid.fromDensity(g, (m, q) -> 3.0, 3);
        for (int i = 0; i < g.xiCells(); i++) {
            for (int j = 0; j < g.qCells(); j++) {
                double area = g.mWidth(i) * g.qSpacing() / (2 * 1.0 * 2.0);
                assertEquals(area, flat.mass(i, j), 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> DensityGrid.fromDensity(g, (m, q) -> -1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> DensityGrid.ofMasses(g, new double[3]));
    }
}
