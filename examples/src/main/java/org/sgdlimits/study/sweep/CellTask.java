package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

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
