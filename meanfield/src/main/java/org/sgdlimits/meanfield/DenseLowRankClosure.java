package org.sgdlimits.meanfield;

import java.util.Objects;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;

/**
 * The corrected (low-rank) closure for any activation, evaluated densely: the reference implementation of the
 * Galerkin ansatz of docs/closure.md §2 (k = 1, fixed second layer a_i),
 * <pre>
 *   Q = m mᵀ/ρ + diag(q⊥) + offdiag(Φ H Φᵀ),   Φ (p × r) a {@link Basis} of per-particle functions,
 * </pre>
 * with (ṁ_i, q̇⊥_i) the M rows and diagonal of the full drift ({@link PopulationDrift}) at this Q, and Ḣ the
 * least-squares fit over the off-diagonal entries of the drift of the orthogonal overlaps, Φ̇ from (ṁ, q̇⊥):
 * <pre>
 *   min over Ḣ of Σ_{i≠j} [(Φ Ḣ Φᵀ + Φ̇ H Φᵀ + Φ H Φ̇ᵀ)_ij − (Q̇ − (ṁ mᵀ + m ṁᵀ)/ρ)_ij]²,
 * </pre>
 * an r² × r² normal system G vec(Ḣ) = y with G_(ab),(cd) = Σ_{i≠j} Φ_ia Φ_jb Φ_ic Φ_jd, solved by SVD (a
 * collinear basis gives the minimum-norm solution instead of a stiff one). Any sign of H is exact here.
 *
 * <p><b>Cost O(p²) per right-hand side</b> (the full pair drift): this is the exact reference against which an
 * O(p) evaluation (docs/closure.md §5) would be tested, not a production engine. Not thread-safe (buffers).
 */
public final class DenseLowRankClosure implements LowRankClosure {

    /** Per-particle basis functions (k = 1, a fixed). */
    public enum Basis {
        /** Φ_i = [a_i] (the first column of the erf bases). */
        A(1),
        /** Φ_i = [a_i, a_i q⊥_i]. */
        A_AQ(2),
        /** Φ_i = [a_i, a_i q⊥_i, a_i m_i]. */
        A_AQ_AM(3),
        /** Φ_i = [m_i] (phase retrieval). */
        M(1);

        private final int rank;

        Basis(int rank) {
            this.rank = rank;
        }

        /** Number of columns r. */
        public int rank() {
            return rank;
        }

        void fill(double a, double m, double q, double dm, double dq, double[] phi, double[] dphi, int o) {
            switch (this) {
                case M -> {
                    phi[o] = m;
                    dphi[o] = dm;
                }
                case A -> {
                    phi[o] = a;
                    dphi[o] = 0;
                }
                default -> {
                    phi[o] = a;
                    dphi[o] = 0;
                    phi[o + 1] = a * q;
                    dphi[o + 1] = a * dq;
                    if (this == A_AQ_AM) {
                        phi[o + 2] = a * m;
                        dphi[o + 2] = a * dm;
                    }
                }
            }
        }
    }

    private final PopulationDrift drift;
    private final double noiseCoefficient;
    private final double rho;
    private final Basis basis;
    private final int p;
    private final int r;
    private final double[] a;
    private final double[] q;
    private final double[] phi;
    private final double[] dphi;
    private final double[] dQ;
    private final DriftTerms terms;

    /**
     * @param drift            the full drift (k = 1; its label noise is used)
     * @param noiseCoefficient g/B, the factor of the SGD-noise term
     * @param secondLayer      the fixed a_i (length p)
     * @param basis            the basis Φ
     */
    public DenseLowRankClosure(PopulationDrift drift, double noiseCoefficient, double[] secondLayer, Basis basis) {
        this.drift = Objects.requireNonNull(drift, "drift");
        this.basis = Objects.requireNonNull(basis, "basis");
        if (drift.teacherWidth() != 1) {
            throw new IllegalArgumentException("teacher.k: " + drift.teacherWidth() + "; the dense low-rank closure "
                    + "is written for k = 1");
        }
        if (!(noiseCoefficient >= 0)) {
            throw new IllegalArgumentException("noiseCoefficient: " + noiseCoefficient + "; must be >= 0");
        }
        this.noiseCoefficient = noiseCoefficient;
        this.rho = drift.teacherOverlap()[0];
        this.p = secondLayer.length;
        this.r = basis.rank();
        this.a = secondLayer.clone();
        this.q = new double[p * p];
        this.phi = new double[p * r];
        this.dphi = new double[p * r];
        this.dQ = new double[p * p];
        this.terms = new DriftTerms(p, 1);
    }

    @Override
    public int width() {
        return p;
    }

    @Override
    public int rank() {
        return r;
    }

    @Override
    public double teacherOverlap() {
        return rho;
    }

    @Override
    public double labelNoise() {
        return drift.labelNoise();
    }

    /** The reconstructed p×p Q of a state (a fresh array). */
    public double[] overlaps(double[] y) {
        buildQ(y);
        return q.clone();
    }

    @Override
    public double excessRisk(double[] y) {
        buildQ(y);
        drift.evaluate(q, java.util.Arrays.copyOfRange(y, 0, p), a, terms);
        return terms.excessRisk;
    }

    private void buildQ(double[] y) {
        for (int i = 0; i < p; i++) {
            basis.fill(a[i], y[i], Math.max(0, y[p + i]), 0, 0, phi, dphi, i * r);
        }
        int h0 = 2 * p;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double v = y[i] * y[j] / rho;
                if (i == j) {
                    v += Math.max(0, y[p + i]);
                } else {
                    double s = 0;
                    for (int x = 0; x < r; x++) {
                        for (int z = 0; z < r; z++) {
                            s += phi[i * r + x] * y[h0 + x * r + z] * phi[j * r + z];
                        }
                    }
                    v += s;
                }
                q[i * p + j] = v;
            }
        }
    }

    @Override
    public void derivatives(double[] y, double[] yDot) {
        buildQ(y);
        double[] m = java.util.Arrays.copyOfRange(y, 0, p);
        drift.evaluate(q, m, a, terms);
        for (int c = 0; c < p * p; c++) {
            dQ[c] = terms.dQGradient[c] + noiseCoefficient * terms.dQNoise[c];
        }
        for (int i = 0; i < p; i++) {
            double dm = terms.dM[i];
            yDot[i] = dm;
            double dqPerp = dQ[i * p + i] - 2 * m[i] * dm / rho;
            yDot[p + i] = dqPerp;
            basis.fill(a[i], m[i], Math.max(0, y[p + i]), dm, dqPerp, phi, dphi, i * r);
        }
        // Y_ab = Σ_{i≠j} Φ_ia Q̇_ij Φ_jb, O(p² r²); the rest of the Galerkin step is shared (LowRankGalerkin)
        double[] yab = new double[r * r];
        double[] row = new double[r];
        for (int i = 0; i < p; i++) {
            java.util.Arrays.fill(row, 0.0);
            for (int j = 0; j < p; j++) {
                if (j != i) {
                    double t = dQ[i * p + j];
                    for (int z = 0; z < r; z++) {
                        row[z] += t * phi[j * r + z];
                    }
                }
            }
            for (int x = 0; x < r; x++) {
                for (int z = 0; z < r; z++) {
                    yab[x * r + z] += phi[i * r + x] * row[z];
                }
            }
        }
        LowRankGalerkin.project(p, r, phi, dphi, y, 2 * p, m, java.util.Arrays.copyOfRange(yDot, 0, p), rho, yab,
                yDot, 2 * p);
    }
}
