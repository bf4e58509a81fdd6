package org.sgdlimits.narrow.phaseretrieval;

/**
 * The closed-form drift of {@link PhaseRetrievalDrift} restricted to its exact invariant subspace of
 * permutation-symmetric states, M = m·1, Q = (s − c) I + c J (J = 11ᵀ): the typical initial condition of docs/theory.md §6
 * stays there for all times, so its escape time at any width p costs O(1) per evaluation.
 *
 * <p>In the algebra spanned by I and J (J² = pJ) with α = s − c and μ = α + pc (the eigenvalue of Q on 1):
 * Q² = α² I + (2αc + pc²) J, Q³ = α³ I + (3α²c + 3pαc² + p²c³) J, MMᵀ = m² J, M(QM)ᵀ + (QM)Mᵀ = 2μm² J,
 * tr Q² = p s² + p(p − 1) c², A = m². Substituting in the three matrix polynomials of docs/theory.md §6 (see
 * {@link PhaseRetrievalDrift}) gives dQ/dt = φ_I I + φ_J J, so ds/dt = φ_I + φ_J, dc/dt = φ_J, and
 * dm/dt = −2[(s − 3ρ) + 2μ/p] m. At p = 1 there is no off-diagonal and c ≡ 0. The spherical projection of
 * docs/theory.md §2 becomes ds/dt = (1 − s)φ_d, dc/dt = φ_J − c φ_d, dm/dt −= ½ φ_d m with φ_d = φ_I + φ_J.
 *
 * <p>Agreement with the full drift on symmetric states is tested. Immutable and thread-safe.
 */
public final class SymmetricPhaseRetrievalDrift {
    private final PhaseRetrievalModel model;

    public SymmetricPhaseRetrievalDrift(PhaseRetrievalModel model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /**
     * Drift of the symmetric state (m, s, c) into {@code out} = (dm/dt, ds/dt, dc/dt).
     *
     * @return the excess risk ε
     */
    public double evaluate(double m, double s, double c, double[] out) {
        final int p = model.width();
        final double rho = model.teacherNorm();
        final double g = model.reducedRate();
        final double delta = model.noise();
        if (p == 1) {
            c = 0.0;
        }
        double alpha = s - c;
        double mu = alpha + p * c;
        double m2 = m * m;
        double eps = excessRisk(m, s, c, p, rho);
        double q2I = alpha * alpha;
        double q2J = 2 * alpha * c + p * c * c;
        double q3I = alpha * alpha * alpha;
        double q3J = 3 * alpha * alpha * c + 3 * p * alpha * c * c + (double) p * p * c * c * c;
        double invP = 1.0 / p;
        // E[e λλᵀ] = (S − ρ)Q + (2/p)Q² − 2MMᵀ
        double gradI = (s - rho) * alpha + 2 * invP * q2I;
        double gradJ = (s - rho) * c + 2 * invP * q2J - 2 * m2;
        // E[h² λλᵀ] = 2εQ + 4(S − ρ)(Q²/p − MMᵀ) + 8[Q³/p² − (M(QM)ᵀ + (QM)Mᵀ)/p + ρMMᵀ]
        double noiseI = 2 * eps * alpha + 4 * (s - rho) * q2I * invP + 8 * q3I * invP * invP;
        double noiseJ = 2 * eps * c + 4 * (s - rho) * (q2J * invP - m2)
                + 8 * (q3J * invP * invP - 2 * mu * m2 * invP + rho * m2);
        double phiI = -4 * gradI + 4 * g * (noiseI + delta * alpha);
        double phiJ = -4 * gradJ + 4 * g * (noiseJ + delta * c);
        double dm = -2 * ((s - 3 * rho) + 2 * invP * mu) * m;
        double phiDiag = phiI + phiJ;
        double ds = phiDiag;
        double dc = phiJ;
        if (model.spherical()) {
            dm -= 0.5 * phiDiag * m;
            ds = (1 - s) * phiDiag;
            dc = phiJ - c * phiDiag;
        }
        out[0] = dm;
        out[1] = ds;
        out[2] = p == 1 ? 0.0 : dc;
        return eps;
    }

    /** ε = ½[S² + 2 tr(Q²)/p² − 2ρS − 4A + 3ρ²] on the symmetric state. */
    public static double excessRisk(double m, double s, double c, int p, double rho) {
        double trQ2OverP2 = (s * s + (p - 1) * c * c) / p;
        return 0.5 * (s * s + 2 * trQ2OverP2 - 2 * rho * s - 4 * m * m + 3 * rho * rho);
    }
}
