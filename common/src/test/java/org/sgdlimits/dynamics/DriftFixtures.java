package org.sgdlimits.dynamics;

import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

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
     * Ω = W Wᵀ/d for random Gaussian weights W ~ N(0, scale) in dimension d = dim ({@link RandomOverlaps}), so Ω
     * is a valid covariance; second layers uniform in [0.5, 1.5] with random signs when {@code signed}.
     */
    static DriftFixtures random(long seed, int p, int k, int dim, double scale, boolean signed) {
        UniformRandomProvider rng = RandomOverlaps.generator(seed);
        int n = p + k;
        double[] w = RandomOverlaps.gaussianWeights(rng, n, dim, scale);
        double[] a = new double[p];
        double[] aStar = new double[k];
        for (int i = 0; i < p; i++) {
            a[i] = (0.5 + rng.nextDouble()) * (signed && rng.nextBoolean() ? -1 : 1);
        }
        for (int r = 0; r < k; r++) {
            aStar[r] = (0.5 + rng.nextDouble()) * (signed && rng.nextBoolean() ? -1 : 1);
        }
        Overlaps o = Overlaps.fromCovariance(RandomOverlaps.gram(w, n, dim), p, k, a, aStar);
        return new DriftFixtures(p, k, o.studentOverlapMatrix(), o.studentTeacherOverlapMatrix(),
                o.teacherOverlapMatrix(), a, aStar, w, dim);
    }

    /** Ω as a row-major (p+k)×(p+k) matrix. */
    double[] covariance() {
        return Overlaps.unchecked(p, k, q, m, teacherOverlap, a, aStar).covariance();
    }
}
