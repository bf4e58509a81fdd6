/**
 * Escape times of phase retrieval from the plateau by every route (docs/theory.md §6): the ODE from the
 * typical start, the quenched ODE over random initial conditions (full engine, or the O(p) reduced particle ODE
 * of §5 for wide networks: {@link org.sgdlimits.meanfield.escape.ReducedParticleEscape}), finite-d SGD on the
 * Gram chain or the explicit network, and the analytic asymptotics
 * ({@link org.sgdlimits.meanfield.escape.EscapeAsymptotics}).
 *
 * <p>{@link org.sgdlimits.meanfield.escape.EscapeTime} is the entry point; run s of any estimate draws from the
 * seed stream s, so ODE and SGD runs are paired and results do not depend on the thread count. The studies built on it (escape time against width,
 * dimension and noise), with their tables and charts, live in the application layer (examples module,
 * {@code org.sgdlimits.study.escape}); nothing here writes files. Times are ODE times t = νγ/(pd).
 */
package org.sgdlimits.meanfield.escape;
