package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.Summary;

/**
 * Sweep cells of {@code sgdlimits meanfield}: the command's own {@link MeanfieldExperiment} and
 * {@link MeanfieldRunner} (no snapshots). Option {@code engine} (particles, pde, full) overrides the file's
 * {@code meanfield.engine}, as {@code --engine} does. Replicates matter only for a random start
 * ({@code meanfield.random} or {@code initial.random}): replicate r samples it with the seed
 * {@code SeedStreams.stream(cellSeed, r).nextLong()}.
 */
final class MeanfieldCell implements CellCommand {
    @Override
    public String id() {
        return "meanfield";
    }

    @Override
    public String baseDescription() {
        return "an experiment file with an optional meanfield section, as for 'sgdlimits meanfield'; option engine";
    }

    @Override
    public Set<Summary.Kind> summaries() {
        return EnumSet.range(Summary.Kind.FINAL_RISK, Summary.Kind.DIVERGED); // the one-pass summaries
    }

    @Override
    public CellTask prepare(JsonNode experimentJson, JsonNode options) {
        JsonFields o = new JsonFields(options, "options");
        String engineName = o.string("engine", null);
        o.finish();
        MeanfieldExperiment input = MeanfieldExperiment.fromJson(experimentJson, "the cell's experiment");
        MeanfieldEngine engine = engineName != null ? MeanfieldEngine.parse(engineName, "options.engine")
                : input.settings().engine() != null ? input.settings().engine() : MeanfieldEngine.PARTICLES;
        MeanfieldRunner.prepare(input, engine, new double[0]);
        ObjectNode resolved = input.toJson(engine);
        return CellTask.ofReplicates(resolved, JsonNodeFactory.instance.objectNode(), (cellSeed, r) -> {
            ObjectNode replicate = resolved.deepCopy();
            JsonNode random = replicate.path("meanfield").path("random");
            if (!random.isObject()) {
                random = replicate.path("initial").path("random");
            }
            if (random.isObject()) {
                ((ObjectNode) random).put("seed", SeedStreams.stream(cellSeed, r).nextLong());
            }
            MeanfieldExperiment e = MeanfieldExperiment.fromJson(replicate, "the cell's experiment");
            MeanfieldRunner runner = MeanfieldRunner.prepare(e, engine, new double[0]);
            return progress -> runner.run();
        });
    }
}
