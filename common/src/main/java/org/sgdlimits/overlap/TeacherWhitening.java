package org.sgdlimits.overlap;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * Whitening by the teacher overlap P = L Lᵀ (k×k, positive definite): u = L⁻¹ mᵀ for a row m of M, so that
 * m P⁻¹ mᵀ = |u|² (the student–teacher alignment of one unit, docs/theory.md §5) and the teacher field
 * λ* ~ N(0, P) is L z with z standard normal. Immutable; one instance serves any number of threads.
 */
public final class TeacherWhitening {
    private final int k;
    private final double[] factor;
    private final double[] inverseFactor;

    private TeacherWhitening(int k, double[] factor) {
        this.k = k;
        this.factor = factor;
        this.inverseFactor = lowerInverse(factor, k);
    }

    /**
     * The whitening of a teacher overlap, factored by the shared {@link SemidefiniteCholesky}.
     *
     * @param teacherOverlap P, row-major k×k, symmetric positive definite
     * @param k              teacher units, ≥ 1
     * @return the whitening
     * @throws IllegalArgumentException naming P when it is not positive definite
     */
    public static TeacherWhitening of(double[] teacherOverlap, int k) {
        double[] l = new double[k * k];
        int rank = SemidefiniteCholesky.factor(teacherOverlap, k, l, null);
        if (rank != k) {
            throw new InvalidFieldException(FieldPath.parse("P"), "not positive definite ("
                    + (rank < 0 ? "negative pivot in column " + (-1 - rank) : "rank " + rank + " < k = " + k)
                    + "); the teacher overlap must be positive definite");
        }
        return new TeacherWhitening(k, l);
    }

    /** Teacher units k. */
    public int teacherWidth() {
        return k;
    }

    /** Copy of the lower Cholesky factor L of P (row-major k×k). */
    public double[] choleskyFactor() {
        return factor.clone();
    }

    /** Copy of L⁻¹ (row-major k×k, lower triangular). */
    public double[] inverseCholeskyFactor() {
        return inverseFactor.clone();
    }

    /**
     * u = L⁻¹ mᵀ for the k entries of {@code m} from {@code offset} (allocation-free).
     *
     * @param m      row-major p×k overlaps (or any array holding a k-vector at offset)
     * @param offset index of the first entry of the row
     * @param u      output, length ≥ k
     */
    public void whiten(double[] m, int offset, double[] u) {
        SemidefiniteCholesky.multiplyLower(inverseFactor, k, m, offset, u, 0);
    }

    /**
     * The inverse map, λ* = L z: the teacher field of the standard normal z, λ* ~ N(0, P) (allocation-free).
     *
     * @param z         k standard normal entries from {@code zOffset}
     * @param zOffset   index of z's first entry
     * @param out       output, k entries written from {@code outOffset}; must not overlap z
     * @param outOffset index of the first output entry
     */
    public void colour(double[] z, int zOffset, double[] out, int outOffset) {
        SemidefiniteCholesky.multiplyLower(factor, k, z, zOffset, out, outOffset);
    }

    /**
     * m P⁻¹ mᵀ = |L⁻¹ mᵀ|² for the row of {@code m} at {@code offset}; writes L⁻¹ mᵀ into u.
     *
     * @param m      row-major p×k overlaps
     * @param offset index of the first entry of the row
     * @param u      output, length ≥ k
     * @return the squared whitened norm
     */
    public double whitenedNorm2(double[] m, int offset, double[] u) {
        whiten(m, offset, u);
        double s2 = 0;
        for (int r = 0; r < k; r++) {
            s2 += u[r] * u[r];
        }
        return s2;
    }

    /** Inverse of a lower-triangular k×k matrix (itself lower triangular). */
    private static double[] lowerInverse(double[] l, int k) {
        double[] inv = new double[k * k];
        for (int j = 0; j < k; j++) {
            inv[j * k + j] = 1.0 / l[j * k + j];
            for (int i = j + 1; i < k; i++) {
                double s = 0;
                for (int c = j; c < i; c++) {
                    s -= l[i * k + c] * inv[c * k + j];
                }
                inv[i * k + j] = s / l[i * k + i];
            }
        }
        return inv;
    }
}
