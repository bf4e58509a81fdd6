package org.sgdlimits.ode;

/**
 * Cost of one integration run.
 *
 * @param evaluations   right-hand-side evaluations (including those of rejected steps)
 * @param acceptedSteps accepted integrator steps
 * @param wallNanos     wall-clock time of the run in nanoseconds (integration and recording)
 */
public record IntegratorStatistics(long evaluations, long acceptedSteps, long wallNanos) {

    /** Wall-clock time in seconds. */
    public double wallSeconds() {
        return wallNanos * 1e-9;
    }
}
