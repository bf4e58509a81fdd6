package org.sgdlimits.trajectory;

/**
 * Receives the progress of an {@link Engine} run as the fraction of its work done, in [0, 1] (ODE engines: the
 * fraction of the time horizon reached; simulators: of the SGD steps of all seeds; DMFT: of the steps). Engines
 * may call it from worker threads and call 1 once when they end; implementations must be thread-safe and cheap.
 * The library never draws progress itself.
 */
@FunctionalInterface
public interface RunProgress {

    /** Ignores all progress. */
    RunProgress NONE = fraction -> { };

    /** {@code fraction} ∈ [0, 1] of the run is done (non-decreasing per calling thread). */
    void reached(double fraction);
}
