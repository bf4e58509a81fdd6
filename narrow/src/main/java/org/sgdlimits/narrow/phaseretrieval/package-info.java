/**
 * Phase retrieval (σ = σ* = x², k = 1, a = a* = 1) and its escape from the plateau (docs/theory.md §6).
 *
 * <p>{@link org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalDrift} is the closed-form (matrix-polynomial)
 * drift, {@link org.sgdlimits.narrow.phaseretrieval.SymmetricPhaseRetrievalDrift} its reduction to the
 * permutation-symmetric states, {@link org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde} the d → ∞ ODE
 * with escape detection ({@link org.sgdlimits.narrow.phaseretrieval.EscapeCriterion}: mean m_i²/ρ ≥ T or a
 * relative risk decrease T), {@link org.sgdlimits.narrow.phaseretrieval.PlateauTheory} the plateau asymptotics
 * (plateau norm, growth rate, escape-time law, quenched shift, SGD-noise correction, the spherical formulas) and
 * {@link org.sgdlimits.narrow.phaseretrieval.SimulatedEscape} escape times of finite-d SGD. Models are given by
 * {@link org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel} (width p, ρ, g = γ/p, Δ, plain or
 * spherical). Times are ODE times t = νγ/(pd).
 */
package org.sgdlimits.narrow.phaseretrieval;
