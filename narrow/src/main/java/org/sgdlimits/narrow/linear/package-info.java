/**
 * Online linear regression in the d → ∞ limit (k = p = 1, σ = σ* = identity): the two overlap ODEs, their
 * closed-form solution, the steady state and the critical learning rate γ_c = 2(1 + λ) (docs/theory.md §3.6).
 * Used as an exact reference for the general engine. Time is t = νγ/d.
 */
package org.sgdlimits.narrow.linear;
