package org.sgdlimits.dynamics;

/**
 * The Gaussian expectations behind the population drift, for the covariance and coefficients loaded in a
 * {@link DriftWorkspace}. Two implementations: {@link GenericDriftKernel} (any activation pair, through
 * {@link org.sgdlimits.gauss.GaussianMoments}) and {@link ErfDriftKernel} (erf/erf closed forms, hoisted).
 * Implementations are stateless and thread-safe.
 */
interface DriftKernel {

    /** Fills ws.gradientCorrelation: G_iv = Σ_u c_u I3(i, v, u) = E[(f − f*) σ'(λ_i) λ_v]. */
    void gradientCorrelations(DriftWorkspace ws);

    /** E[(f − f*) σ(λ_i)] = Σ_u c_u I2(i, u). */
    double outputCorrelation(DriftWorkspace ws, int i);

    /** ε = ½ E[(f − f*)²] = ½ Σ_{u,v} c_u c_v I2(u, v). */
    double excessRisk(DriftWorkspace ws);

    /**
     * The noise sum of the pair (i, j) into {@code out}: the three blocks of Σ_{u,v} c_u c_v I4(i, j, u, v)
     * (each in a fixed summation order, so the result does not depend on which worker computes it) and J2(i, j).
     */
    void noisePair(DriftWorkspace ws, int i, int j, PairScratch out);
}
