/**
 * The bridge between the engines' ODEs and Hipparchus, with no physics: {@link org.sgdlimits.ode.OdeSystem}
 * (allocation-free right-hand side), {@link org.sgdlimits.ode.OverlapStateLayout} (packing of M, the upper
 * triangle of Q and a), {@link org.sgdlimits.ode.OverlapColumns} (the docs/theory.md §7 columns),
 * {@link org.sgdlimits.ode.IntegratorSettings} (Dormand–Prince 8(5,3) by default),
 * {@link org.sgdlimits.ode.TrajectoryIntegrator} (dense output sampled on a
 * {@link org.sgdlimits.trajectory.TimeGrid}, statuses, statistics) and the events
 * {@link org.sgdlimits.ode.ThresholdCrossing}, {@link org.sgdlimits.ode.DivergenceBound},
 * {@link org.sgdlimits.ode.PlateauExit}.
 */
package org.sgdlimits.ode;
