package org.sgdlimits.meanfield.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GaussianSmootherTest {

    @Test
    void smoothingPreservesTotalMassAndPositivity() {
        SplittableRandom rng = new SplittableRandom(3);
        int nx = 37;
        int ny = 64;
        double[] masses = new double[nx * ny];
        double total = 0;
        for (int c = 0; c < masses.length; c++) {
            masses[c] = rng.nextDouble() < 0.1 ? rng.nextDouble() : 0.0;
            total += masses[c];
        }
        for (double h : new double[] {0.3, 2.0, 9.0, 50.0}) {
            double[] out = GaussianSmoother.smooth(masses, nx, ny, h, 0.5 * h);
            double sum = 0;
            for (double v : out) {
                assertTrue(v >= 0);
                sum += v;
            }
            assertEquals(total, sum, 1e-13 * total, "bandwidth " + h);
        }
    }

    @Test
    void zeroBandwidthIsTheIdentity() {
        double[] masses = {0, 1, 2, 3, 0, 0, 5, 1};
        double[] out = GaussianSmoother.smooth(masses, 2, 4, 0, 0);
        for (int c = 0; c < masses.length; c++) {
            assertEquals(masses[c], out[c], 1e-15);
        }
    }

    @Test
    void interiorSpikeBecomesAGaussianOfTheRequestedWidth() {
        int n = 256;
        double h = 5.0;
        double[] spike = new double[n];
        spike[128] = 1.0;
        // along j only: one row of 256 cells
        double[] out = GaussianSmoother.smooth(spike, 1, n, 0, h);
        double mean = 0;
        double var = 0;
        for (int j = 0; j < n; j++) {
            mean += out[j] * j;
        }
        for (int j = 0; j < n; j++) {
            var += out[j] * (j - mean) * (j - mean);
        }
        assertEquals(128.0, mean, 1e-9);
        assertEquals(h * h, var, 1e-6 * h * h);
        // and the profile is the sampled normal density
        for (int j = 118; j <= 138; j++) {
            double expected = Math.exp(-0.5 * Math.pow((j - 128) / h, 2)) / (Math.sqrt(2 * Math.PI) * h);
            assertEquals(expected, out[j], 1e-9);
        }
    }

    @Test
    void massNearTheWallIsReflectedNotLost() {
        int n = 64;
        double[] edge = new double[n];
        edge[0] = 1.0;
        double[] out = GaussianSmoother.smooth(edge, 1, n, 0, 4.0);
        double sum = 0;
        for (double v : out) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-14);
        assertTrue(out[0] > out[3] && out[3] > out[8], "decreasing away from the wall");
    }
}
