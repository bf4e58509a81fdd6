package org.sgdlimits.gauss;

/**
 * Exact E[Π_i p_i(u_i)] for jointly Gaussian, zero-mean u ~ N(0, C) and polynomials p_i of any degree, by
 * Wick/Isserlis (docs/theory.md §3.7).
 *
 * <p>Factor i is p_i(x) = Σ_j a_ij x^j, given by its coefficients (a_i0, …, a_in_i). Expanding the product,
 * E = Σ_k Π_i a_{i k_i} m(k) over exponent vectors k with 0 ≤ k_i ≤ n_i, with the monomial moments
 * m(k) = E[Π_i u_i^{k_i}] from the Isserlis (Stein) recursion
 * m(k) = Σ_j C_{ij} k'_j m(k' − e_j), k' = k − e_i, i the first index with k_i &gt; 0, m(0) = 1
 * (moments of odd total degree vanish and are skipped). The cost is Π_i (n_i + 1) moments times n: 81 for four
 * quadratic factors (about a microsecond), 7⁴ = 2401 for four sextic ones. Stateless.
 */
public final class GaussianPolynomialExpectation {

    /** Largest number of variables. */
    public static final int MAX_DIMENSION = 4;

    private GaussianPolynomialExpectation() {
    }

    /**
     * E[Π_i p_i(u_i)].
     *
     * @param factors            n ≥ 1 coefficient arrays (a_i0, a_i1, …), each non-empty, n ≤ {@value #MAX_DIMENSION}
     * @param covarianceRowMajor C, n × n row-major (symmetry and positive semi-definiteness are the caller's
     *                           responsibility; the formula is polynomial in C)
     */
    public static double expectation(double[][] factors, double[] covarianceRowMajor) {
        return weightedExpectation(factors, covarianceRowMajor, false);
    }

    /**
     * E[(u·∇) Π_i p_i(u_i)] = Σ_k |k| Π_i a_{i k_i} m(k): each monomial weighted by its total degree |k|
     * (Euler's operator). Stein's lemma turns it into the exact finite-d correction of the noise term
     * (docs/theory.md §3.7), also for non-homogeneous polynomials.
     *
     * @param factors            as in {@link #expectation(double[][], double[])}
     * @param covarianceRowMajor as in {@link #expectation(double[][], double[])}
     */
    public static double eulerExpectation(double[][] factors, double[] covarianceRowMajor) {
        return weightedExpectation(factors, covarianceRowMajor, true);
    }

    private static double weightedExpectation(double[][] factors, double[] cov, boolean euler) {
        int n = factors.length;
        if (n < 1 || n > MAX_DIMENSION) {
            throw new IllegalArgumentException("factors: " + n + "; must be 1.." + MAX_DIMENSION);
        }
        if (cov.length != n * n) {
            throw new IllegalArgumentException("covariance: length " + cov.length + ", expected " + n * n);
        }
        int[] radix = new int[n];
        int[] stride = new int[n];
        int size = 1;
        for (int i = 0; i < n; i++) {
            if (factors[i].length < 1) {
                throw new IllegalArgumentException("factors[" + i + "]: empty; needs at least a constant term");
            }
            stride[i] = size;
            radix[i] = factors[i].length;
            size *= radix[i];
        }
        double[] m = new double[size];
        int[] k = new int[n];
        m[0] = 1;
        double total = 1;
        for (int i = 0; i < n; i++) {
            total *= factors[i][0];
        }
        if (euler) {
            total = 0; // the constant monomial has degree 0
        }
        int degree = 0;
        for (int idx = 1; idx < size; idx++) {
            // advance the mixed-radix exponent vector k (digit i = k_i) and its total degree
            for (int i = 0; i < n; i++) {
                if (++k[i] < radix[i]) {
                    degree++;
                    break;
                }
                degree -= k[i] - 1;
                k[i] = 0;
            }
            if ((degree & 1) == 1) {
                continue; // odd total degree: m = 0 (never read by even-degree recursions)
            }
            int first = 0;
            while (k[first] == 0) {
                first++;
            }
            int reduced = idx - stride[first];
            k[first]--;
            double s = 0;
            for (int j = 0; j < n; j++) {
                if (k[j] > 0) {
                    s += cov[first * n + j] * k[j] * m[reduced - stride[j]];
                }
            }
            k[first]++;
            m[idx] = s;
            double coef = euler ? degree : 1;
            for (int i = 0; i < n && coef != 0; i++) {
                coef *= factors[i][k[i]];
            }
            total += coef * s;
        }
        return total;
    }
}
