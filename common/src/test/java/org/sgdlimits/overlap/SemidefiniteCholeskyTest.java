package org.sgdlimits.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SemidefiniteCholeskyTest {

    @Test
    void factorReproducesRankDeficientMatrixAndCountsItsRank() {
        Random random = new Random(9);
        int n = 6;
        int rank = 3;
        double[] g = new double[n * rank];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < rank; c++) {
                    a[i * n + j] += g[i * rank + c] * g[j * rank + c];
                }
            }
        }
        double[] l = new double[n * n];
        boolean[] used = new boolean[n];
        assertEquals(rank, SemidefiniteCholesky.factor(a, n, l, used));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += l[i * n + c] * l[j * n + c];
                }
                assertEquals(a[i * n + j], s, 1e-12, "(L L^T)_" + i + j);
                if (j > i) {
                    assertEquals(0.0, l[i * n + j], "upper triangle is zero");
                }
            }
        }
        assertTrue(used[0] && used[1] && used[2] && !used[3] && !used[4] && !used[5]);
    }

    @Test
    void indefiniteMatrixIsReported() {
        double[] a = {1, 2, 2, 1};
        assertTrue(SemidefiniteCholesky.factor(a, 2, new double[4], null) < 0);
    }
}
