package org.sgdlimits.study.sweep;

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
}
