package org.sgdlimits.gauss;

/**
 * Exact E[Π_i p_i(u_i)] for jointly Gaussian, zero-mean u ~ N(0, C) and polynomials p_i of degree ≤ 2, by
 * Wick/Isserlis.
 *
 * <p>Each factor is p_i(x) = a_i0 + a_i1 x + a_i2 x², given as three consecutive coefficients. Expanding the
 * product, E = Σ_k Π_i a_{i k_i} m(k) over exponent vectors k ∈ {0,1,2}^n, with the monomial moments
 * m(k) = E[Π_i u_i^{k_i}] from the Isserlis (Stein) recursion
 * m(k) = Σ_j C_{ij} k'_j m(k' − e_j), k' = k − e_i, i the first index with k_i &gt; 0, m(0) = 1.
 * At most 3^4 = 81 moments are needed: about a microsecond per four-variable expectation. Stateless.
 */
public final class GaussianPolynomialExpectation {

    /** Largest number of variables. */
    public static final int MAX_DIMENSION = 4;
    /** Largest degree of each factor. */
    public static final int MAX_DEGREE = 2;

    private static final int[] POW3 = {1, 3, 9, 27, 81};

    private GaussianPolynomialExpectation() {
    }

    /**
     * E[Π_i p_i(u_i)].
     *
     * @param coefficients       n × 3 row-major: (a_i0, a_i1, a_i2) for factor i
     * @param covarianceRowMajor C, n × n row-major (symmetry and positive semi-definiteness are the caller's
     *                           responsibility; the formula is polynomial in C)
     */
    public static double expectation(double[] coefficients, double[] covarianceRowMajor) {
        int n = coefficients.length / 3;
        if (coefficients.length != 3 * n || n < 1 || n > MAX_DIMENSION) {
            throw new IllegalArgumentException("coefficients: length " + coefficients.length
                    + "; must be 3 x n with n in 1.." + MAX_DIMENSION);
        }
        if (covarianceRowMajor.length != n * n) {
            throw new IllegalArgumentException("covariance: length " + covarianceRowMajor.length + ", expected "
                    + n * n);
        }
        int size = POW3[n];
        double[] m = new double[size];
        int[] k = new int[n];
        m[0] = 1;
        double total = coefficients[0] * 1.0;
        for (int i = 1; i < n; i++) {
            total *= coefficients[3 * i];
        }
        for (int idx = 1; idx < size; idx++) {
            // exponent vector of idx (base 3, digit i = k_i)
            int rest = idx;
            int first = -1;
            for (int i = 0; i < n; i++) {
                k[i] = rest % 3;
                rest /= 3;
                if (first < 0 && k[i] > 0) {
                    first = i;
                }
            }
            int reduced = idx - POW3[first];
            k[first]--;
            double s = 0;
            for (int j = 0; j < n; j++) {
                if (k[j] > 0) {
                    s += covarianceRowMajor[first * n + j] * k[j] * m[reduced - POW3[j]];
                }
            }
            k[first]++;
            m[idx] = s;
            double coef = 1;
            for (int i = 0; i < n && coef != 0; i++) {
                coef *= coefficients[3 * i + k[i]];
            }
            total += coef * s;
        }
        return total;
    }
}
