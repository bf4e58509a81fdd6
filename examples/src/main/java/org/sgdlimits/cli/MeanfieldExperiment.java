package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.StudentSpec;

/**
 * An experiment file for {@code sgdlimits meanfield}: the docs/theory.md §7 experiment plus its {@code meanfield} section.
 *
 * <p>When the section gives the initial condition ({@code particles} or {@code random}) the file must not
 * also have an {@code initial} field. The core {@link Experiment} then carries a placeholder random initial
 * condition that is never sampled (the core would otherwise require a sampling dimension ≥ p + k, which a
 * mean-field run with p ≫ d does not need), and {@link #toJson} leaves it out; with explicit particles
 * {@code student.p} defaults to (and must equal) their number and the second layer comes from them.
 *
 * @param experiment     the validated core experiment
 * @param settings       the validated {@code meanfield} section
 * @param ownsInitial    whether the section gives the initial condition
 */
record MeanfieldExperiment(Experiment experiment, MeanfieldSettings settings, boolean ownsInitial) {

    /** Dimension of the never-sampled placeholder initial condition. */
    private static final int PLACEHOLDER_DIMENSION = Integer.MAX_VALUE;

    /** @throws ExperimentException (one line, naming the field) for any invalid input */
    static MeanfieldExperiment read(Path file) {
        // not found, not JSON, empty: the parser's message
        return fromJson(ExperimentParser.readTree(file), file.toString());
    }

    /**
     * Validates an already parsed experiment with an optional meanfield section (e.g. a sweep cell).
     *
     * @param source name of the input for messages (a file name)
     * @throws ExperimentException (one line, naming the field) for any invalid input
     */
    static MeanfieldExperiment fromJson(JsonNode root, String source) {
        if (!root.isObject()) {
            ExperimentParser.fromJson(root); // the parser's message for a non-object
            throw new ExperimentException("", source + ": an experiment file is a JSON object {...}");
        }
        ObjectNode core = ((ObjectNode) root).deepCopy();
        JsonNode section = core.remove(MeanfieldSettings.SECTION);
        if (section != null && section.isNull()) {
            section = null;
        }
        boolean owns = section != null && section.isObject()
                && (present(section, "particles") || present(section, "random"));
        if (owns) {
            if (present(core, "initial")) {
                throw new ExperimentException("initial", "given together with meanfield."
                        + (present(section, "particles") ? "particles" : "random")
                        + "; give the initial condition in one place");
            }
            JsonNode list = section.get("particles");
            if (list != null && list.isArray() && !list.isEmpty()) {
                ObjectNode student = core.has("student") && core.get("student").isObject()
                        ? (ObjectNode) core.get("student") : core.putObject("student");
                if (present(student, "secondLayer")) {
                    throw new ExperimentException("student.secondLayer", "given together with meanfield.particles; "
                            + "give each particle's second-layer weight as its \"a\"");
                }
                if (present(student, "p") && student.get("p").isNumber() && student.get("p").asDouble() != list.size()) {
                    throw new ExperimentException("meanfield.particles", list.size() + " particles but student.p = "
                            + student.get("p").asText() + "; they must agree (or leave student.p out)");
                }
                student.put("p", list.size());
            }
            core.putObject("initial").putObject("random").put("dimension", PLACEHOLDER_DIMENSION);
        }
        Experiment experiment = ExperimentParser.fromJson(core);
        MeanfieldSettings settings = MeanfieldSettings.parse(section, experiment);
        if (settings.particles() != null) {
            // the second layer of the core experiment is the particles' a
            experiment = experiment.toBuilder().student(new StudentSpec(experiment.student().activation(),
                    experiment.p(), settings.particles().a(), experiment.student().trainSecondLayer())).build();
        }
        return new MeanfieldExperiment(experiment, settings, owns);
    }

    /** {@link #toJson} indented, as {@code sgdlimits check} prints it. */
    String toPrettyString(MeanfieldEngine engine) {
        return toJson(engine).toPrettyString();
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** The experiment with defaults filled in and the meanfield section, for run.json. */
    ObjectNode toJson(MeanfieldEngine engine) {
        ObjectNode json = ExperimentJson.toJson(experiment);
        if (ownsInitial) {
            json.remove("initial");
            if (settings.particles() != null) {
                ((ObjectNode) json.get("student")).remove("secondLayer");
            }
        }
        json.set(MeanfieldSettings.SECTION, settings.toJson(engine, experiment.k()));
        return json;
    }
}
