package org.sgdlimits.meanfield.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.PdeSolution;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.pde.VelocityField;
import org.sgdlimits.trajectory.TimeGrid;

class DensitySnapshotTest {
    private static final double M0 = 0.3;
    private static final double SM = 0.1;
    private static final double Q0 = 1.0;
    private static final double SQ = 0.2;

    private static double[][] gaussianSample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = M0 + SM * gauss(rng);
            q[i] = Q0 + SQ * gauss(rng);
        }
        return new double[][] {m, q};
    }

    private static double gauss(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double trueDensity(double m, double q) {
        return Math.exp(-0.5 * Math.pow((m - M0) / SM, 2) - 0.5 * Math.pow((q - Q0) / SQ, 2))
                / (2 * Math.PI * SM * SQ);
    }

    private static double l1Error(DensitySnapshot s) {
        SnapshotGrid g = s.grid();
        double err = 0;
        for (int i = 0; i < g.mCells(); i++) {
            for (int j = 0; j < g.qCells(); j++) {
                err += Math.abs(s.density(i, j) - trueDensity(g.mCentre(i), g.qCentre(j))) * g.cellArea();
            }
        }
        return err;
    }

    @Test
    void kdeOfAGaussianSampleApproximatesTheTrueDensity() {
        double[][] x = gaussianSample(20000, 11);
        DensitySnapshot kde = DensitySnapshot.fromParticles(1.0, x[0], x[1], null, BandwidthRule.SCOTT);
        assertEquals(kde.displayedMass(), kde.totalMass(), 1e-12);
        assertTrue(kde.displayedMass() > 0.999, "window holds the sample: " + kde.displayedMass());
        double kdeError = l1Error(kde);
        DensitySnapshot histogram = DensitySnapshot.fromParticles(1.0, x[0], x[1], null, kde.grid(), 0, 0);
        double histogramError = l1Error(histogram);
        System.out.printf("L1 error: KDE %.4f, raw histogram %.4f (bandwidths %.4f, %.4f)%n", kdeError,
                histogramError, kde.bandwidthM(), kde.bandwidthQ());
        assertTrue(kdeError < 0.08, "KDE L1 error " + kdeError);
        assertTrue(kdeError < 0.5 * histogramError);
    }

    @Test
    void bandwidthRulesAreSane() {
        double[][] x = gaussianSample(10000, 5);
        double expected = SM * Math.pow(10000, -1.0 / 6.0);
        double scott = BandwidthRule.SCOTT.bandwidth(x[0], null);
        double silverman = BandwidthRule.SILVERMAN.bandwidth(x[0], null);
        assertEquals(expected, scott, 0.03 * expected);
        assertEquals(expected, silverman, 0.04 * expected);
        // equal weights of any scale are the same sample
        double[] w = new double[x[0].length];
        Arrays.fill(w, 3.7);
        assertEquals(scott, BandwidthRule.SCOTT.bandwidth(x[0], w), 1e-12 * scott);
        // more data, narrower kernel
        assertTrue(BandwidthRule.SCOTT.bandwidth(Arrays.copyOf(x[0], 100), null) > scott);
        // 5 % far outliers inflate σ, not the IQR: Silverman's robust spread stays close to the core's
        double[] heavy = x[0].clone();
        for (int i = 0; i < heavy.length / 20; i++) {
            heavy[i] = 50;
        }
        assertTrue(BandwidthRule.SILVERMAN.bandwidth(heavy, null) < 0.2 * BandwidthRule.SCOTT.bandwidth(heavy, null));
    }

    @Test
    void pdeGridRemapKeepsMassAndMean() {
        StretchedGrid grid = new StretchedGrid(1e-2, 3.0, 3.0, 200, 40);
        DensityGrid density = DensityGrid.fromDensity(grid, DensitySnapshotTest::trueDensity, 3);
        DensitySnapshot shot = DensitySnapshot.fromDensityGrid(2.0, density);
        assertEquals(shot.displayedMass(), shot.totalMass(), 1e-12);
        assertTrue(shot.displayedMass() > 0.998, "displayed " + shot.displayedMass());
        double mean = 0;
        SnapshotGrid g = shot.grid();
        for (int i = 0; i < g.mCells(); i++) {
            for (int j = 0; j < g.qCells(); j++) {
                mean += shot.density(i, j) * g.cellArea() * g.mCentre(i);
            }
        }
        assertEquals(density.meanM(), mean / shot.displayedMass(), 2 * g.mSpacing());
        // a window holding everything keeps all the mass
        DensitySnapshot full = DensitySnapshot.fromDensityGrid(2.0, density,
                new SnapshotGrid(-3, 3, 64, 0, 3, 32));
        assertEquals(1.0, full.totalMass(), 1e-12);
    }

    @Test
    void particleKdeAndPdeRemapOfTheSameLawAgree() {
        SnapshotGrid window = new SnapshotGrid(-0.1, 0.7, 64, 0.2, 1.8, 64);
        double[][] x = gaussianSample(20000, 17);
        DensitySnapshot kde = DensitySnapshot.fromParticles(0.0, x[0], x[1], null, window,
                BandwidthRule.SCOTT.bandwidth(x[0], null), BandwidthRule.SCOTT.bandwidth(x[1], null));
        DensityGrid pde = DensityGrid.fromDensity(new StretchedGrid(1e-2, 3.0, 3.0, 400, 60),
                DensitySnapshotTest::trueDensity, 3);
        DensitySnapshot remap = DensitySnapshot.fromDensityGrid(0.0, pde, window);
        double l1 = 0;
        for (int i = 0; i < window.mCells(); i++) {
            for (int j = 0; j < window.qCells(); j++) {
                l1 += Math.abs(kde.density(i, j) - remap.density(i, j)) * window.cellArea();
            }
        }
        assertTrue(l1 < 0.08, "L1 distance between the particle and the PDE snapshot: " + l1);
        assertEquals(1.0, remap.displayedMass(), 1e-3);
    }

    @Test
    void everySnapshotOfAPdeRunIsConverted() {
        StretchedGrid grid = new StretchedGrid(1e-2, 3.0, 3.0, 60, 12);
        DensityGrid start = DensityGrid.randomInitialisation(grid, 100, 1.0);
        VelocityField drift = (g, t, masses, mDot, qDot) -> {
            Arrays.fill(mDot, 0.2);
            return Double.NaN;
        };
        PdeSolution sol = new ContinuityPde(drift).solve(start, TimeGrid.linear(1, 3), new double[] {0, 0.5, 1});
        List<DensitySnapshot> shots = DensitySnapshot.fromPdeSolution(sol);
        assertEquals(3, shots.size());
        assertEquals(0.5, shots.get(1).time(), 0);
        for (DensitySnapshot s : shots) {
            assertTrue(s.displayedMass() > 0.99, "displayed " + s.displayedMass());
        }
    }

    @Test
    void badInputNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SnapshotGrid(1, 0, 10, 0, 1, 10));
        assertTrue(e.getMessage().contains("m range"));
        assertThrows(IllegalArgumentException.class, () -> DensitySnapshot.fromParticles(0, new double[] {0},
                new double[] {Double.NaN}, null, BandwidthRule.SCOTT));
    }
}
