/**
 * The population drift of one-pass SGD in a two-layer teacher–student network (docs/theory.md §3), written once and used
 * by every engine (overlap ODE, simulator cross-checks, mean-field module).
 *
 * <p>Entry point: {@link org.sgdlimits.dynamics.PopulationDrift} (configured once per teacher and activation
 * pair, immutable, thread-safe) writing into a reusable {@link org.sgdlimits.dynamics.DriftTerms}.
 *
 * <p>Derivation of the sums. With c_u = a_u/p for a student unit and c_{p+r} = −a*_r/k for a teacher unit,
 * f − f* = Σ_u c_u σ_u(λ_u) over all n = p + k pre-activations, and the label noise √Δ z is independent of
 * (λ, λ*) with zero mean, so
 * <ul>
 *   <li>E[e σ'(λ_i) λ_v] = Σ_u c_u I3(i, v, u) =: G_iv (v a student or teacher unit);</li>
 *   <li>E[e σ(λ_i)] = Σ_u c_u I2(i, u);</li>
 *   <li>E[e² σ'(λ_i) σ'(λ_j)] = Σ_{u,v} c_u c_v I4(i, j, u, v) + Δ J2(i, j);</li>
 *   <li>ε = ½ Σ_{u,v} c_u c_v I2(u, v).</li>
 * </ul>
 * The 1/p of f lives in c, so dM_ir = −a_i G_{i,p+r} carries a_i and not a_i/p (the 1/p of the SGD step is
 * absorbed in the ODE time t = νγ/(pd), docs/theory.md §2).
 *
 * <p>{@link org.sgdlimits.dynamics.Regime} names the limit an overlap ODE describes (classical, high-dimensional,
 * finite-dimensional; docs/theory.md §3): which noise term the drift carries.
 *
 * <p>Internals: {@code DriftKernel} (generic via {@link org.sgdlimits.gauss.GaussianMoments}, or the hoisted
 * erf closed forms), {@code PairLoop} (the parallel pair loop, deterministic), {@code Arcsine} (fast arcsine
 * for the erf I4 terms), {@code FiniteDimensionFactors} (the exact finite-d noise factors).
 */
package org.sgdlimits.dynamics;
