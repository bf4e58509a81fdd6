/**
 * The density PDE of the mean-field limit, ∂_t μ + ∇·(μ φ(·; μ)) = 0 on (m, q⊥) for k = 1 and a fixed second
 * layer (docs/theory.md §5.3).
 *
 * <p>{@link org.sgdlimits.meanfield.pde.StretchedGrid} (m = s·sinh ξ) carries a
 * {@link org.sgdlimits.meanfield.pde.DensityGrid} of cell masses (fractions of units, total 1);
 * {@link org.sgdlimits.meanfield.pde.ParticleDriftField} gives the velocity φ with the cells as weighted
 * particles ({@link org.sgdlimits.meanfield.pde.PhaseRetrievalLowRankField}: the corrected closure of phase
 * retrieval, which also carries the scalar h, docs/closure.md §6);
 * {@link org.sgdlimits.meanfield.pde.ContinuityPde} is the finite-volume solver as implemented:
 * flux-vector splitting of cell-centre fluxes, MUSCL reconstruction with a
 * {@link org.sgdlimits.meanfield.pde.SlopeLimiter} (Koren in ξ and q⊥ by default), zero-flux walls, SSP-RK3 with
 * a positivity-preserving CFL step. Mass is conserved to round-off and stays non-negative; results come as a
 * {@link org.sgdlimits.meanfield.pde.PdeSolution}.
 */
package org.sgdlimits.meanfield.pde;
