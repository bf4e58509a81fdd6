package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.meanfield.escape.EscapeStatistics;
import org.sgdlimits.meanfield.escape.EscapeTime;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.EscapeResult;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.study.sweep.CellCommand;
import org.sgdlimits.study.sweep.CellTask;
import org.sgdlimits.study.sweep.SeedOutcome;
import org.sgdlimits.study.sweep.Summary;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * Sweep cells of {@code sgdlimits escape}: the phase-retrieval escape time (docs/theory.md §6) at one width and
 * rate, through the command's library calls ({@link EscapeTime}, one thread). The base is an object of the
 * escape command's settings:
 * <pre>{@code
 * {"p": 4, "g": 0.1,                 // width and g = learning rate / p (or "learningRate" instead of "g")
 *  "dimension": 1000, "noise": 0, "criterion": "overlap", "threshold": 0.5, "spherical": false,
 *  "method": "ode",                  // ode: escape from the typical start (deterministic);
 *                                    // sgd: one SGD run per seed (Gram chain or explicit engine)
 *  "engine": "gram", "resolution": 0.01}
 * }</pre>
 * SGD runs stop at 2.5 × the ODE escape time + 1 (as the command's noise study); a run that has not escaped
 * by then has an undefined escape time.
 */
final class EscapeCell implements CellCommand {
    @Override
    public String id() {
        return "escape";
    }

    @Override
    public String baseDescription() {
        return "phase-retrieval escape settings {\"p\", \"g\" or \"learningRate\", \"dimension\", \"noise\", "
                + "\"criterion\", \"threshold\", \"spherical\", \"method\": ode|sgd, \"engine\", \"resolution\"}";
    }

    @Override
    public Set<Summary.Kind> summaries() {
        return EnumSet.of(Summary.Kind.ESCAPE_TIME, Summary.Kind.DIVERGED);
    }

    @Override
    public CellTask prepare(JsonNode experimentJson, JsonNode options) {
        if (!options.isEmpty()) {
            throw new ExperimentException("options", "the escape command takes no options (its settings are the base)");
        }
        JsonFields f = new JsonFields(experimentJson, "");
        String description = f.string("description", "");
        int p = f.integer("p", 4);
        if (f.has("g") && f.has("learningRate")) {
            throw new ExperimentException("g", "give only one of g and learningRate");
        }
        double g = f.has("learningRate") ? f.number("learningRate", 0) / p : f.number("g", 0.1);
        double dimension = f.number("dimension", 1000);
        double noise = f.number("noise", 0);
        String criterionName = f.string("criterion", "overlap");
        double threshold = f.number("threshold", 0.5);
        boolean spherical = f.bool("spherical", false);
        String method = f.string("method", "ode");
        String engineName = f.string("engine", "gram");
        double resolution = f.number("resolution", 0.01);
        f.finish();
        if (!method.equals("ode") && !method.equals("sgd")) {
            throw new ExperimentException("method", "'" + method + "'; allowed: ode, sgd");
        }
        if (!(dimension >= 2) || (method.equals("sgd") && dimension != Math.rint(dimension))) {
            throw new ExperimentException("dimension", dimension + "; must be >= 2 (an integer for method sgd)");
        }
        if (!(resolution > 0)) {
            throw new ExperimentException("resolution", resolution + "; must be > 0");
        }
        String modelField = p < 1 ? "p" : noise < 0 || !Double.isFinite(noise) ? "noise" : "g";
        PhaseRetrievalModel model = labelled(modelField, () -> spherical
                ? PhaseRetrievalModel.spherical(p, g, noise) : PhaseRetrievalModel.plain(p, g, noise));
        EscapeCriterion criterion = labelled("threshold", () -> new EscapeCriterion(
                EscapeCriterion.Kind.parse(criterionName), threshold));
        EngineKind engine;
        try {
            engine = EngineKind.parse(engineName);
        } catch (InvalidFieldException x) {
            throw ExperimentException.from(x);
        }
        EscapeTime escape = new EscapeTime(model, criterion, 1);
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("description", description);
        e.put("p", p);
        e.put("g", g);
        e.put("dimension", dimension);
        e.put("noise", noise);
        e.put("criterion", criterionName);
        e.put("threshold", threshold);
        e.put("spherical", spherical);
        e.put("method", method);
        if (method.equals("sgd")) {
            e.put("engine", engine.id());
            e.put("resolution", resolution);
        }
        return CellTask.of(e, JsonNodeFactory.instance.objectNode(), (cellSeed, seeds) -> {
            EscapeResult typical = escape.typical(dimension);
            List<SeedOutcome> out = new ArrayList<>(seeds);
            if (method.equals("ode")) {
                SeedOutcome o = new SeedOutcome(null, typical.status(),
                        typical.escaped() ? typical.time() : Double.NaN);
                for (int r = 0; r < seeds; r++) {
                    out.add(o);
                }
                return out;
            }
            double maxTime = 2.5 * (typical.escaped() ? typical.time() : 100) + 1.0;
            EscapeStatistics s = escape.simulated((int) dimension, seeds, cellSeed, engine, maxTime, resolution,
                    SimulationProgress.NONE);
            RunStatus completed = RunStatus.completed(maxTime);
            for (double t : s.times()) {
                out.add(new SeedOutcome(null, completed, t));
            }
            for (int r = 0; r < s.notEscaped(); r++) {
                out.add(new SeedOutcome(null, completed, Double.NaN));
            }
            return out;
        });
    }

    private static <T> T labelled(String field, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            throw new ExperimentException(field, String.valueOf(x.getMessage()));
        }
    }
}
