package org.sgdlimits.meanfield;

import java.util.Objects;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
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
public final class DenseLowRankClosure {

    /** Per-particle basis functions (k = 1, a fixed). */
    public enum Basis {
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

    /** Number of particles p. */
    public int width() {
        return p;
    }

    /** Length of the state: m (p), q⊥ (p), H (r², row-major). */
    public int dimension() {
        return 2 * p + r * r;
    }

    /** The reconstructed p×p Q of a state (a fresh array). */
    public double[] overlaps(double[] y) {
        buildQ(y);
        return q.clone();
    }

    /** The excess risk ε at a state. */
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

    /** The right-hand side: (ṁ, q̇⊥, Ḣ) into {@code yDot}. */
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
        int h0 = 2 * p;
        // residual target R_ij (i ≠ j) = dQ_ij − (ṁ_i m_j + m_i ṁ_j)/ρ − (Φ̇HΦᵀ + ΦHΦ̇ᵀ)_ij; y = Σ_{i≠j} Φ_ia R_ij Φ_jb
        int n = r * r;
        double[] rhs = new double[n];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (i == j) {
                    continue;
                }
                double t = dQ[i * p + j] - (yDot[i] * m[j] + m[i] * yDot[j]) / rho;
                for (int x = 0; x < r; x++) {
                    for (int z = 0; z < r; z++) {
                        double hxz = y[h0 + x * r + z];
                        t -= hxz * (dphi[i * r + x] * phi[j * r + z] + phi[i * r + x] * dphi[j * r + z]);
                    }
                }
                for (int x = 0; x < r; x++) {
                    for (int z = 0; z < r; z++) {
                        rhs[x * r + z] += phi[i * r + x] * t * phi[j * r + z];
                    }
                }
            }
        }
        // G_(ab),(cd) = S_ac S_bd − Σ_i Φ_ia Φ_ib Φ_ic Φ_id, S = ΦᵀΦ
        double[] s = new double[r * r];
        double[][] g = new double[n][n];
        for (int i = 0; i < p; i++) {
            for (int x = 0; x < r; x++) {
                for (int z = 0; z < r; z++) {
                    s[x * r + z] += phi[i * r + x] * phi[i * r + z];
                }
            }
        }
        for (int x = 0; x < r; x++) {
            for (int b = 0; b < r; b++) {
                for (int c = 0; c < r; c++) {
                    for (int d = 0; d < r; d++) {
                        double v = s[x * r + c] * s[b * r + d];
                        for (int i = 0; i < p; i++) {
                            v -= phi[i * r + x] * phi[i * r + b] * phi[i * r + c] * phi[i * r + d];
                        }
                        g[x * r + b][c * r + d] = v;
                    }
                }
            }
        }
        RealVector sol = new SingularValueDecomposition(new Array2DRowRealMatrix(g, false)).getSolver()
                .solve(new ArrayRealVector(rhs, false));
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                // symmetrise against rounding
                yDot[h0 + x * r + z] = 0.5 * (sol.getEntry(x * r + z) + sol.getEntry(z * r + x));
            }
        }
    }

    /** Recorded columns of {@link #solve}: risk, excess risk, mean m², mean q⊥, then H_a_b. */
    public java.util.List<String> columns() {
        java.util.List<String> c = new java.util.ArrayList<>(ParticleSystem.COLUMNS);
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                c.add("H_" + x + "_" + z);
            }
        }
        return c;
    }

    /**
     * Integrates from particles (m_i, q⊥_i) with H(0) = 0 over the grid; the trajectory has {@link #columns()}
     * (risk = ε + Δ/2). One run at a time per instance (the instance holds the buffers).
     */
    public org.sgdlimits.trajectory.Trajectory solve(double[] m0, double[] qPerp0,
                                                     org.sgdlimits.trajectory.TimeGrid grid,
                                                     org.sgdlimits.ode.IntegratorSettings settings) {
        if (m0.length != p || qPerp0.length != p) {
            throw new IllegalArgumentException("m, qPerp: need " + p + " entries each");
        }
        double[] y0 = new double[dimension()];
        System.arraycopy(m0, 0, y0, 0, p);
        System.arraycopy(qPerp0, 0, y0, p, p);
        java.util.List<String> cols = columns();
        double halfNoise = 0.5 * drift.labelNoise();
        org.sgdlimits.ode.OdeSystem system = new org.sgdlimits.ode.OdeSystem() {
            @Override
            public int dimension() {
                return DenseLowRankClosure.this.dimension();
            }

            @Override
            public void derivatives(double t, double[] y, double[] yDot) {
                DenseLowRankClosure.this.derivatives(y, yDot);
            }

            @Override
            public String componentName(int index) {
                return index < p ? "m_" + index : index < 2 * p ? "qperp_" + (index - p)
                        : "H_" + (index - 2 * p) / r + "_" + (index - 2 * p) % r;
            }
        };
        org.sgdlimits.ode.Observables observables = new org.sgdlimits.ode.Observables() {
            @Override
            public java.util.List<String> columns() {
                return cols;
            }

            @Override
            public void evaluate(double t, double[] y, double[] out) {
                double eps = excessRisk(y);
                double mm = 0;
                double qq = 0;
                for (int i = 0; i < p; i++) {
                    mm += y[i] * y[i] / rho;
                    qq += y[p + i];
                }
                out[0] = eps + halfNoise;
                out[1] = eps;
                out[2] = mm / p;
                out[3] = qq / p;
                System.arraycopy(y, 2 * p, out, 4, r * r);
            }
        };
        return new org.sgdlimits.ode.TrajectoryIntegrator(settings).integrate(system, y0, grid, observables,
                java.util.List.of()).trajectory();
    }
}
