package org.sgdlimits.narrow.simulation;

import java.util.Arrays;
import java.util.Random;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

/** Valid overlaps for tests. */
final class TestOverlaps {
    private TestOverlaps() {
    }

    /**
     * Ω = G Gᵀ/c for a (p+k)×c Gaussian G with c = p+k+3 ({@link RandomOverlaps}, a generic valid covariance,
     * P ≠ I); second layers a (given) and a* = 1.
     */
    static Overlaps generic(int p, int k, long seed, double[] a) {
        return RandomOverlaps.wishart(RandomOverlaps.generator(seed), p + k + 3, 1.0, a, ones(k));
    }

    /** Splits a student-first covariance into Overlaps with a* = 1. */
    static Overlaps fromCovariance(double[] omega, int p, int k, double[] a) {
        return Overlaps.fromCovariance(omega, p, k, a, ones(k));
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
