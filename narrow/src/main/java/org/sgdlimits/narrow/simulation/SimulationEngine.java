package org.sgdlimits.narrow.simulation;

import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * A finite-d simulation of one-pass SGD started from given overlaps Ω. Implementations: {@link SgdSimulator}
 * (the real network) and {@link GramChainSimulator} (the exact Markov chain of Ω, cost independent of d).
 * Engines are configured once and thread-safe; each run draws all its randomness from the stream passed in.
 */
public interface SimulationEngine {

    /** The settings the engine was configured with. */
    SgdSettings settings();

    /** "explicit" or "gram". */
    String id();

    /**
     * Simulates one run at input dimension d from Ω, recording at the times of {@code grid} the state after
     * ν_i = round(t_i p d/γ) steps.
     *
     * @param initial   initial overlaps (Q, M, P, a, a*)
     * @param dimension input dimension d ≥ {@link #minimumDimension}
     * @param grid      recorded ODE times
     * @param rng       this run's private random stream
     * @param progress  receives steps done (thread-safe)
     */
    SimulationRun run(Overlaps initial, int dimension, TimeGrid grid, UniformRandomProvider rng,
                      SimulationProgress progress);

    /**
     * The chain of one run at input dimension d from Ω, positioned at step 0, drawing from {@code rng}.
     * {@link #run} is this plus the recording loop.
     */
    OverlapChain start(Overlaps initial, int dimension, UniformRandomProvider rng);

    /**
     * The smallest input dimension this engine simulates for p student and k teacher units: p + k for the
     * explicit network (the weights must span p + k directions), p + k + B − 1 for the Gram chain.
     */
    int minimumDimension(int p, int k);

    /** Why d = {@code minimumDimension(p, k)} is the minimum, for error messages, e.g. "p + k + batchSize - 1". */
    String minimumDimensionRule();

    /** Number of SGD steps a run to the end of {@code grid} takes. */
    default long stepsFor(int p, int dimension, TimeGrid grid) {
        return Math.round(grid.end() / settings().timeStep(p, dimension));
    }
}
