package org.sgdlimits.meanfield;

/**
 * Tensor Gauss–Hermite rule for the teacher field λ* ~ N(0, P) in k dimensions: λ* = L z, P = L Lᵀ
 * (Cholesky), z on the tensor product of n-point standard-normal rules, N = nᵏ nodes.
 * E[f(λ*)] ≈ Σ_ν weight(ν) f(λ*_ν). Also offers L⁻¹ so that a student–teacher overlap row m gives
 * μ = m P⁻¹ λ* = u·z with u = L⁻¹ mᵀ. Immutable.
 */
final class TeacherFieldQuadrature {
    private final int k;
    private final int size;
    private final double[] z;
    private final double[] field;
    private final double[] weights;
    private final double[] choleskyInverse;

    TeacherFieldQuadrature(double[] teacherOverlap, int k, int nodesPerAxis) {
        this.k = k;
        double[] chol = cholesky(teacherOverlap, k);
        this.choleskyInverse = lowerInverse(chol, k);
        GaussHermiteRule rule = new GaussHermiteRule(nodesPerAxis);
        long total = 1;
        for (int r = 0; r < k; r++) {
            total *= nodesPerAxis;
            if (total > 5_000_000) {
                throw new IllegalArgumentException("teacherNodes: " + nodesPerAxis + " per axis for k = " + k
                        + " gives more than 5e6 tensor nodes; allowed nodes^k <= 5e6");
            }
        }
        size = (int) total;
        z = new double[size * k];
        field = new double[size * k];
        weights = new double[size];
        int[] idx = new int[k];
        for (int nu = 0; nu < size; nu++) {
            double w = 1;
            for (int r = 0; r < k; r++) {
                z[nu * k + r] = rule.node(idx[r]);
                w *= rule.weight(idx[r]);
            }
            weights[nu] = w;
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int c = 0; c <= r; c++) {
                    s += chol[r * k + c] * z[nu * k + c];
                }
                field[nu * k + r] = s;
            }
            for (int r = k - 1; r >= 0; r--) {
                if (++idx[r] < nodesPerAxis) {
                    break;
                }
                idx[r] = 0;
            }
        }
    }

    /** Number of nodes N = nᵏ. */
    int size() {
        return size;
    }

    /** Probability weight of node ν. */
    double weight(int nu) {
        return weights[nu];
    }

    /** Standardised coordinate z_r of node ν. */
    double z(int nu, int r) {
        return z[nu * k + r];
    }

    /** Teacher field λ*_r at node ν. */
    double field(int nu, int r) {
        return field[nu * k + r];
    }

    /** Writes u = L⁻¹ mᵀ for the overlap row m[offset .. offset + k). */
    void whiten(double[] m, int offset, double[] u) {
        for (int r = 0; r < k; r++) {
            double s = 0;
            for (int c = 0; c <= r; c++) {
                s += choleskyInverse[r * k + c] * m[offset + c];
            }
            u[r] = s;
        }
    }

    /** μ_ν = u·z_ν for every node. */
    void projections(double[] u, double[] mu) {
        if (k == 1) {
            double u0 = u[0];
            for (int nu = 0; nu < size; nu++) {
                mu[nu] = u0 * z[nu];
            }
            return;
        }
        for (int nu = 0; nu < size; nu++) {
            double s = 0;
            int base = nu * k;
            for (int r = 0; r < k; r++) {
                s += u[r] * z[base + r];
            }
            mu[nu] = s;
        }
    }

    /** Lower Cholesky factor of a symmetric positive-definite k×k matrix. */
    static double[] cholesky(double[] a, int k) {
        double[] l = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * k + j];
                for (int c = 0; c < j; c++) {
                    s -= l[i * k + c] * l[j * k + c];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("P: not positive definite (pivot " + i + " = " + s
                                + "); the teacher overlap must be positive definite");
                    }
                    l[i * k + i] = Math.sqrt(s);
                } else {
                    l[i * k + j] = s / l[j * k + j];
                }
            }
        }
        return l;
    }

    /** Inverse of a lower-triangular k×k matrix (itself lower triangular). */
    static double[] lowerInverse(double[] l, int k) {
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
