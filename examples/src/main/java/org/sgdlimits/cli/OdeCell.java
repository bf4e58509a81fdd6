package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.trajectory.Engine;

/**
 * Sweep cells of {@code sgdlimits ode}: the experiment file's overlap ODE ({@link org.sgdlimits.narrow.factory.OverlapOdeFactory}, the command's
 * own wiring). Replicates matter only for a random start ({@code initial.random}): replicate r draws its
 * initial overlaps with the seed {@code SeedStreams.stream(cellSeed, r).nextLong()}; an explicit start gives r
 * identical runs (computed once). A run that stops before time.end (the integrator's evaluation budget) fails the cell
 * ({@link CellTask#ofReplicates}). No options.
 */
final class OdeCell implements CellCommand {
    @Override
    public String id() {
        return "ode";
    }

    @Override
    public String baseDescription() {
        return "an experiment file, as for 'sgdlimits ode'";
    }

    @Override
    public Set<Summary.Kind> summaries() {
        return EnumSet.range(Summary.Kind.FINAL_RISK, Summary.Kind.DIVERGED); // the one-pass summaries
    }

    @Override
    public CellTask prepare(JsonNode experimentJson, JsonNode options) {
        if (!options.isEmpty()) {
            throw new ExperimentException("options", "the ode command takes no options");
        }
        Experiment e = ExperimentParser.fromJson(experimentJson);
        OverlapOde ode = OverlapOdeFactory.of(e);
        OverlapOdeFactory.initialOverlaps(e);
        ObjectNode experiment = ExperimentJson.toJson(e);
        // an explicit start draws nothing: one engine for every replicate, run once
        Engine<?> fixed = e.initial() instanceof InitialCondition.Random ? null
                : ode.engine(OverlapOdeFactory.initialOverlaps(e), e.time(), List.of());
        return CellTask.ofReplicates(experiment, JsonNodeFactory.instance.objectNode(), (cellSeed, r) -> {
            if (fixed != null) {
                return fixed;
            }
            ObjectNode json = experiment.deepCopy();
            ((ObjectNode) json.get("initial").get("random")).put("seed", SeedStreams.stream(cellSeed, r).nextLong());
            return ode.engine(OverlapOdeFactory.initialOverlaps(ExperimentParser.fromJson(json)), e.time(), List.of());
        });
    }
}
