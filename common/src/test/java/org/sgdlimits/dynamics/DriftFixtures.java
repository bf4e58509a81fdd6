package org.sgdlimits.dynamics;

import java.util.SplittableRandom;

/** Seeded random teacher–student configurations (valid Ω by construction) for the drift tests. */
final class DriftFixtures {
    final int p;
    final int k;
    final double[] q;
    final double[] m;
    final double[] teacherOverlap;
    final double[] a;
    final double[] aStar;

    private DriftFixtures(int p, int k, double[] q, double[] m, double[] teacherOverlap, double[] a,
                          double[] aStar) {
        this.p = p;
        this.k = k;
        this.q = q;
        this.m = m;
        this.teacherOverlap = teacherOverlap;
        this.a = a;
        this.aStar = aStar;
    }

    /**
     * Ω = W Wᵀ/d for random Gaussian weights in dimension d = dim (scaled by {@code scale}), so Ω is a valid
     * covariance; second layers uniform in [0.5, 1.5] with random signs when {@code signed}.
     */
    static DriftFixtures random(long seed, int p, int k, int dim, double scale, boolean signed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = p + k;
        double[] w = new double[n * dim];
        for (int idx = 0; idx < w.length; idx++) {
            w[idx] = gaussian(rng) * Math.sqrt(scale);
        }
        double[] omega = new double[n * n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                double s = 0;
                for (int l = 0; l < dim; l++) {
                    s += w[u * dim + l] * w[v * dim + l];
                }
                omega[u * n + v] = s / dim;
            }
        }
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
        double[] a = new double[p];
        double[] aStar = new double[k];
        for (int i = 0; i < p; i++) {
            a[i] = (0.5 + rng.nextDouble()) * (signed && rng.nextBoolean() ? -1 : 1);
        }
        for (int r = 0; r < k; r++) {
            aStar[r] = (0.5 + rng.nextDouble()) * (signed && rng.nextBoolean() ? -1 : 1);
        }
        return new DriftFixtures(p, k, q, m, pm, a, aStar);
    }

    /** Ω as a row-major (p+k)×(p+k) matrix. */
    double[] covariance() {
        int n = p + k;
        double[] omega = new double[n * n];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                omega[i * n + j] = q[i * p + j];
            }
            for (int r = 0; r < k; r++) {
                omega[i * n + p + r] = m[i * k + r];
                omega[(p + r) * n + i] = m[i * k + r];
            }
        }
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                omega[(p + r) * n + p + s] = teacherOverlap[r * k + s];
            }
        }
        return omega;
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
