package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Sweep cells of {@code sgdlimits dmft}: multi-pass SGD by DMFT (docs/dmft.md) through the command's own
 * {@link DmftSettings} (the same parsing, defaults and engine choice), on one thread. Axes may set any field of
 * the experiment, the {@code dmft} section included ({@code dmft.samplesPerDimension},
 * {@code dmft.algorithm.batchFraction}, {@code dmft.paths}, ...).
 *
 * <p>Seeds: replicate r is one complete run of the engine (the Monte Carlo engine's K = dmft.seeds sweeps of
 * S = dmft.paths paths and its finite-S bias sweeps) with base seed {@code SeedStreams.stream(cellSeed, r)
 * .nextLong()} in place of {@code dmft.seed}, so a cell's result depends only on (root seed, cell key). The
 * exact closure draws nothing: its replicates are identical. {@code dmft.seed} is therefore not allowed in a
 * sweep. Summaries: finalRisk is the test risk, finalExcessRisk the excess test risk, finalTrainLoss the
 * training loss, earlyStopping the time of the smallest test risk. No options.
 */
final class DmftCell implements CellCommand {
    @Override
    public String id() {
        return "dmft";
    }

    @Override
    public String baseDescription() {
        return "an experiment file with a \"dmft\" section, as for 'sgdlimits dmft' (without dmft.seed)";
    }

    @Override
    public Set<Summary.Kind> summaries() {
        return EnumSet.of(Summary.Kind.FINAL_RISK, Summary.Kind.FINAL_EXCESS_RISK, Summary.Kind.FINAL_TRAIN_LOSS,
                Summary.Kind.EARLY_STOPPING, Summary.Kind.EARLY_STOPPING_RISK, Summary.Kind.TIME_TO_THRESHOLD,
                Summary.Kind.DIVERGED);
    }

    @Override
    public CellTask prepare(JsonNode experimentJson, JsonNode options) {
        if (!options.isEmpty()) {
            throw new ExperimentException("options", "the dmft command takes no options (its settings are the "
                    + "experiment's dmft section)");
        }
        if (experimentJson.path(DmftSettings.SECTION).has("seed")) {
            throw new ExperimentException(DmftSettings.SECTION + ".seed", "not used in a sweep: each cell's seed "
                    + "is derived from the sweep's \"seed\" and the cell; leave it out");
        }
        DmftExperiment input = DmftExperiment.fromJson(experimentJson);
        if (input.isCommittee()) {
            throw new ExperimentException("student.p", "a dmft sweep cell runs the one-unit (GLM) sweep; the "
                    + "two-layer committee (student.p or teacher.k >= 2) runs with ./sgdlimits dmft only");
        }
        DmftSettings settings = input.settings();
        ObjectNode resolved = settings.experimentJson(input.experiment());
        ((ObjectNode) resolved.get(DmftSettings.SECTION)).remove("seed");
        // the exact closure draws nothing: one engine for every replicate, run once
        Engine<Trajectory> exact = settings.exact() ? settings.engine(false) : null;
        return CellTask.ofReplicates(resolved, JsonNodeFactory.instance.objectNode(), (cellSeed, r) -> exact != null
                ? exact : settings.withSeed(SeedStreams.stream(cellSeed, r).nextLong()).engine(false));
    }
}
