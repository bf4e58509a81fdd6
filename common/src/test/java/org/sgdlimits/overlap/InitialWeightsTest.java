package org.sgdlimits.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitialWeightsTest {

    @Test
    void randomInitialisationHasExactlyTheRequestedTeacherOverlapAndStudentNorms() {
        double[] pMat = {1.0, 0.3, -0.2, 0.3, 2.0, 0.5, -0.2, 0.5, 0.7};
        double[] norms = {0.5, 1.0, 2.0, 0.01};
        int d = 3000;
        InitialWeights w = InitialWeights.random(d, pMat, norms, new double[] {1, 1, 1, 1},
                new double[] {1, -1, 0.5}, 42L);
        double[] pFromWeights = w.teacherOverlapFromWeights();
        for (int i = 0; i < pMat.length; i++) {
            assertEquals(pMat[i], pFromWeights[i], 1e-13, "P entry " + i);
        }
        Overlaps o = w.overlaps();
        for (int i = 0; i < 4; i++) {
            assertEquals(norms[i], o.studentOverlap(i, i), 1e-14 * Math.max(1, norms[i]), "Q_ii");
            for (int r = 0; r < 3; r++) {
                // independent random directions: |M_ir| ~ sqrt(Q_ii P_rr / d); 6 standard deviations
                double sd = Math.sqrt(norms[i] * pMat[r * 3 + r] / d);
                assertTrue(Math.abs(o.studentTeacherOverlap(i, r)) < 6 * sd, "M is O(1/sqrt d)");
            }
        }
    }

    @Test
    void randomInitialisationAcceptsSingularTeacherOverlap() {
        double[] pMat = {1, 1, 1, 1}; // two identical teachers
        InitialWeights w = InitialWeights.random(50, pMat, new double[] {1}, new double[] {1}, new double[] {1, 1},
                7L);
        double[] pw = w.teacherOverlapFromWeights();
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, pw[i], 1e-13);
        }
    }

    @Test
    void reproducingWeightsRecoverOmegaToRoundOff() {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            int p = 1 + random.nextInt(4);
            int k = 1 + random.nextInt(3);
            Overlaps target = randomOverlaps(p, k, random);
            InitialWeights w = InitialWeights.reproducing(target, 200 + trial, InitialWeights.streamFor(trial));
            assertOmegaEquals(target, w.overlaps(), 1e-12);
            double[] pw = w.teacherOverlapFromWeights();
            double[] pt = target.teacherOverlapMatrix();
            for (int i = 0; i < pw.length; i++) {
                assertEquals(pt[i], pw[i], 1e-12);
            }
        }
    }

    @Test
    void axisAlignedWeightsRecoverOmegaAndConfineTheTeacherToTheFirstCoordinates() {
        Random random = new Random(4);
        Overlaps target = randomOverlaps(4, 3, random);
        int d = 150;
        InitialWeights w = InitialWeights.reproducingAlignedWithAxes(target, d, InitialWeights.streamFor(2));
        assertOmegaEquals(target, w.overlaps(), 1e-12);
        double[] teacher = w.teacherWeights();
        for (int r = 0; r < 3; r++) {
            for (int c = 3; c < d; c++) {
                assertEquals(0.0, teacher[r * d + c], "teacher row " + r + " beyond the first k coordinates");
            }
        }
    }

    @Test
    void reproducingWeightsHandleRankDeficientOmega() {
        // student 0 is teacher 0 exactly, student 1 is teacher 1 scaled, student 2 is a fresh direction,
        // student 3 duplicates student 2: Omega has rank 3 of 6.
        double[] pMat = {1, 0.2, 0.2, 1};
        double[] m = {1, 0.2, 0.4, 2, 0, 0, 0, 0};
        double[] q = {1, 0.4, 0, 0, 0.4, 4, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5};
        Overlaps target = Overlaps.of(q, m, pMat, new double[] {1, 1, 1, 1}, new double[] {1, 1});
        InitialWeights w = InitialWeights.reproducing(target, 64, InitialWeights.streamFor(11));
        assertOmegaEquals(target, w.overlaps(), 1e-12);
        double[] student = w.studentWeights();
        double[] teacher = w.teacherWeights();
        for (int c = 0; c < 64; c++) {
            assertEquals(teacher[c], student[c], 1e-12, "student 0 copies teacher 0");
            assertEquals(student[2 * 64 + c], student[3 * 64 + c], 1e-12, "students 2 and 3 coincide");
        }
    }

    @Test
    void tooSmallDimensionIsRejectedNamingTheField() {
        Overlaps target = randomOverlaps(3, 2, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitialWeights.reproducing(target, 4, InitialWeights.streamFor(1)));
        assertTrue(e.getMessage().startsWith("dimension: 4"), e.getMessage());
    }

    @Test
    void negativeSquaredNormIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitialWeights.random(10, new double[] {1}, new double[] {-1}, new double[] {1},
                        new double[] {1}, 1L));
        assertTrue(e.getMessage().contains("Q_0_0"), e.getMessage());
    }

    @Test
    void sameSeedGivesSameWeights() {
        double[] pMat = {1};
        InitialWeights a = InitialWeights.random(20, pMat, new double[] {1, 1}, new double[] {1, 1},
                new double[] {1}, 5L);
        InitialWeights b = InitialWeights.random(20, pMat, new double[] {1, 1}, new double[] {1, 1},
                new double[] {1}, 5L);
        assertEquals(a.overlaps(), b.overlaps());
    }

    /**
     * Ω = G Gᵀ/(p+k+2) for a random (p+k)×(p+k+2) Gaussian G ({@link RandomOverlaps}, seeded from
     * {@code random}): a generic valid covariance; a = a* = 1.
     */
    static Overlaps randomOverlaps(int p, int k, Random random) {
        double[] a = new double[p];
        double[] aStar = new double[k];
        java.util.Arrays.fill(a, 1.0);
        java.util.Arrays.fill(aStar, 1.0);
        return RandomOverlaps.wishart(RandomOverlaps.generator(random.nextLong()), p + k + 2, 1.0, a, aStar);
    }

    static void assertOmegaEquals(Overlaps expected, Overlaps actual, double tol) {
        double[] e = expected.covariance();
        double[] a = actual.covariance();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), "Omega entry " + i);
        }
    }
}
