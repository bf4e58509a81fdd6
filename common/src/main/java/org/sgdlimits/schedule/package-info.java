/**
 * Learning-rate schedules γ(t) = γ·s(t) in ODE time t (docs/theory.md §2): the drift is multiplied by s(t) and
 * the SGD-noise term by s(t)²; simulators scale γ and γ_a by the same s(t) while the clock advances by the base
 * γ/(pd) per step. {@link org.sgdlimits.schedule.LearningRateSchedule} offers constant, piecewise-constant and
 * power-law schedules; {@link org.sgdlimits.schedule.TabulatedSchedule} interpolates a table. Immutable; s is
 * finite and ≥ 0.
 */
package org.sgdlimits.schedule;
