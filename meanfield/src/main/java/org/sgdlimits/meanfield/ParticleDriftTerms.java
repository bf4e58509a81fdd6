package org.sgdlimits.meanfield;

/**
 * Mutable, reusable output buffer (and workspace) of {@link ParticleDrift#evaluate}; one per calling thread.
 * Arrays have room for {@link #capacity} particles; entries beyond the evaluated count are untouched.
 *
 * <p>Raw expectations (docs/theory.md §3 at the reconstructed overlaps, e = f − y):
 * <ul>
 *   <li>{@code gradientM} (n×k): −a_i E[e σ'(λ_i) λ*]  (= dM_i/dt without weight decay)</li>
 *   <li>{@code gradientQPerp} (n): −2 a_i E[e σ'(λ_i)(λ_i − μ_i)]  (= gradient part of dQ_ii/dt − 2 m_i P⁻¹ dm_iᵀ)</li>
 *   <li>{@code noiseQPerp} (n): a_i² E[e² σ'(λ_i)²] including Δ (multiply by g/B for the SGD-noise part)</li>
 *   <li>{@code secondLayerGradient} (n): −E[e σ(λ_i)]</li>
 *   <li>{@code biasGradient} (n): −a_i E[e σ'(λ_i)] for a drift with biases (docs/theory.md §3.11), else 0</li>
 *   <li>{@code excessRisk}: ε = ½ E[(f − f*)²]</li>
 * </ul>
 * Assembled velocities (settings and schedule factor s applied): {@code dm} = s(gradientM − λ_wd m),
 * {@code dqPerp} = s(gradientQPerp − 2λ_wd q⊥) + s² (g/B) noiseQPerp, {@code da} = s (γ_a/γ) secondLayerGradient.
 */
public final class ParticleDriftTerms {
    /** Maximum number of particles. */
    public final int capacity;
    /** Teacher width k. */
    public final int k;
    public final double[] gradientM;
    public final double[] gradientQPerp;
    public final double[] noiseQPerp;
    public final double[] secondLayerGradient;
    public final double[] dm;
    public final double[] dqPerp;
    public final double[] da;
    public final double[] biasGradient;
    public double excessRisk;

    // workspace, sized lazily by ParticleDrift
    ChunkWorkspace[] chunks;
    double[] nodeResidual;
    double[] nodeVariance;
    int scratchNodes = -1;

    public ParticleDriftTerms(int capacity, int k) {
        if (capacity < 1 || k < 1) {
            throw new IllegalArgumentException("ParticleDriftTerms: capacity = " + capacity + ", k = " + k
                    + "; both must be >= 1");
        }
        this.capacity = capacity;
        this.k = k;
        gradientM = new double[capacity * k];
        gradientQPerp = new double[capacity];
        noiseQPerp = new double[capacity];
        secondLayerGradient = new double[capacity];
        dm = new double[capacity * k];
        dqPerp = new double[capacity];
        da = new double[capacity];
        biasGradient = new double[capacity];
    }
}
