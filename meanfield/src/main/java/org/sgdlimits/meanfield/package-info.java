/**
 * The mean-field reduction of the overlap dynamics for wide networks (docs/theory.md §5.1–§5.2).
 *
 * <p>Each student unit is a particle (a_i, m_i ∈ Rᵏ, q⊥_i ≥ 0) ({@link org.sgdlimits.meanfield.Particles}) and
 * the closure Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i ({@link org.sgdlimits.meanfield.ReconstructedOverlaps}) makes the
 * drift an integral over the k-dimensional teacher field of per-particle conditional moments
 * ({@link org.sgdlimits.meanfield.ConditionalMoments}): {@link org.sgdlimits.meanfield.ParticleDrift} evaluates
 * it in O(p · nodes), never O(p²), keeping the finite-p self-interaction (so p = 1 equals the full ODE).
 * {@link org.sgdlimits.meanfield.ParticleSystem} integrates it and records {@code risk, excess_risk, mean_m2,
 * mean_qperp}. Validity: exact as p → ∞ only when g = γ/p → 0 (error O(1/p)); at fixed g an O(g) bias remains
 * and runs say so. Sub-packages: {@code pde} (the density PDE, §5.3), {@code snapshot} (density pictures),
 * {@code escape} (phase-retrieval escape times, §6).
 */
package org.sgdlimits.meanfield;
