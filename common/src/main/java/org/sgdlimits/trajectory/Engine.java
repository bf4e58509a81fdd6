package org.sgdlimits.trajectory;

/**
 * The one contract every engine answers to (docs/architecture.md, "Engines"): a fully configured run — model,
 * initial condition and horizon bound in — that produces an {@link EngineRun}, whose {@link Trajectory} carries
 * the {@link RunStatus}.
 *
 * <p>Every engine of the project has one: the overlap ODE ({@code OverlapOde.engine}), the explicit and
 * Gram-chain simulators ({@code MultiSeedSimulation.engine}), the phase-retrieval ODE
 * ({@code PhaseRetrievalOde.engine}), the mean-field particles ({@code ParticleSystem.engine}), the density PDE
 * ({@code ContinuityPde.engine}) and the DMFT sweeps and multi-pass simulator ({@code DmftEngine}). Studies,
 * sweeps, comparisons and writers that only need the trajectory take an {@code Engine<?>}; those that need an
 * engine's extras (snapshots, per-seed runs, event times) keep its result type {@code R}.
 *
 * <p>Contract, checked for every engine by one parametrised test ({@code EngineContractTest}):
 * <ul>
 *   <li>a run that leaves the stable range ends with a {@link RunStatus.Outcome#DIVERGED} status naming the time
 *       and the cause, keeps every row recorded before it, and never records a non-finite value; it does not
 *       throw;</li>
 *   <li>the trajectory starts at t = 0 with the initial condition's observables and its times never decrease;</li>
 *   <li>two runs of the same engine give the same trajectory, bit for bit, whatever the number of threads
 *       (stochastic engines draw from seeded streams).</li>
 * </ul>
 * Input errors (sizes, ranges) are reported as {@link IllegalArgumentException} when the engine is configured,
 * before {@link #run} is called.
 *
 * @param <R> the engine's own result type
 */
@FunctionalInterface
public interface Engine<R extends EngineRun> {

    /**
     * Runs the configured computation once.
     *
     * @param progress receives the fraction of the run done (cheap, thread-safe; may be called from worker
     *                 threads)
     * @return the result, whose trajectory and status describe the run
     */
    R run(RunProgress progress);

    /** {@link #run(RunProgress)} without progress reports. */
    default R run() {
        return run(RunProgress.NONE);
    }
}
