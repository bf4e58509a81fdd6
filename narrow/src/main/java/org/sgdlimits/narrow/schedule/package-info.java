/**
 * Optimal learning-rate schedules under the overlap ODE (docs/theory.md §3.9): a piecewise-constant factor s(t) on
 * [0, T] ({@link org.sgdlimits.narrow.schedule.ScheduleGrid}) that minimises the final excess risk or the time to
 * reach a target risk ({@link org.sgdlimits.narrow.schedule.ScheduleObjective}); the gradient comes from the
 * adjoint ODE integrated backwards ({@link org.sgdlimits.narrow.schedule.ScheduleCost}), the minimisation is
 * L-BFGS in the logit of s/s_max ({@link org.sgdlimits.narrow.schedule.ScheduleOptimizer}); reference families
 * (best constant, 1/t, power law) are tuned by {@link org.sgdlimits.narrow.schedule.BaselineSchedules}.
 */
package org.sgdlimits.narrow.schedule;
