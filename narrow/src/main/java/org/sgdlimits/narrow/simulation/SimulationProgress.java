package org.sgdlimits.narrow.simulation;

/**
 * Receives progress of simulations, in SGD steps. Engines call it from their worker threads every few
 * thousand steps, so implementations must be thread-safe and cheap (e.g. add to an AtomicLong that a
 * progress bar polls). The command line draws the bar; the library never writes to the terminal.
 */
@FunctionalInterface
public interface SimulationProgress {

    /** Ignores all progress. */
    SimulationProgress NONE = steps -> { };

    /** {@code steps} more SGD steps are done (summed over all seeds of an ensemble). */
    void advanced(long steps);
}
