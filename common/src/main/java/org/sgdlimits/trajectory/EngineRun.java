package org.sgdlimits.trajectory;

/**
 * What every {@link Engine} returns: at least a {@link Trajectory} (times × named docs/theory.md §7 columns) and
 * how the run ended. Engine result types ({@code OverlapOdeResult}, {@code EnsembleResult}, {@code ParticleRun},
 * {@code PdeSolution}, ...) add their extras; a plain {@link Trajectory} is itself an {@code EngineRun}.
 */
public interface EngineRun {

    /** The recorded trajectory, with its status. */
    Trajectory trajectory();

    /** How the run ended (the trajectory's status). */
    default RunStatus status() {
        return trajectory().status();
    }
}
