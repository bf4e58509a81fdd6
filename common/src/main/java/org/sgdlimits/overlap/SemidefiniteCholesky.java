package org.sgdlimits.overlap;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * Cholesky factor of a symmetric positive <em>semi</em>-definite matrix, A = L Lᵀ with L lower triangular.
 *
 * <p>Rank deficiency (perfect recovery, a student copying a teacher, …) is handled without pivoting: when the
 * remaining pivot of column j is below {@code RANK_TOLERANCE}·max_i A_ii (or slightly negative from
 * round-off) the whole column j of L is set to zero. For a PSD matrix the entries below such a pivot are then
 * zero up to round-off as well, so L Lᵀ = A still holds to round-off, and the number of non-zero columns is
 * the numerical rank. Keeping the column order (no pivoting) matters to the callers: with the teacher block
 * first, the first k rows of L span only the first k columns (the teacher subspace).
 *
 * <p>Works in place on caller-supplied buffers (row-major n×n), so it can run every step of a Markov chain
 * without allocating. Stateless and thread-safe.
 */
public final class SemidefiniteCholesky {
    /** Pivots below this fraction of the largest diagonal entry count as zero. */
    public static final double RANK_TOLERANCE = 1e-13;
    /** Pivots below −NEGATIVE_TOLERANCE·max_i A_ii mean the matrix is not positive semi-definite. */
    public static final double NEGATIVE_TOLERANCE = 1e-9;

    private SemidefiniteCholesky() {
    }

    /**
     * Factors A (row-major n×n, symmetric; only the lower triangle is read) into {@code factor} (row-major n×n,
     * lower triangular, zero above the diagonal and in the columns of zero pivots).
     *
     * @param columnUsed if not null, receives for each column whether it is non-zero (length ≥ n)
     * @return the numerical rank (number of non-zero columns), or −1 − j when the pivot of column j is clearly
     *         negative (A not positive semi-definite); the factor is then incomplete
     */
    public static int factor(double[] a, int n, double[] factor, boolean[] columnUsed) {
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
        }
        double zeroPivot = RANK_TOLERANCE * maxDiag;
        int rank = 0;
        for (int j = 0; j < n; j++) {
            double pivot = a[j * n + j] - rowDot(factor, j * n, j * n, j);
            for (int l = j + 1; l < n; l++) {
                factor[j * n + l] = 0.0;
            }
            if (pivot < -NEGATIVE_TOLERANCE * Math.max(maxDiag, Double.MIN_NORMAL) || Double.isNaN(pivot)) {
                return -1 - j;
            }
            if (pivot <= zeroPivot) {
                for (int i = j; i < n; i++) {
                    factor[i * n + j] = 0.0;
                }
                if (columnUsed != null) {
                    columnUsed[j] = false;
                }
                continue;
            }
            double ljj = Math.sqrt(pivot);
            factor[j * n + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < n; i++) {
                factor[i * n + j] = (a[i * n + j] - rowDot(factor, i * n, j * n, j)) * inv;
            }
            if (columnUsed != null) {
                columnUsed[j] = true;
            }
            rank++;
        }
        return rank;
    }

    /**
     * Σ_{l &lt; length} f[x + l] f[y + l] with four independent accumulators (a single running sum would make the
     * O(n³) factorisation latency-bound; the Gram chain factors Ω every step).
     */
    private static double rowDot(double[] f, int x, int y, int length) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int l = 0;
        for (; l + 4 <= length; l += 4) {
            s0 += f[x + l] * f[y + l];
            s1 += f[x + l + 1] * f[y + l + 1];
            s2 += f[x + l + 2] * f[y + l + 2];
            s3 += f[x + l + 3] * f[y + l + 3];
        }
        for (; l < length; l++) {
            s0 += f[x + l] * f[y + l];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Allocating convenience form of {@link #factor(double[], int, double[], boolean[])}.
     *
     * @throws IllegalArgumentException naming {@code field} when the matrix is not positive semi-definite
     */
    public static double[] factor(String field, double[] a, int n) {
        double[] l = new double[n * n];
        int rank = factor(a, n, l, null);
        if (rank < 0) {
            throw new InvalidFieldException(FieldPath.parse(field), "not positive semi-definite (negative pivot in column "
                    + (-1 - rank) + ")");
        }
        return l;
    }

    /**
     * out = L z for a lower-triangular row-major n×n matrix L (a Cholesky factor or its inverse): colours a
     * standard normal z into N(0, L Lᵀ), or whitens with L⁻¹. Allocation-free; {@code out} must not overlap z.
     *
     * @param l         row-major n×n, lower triangular (the entries above the diagonal are not read)
     * @param n         size
     * @param z         input vector, n entries from {@code zOffset}
     * @param zOffset   index of z's first entry
     * @param out       output, n entries written from {@code outOffset}
     * @param outOffset index of the first output entry
     */
    public static void multiplyLower(double[] l, int n, double[] z, int zOffset, double[] out, int outOffset) {
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int c = 0; c <= r; c++) {
                s += l[r * n + c] * z[zOffset + c];
            }
            out[outOffset + r] = s;
        }
    }
}
