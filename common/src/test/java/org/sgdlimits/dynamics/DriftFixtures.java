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
    /** The weights Ω was built from: row u (student units, then teacher units) of length dim. */
    final double[] weights;
    final int dim;

    private DriftFixtures(int p, int k, double[] q, double[] m, double[] teacherOverlap, double[] a,
                          double[] aStar, double[] weights, int dim) {
        this.p = p;
        this.k = k;
        this.q = q;
        this.m = m;
        this.teacherOverlap = teacherOverlap;
        this.a = a;
        this.aStar = aStar;
        this.weights = weights;
        this.dim = dim;
    }

    /** Other student overlaps (Q, M), same teacher and second layers. */
    DriftFixtures withOverlaps(double[] newQ, double[] newM) {
        return new DriftFixtures(p, k, newQ, newM, teacherOverlap, a, aStar, null, 0);
    }

    /** The same Ω with other second layers. */
    DriftFixtures withSecondLayers(double[] newA, double[] newAStar) {
        return new DriftFixtures(p, k, q, m, teacherOverlap, newA, newAStar, weights, dim);
    }

    /** Perfect recovery: p = k, Q = M = P (random valid P), a = a*. */
    static DriftFixtures perfectRecovery(long seed, int k) {
        DriftFixtures teacher = random(seed, k, k, 3 * k, 1.0, true);
        double[] pm = teacher.teacherOverlap;
        return new DriftFixtures(k, k, pm.clone(), pm.clone(), pm.clone(), teacher.aStar.clone(),
                teacher.aStar.clone(), null, 0);
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
        return new DriftFixtures(p, k, q, m, pm, a, aStar, w, dim);
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
