package org.sgdlimits.gauss;

/**
 * Pivoted Cholesky factorisation of a small (n ≤ 4 in practice) positive semi-definite covariance, robust to
 * singular and nearly singular C: variables are taken in order of largest remaining conditional variance, and
 * the factorisation stops at the numerical rank r. Then, with ξ ~ N(0, I_r),
 * u_{perm[i]} = Σ_{j ≤ min(i, r−1)} L[i][j] ξ_j has covariance C (up to the discarded residual, which is below
 * {@link #RELATIVE_RANK_TOLERANCE} times the largest variance). Because L is lower triangular in pivot order,
 * the i-th pivoted variable depends on ξ_0..ξ_i only, which quadrature loops exploit.
 *
 * <p>Value object: immutable after construction.
 */
public final class PivotedCholesky {

    /** Conditional variances below this fraction of the largest variance count as zero (rank deficiency). */
    static final double RELATIVE_RANK_TOLERANCE = 1e-13;
    /** Allowed relative asymmetry and negative residual before C is rejected as not a covariance. */
    static final double RELATIVE_VALIDITY_TOLERANCE = 1e-9;

    final int n;
    final int rank;
    /** Pivot order: position i in the factor is original variable perm[i]. */
    final int[] perm;
    /** Row-major n × n lower-triangular factor in pivot order; columns ≥ rank are zero. */
    final double[] l;

    private PivotedCholesky(int n, int rank, int[] perm, double[] l) {
        this.n = n;
        this.rank = rank;
        this.perm = perm;
        this.l = l;
    }

    /**
     * Factorises the row-major n × n covariance {@code c}.
     *
     * @throws IllegalArgumentException if c has the wrong length, is not finite, not symmetric, or not
     *         positive semi-definite (beyond rounding)
     */
    static PivotedCholesky of(double[] c, int n) {
        if (c == null || c.length != n * n) {
            throw new IllegalArgumentException("covariance: length " + (c == null ? "null" : c.length)
                    + ", expected " + n + "x" + n + " = " + (n * n));
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = c[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("covariance: entry (" + i + "," + j + ") = " + v
                            + " is not finite");
                }
            }
            double d = c[i * n + i];
            if (d < 0) {
                throw new IllegalArgumentException("covariance: diagonal entry (" + i + "," + i + ") = " + d
                        + " is negative; variances must be >= 0");
            }
            scale = Math.max(scale, d);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(c[i * n + j] - c[j * n + i]) > RELATIVE_VALIDITY_TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("covariance: not symmetric at (" + i + "," + j + "): "
                            + c[i * n + j] + " vs " + c[j * n + i]);
                }
            }
        }
        int[] perm = new int[n];
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            diag[i] = c[i * n + i];
        }
        double[] l = new double[n * n];
        double tol = RELATIVE_RANK_TOLERANCE * scale;
        int rank = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (diag[i] > diag[p]) {
                    p = i;
                }
            }
            if (!(diag[p] > tol)) {
                break;
            }
            if (p != k) {
                swap(perm, diag, l, n, k, p);
            }
            double lkk = Math.sqrt(diag[k]);
            l[k * n + k] = lkk;
            for (int i = k + 1; i < n; i++) {
                double s = c[perm[i] * n + perm[k]];
                for (int j = 0; j < k; j++) {
                    s -= l[i * n + j] * l[k * n + j];
                }
                double lik = s / lkk;
                l[i * n + k] = lik;
                diag[i] -= lik * lik;
            }
            rank = k + 1;
        }
        for (int i = rank; i < n; i++) {
            if (diag[i] < -RELATIVE_VALIDITY_TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                throw new IllegalArgumentException("covariance: not positive semi-definite (conditional variance "
                        + diag[i] + " of variable " + perm[i] + " is negative)");
            }
        }
        return new PivotedCholesky(n, rank, perm, l);
    }

    /**
     * Coordinates z_a (length r = rank C) of vectors g_a lying in the range of the covariance C, such that
     * g_a C⁺ g_bᵀ = z_a · z_b: with C = P L Lᵀ Pᵀ (pivoted, L of rank r) and g = L z, z solves the first r
     * (pivoted) rows by forward substitution. Used for quadratic forms E[fλ]ᵀ Ω⁺ E[gλ] (Stein: E[fλ] = Ω E[∇f]
     * is in the range of Ω), e.g. the finite-d mini-batch term of docs/theory.md §3.8.
     *
     * @param covariance row-major n × n positive semi-definite C
     * @param n          size
     * @param vectors    count × n row-major, each row in the range of C (the part outside is ignored)
     * @param count      number of vectors
     * @return count rows of length rank, row-major; {@code rank = result.length / count}
     * @throws IllegalArgumentException if C is not a valid covariance
     */
    public static double[] rangeCoordinates(double[] covariance, int n, double[] vectors, int count) {
        PivotedCholesky f = of(covariance, n);
        int r = f.rank;
        double[] z = new double[count * r];
        for (int a = 0; a < count; a++) {
            for (int i = 0; i < r; i++) {
                double s = vectors[a * n + f.perm[i]];
                for (int j = 0; j < i; j++) {
                    s -= f.l[i * n + j] * z[a * r + j];
                }
                z[a * r + i] = s / f.l[i * n + i];
            }
        }
        return z;
    }

    private static void swap(int[] perm, double[] diag, double[] l, int n, int a, int b) {
        int t = perm[a];
        perm[a] = perm[b];
        perm[b] = t;
        double d = diag[a];
        diag[a] = diag[b];
        diag[b] = d;
        for (int j = 0; j < a; j++) {
            double x = l[a * n + j];
            l[a * n + j] = l[b * n + j];
            l[b * n + j] = x;
        }
    }
}
