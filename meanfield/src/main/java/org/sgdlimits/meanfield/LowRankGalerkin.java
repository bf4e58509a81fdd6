package org.sgdlimits.meanfield;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The Galerkin step of the corrected closure (docs/closure.md §2): Ḣ from the off-diagonal drift of the
 * orthogonal overlaps projected on the basis,
 * <pre>
 *   min over Ḣ of Σ_{i≠j} [(Φ Ḣ Φᵀ + Φ̇ H Φᵀ + Φ H Φ̇ᵀ)_ij − (Q̇ − (ṁ mᵀ + m ṁᵀ)/ρ)_ij]²,
 * </pre>
 * given Y_ab = Σ_{i≠j} Φ_ia Q̇_ij Φ_jb (computed by the caller, densely or in O(p)). The other parts of the
 * right-hand side are separable and summed here in O(p r²):
 * Σ_{i≠j} Φ_ia Φ_jb (ṁ_i m_j + m_i ṁ_j)/ρ = [(Φᵀṁ)_a(Φᵀm)_b + (Φᵀm)_a(Φᵀṁ)_b − 2Σ_i Φ_iaΦ_ib m_i ṁ_i]/ρ and
 * Σ_{i≠j} Φ_ia Φ_jb (Φ̇HΦᵀ + ΦHΦ̇ᵀ)_ij = (Φᵀ Φ̇ H S + S H Φ̇ᵀ Φ)_ab − 2 Σ_i Φ_iaΦ_ib κ_i with S = ΦᵀΦ,
 * κ_i = Φ̇_i H Φ_iᵀ. The normal system G vec(Ḣ) = rhs, G_(ab),(cd) = S_ac S_bd − Σ_i Φ_ia Φ_ib Φ_ic Φ_id, is
 * solved by SVD (a collinear basis gives the minimum-norm solution) and Ḣ symmetrised. Stateless.
 */
final class LowRankGalerkin {
    private LowRankGalerkin() {
    }

    /**
     * @param p      number of units
     * @param r      rank (columns of Φ)
     * @param phi    Φ (p × r, row-major)
     * @param dphi   Φ̇ (p × r)
     * @param h      H (r × r, row-major) at {@code h[hOffset ..]}
     * @param m      m_i (k = 1)
     * @param mDot   ṁ_i
     * @param rho    P (k = 1)
     * @param y      Y_ab = Σ_{i≠j} Φ_ia Q̇_ij Φ_jb (r × r)
     * @param out    receives Ḣ at {@code out[outOffset ..]}
     */
    static void project(int p, int r, double[] phi, double[] dphi, double[] h, int hOffset, double[] m,
                        double[] mDot, double rho, double[] y, double[] out, int outOffset) {
        int n = r * r;
        double[] s = new double[n];
        double[] sd = new double[n];
        double[] sm = new double[r];
        double[] smd = new double[r];
        double[] diag = new double[n];   // Σ_i Φ_ia Φ_ib (2 m_i ṁ_i/ρ + 2 κ_i)
        double[][] g = new double[n][n];
        for (int i = 0; i < p; i++) {
            int o = i * r;
            double kappa = 0;
            for (int x = 0; x < r; x++) {
                for (int z = 0; z < r; z++) {
                    kappa += dphi[o + x] * h[hOffset + x * r + z] * phi[o + z];
                }
            }
            double w = 2 * m[i] * mDot[i] / rho + 2 * kappa;
            for (int a = 0; a < r; a++) {
                sm[a] += phi[o + a] * m[i];
                smd[a] += phi[o + a] * mDot[i];
                for (int b = 0; b < r; b++) {
                    double pp = phi[o + a] * phi[o + b];
                    s[a * r + b] += pp;
                    sd[a * r + b] += phi[o + a] * dphi[o + b];
                    diag[a * r + b] += pp * w;
                    for (int c = 0; c < r; c++) {
                        double ppp = pp * phi[o + c];
                        for (int d = 0; d < r; d++) {
                            g[a * r + b][c * r + d] -= ppp * phi[o + d];
                        }
                    }
                }
            }
        }
        // S H, used in Φᵀ Φ̇ H S + S H Φ̇ᵀ Φ
        double[] hs = new double[n];
        for (int x = 0; x < r; x++) {
            for (int b = 0; b < r; b++) {
                double v = 0;
                for (int z = 0; z < r; z++) {
                    v += h[hOffset + x * r + z] * s[z * r + b];
                }
                hs[x * r + b] = v;
            }
        }
        double[] rhs = new double[n];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                double moving = 0;
                for (int x = 0; x < r; x++) {
                    moving += sd[a * r + x] * hs[x * r + b] + sd[b * r + x] * hs[x * r + a];
                }
                rhs[a * r + b] = y[a * r + b] - (smd[a] * sm[b] + sm[a] * smd[b]) / rho - moving + diag[a * r + b];
                for (int c = 0; c < r; c++) {
                    for (int d = 0; d < r; d++) {
                        g[a * r + b][c * r + d] += s[a * r + c] * s[b * r + d];
                    }
                }
            }
        }
        RealVector sol = new SingularValueDecomposition(new Array2DRowRealMatrix(g, false)).getSolver()
                .solve(new ArrayRealVector(rhs, false));
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                out[outOffset + x * r + z] = 0.5 * (sol.getEntry(x * r + z) + sol.getEntry(z * r + x));
            }
        }
    }

    /**
     * The right-hand side of an O(p) route from its split parts: ṁ_i = s·gm_i, q̇⊥_i = s·gq_i + s²(g/B)·nq_i
     * (schedule factor s, noise coefficient g/B), Φ̇ from them, and Ḣ by {@link #project} from the target
     * Y = s·yGrad + s²(g/B)·yNoise. Fills {@code phi}, {@code dphi} and the whole of {@code yDot}.
     */
    static void assemble(int p, DenseLowRankClosure.Basis basis, double[] a, double rho, double[] y,
                         double scheduleFactor, double noiseCoefficient, double[] gm, double[] gq, double[] nq,
                         double[] yGrad, double[] yNoise, double[] phi, double[] dphi, double[] yDot) {
        int r = basis.rank();
        double s1 = scheduleFactor;
        double s2 = scheduleFactor * scheduleFactor * noiseCoefficient;
        for (int i = 0; i < p; i++) {
            double dm = s1 * gm[i];
            double dq = s1 * gq[i] + s2 * nq[i];
            yDot[i] = dm;
            yDot[p + i] = dq;
            basis.fill(a[i], y[i], Math.max(0, y[p + i]), dm, dq, phi, dphi, i * r);
        }
        double[] target = new double[r * r];
        for (int x = 0; x < r * r; x++) {
            target[x] = s1 * yGrad[x] + s2 * yNoise[x];
        }
        project(p, r, phi, dphi, y, 2 * p, y, java.util.Arrays.copyOfRange(yDot, 0, p), rho, target, yDot, 2 * p);
    }

    /**
     * {ascending eigenvalues, eigenvectors (column k at [x * r + k])} of the symmetrised H (row-major r×r at
     * y[2p ..]): H = U Λ Uᵀ, the latent axes of the O(p) routes (docs/closure.md §5).
     */
    static double[][] eigen(double[] y, int p, int r) {
        double[][] h = new double[r][r];
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                h[x][z] = 0.5 * (y[2 * p + x * r + z] + y[2 * p + z * r + x]);
            }
        }
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(h, false), 1e-12,
                false);
        double[] values = e.getEigenvalues().clone();
        double[] vectors = new double[r * r];
        for (int k = 0; k < r; k++) {
            for (int x = 0; x < r; x++) {
                vectors[x * r + k] = e.getEigenvector(k).getEntry(x);
            }
        }
        // ascending order of values (first entry = smallest eigenvalue)
        Integer[] order = new Integer[r];
        for (int k = 0; k < r; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, z) -> Double.compare(values[x], values[z]));
        double[] sortedValues = new double[r];
        double[] sortedVectors = new double[r * r];
        for (int k = 0; k < r; k++) {
            sortedValues[k] = values[order[k]];
            for (int x = 0; x < r; x++) {
                sortedVectors[x * r + k] = vectors[x * r + order[k]];
            }
        }
        return new double[][] {sortedValues, sortedVectors};
    }
}
