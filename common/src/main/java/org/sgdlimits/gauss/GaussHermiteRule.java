package org.sgdlimits.gauss;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * An n-point Gauss–Hermite rule for the standard normal weight: E[f(X)], X ~ N(0, 1), is approximated by
 * Σ_k w_k f(x_k), exact for polynomials of degree ≤ 2n − 1. Nodes come from the eigenvalues of the Jacobi
 * matrix (Golub–Welsch), refined by Newton steps on the orthonormal Hermite recurrence; weights from the
 * Christoffel formula w = 1/(n p̃_{n−1}(t)²), which keeps tiny tail weights relatively accurate.
 * Nodes are in increasing order; weights sum to 1. Immutable.
 */
public final class GaussHermiteRule {

    /** Largest supported number of nodes. */
    public static final int MAX_NODES = 200;

    final int size;
    final double[] nodes;
    final double[] weights;

    /**
     * The n-point rule, 1 ≤ n ≤ {@value #MAX_NODES}.
     *
     * @throws IllegalArgumentException naming the allowed range
     */
    public GaussHermiteRule(int n) {
        if (n < 1 || n > MAX_NODES) {
            throw new IllegalArgumentException("nodesPerAxis: " + n + "; allowed range 1.." + MAX_NODES);
        }
        this.size = n;
        this.nodes = new double[n];
        this.weights = new double[n];
        // Jacobi matrix of the physicists' Hermite weight exp(−t²): zero diagonal, off-diagonal √(k/2).
        double[] diag = new double[n];
        double[] off = new double[Math.max(n - 1, 0)];
        for (int k = 1; k < n; k++) {
            off[k - 1] = Math.sqrt(k / 2.0);
        }
        double[] t;
        if (n == 1) {
            t = new double[] {0.0};
        } else {
            double[][] jm = new double[n][n];
            for (int k = 0; k < n - 1; k++) {
                jm[k][k + 1] = off[k];
                jm[k + 1][k] = off[k];
            }
            t = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(jm, false), 1e-12, false).getEigenvalues();
            java.util.Arrays.sort(t);
        }
        double sqrt2 = Math.sqrt(2.0);
        double sqrtPi = Math.sqrt(Math.PI);
        double[] pn = new double[2];
        for (int i = 0; i < n; i++) {
            double x = t[i];
            for (int it = 0; it < 3; it++) {
                evaluate(n, x, pn);
                double dp = Math.sqrt(2.0 * n) * pn[1];
                double step = pn[0] / dp;
                x -= step;
                if (Math.abs(step) < 1e-16 * Math.max(1, Math.abs(x))) {
                    break;
                }
            }
            evaluate(n, x, pn);
            nodes[i] = sqrt2 * x;
            weights[i] = 1.0 / (n * pn[1] * pn[1]) / sqrtPi; // Christoffel weight (mass √π) over √π
        }
        symmetrise(nodes, weights); // against rounding
    }

    /**
     * Makes an ascending one-dimensional rule exactly symmetric in place: each mirror pair (l, n−1−l) gets the
     * nodes ∓ half their difference and the mean of their weights, the middle node of an odd rule becomes 0.
     *
     * @param nodes   ascending nodes
     * @param weights their weights, same length
     */
    public static void symmetrise(double[] nodes, double[] weights) {
        int n = nodes.length;
        for (int i = 0; i < n / 2; i++) {
            int j = n - 1 - i;
            double x = 0.5 * (nodes[j] - nodes[i]);
            double w = 0.5 * (weights[i] + weights[j]);
            nodes[i] = -x;
            nodes[j] = x;
            weights[i] = w;
            weights[j] = w;
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0.0;
        }
    }

    /**
     * Whether an ascending one-dimensional rule is symmetric to a relative 1e-12 (z_l = −z_{n−1−l}, equal mirror
     * weights), i.e. whether {@link #symmetrise} only removes rounding.
     *
     * @param nodes   ascending nodes
     * @param weights their weights, same length
     * @return true when every mirror pair agrees to a relative 1e-12
     */
    public static boolean isSymmetric(double[] nodes, double[] weights) {
        int n = nodes.length;
        for (int l = 0; l < n; l++) {
            int mirror = n - 1 - l;
            if (Math.abs(nodes[l] + nodes[mirror]) > 1e-12 * Math.max(1, Math.abs(nodes[l]))
                    || Math.abs(weights[l] - weights[mirror]) > 1e-12 * weights[l]) {
                return false;
            }
        }
        return true;
    }

    /** out[0] = p̃_n(t), out[1] = p̃_{n−1}(t), orthonormal Hermite polynomials for the weight exp(−t²). */
    private static void evaluate(int n, double t, double[] out) {
        double pPrev = 0;
        double p = Math.pow(Math.PI, -0.25);
        for (int j = 1; j <= n; j++) {
            double next = t * Math.sqrt(2.0 / j) * p - Math.sqrt((j - 1.0) / j) * pPrev;
            pPrev = p;
            p = next;
        }
        out[0] = p;
        out[1] = pPrev;
    }

    /** Number of nodes n. */
    public int size() {
        return size;
    }

    /** The l-th node (increasing in l), for X ~ N(0, 1). */
    public double node(int l) {
        return nodes[l];
    }

    /** The l-th weight; the weights sum to 1. */
    public double weight(int l) {
        return weights[l];
    }

    /** Copy of the nodes. */
    public double[] nodes() {
        return nodes.clone();
    }

    /** Copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }
}
