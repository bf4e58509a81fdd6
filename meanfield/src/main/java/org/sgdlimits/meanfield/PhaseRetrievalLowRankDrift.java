package org.sgdlimits.meanfield;

import java.util.Objects;

/**
 * The corrected ("low-rank") mean-field closure of phase retrieval (σ = σ* = x², k = 1, a = a* = 1; docs/theory.md
 * §5, §6; derivation in docs/closure.md): the particles (m_i, q⊥_i) plus one scalar h, with the overlaps
 * <pre>
 *   Q = m mᵀ/ρ + diag(q⊥) + offdiag(h m mᵀ) = diag(δ) + u m mᵀ,   u = 1/ρ + h,  δ_i = q⊥_i − h m_i²
 * </pre>
 * (ρ = P; for ρ = 1 this is Q = diag(q⊥) + (1 + h) m mᵀ − h diag(m∘m)). The plain closure is h ≡ 0.
 *
 * <p>Right-hand side: ṁ_i and q̇⊥_i = Q̇_ii − 2 m_i ṁ_i/ρ are the M rows and the diagonal of the exact
 * matrix-polynomial drift of phase retrieval ({@code narrow.phaseretrieval.PhaseRetrievalDrift}) evaluated at
 * this Q; ḣ is the Galerkin projection of the off-diagonal drift of the orthogonal overlaps onto m_i m_j:
 * <pre>
 *   ḣ = Σ_{i≠j} m_i m_j [F_ij − u (ṁ_i m_j + m_i ṁ_j)] / Σ_{i≠j} m_i² m_j²,    F = dQ/dt at the ansatz.
 * </pre>
 * Every product of the drift is diagonal-plus-rank-one algebra, so all three are sums over the particles:
 * O(n) per evaluation, no allocation, no quadrature. Off-diagonal sums are written as
 * OD(f, g) = (Σ w f)(Σ w g) − c Σ w f g (the i = j terms removed in closed form), so no O(m²) diagonal part is
 * subtracted from another (exact to rounding also for m → 0).
 *
 * <p>Weights and width: particles carry weights w_i (Σ w = 1; null = 1/n) and the self-interaction coefficient
 * c = 1/p comes from {@link ParticleDriftSettings#selfInteraction()}. With w = c = 1/n this is exactly the finite-p
 * system (all 1/p terms kept); with c = 0 it is the p = ∞ closed form (population averages A = ⟨m²⟩,
 * S = ⟨Q_ii⟩):
 * <pre>
 *   ṁ_i = −2 m_i (S − 3ρ + 2uA),   ḣ = −8ρh + 4g[2εu + 4(S − ρ)(u²A − 1) + 8(u³A² − 2uA + ρ) + Δu],
 *   ε = ½[S² + 2u²A² − 2ρS − 4A + 3ρ²]
 * </pre>
 * (for ρ = 1, Δ = 0: ḣ = −8h + 4g[S²u + 4Su²A + 10u³A² − 2Su − 4S − 4u²A − 20uA + 3u + 12]; see docs/closure.md).
 * At p = ∞ gradient flow alone gives ḣ = −8ρh (h relaxes); at finite p the 1/p terms of Q² add the source
 * −(4u/p)(δ_i + δ_j) m_i m_j to the off-diagonal drift even at h = 0, which is the plain closure's 1/p error. When Σ_{i≠j} m_i² m_j² = 0 (one particle, or all
 * m_i = 0) the basis vanishes and ḣ is set to 0.
 *
 * <p>Settings used: width, noise coefficient g/B, label noise Δ, weight decay λ_wd; the second layer is fixed
 * (a_i = 1) and the teacher-node option is irrelevant (no quadrature). A schedule factor s multiplies the
 * gradient part by s and the noise part by s². Immutable and thread-safe.
 */
public final class PhaseRetrievalLowRankDrift {
    private final double rho;
    private final ParticleDriftSettings settings;

    /**
     * @param teacherNorm ρ = P &gt; 0
     * @param settings    width (c = 1/p), g/B, Δ, λ_wd; secondLayerRate must be 0 (a = 1 fixed)
     */
    public PhaseRetrievalLowRankDrift(double teacherNorm, ParticleDriftSettings settings) {
        if (!(teacherNorm > 0) || !Double.isFinite(teacherNorm)) {
            throw new IllegalArgumentException("P: " + teacherNorm + "; must be a finite number > 0");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.secondLayerRate() != 0) {
            throw new IllegalArgumentException("secondLayerRate: " + settings.secondLayerRate()
                    + "; the phase-retrieval low-rank closure needs a fixed second layer a = 1");
        }
        this.rho = teacherNorm;
    }

    public ParticleDriftSettings settings() {
        return settings;
    }

    /** ρ = P. */
    public double teacherNorm() {
        return rho;
    }

    /** Population sums of one state (all weighted averages), computed in one pass. */
    private record Sums(double a, double s, double m4, double e1, double e2, double f1, double f2, double dd,
                        double u, double c) {
        /** OD(m², m²) = Σ_{i≠j} w_i w_j m_i² m_j² (the Galerkin normal "matrix", 1×1). */
        double od() {
            return a * a - c * m4;
        }

        /** OD(δm², m²). */
        double odDelta() {
            return e1 * a - c * e2;
        }

        /** OD(δm², δm²). */
        double odDeltaDelta() {
            return e1 * e1 - c * f2;
        }

        /** tr(Q²)/p² = Σ w (Q²)_ii/p. */
        double trQ2() {
            return c * dd + 2 * c * u * e1 + u * u * a * a;
        }

        /** mᵀQm/p². */
        double mqm() {
            return c * e1 + u * a * a;
        }
    }

    private Sums sums(int n, double[] m, double[] qPerp, double[] w, double h) {
        double c = settings.selfInteraction();
        double u = 1.0 / rho + h;
        double sa = 0;
        double ss = 0;
        double sm4 = 0;
        double se1 = 0;
        double se2 = 0;
        double sf1 = 0;
        double sf2 = 0;
        double sdd = 0;
        double uniform = 1.0 / n;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? uniform : w[i];
            double mi2 = m[i] * m[i];
            double q = Math.max(0.0, qPerp[i]);
            double delta = q - h * mi2;
            double dm2 = delta * mi2;
            sa += wi * mi2;
            ss += wi * (q + mi2 / rho);
            sm4 += wi * mi2 * mi2;
            se1 += wi * dm2;
            se2 += wi * dm2 * mi2;
            sf1 += wi * delta * dm2;
            sf2 += wi * dm2 * dm2;
            sdd += wi * delta * delta;
        }
        return new Sums(sa, ss, sm4, se1, se2, sf1, sf2, sdd, u, c);
    }

    /**
     * The excess risk ε = ½[S² + 2 tr(Q²)/p² − 2ρS − 4A + 3ρ²] at the ansatz (docs/theory.md §6).
     */
    public double excessRisk(int n, double[] m, double[] qPerp, double[] weights, double h) {
        checkSizes(n, m, qPerp, weights);
        return excessRisk(sums(n, m, qPerp, weights, h));
    }

    private double excessRisk(Sums z) {
        return 0.5 * (z.s * z.s + 2 * z.trQ2() - 2 * rho * z.s - 4 * z.a + 3 * rho * rho);
    }

    /**
     * Evaluates the corrected drift.
     *
     * @param n              number of particles
     * @param m              m_i (length ≥ n)
     * @param qPerp          q⊥_i (negative entries, integrator overshoot, are read as 0)
     * @param weights        w_i with Σ w = 1, or null for 1/n each
     * @param h              the off-diagonal coefficient h
     * @param scheduleFactor s(t) ≥ 0
     * @param dm             output ṁ_i (length ≥ n)
     * @param dqPerp         output q̇⊥_i (length ≥ n)
     * @return ḣ
     */
    public double evaluate(int n, double[] m, double[] qPerp, double[] weights, double h, double scheduleFactor,
                           double[] dm, double[] dqPerp) {
        checkSizes(n, m, qPerp, weights);
        if (dm.length < n || dqPerp.length < n) {
            throw new IllegalArgumentException("dm, dqPerp: need room for " + n + " particles");
        }
        Sums z = sums(n, m, qPerp, weights, h);
        final double c = z.c;
        final double u = z.u;
        final double a = z.a;
        final double s = z.s;
        final double sr = s - rho;
        final double eps = excessRisk(z);
        final double mqm = z.mqm();
        final double g = scheduleFactor * scheduleFactor * settings.noiseCoefficient();
        final double delta = settings.labelNoise();
        final double decay = scheduleFactor * settings.weightDecay();
        final double sf = scheduleFactor;

        // per particle: (Qm)_i/p = m_i (c δ_i + uA); (Q²)_ii/p; (Q³)_ii/p²; then dM_i and dQ_ii (theory §6)
        for (int i = 0; i < n; i++) {
            double mi = m[i];
            double mi2 = mi * mi;
            double q = Math.max(0.0, qPerp[i]);
            double di = q - h * mi2;
            double qii = q + mi2 / rho;
            double qmi = mi * (c * di + u * a);
            double q2 = c * di * di + 2 * c * u * di * mi2 + u * u * a * mi2;
            double q3 = c * c * di * di * qii + 2 * c * u * di * mi * qmi + u * u * mi2 * mqm;
            double dmi = -2 * sf * (sr - 2 * rho) * mi - 4 * sf * qmi - decay * mi;
            double dq = -4 * sf * (sr * qii + 2 * q2 - 2 * mi2) - 2 * decay * qii;
            if (g != 0) {
                dq += 4 * g * (2 * eps * qii + 4 * sr * (q2 - mi2) + 8 * (q3 - 2 * mi * qmi + rho * mi2)
                        + delta * qii);
            }
            dm[i] = dmi;
            dqPerp[i] = dq - 2 * mi * dmi / rho;
        }

        // Galerkin projection onto m_i m_j: off-diagonal sums [X] = Σ_{i≠j} w_i w_j m_i m_j X_ij (scaled as above)
        double od = z.od();
        if (!(od > 0)) {
            return 0.0;
        }
        double odDelta = z.odDelta();
        double offQ = u * od;
        double offQ2 = 2 * c * u * odDelta + u * u * a * od;                       // [Q²/p]
        double odDeltaQm = c * (z.f1 * a - c * z.f2) + u * a * odDelta;            // OD(δ m (Qm/p), m²)
        double offQ3 = c * c * u * z.odDeltaDelta() + 2 * c * u * odDeltaQm + u * u * mqm * od; // [Q³/p²]
        double offCross = 2 * (c * odDelta + u * a * od);                           // [(m(Qm)ᵀ + (Qm)mᵀ)/p]
        double offF = -4 * sf * (sr * offQ + 2 * offQ2 - 2 * od) - 2 * decay * offQ;
        if (g != 0) {
            offF += 4 * g * (2 * eps * offQ + 4 * sr * (offQ2 - od) + 8 * (offQ3 - offCross + rho * od)
                    + delta * offQ);
        }
        // ṁ_i = m_i (κ0 − 4 s c δ_i): OD(m ṁ, m²) = κ0 OD(m², m²) − 4 s c OD(δm², m²)
        double kappa0 = -2 * sf * (sr - 2 * rho) - 4 * sf * u * a - decay;
        double odMdot = kappa0 * od - 4 * sf * c * odDelta;
        return (offF - 2 * u * odMdot) / od;
    }

    private static void checkSizes(int n, double[] m, double[] qPerp, double[] weights) {
        if (n < 1 || m.length < n || qPerp.length < n || (weights != null && weights.length < n)) {
            throw new IllegalArgumentException("phase-retrieval low-rank closure: n = " + n + " particles but arrays of "
                    + "length " + m.length + ", " + qPerp.length + (weights == null ? "" : ", " + weights.length));
        }
    }
}
