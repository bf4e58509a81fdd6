package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.ExperimentParser;

/**
 * An experiment file for {@code sgdlimits dmft}: the docs/theory.md §7 experiment plus its {@code dmft} section,
 * validated once here for every reader ({@code dmft}, {@code check}, a {@code dmft} sweep cell).
 *
 * @param experiment the validated core experiment (p = k = 1)
 * @param settings   the validated {@code dmft} section
 */
record DmftExperiment(Experiment experiment, DmftSettings settings) {

    /** @throws ExperimentException (one line, naming the field) for any invalid input */
    static DmftExperiment read(Path file) {
        return of(ExperimentParser.read(file, Set.of(DmftSettings.SECTION)));
    }

    /**
     * Validates an already parsed experiment (e.g. a sweep cell's).
     *
     * @throws ExperimentException (one line, naming the field) for any invalid input
     */
    static DmftExperiment fromJson(JsonNode root) {
        return of(ExperimentParser.fromJson(root, Set.of(DmftSettings.SECTION)));
    }

    private static DmftExperiment of(ExperimentParser.ExperimentFile file) {
        return new DmftExperiment(file.experiment(), DmftSettings.of(file));
    }

    /** The experiment with the {@code dmft} section's defaults filled in, indented (as {@code check} prints it). */
    String toPrettyString() {
        return settings.experimentJson(experiment).toPrettyString();
    }
}
