package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentParser;

/**
 * An experiment file for {@code sgdlimits dmft}: the docs/theory.md §7 experiment plus its {@code dmft} section,
 * validated once here for every reader ({@code dmft}, {@code check}, a {@code dmft} sweep cell). A one-unit
 * student and teacher (p = k = 1) is a GLM ({@link DmftSettings}); p ≥ 2 or k ≥ 2 is a two-layer committee
 * ({@link DmftCommitteeSettings}). Exactly one of the two settings is present.
 *
 * @param experiment the validated core experiment
 * @param settings   the validated {@code dmft} section of a GLM, or null for a committee
 * @param committee  the validated {@code dmft} section of a committee, or null for a GLM
 */
record DmftExperiment(Experiment experiment, DmftSettings settings, DmftCommitteeSettings committee) {

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
        return DmftCommitteeSettings.applies(file.experiment())
                ? new DmftExperiment(file.experiment(), null, DmftCommitteeSettings.of(file))
                : new DmftExperiment(file.experiment(), DmftSettings.of(file), null);
    }

    /** Whether this is a two-layer committee (p ≥ 2 or k ≥ 2). */
    boolean isCommittee() {
        return committee != null;
    }

    /** The experiment with the {@code dmft} section's defaults filled in, indented (as {@code check} prints it). */
    String toPrettyString() {
        return (isCommittee() ? committee.experimentJson(experiment) : settings.experimentJson(experiment))
                .toPrettyString();
    }
}
