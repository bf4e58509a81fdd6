package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * Sweep cells of {@code sgdlimits simulate}: finite-d SGD through the command's own {@link SimulateCommand.Setup}
 * on one thread, the cell's seeds as the simulation's seeds with the cell seed as base seed. Options:
 * {@code engine} ("gram" default, or "explicit"), {@code dimension} (default: the experiment's "dimension",
 * else initial.random.dimension), {@code heldOut} (held-out check samples, default 0: off).
 */
final class SimulateCell implements CellCommand {
    @Override
    public String id() {
        return "simulate";
    }

    @Override
    public String baseDescription() {
        return "an experiment file, as for 'sgdlimits simulate'; options engine, dimension, heldOut";
    }

    @Override
    public Set<Summary.Kind> summaries() {
        return EnumSet.range(Summary.Kind.FINAL_RISK, Summary.Kind.DIVERGED); // the one-pass summaries
    }

    @Override
    public CellTask prepare(JsonNode experimentJson, JsonNode optionsJson) {
        Experiment e = ExperimentParser.fromJson(experimentJson);
        JsonFields o = new JsonFields(optionsJson, "options");
        String engine = o.string("engine", "gram");
        Integer dimension = o.has("dimension") ? o.integer("dimension", 0) : null;
        int heldOut = o.integer("heldOut", 0);
        o.finish();
        SimulateCommand.Setup check = prefixed(() -> SimulateCommand.Setup.of(e, dimension, 1, 0, engine, 1, heldOut));
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.put("engine", check.engineKind().id());
        options.put("dimension", check.dimension());
        options.put("heldOut", heldOut);
        int d = check.dimension();
        return CellTask.ofEnsemble(ExperimentJson.toJson(e), options, (cellSeed, seeds) -> {
            SimulateCommand.Setup s = SimulateCommand.Setup.of(e, d, seeds, cellSeed, engine, 1, heldOut);
            return s.simulation().engine(s.initial(), d, e.time());
        }, EnsembleResult::runs);
    }

    /** Option errors of the simulate command read "--dimension: ..."; in a sweep they are "options.dimension: ...". */
    private static <T> T prefixed(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (org.sgdlimits.experiment.ExperimentException x) {
            throw x;
        } catch (InvalidFieldException x) {
            String option = x.fieldPath().head();
            if (!option.startsWith("--")) {
                throw x;
            }
            throw x.at(x.fieldPath().dropFirst(1).under(FieldPath.of("options", option.substring(2))));
        }
    }
}
