package org.sgdlimits.ode;

/**
 * One event met during a run.
 *
 * @param event       the event's name, e.g. "risk below 0.001"
 * @param time        ODE time of the event (located to the detector's accuracy)
 * @param value       the watched observable at that time (NaN when not applicable)
 * @param stoppedRun  whether the event ended the run
 */
public record EventOccurrence(String event, double time, double value, boolean stoppedRun) {
}
