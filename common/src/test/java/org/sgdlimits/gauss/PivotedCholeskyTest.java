package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PivotedCholeskyTest {

    private static double maxReconstructionError(double[] c, int n) {
        PivotedCholesky f = PivotedCholesky.of(c, n);
        double err = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < f.rank; j++) {
                    s += f.l[i * n + j] * f.l[k * n + j];
                }
                err = Math.max(err, Math.abs(s - c[f.perm[i] * n + f.perm[k]]));
            }
        }
        return err;
    }

    @Test
    void factorReproducesCovarianceIncludingSingularOnes() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 100; t++) {
            assertTrue(maxReconstructionError(RandomCovariances.wishart(rng, 4, 5, 2.0), 4) < 1e-13);
            assertTrue(maxReconstructionError(RandomCovariances.nearlySingular(rng, 4, 1e-8), 4) < 1e-13);
            assertTrue(maxReconstructionError(RandomCovariances.withDuplicate(rng, 4), 4) < 1e-13);
        }
    }

    @Test
    void rankDropsForDuplicatedOrZeroVariables() {
        SplittableRandom rng = new SplittableRandom(5);
        assertEquals(3, PivotedCholesky.of(RandomCovariances.withDuplicate(rng, 4), 4).rank);
        assertEquals(2, PivotedCholesky.of(RandomCovariances.wishart(rng, 4, 2, 1.0), 4).rank);
        assertEquals(0, PivotedCholesky.of(new double[4], 2).rank);
        assertEquals(4, PivotedCholesky.of(RandomCovariances.nearlySingular(rng, 4, 1e-8), 4).rank);
    }

    @Test
    void rejectsInvalidCovariancesWithNamedField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PivotedCholesky.of(new double[] {1, 2, 2, 1}, 2));
        assertTrue(e.getMessage().contains("covariance") && e.getMessage().contains("semi-definite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of(new double[] {1, 0.5, 0.2, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of(new double[] {1, 0, 0, Double.NaN}, 2));
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of(new double[] {-1, 0, 0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of(new double[] {1, 0, 0}, 2));
    }
}
