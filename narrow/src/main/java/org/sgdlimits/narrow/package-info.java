/**
 * The deterministic overlap ODEs of one-pass SGD for a two-layer network of p student and k teacher units
 * (docs/theory.md §2–§3).
 *
 * <p>{@link org.sgdlimits.narrow.OverlapOde} integrates dM/dt, dQ/dt and (optionally) da/dt in the classical,
 * high-dimensional and finite-dimensional regimes, with label noise, weight decay, mini-batches, schedules and
 * spherical SGD ({@link org.sgdlimits.narrow.SphericalProjection}); it evaluates the shared
 * {@link org.sgdlimits.dynamics.PopulationDrift} and returns an {@link org.sgdlimits.narrow.OverlapOdeResult}
 * whose trajectory has the columns of docs/theory.md §7. Time is the ODE time t = νγ/(pd). Sub-packages:
 * {@code linear} (online linear regression in closed form, §3.6), {@code simulation} (finite-d SGD, §4),
 * {@code phaseretrieval} (phase retrieval and its escape from the plateau, §6).
 */
package org.sgdlimits.narrow;
