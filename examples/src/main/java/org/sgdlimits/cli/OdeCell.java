package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.SeedOutcome;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.trajectory.RunStatus;

/**
 * Sweep cells of {@code sgdlimits ode}: the experiment file's overlap ODE ({@link org.sgdlimits.narrow.factory.OverlapOdeFactory}, the command's
 * own wiring). Replicates matter only for a random start ({@code initial.random}): replicate r draws its
 * initial overlaps with the seed {@code SeedStreams.stream(cellSeed, r).nextLong()}; an explicit start gives r
 * identical runs. A run that stops before time.end (the integrator's evaluation budget) fails the cell. No
 * options.
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
        return CellTask.of(experiment, JsonNodeFactory.instance.objectNode(), (cellSeed, seeds) -> {
            List<SeedOutcome> out = new ArrayList<>(seeds);
            for (int r = 0; r < seeds; r++) {
                Experiment replicate = e;
                if (e.initial() instanceof InitialCondition.Random) {
                    ObjectNode json = experiment.deepCopy();
                    ((ObjectNode) json.get("initial").get("random"))
                            .put("seed", SeedStreams.stream(cellSeed, r).nextLong());
                    replicate = ExperimentParser.fromJson(json);
                }
                OverlapOdeResult result = ode.solve(OverlapOdeFactory.initialOverlaps(replicate), e.time(), List.of(),
                        t -> { });
                if (result.status().outcome() == RunStatus.Outcome.STOPPED_BY_EVENT) {
                    // a cell runs no events: the integrator gave up (e.g. integrator.maxEvaluations)
                    throw new IllegalStateException("the integration stopped at t = " + result.status().time()
                            + " before time.end: " + result.status().cause());
                }
                out.add(new SeedOutcome(result.trajectory(), result.status(), Double.NaN));
            }
            return out;
        });
    }
}
