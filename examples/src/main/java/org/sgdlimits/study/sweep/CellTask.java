package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.RunStatus;

/**
 * One sweep cell, validated and ready to run: its fully resolved experiment (every default filled in, the
 * input of the {@link CellKey}) and the computation. Immutable; {@link #run} may be called from any thread.
 */
public interface CellTask {
    /** The fully resolved experiment and command options, as canonical JSON: {"experiment": ..., "options": ...}. */
    ObjectNode resolved();

    /**
     * Runs the cell on one thread.
     *
     * @param cellSeed the cell's seed, derived from (root seed, cell key) by {@link CellKey#seed}
     * @param seeds    number of replicates (≥ 1); replicate r draws its randomness from (cellSeed, r)
     * @return one outcome per replicate, in replicate order
     */
    List<SeedOutcome> run(long cellSeed, int seeds);

    /** The computation of a cell (see {@link #run}). */
    @FunctionalInterface
    interface Computation {
        List<SeedOutcome> run(long cellSeed, int seeds);
    }

    /** Replicate r of a cell as a configured engine (any engine of the one contract). */
    @FunctionalInterface
    interface Replicate {
        /**
         * @param cellSeed  the cell's seed
         * @param replicate r in [0, seeds)
         * @return the engine of replicate r, which draws its randomness from (cellSeed, r) only
         */
        Engine<?> engine(long cellSeed, int replicate);
    }

    /** All replicates of a cell as one configured engine whose run holds one run per replicate. */
    @FunctionalInterface
    interface Ensemble<R extends EngineRun> {
        /** The engine of {@code seeds} replicates with base seed {@code cellSeed}. */
        Engine<R> engine(long cellSeed, int seeds);
    }

    /**
     * A task whose replicates are independent runs of any engine, run one after the other on the calling thread,
     * each giving the {@link SeedOutcome} of its trajectory. An engine handed out again for the next replicate
     * (the same object: a deterministic run whose replicates are identical) is not run again. A cell runs no user
     * events, so a run that stopped by an event gave up before its end (e.g. the integrator's evaluation budget):
     * the cell fails, naming the time.
     */
    static CellTask ofReplicates(ObjectNode experiment, ObjectNode options, Replicate replicate) {
        return of(experiment, options, (cellSeed, seeds) -> {
            List<SeedOutcome> out = new ArrayList<>(seeds);
            Engine<?> previous = null;
            SeedOutcome previousOutcome = null;
            for (int r = 0; r < seeds; r++) {
                Engine<?> engine = replicate.engine(cellSeed, r);
                if (engine != previous) {
                    previous = engine;
                    previousOutcome = outcome(engine.run());
                }
                out.add(previousOutcome);
            }
            return out;
        });
    }

    /**
     * A task whose replicates are the seeds of one ensemble engine (e.g. a multi-seed simulation), one
     * {@link SeedOutcome} per run that {@code runs} lists, in seed order.
     */
    static <R extends EngineRun> CellTask ofEnsemble(ObjectNode experiment, ObjectNode options, Ensemble<R> ensemble,
                                                     Function<R, List<? extends EngineRun>> runs) {
        return of(experiment, options, (cellSeed, seeds) -> runs.apply(ensemble.engine(cellSeed, seeds).run())
                .stream().map(CellTask::outcome).toList());
    }

    private static SeedOutcome outcome(EngineRun run) {
        RunStatus status = run.status();
        if (status.outcome() == RunStatus.Outcome.STOPPED_BY_EVENT) {
            throw new IllegalStateException("the integration stopped at t = " + status.time()
                    + " before time.end: " + status.cause());
        }
        return SeedOutcome.of(run);
    }

    /**
     * A task from its resolved experiment and options (copied; the task hands out copies) and its computation.
     */
    static CellTask of(ObjectNode experiment, ObjectNode options, Computation computation) {
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        resolved.set("experiment", experiment.deepCopy());
        resolved.set("options", options.deepCopy());
        return new CellTask() {
            @Override
            public ObjectNode resolved() {
                return resolved.deepCopy();
            }

            @Override
            public List<SeedOutcome> run(long cellSeed, int seeds) {
                return computation.run(cellSeed, seeds);
            }
        };
    }
}
