package org.sgdlimits.gauss;

import java.util.SplittableRandom;

/** Seeded random valid covariance matrices (row-major, n × n) for the moment tests. */
final class RandomCovariances {
    private RandomCovariances() {
    }

    /** C = A Aᵀ / m with A an n × m standard Gaussian matrix (m ≥ n gives full rank almost surely), times scale. */
    static double[] wishart(SplittableRandom rng, int n, int m, double scale) {
        double[] a = new double[n * m];
        for (int i = 0; i < a.length; i++) {
            a[i] = gaussian(rng);
        }
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += a[i * m + k] * a[j * m + k];
                }
                c[i * n + j] = scale * s / m;
            }
        }
        return c;
    }

    /**
     * A covariance with smallest eigenvalue ≈ eps: rank n − 1 Wishart part plus eps times the identity (so one
     * direction has variance ≈ eps, which means two of the variables are almost perfectly correlated).
     */
    static double[] nearlySingular(SplittableRandom rng, int n, double eps) {
        double[] c = wishart(rng, n, n - 1, 1.0);
        for (int i = 0; i < n; i++) {
            c[i * n + i] += eps;
        }
        return c;
    }

    /** A covariance with two identical variables (exactly singular): variable 1 is a copy of variable 0. */
    static double[] withDuplicate(SplittableRandom rng, int n) {
        double[] base = wishart(rng, n, n + 2, 1.0);
        double[] c = base.clone();
        for (int j = 0; j < n; j++) {
            c[1 * n + j] = base[0 * n + j];
            c[j * n + 1] = base[j * n + 0];
        }
        c[1 * n + 1] = base[0];
        return c;
    }

    static double gaussian(SplittableRandom rng) {
        // Box–Muller (the test helper does not need speed).
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
