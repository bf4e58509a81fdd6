package org.sgdlimits.meanfield.dmft;

/**
 * How the sweep takes its n-side averages (docs/dmft.md §3): one representative training sample's effective
 * process r(t) = (m_p(t)/ρ) h* + √q_v rp0(t) z_v − Σ_{s&lt;t} kp(t, s) [u(s) + g(s)], g = s ℓ′, κ = s ℓ″,
 * represented either by Gaussian coefficient vectors (exact for square loss, linear teacher, GD) or by
 * Monte Carlo lanes.
 */
interface NSideEnsemble {

    /**
     * Step t: from the d-side inputs of step t (kp, kw rows ≤ t, L rows &lt; t), computes the fields, writes
     * Γ(t, 0 … t) into {@code d.gamma} and L(t, 0 … t) into {@code d.noise}, extends the effective noise u(t)
     * and stores E_h(t) and the training loss in {@code out}.
     */
    void step(int t, DSideKernels d, StepAverages out);

    /** The averages of one step that are not kernels. */
    final class StepAverages {
        /** E_h(t) = E[h* g(t)] (Rao–Blackwellised where the ensemble can). */
        double teacherCorrelation;
        /** Training loss (1/n) Σ_μ ℓ(r_μ(t), y_μ) at w(t). */
        double trainLoss;
    }
}
