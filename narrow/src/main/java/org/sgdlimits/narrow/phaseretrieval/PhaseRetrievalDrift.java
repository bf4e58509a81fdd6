package org.sgdlimits.narrow.phaseretrieval;

import org.sgdlimits.narrow.SphericalProjection;
/**
 * Closed-form (matrix-polynomial) overlap drift of phase retrieval (docs/theory.md §6), a fast special case of the
 * general Gaussian-moment drift of docs/theory.md §3 for σ = σ* = x², k = 1, a = a* = 1, ρ = P. Cost O(p³) per
 * evaluation (two p×p matrix products), no quadrature.
 *
 * <p>Notation: h = f − f*, e = h − √Δ z, S = tr Q/p, A = |M|²/p, (λ, λ*) ~ N(0, [[Q, M], [Mᵀ, ρ]]).
 * By Wick's theorem (derivation in the javadoc of each moment):
 * <ul>
 *   <li>E[e λλᵀ] = (S − ρ) Q + (2/p) Q² − 2 MMᵀ</li>
 *   <li>E[e λ λ*] = (S − 3ρ) M + (2/p) Q M</li>
 *   <li>E[h² λλᵀ] = 2ε Q + 4(S − ρ)(Q²/p − MMᵀ) + 8[Q³/p² − (M(QM)ᵀ + (QM)Mᵀ)/p + ρ MMᵀ]</li>
 *   <li>ε = ½ E[h²] = ½[S² + 2 tr(Q²)/p² − 2ρS − 4A + 3ρ²]</li>
 * </ul>
 * With σ'(x) = 2x and the 1/p of f inside e, docs/theory.md §3 gives (time t = ν γ/(p d)):
 * dM/dt = −2 E[e λλ*],  dQ/dt = −4 E[e λλᵀ] + 4g (E[h² λλᵀ] + Δ Q)  (the factors of docs/theory.md §6, verified).
 * Spherical SGD applies the projection of docs/theory.md §2: Φ_sph = Φ − ½ Q∘(diag Φ 1ᵀ + 1 diag Φᵀ),
 * Ψ_sph = Ψ − ½ diag(Φ) M.
 *
 * <p>Matrices are flat row-major arrays (Q: p×p symmetric, M: length p). The engine is immutable and
 * thread-safe; scratch space lives in a {@link Workspace}, one per thread, so evaluations do not allocate.
 */
public final class PhaseRetrievalDrift {
    private final PhaseRetrievalModel model;

    public PhaseRetrievalDrift(PhaseRetrievalModel model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /** Scratch buffers for one thread (Q², Q³, QM). Not thread-safe. */
    public static final class Workspace {
        final int p;
        final double[] q2;
        final double[] q3;
        final double[] qm;
        final double[] gradient;
        final double[] noiseMoment;

        Workspace(int p) {
            this.p = p;
            this.q2 = new double[p * p];
            this.q3 = new double[p * p];
            this.qm = new double[p];
            this.gradient = new double[p * p];
            this.noiseMoment = new double[p * p];
        }
    }

    /** A new workspace for this model's width. */
    public Workspace newWorkspace() {
        return new Workspace(model.width());
    }

    /**
     * The overlap drift: dQ/dt (p×p, symmetric) and dM/dt (p), plain or spherical as configured.
     *
     * @return the excess risk ε at (Q, M)
     */
    public double evaluate(double[] q, double[] m, Workspace ws, double[] dQ, double[] dM) {
        final int p = model.width();
        final double g = model.reducedRate();
        // docs/theory.md §6: dM/dt = −2 E[e λλ*], dQ/dt = −4 E[e λλᵀ] + 4g (E[h² λλᵀ] + Δ Q)
        double eps = populationTerms(q, m, ws, ws.gradient, ws.noiseMoment, dM, g != 0.0);
        for (int c = 0; c < p * p; c++) {
            dQ[c] = g != 0.0 ? ws.gradient[c] + g * ws.noiseMoment[c] : ws.gradient[c];
        }
        if (model.spherical()) {
            SphericalProjection.apply(q, m, p, 1, dQ, dM);
        }
        return eps;
    }

    /**
     * The population drift terms in the convention of {@code dynamics.PopulationDrift} / {@code DriftTerms}
     * (docs/theory.md §3) for this model's σ = σ* = x², k = 1, a = a* = 1, ρ, Δ: what the general overlap ODE
     * needs, in closed form. The model's g and spherical flag are NOT applied (the caller scales and projects).
     * <ul>
     *   <li>dM = −2 E[e λλ*] (= −a_i E[eσ'(λ_i)λ*])</li>
     *   <li>dQGradient = −4 E[e λλᵀ] (= −a_iE[eσ'(λ_i)λ_j] − a_jE[eσ'(λ_j)λ_i])</li>
     *   <li>dQNoise = 4 (E[h² λλᵀ] + Δ Q) (= a_ia_j E[e²σ'(λ_i)σ'(λ_j)]), filled only if {@code noise}</li>
     * </ul>
     *
     * @param noise whether to fill {@code dQNoise} (one more p×p product); when false it is left untouched
     * @return the excess risk ε at (Q, M)
     */
    public double populationTerms(double[] q, double[] m, Workspace ws, double[] dQGradient, double[] dQNoise,
                                  double[] dM, boolean noise) {
        final int p = model.width();
        final double rho = model.teacherNorm();
        checkSizes(q, m, ws);
        symmetricProduct(q, q, p, ws.q2);
        multiplyVector(q, m, p, ws.qm);
        double s = trace(q, p) / p;
        double eps = excessRisk(q, m, p, rho);
        errorTeacherCorrelation(m, ws.qm, s, p, rho, dM);
        for (int i = 0; i < p; i++) {
            dM[i] *= -2.0;
        }
        errorFieldCorrelation(q, m, ws.q2, s, p, rho, dQGradient);
        for (int c = 0; c < p * p; c++) {
            dQGradient[c] *= -4.0;
        }
        if (noise) {
            symmetricProduct(ws.q2, q, p, ws.q3);
            squaredErrorFieldCorrelation(q, m, ws.q2, ws.q3, ws.qm, s, eps, p, rho, dQNoise);
            double delta = model.noise();
            for (int c = 0; c < p * p; c++) {
                dQNoise[c] = 4.0 * (dQNoise[c] + delta * q[c]);
            }
        }
        return eps;
    }

    /** Excess risk ε = ½[S² + 2 tr(Q²)/p² − 2ρS − 4A + 3ρ²] (docs/theory.md §6). */
    public static double excessRisk(double[] q, double[] m, int p, double rho) {
        double s = trace(q, p) / p;
        double trQ2 = 0.0;
        for (int c = 0; c < p * p; c++) {
            trQ2 += q[c] * q[c];
        }
        double mm = 0.0;
        for (int i = 0; i < p; i++) {
            mm += m[i] * m[i];
        }
        double a = mm / p;
        return 0.5 * (s * s + 2.0 * trQ2 / ((double) p * p) - 2.0 * rho * s - 4.0 * a + 3.0 * rho * rho);
    }

    /** Mean over units of m_i²/ρ: the overlap escape observable of docs/theory.md §6 criterion (a). */
    public static double meanSquaredOverlap(double[] m, int p, double rho) {
        double mm = 0.0;
        for (int i = 0; i < p; i++) {
            mm += m[i] * m[i];
        }
        return mm / (p * rho);
    }

    /** E[e λ_i λ_j] = (S − ρ) Q + (2/p) Q² − 2 MMᵀ, into {@code out} (p×p). Allocates; for tests and tools. */
    public static void errorFieldCorrelation(double[] q, double[] m, int p, double rho, double[] out) {
        double[] q2 = new double[p * p];
        symmetricProduct(q, q, p, q2);
        errorFieldCorrelation(q, m, q2, trace(q, p) / p, p, rho, out);
    }

    /** E[e λ_i λ*] = (S − 3ρ) M + (2/p) Q M, into {@code out} (p). */
    public static void errorTeacherCorrelation(double[] q, double[] m, int p, double rho, double[] out) {
        double[] qm = new double[p];
        multiplyVector(q, m, p, qm);
        errorTeacherCorrelation(m, qm, trace(q, p) / p, p, rho, out);
    }

    // E[e λλ*] = (S − 3ρ) M + (2/p) Q M given QM and S
    private static void errorTeacherCorrelation(double[] m, double[] qm, double s, int p, double rho,
                                                double[] out) {
        for (int i = 0; i < p; i++) {
            out[i] = (s - 3.0 * rho) * m[i] + (2.0 / p) * qm[i];
        }
    }

    /**
     * E[(f − f*)² λ_i λ_j] (noise-free part of the g-term), into {@code out} (p×p). Allocates.
     *
     * <p>Derivation: h = XᵀBX with X = (λ, λ*), B = diag(1/p, …, 1/p, −1). Of the 15 Wick pairings of
     * h² X_i X_j: 3 pair X_i with X_j (Ω_ij E[h²]), 4 put X_i, X_j into the same factor
     * (4 tr(BΩ)(ΩBΩ)_ij), 8 put them into different factors (8 (ΩBΩBΩ)_ij). With tr(BΩ) = S − ρ,
     * (ΩBΩ)_SS = Q²/p − MMᵀ, (ΩBΩ)_S* = QM/p − ρM this is the formula of the class javadoc.
     */
    public static void squaredErrorFieldCorrelation(double[] q, double[] m, int p, double rho, double[] out) {
        double[] q2 = new double[p * p];
        double[] q3 = new double[p * p];
        double[] qm = new double[p];
        symmetricProduct(q, q, p, q2);
        symmetricProduct(q2, q, p, q3);
        multiplyVector(q, m, p, qm);
        squaredErrorFieldCorrelation(q, m, q2, q3, qm, trace(q, p) / p, excessRisk(q, m, p, rho), p, rho, out);
    }

    // E[e λλᵀ] given Q², S
    private static void errorFieldCorrelation(double[] q, double[] m, double[] q2, double s, int p, double rho,
                                              double[] out) {
        double twoOverP = 2.0 / p;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int c = i * p + j;
                out[c] = (s - rho) * q[c] + twoOverP * q2[c] - 2.0 * m[i] * m[j];
            }
        }
    }

    // E[h² λλᵀ] = 2ε Q + 4(S − ρ)(Q²/p − MMᵀ) + 8[Q³/p² − (M(QM)ᵀ + (QM)Mᵀ)/p + ρ MMᵀ]
    private static void squaredErrorFieldCorrelation(double[] q, double[] m, double[] q2, double[] q3, double[] qm,
                                                     double s, double eps, int p, double rho, double[] out) {
        double invP = 1.0 / p;
        double invP2 = invP * invP;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int c = i * p + j;
                double mm = m[i] * m[j];
                out[c] = 2.0 * eps * q[c]
                        + 4.0 * (s - rho) * (q2[c] * invP - mm)
                        + 8.0 * (q3[c] * invP2 - (m[i] * qm[j] + qm[i] * m[j]) * invP + rho * mm);
            }
        }
    }

    private static double trace(double[] q, int p) {
        double t = 0.0;
        for (int i = 0; i < p; i++) {
            t += q[i * p + i];
        }
        return t;
    }

    // out = X Y for symmetric, commuting X, Y (X = Y = Q for Q², X = Q², Y = Q for Q³: the product is
    // symmetric); fills the upper triangle from rows of both and mirrors it
    private static void symmetricProduct(double[] x, double[] y, int p, double[] out) {
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double acc = 0.0;
                int ri = i * p;
                int rj = j * p;
                for (int l = 0; l < p; l++) {
                    acc += x[ri + l] * y[rj + l];
                }
                out[i * p + j] = acc;
                out[j * p + i] = acc;
            }
        }
    }

    private static void multiplyVector(double[] q, double[] v, int p, double[] out) {
        for (int i = 0; i < p; i++) {
            double acc = 0.0;
            int ri = i * p;
            for (int l = 0; l < p; l++) {
                acc += q[ri + l] * v[l];
            }
            out[i] = acc;
        }
    }

    private void checkSizes(double[] q, double[] m, Workspace ws) {
        int p = model.width();
        if (q.length != p * p || m.length != p || ws.p != p) {
            throw new IllegalArgumentException("phase-retrieval drift: expected Q of length " + (p * p)
                    + ", M of length " + p + " and a workspace for p = " + p + "; got " + q.length + ", "
                    + m.length + ", " + ws.p);
        }
    }
}
