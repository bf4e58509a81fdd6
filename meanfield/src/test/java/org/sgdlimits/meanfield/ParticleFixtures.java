package org.sgdlimits.meanfield;

import java.util.SplittableRandom;

/** Random particle configurations for tests (seeded). */
final class ParticleFixtures {
    private ParticleFixtures() {
    }

    /** P for k = 1, 2, 3: 1, or a fixed well-conditioned SPD matrix. */
    static double[] teacherOverlap(int k) {
        double[] p = new double[k * k];
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                p[r * k + s] = r == s ? 1.0 + 0.2 * r : 0.25 / (1 + Math.abs(r - s));
            }
        }
        return p;
    }

    static double[] teacherSecondLayer(int k) {
        double[] a = new double[k];
        for (int r = 0; r < k; r++) {
            a[r] = 1.0 - 0.3 * r;
        }
        return a;
    }

    /**
     * p particles with m_ir ~ mScale·N(0,1), q⊥ ~ U(0.05, qMax), a ~ a0 + 0.3 N(0,1) (a0 = 1).
     */
    static Particles random(int p, int k, double mScale, double qMax, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[p];
        double[] m = new double[p * k];
        double[] q = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = 1.0 + 0.3 * gaussian(rng);
            for (int r = 0; r < k; r++) {
                m[i * k + r] = mScale * gaussian(rng);
            }
            q[i] = 0.05 + (qMax - 0.05) * rng.nextDouble();
        }
        return Particles.of(a, m, q, teacherOverlap(k), teacherSecondLayer(k));
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
