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
    void depositKeepsWeightsAndPutsOutsideParticlesIntoBoundaryCells() {
        StretchedGrid g = new StretchedGrid(1e-2, 1.0, 2.0, 20, 8);
        // a particle exactly at a cell centre stays in its cell; outside the centres' range: the boundary cell
        double mc = g.mCentre(15);
        double[] m = {mc, -5.0, mc};
        double[] q = {g.qCentre(3), g.qCentre(2), 9.0};
        double[] w = {2.0, 1.0, 1.0};
        DensityGrid grid = DensityGrid.fromParticles(g, m, q, w);
        assertEquals(1.0, grid.totalMass(), 1e-15);
        assertEquals(0.5, grid.mass(15, 3), 1e-15);
        assertEquals(0.25, grid.mass(0, 2), 1e-15);
        assertEquals(0.25, grid.mass(15, g.qCells() - 1), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DensityGrid.fromParticles(g, new double[] {0}, new double[] {-1}, null));
        assertTrue(e.getMessage().contains("qPerp"), e.getMessage());
    }

    /**
     * The issue's ensemble: 2000 quantile particles m ~ N(0, 0.1²), q⊥ = 1 − m² (nearest-cell binning gave
     * mean q⊥ = 1.0038 for 0.990). The deposit reproduces mass, mean m² and mean q⊥ to round-off, up to the
     * central gap −c &lt; m &lt; c where no non-negative deposit can (each such particle adds c² − m², bounded
     * here and removed by a grid whose gap holds no particle).
     */
    @Test
    void depositConservesMassMeanSquaredOverlapAndMeanOrthogonalNorm() {
        double[][] particles = PdeAccuracyCases.issueParticles();
        double[] m = particles[0];
        double[] q = particles[1];
        int n = m.length;
        double[] moments = PdeAccuracyCases.moments(particles);
        double m2 = moments[0];
        double meanQ = moments[1];
        assertEquals(0.99, meanQ, 1e-4);
        // gap c = s·sinh(Δξ/2) = 2.9e-7 below the smallest |m| = 6.3e-5: exact everywhere
        StretchedGrid fine = new StretchedGrid(1e-5, 3.0, 3.0, 400, 40);
        DensityGrid exact = DensityGrid.fromParticles(fine, m, q, null);
        assertEquals(1.0, exact.totalMass(), 1e-14);
        assertEquals(m2, exact.meanM2(), 1e-12);
        assertEquals(meanQ, exact.meanQPerp(), 1e-12);
        // the default stretch for particles (half the rms): the gap holds a few particles
        StretchedGrid runner = new StretchedGrid(0.05, 3.0, 3.0, 400, 40);
        DensityGrid deposited = DensityGrid.fromParticles(runner, m, q, null);
        double c = runner.mCentre(runner.xiCells() / 2);
        double gapExcess = 0;
        for (double x : m) {
            if (Math.abs(x) < c) {
                gapExcess += (c * c - x * x) / n;
            }
        }
        assertTrue(gapExcess > 0, "the gap holds particles");
        assertEquals(m2 + gapExcess, deposited.meanM2(), 1e-12);
        assertEquals(meanQ, deposited.meanQPerp(), 1e-12);
        assertEquals(0.0, deposited.meanM(), 1e-12);
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

    @Test
    void exactLawDepositHasTheLawsMeanOrthogonalNormAndMeanSquaredOverlap() {
        int d = 1000;
        double variance = 1.3;
        StretchedGrid g = new StretchedGrid(0.5 * Math.sqrt(variance / d), 3.0, 3.0, 400, 40);
        DensityGrid law = DensityGrid.randomInitialisation(g, d, 1.0, variance);
        assertEquals(1.0, law.totalMass(), 1e-14);
        // Δq = 0.075 is wider than the sd 0.058 of q⊥ and still the mean is exact
        assertEquals(variance * (d - 1.0) / d, law.meanQPerp(), 1e-12);
        // mean m²: exact up to the central gap, where it is high by at most c²·P(|m| < c)
        double c = g.mCentre(g.xiCells() / 2);
        double sd = Math.sqrt(variance / d);
        assertTrue(law.meanM2() >= variance / d - 1e-15);
        assertEquals(variance / d, law.meanM2(), c * c * 0.8 * c / sd + 1e-15);
    }
}
