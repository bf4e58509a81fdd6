package org.sgdlimits.narrow.simulation;

import java.util.Arrays;
import java.util.Random;
import org.sgdlimits.overlap.Overlaps;

/** Valid overlaps for tests. */
final class TestOverlaps {
    private TestOverlaps() {
    }

    /**
     * Ω = G Gᵀ/c for a (p+k)×c Gaussian G (a generic valid covariance), rescaled so that P = I exactly is not
     * required; second layers a (given) and a* = 1.
     */
    static Overlaps generic(int p, int k, long seed, double[] a) {
        Random random = new Random(seed);
        int n = p + k;
        int cols = n + 3;
        double[] g = new double[n * cols];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextGaussian();
        }
        double[] omega = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += g[i * cols + c] * g[j * cols + c];
                }
                omega[i * n + j] = s / cols;
            }
        }
        return fromCovariance(omega, p, k, a);
    }

    /** Splits a student-first covariance into Overlaps with a* = 1. */
    static Overlaps fromCovariance(double[] omega, int p, int k, double[] a) {
        int n = p + k;
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] pm = new double[k * k];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] = omega[i * n + j];
            }
            for (int r = 0; r < k; r++) {
                m[i * k + r] = omega[i * n + p + r];
            }
        }
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                pm[r * k + s] = omega[(p + r) * n + p + s];
            }
        }
        double[] aStar = new double[k];
        Arrays.fill(aStar, 1.0);
        return Overlaps.of(q, m, pm, a, aStar);
    }

    /**
     * A student near the start of learning against an orthonormal teacher P = I: M_ir = m0·N(0,1) and
     * Q = M Mᵀ + qPerp·I (always a valid Ω), a = a* = 1.
     */
    static Overlaps nearOrigin(int p, int k, double qPerp, double m0, long seed) {
        Random random = new Random(seed);
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] pm = new double[k * k];
        for (int i = 0; i < p * k; i++) {
            m[i] = m0 * random.nextGaussian();
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = i == j ? qPerp : 0.0;
                for (int r = 0; r < k; r++) {
                    s += m[i * k + r] * m[j * k + r];
                }
                q[i * p + j] = s;
            }
        }
        for (int r = 0; r < k; r++) {
            pm[r * k + r] = 1.0;
        }
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        double[] aStar = new double[k];
        Arrays.fill(aStar, 1.0);
        return Overlaps.of(q, m, pm, a, aStar);
    }

    static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }
}
