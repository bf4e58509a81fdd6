package org.sgdlimits.dynamics;

/**
 * Mutable, reusable output buffer of one {@link PopulationDrift} evaluation (so that right-hand sides do not
 * allocate). Row-major flat arrays, p student and k teacher units.
 *
 * <ul>
 *   <li>{@code dM} (p×k): −a_i E[e σ'(λ_i) λ*_r] (docs/theory.md §3, without weight decay)</li>
 *   <li>{@code dQGradient} (p×p): −a_i E[e σ'(λ_i) λ_j] − a_j E[e σ'(λ_j) λ_i]</li>
 *   <li>{@code dQNoise} (p×p): a_i a_j E[e² σ'(λ_i) σ'(λ_j)] including the label-noise part Δ a_i a_j E[σ'σ'];
 *       the caller multiplies it by g/B and the schedule factor s(t)²; with
 *       {@link PopulationDrift#withFiniteDimension} it is the exact finite-d a_i a_j E[|x|²/d · e² σ'σ'] instead</li>
 *   <li>{@code da} (p): −E[e σ(λ_i)] (the caller multiplies by γ_a/γ)</li>
 *   <li>{@code db} (p): −a_i E[e σ'(λ_i)] for a drift with biases, zero otherwise (the caller multiplies by
 *       γ_b/γ; docs/theory.md §3.11)</li>
 *   <li>{@code excessRisk}: ε = ½ E[(f − f*)²]</li>
 * </ul>
 *
 * <p>Besides the outputs it carries the scratch memory of the evaluation (allocated on first use), so one
 * instance must not be passed to two evaluations running at the same time: use one per thread.
 */
public final class DriftTerms {
    public final int p;
    public final int k;
    public final double[] dM;
    public final double[] dQGradient;
    public final double[] dQNoise;
    public final double[] da;
    public final double[] db;
    public double excessRisk;
    /** Scratch of {@link PopulationDrift#evaluate}; created on first use, reused afterwards. */
    DriftWorkspace workspace;

    /**
     * An output buffer for p student and k teacher units.
     *
     * @throws IllegalArgumentException if p or k is &lt; 1
     */
    public DriftTerms(int p, int k) {
        if (p < 1 || k < 1) {
            throw new IllegalArgumentException("DriftTerms: (p, k) = (" + p + ", " + k + ") is not allowed; "
                    + "both must be >= 1");
        }
        this.p = p;
        this.k = k;
        this.dM = new double[p * k];
        this.dQGradient = new double[p * p];
        this.dQNoise = new double[p * p];
        this.da = new double[p];
        this.db = new double[p];
    }
}
