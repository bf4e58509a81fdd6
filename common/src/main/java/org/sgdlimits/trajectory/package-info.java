/**
 * The one engine contract and what every engine returns. {@link org.sgdlimits.trajectory.Engine} is a fully
 * configured run that produces an {@link org.sgdlimits.trajectory.EngineRun}: at least a
 * {@link org.sgdlimits.trajectory.Trajectory}, an immutable table of recorded ODE times × named observables
 * (column names of docs/theory.md §7: {@code risk}, {@code excess_risk}, {@code M_i_r}, {@code Q_i_j},
 * {@code a_i}, {@code mean_m2}, {@code mean_qperp}, {@code c_sem}), with the
 * {@link org.sgdlimits.trajectory.RunStatus} saying how the run ended (completed, diverged or stopped by an
 * event, at which time and why); {@link org.sgdlimits.trajectory.RunProgress} receives the fraction done. The
 * {@link org.sgdlimits.trajectory.TimeGrid} holds recorded times (linear or log spacing, t = 0 and t = end
 * included). Times are ODE times t = νγ/(pd) (docs/theory.md §2); the DMFT engines record t = Σ η_s.
 */
package org.sgdlimits.trajectory;
