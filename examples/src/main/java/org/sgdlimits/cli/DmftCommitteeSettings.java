package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.json.JsonFields;
import org.sgdlimits.meanfield.dmft.CommitteeEngine;
import org.sgdlimits.meanfield.dmft.CommitteeModel;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.Loss;
import org.sgdlimits.meanfield.dmft.SelectionProcess;
import org.sgdlimits.meanfield.dmft.StandardLoss;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The {@code dmft} section of an experiment file for a two-layer committee (docs/dmft.md §7, docs/experiment-file.md
 * "The dmft section"): used when {@code student.p} ≥ 2 or {@code teacher.k} ≥ 2. The student section gives p ∈ [1, 4],
 * the activation (erf) and the fixed second layer; the teacher section k ∈ [1, 2], its activation (erf or relu),
 * second layer and P; the experiment's {@code initial} gives M(0), Q(0); {@code noise} is Δ. The section
 * itself holds the multi-pass fields shared with the GLM (samplesPerDimension, stepSize/steps or schedule, ridge,
 * algorithm, engine, paths, seeds, seed); the loss is square, the teacher map is the teacher network, no momentum.
 *
 * @param model         the validated committee problem
 * @param paths         Monte Carlo paths S per sweep
 * @param seeds         independent sweeps K
 * @param seed          base seed
 * @param algorithmJson the algorithm object with defaults, for run.json
 */
record DmftCommitteeSettings(CommitteeModel model, int paths, int seeds, long seed, ObjectNode algorithmJson) {

    /** Whether the experiment is a committee (p ≥ 2 or k ≥ 2) for the dmft command. */
    static boolean applies(Experiment e) {
        return e.p() != 1 || e.k() != 1;
    }

    /**
     * Reads the section; every field is checked once here, errors name the field and the allowed range.
     *
     * @throws ExperimentException for any invalid or missing field
     */
    static DmftCommitteeSettings parse(JsonNode node, Experiment e) {
        if (node == null) {
            throw new ExperimentException(DmftSettings.SECTION, "missing; 'sgdlimits dmft' needs a \"dmft\" section "
                    + "(samplesPerDimension, stepSize, steps, ...)");
        }
        if (e.p() < 1 || e.p() > CommitteeModel.MAX_HIDDEN) {
            throw new ExperimentException("student.p", e.p() + "; the dmft committee needs p in [1, "
                    + CommitteeModel.MAX_HIDDEN + "]");
        }
        if (e.k() < 1 || e.k() > CommitteeModel.MAX_TEACHER) {
            throw new ExperimentException("teacher.k", e.k() + "; the dmft committee needs k in [1, "
                    + CommitteeModel.MAX_TEACHER + "]");
        }
        Activation student = e.student().activation();
        if (student != StandardActivation.ERF && student != StandardActivation.RELU) {
            throw new ExperimentException("student.activation", "'" + student.id() + "'; the dmft committee allows "
                    + "erf, relu");
        }
        Activation teacher = e.teacher().activation();
        if (teacher != StandardActivation.ERF && teacher != StandardActivation.RELU) {
            throw new ExperimentException("teacher.activation", "'" + teacher.id() + "'; the dmft committee allows "
                    + "erf, relu");
        }
        if (e.student().trainSecondLayer()) {
            throw new ExperimentException("student.trainSecondLayer", "true; the dmft committee keeps the second "
                    + "layer fixed (false)");
        }
        JsonFields f = new JsonFields(node, DmftSettings.SECTION);
        double alpha = DmftSettings.positive(f, "samplesPerDimension", Double.NaN);
        Loss loss = DmftSettings.wrap(f, "loss", () -> Loss.named(f.string("loss", "square"), f.path("loss")));
        if (loss != StandardLoss.SQUARE) {
            throw new ExperimentException(f.path("loss"), "'" + loss.id() + "'; the dmft committee allows square");
        }
        String map = f.string("teacherMap", "activation").trim().toLowerCase(Locale.ROOT);
        if (!map.equals("activation")) {
            throw new ExperimentException(f.path("teacherMap"), "'" + map + "'; a committee's labels come from the "
                    + "teacher network; allowed: activation");
        }
        double[] etas = DmftSettings.stepSizes(f);
        double ridge = f.number("ridge", 0.0); // range: CommitteeModel (its error names dmft.ridge)
        ObjectNode algorithmJson = JsonNodeFactory.instance.objectNode();
        SelectionProcess selection = DmftSettings.algorithm(f.object("algorithm"), f.path("algorithm"),
                algorithmJson);
        JsonFields momentum = f.object("momentum");
        if (momentum != null) {
            String kind = momentum.string("kind", "none").trim().toLowerCase(Locale.ROOT);
            if (!kind.equals("none") || momentum.number("beta", 0.0) != 0.0) {
                throw new ExperimentException(momentum.path("kind"), "'" + kind + "'; the dmft committee allows none");
            }
            momentum.finish();
        }
        if (f.has("initial")) {
            throw new ExperimentException(f.path("initial"), "not used by a committee; give the experiment's "
                    + "initial {\"M\": p x k, \"Q\": p x p}");
        }
        String engine = f.string("engine", "auto").trim().toLowerCase(Locale.ROOT);
        if (!engine.equals("auto") && !engine.equals("montecarlo") && !engine.equals("monte-carlo")) {
            throw new ExperimentException(f.path("engine"), "'" + engine + "'; the dmft committee allows auto, "
                    + "montecarlo");
        }
        int paths = f.integer("paths", 20000);
        int seeds = f.integer("seeds", 4);
        long seed = f.longInteger("seed", 1);
        f.finish();
        DmftSettings.checkPaths(paths, f.path("paths"));
        DmftSettings.checkSeeds(seeds, f.path("seeds"));
        Overlaps initial = e.initialOverlaps();
        CommitteeModel model = DmftSettings.wrap(f, "", () -> new CommitteeModel(alpha, initial, student, teacher,
                e.noise(), loss, ridge, etas, selection));
        return new DmftCommitteeSettings(model, paths, seeds, seed, algorithmJson);
    }

    /** Reads the section of an experiment file. @throws ExperimentException for any invalid or missing field */
    static DmftCommitteeSettings of(ExperimentParser.ExperimentFile file) {
        return parse(file.sections().get(DmftSettings.SECTION), file.experiment());
    }

    /** The Monte Carlo block sweep: K sweeps of S paths and K at S/4 for the finite-S bias columns. */
    Trajectory run(boolean parallel) {
        return CommitteeEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(paths, seeds, seed, true,
                parallel));
    }

    /** The same settings with other Monte Carlo sizes (command-line overrides). */
    DmftCommitteeSettings withSizes(Integer newPaths, Integer newSeeds) {
        if (newPaths != null) {
            DmftSettings.checkPaths(newPaths, "--paths");
        }
        if (newSeeds != null) {
            DmftSettings.checkSeeds(newSeeds, "--seeds");
        }
        return new DmftCommitteeSettings(model, newPaths != null ? newPaths : paths,
                newSeeds != null ? newSeeds : seeds, seed, algorithmJson);
    }

    /** The experiment with this section filled in with its defaults (run.json). */
    ObjectNode experimentJson(Experiment e) {
        ObjectNode j = ExperimentJson.toJson(e);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("samplesPerDimension", model.alpha());
        d.put("loss", model.loss().id());
        d.put("teacherMap", "activation");
        DmftSettings.putStepSizes(d, model.stepSizes());
        d.put("ridge", model.ridge());
        d.put("steps", model.steps());
        d.set("algorithm", algorithmJson);
        d.putObject("momentum").put("kind", "none");
        d.put("engine", "montecarlo");
        d.put("paths", paths);
        d.put("seeds", seeds);
        d.put("seed", seed);
        j.set(DmftSettings.SECTION, d);
        return j;
    }
}
