package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sgdlimits check}: validate an experiment file and print it with every default filled in. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validates an experiment file; prints it with defaults.",
            "The printed form is the one stored in run.json. A file with a \"meanfield\" section (for "
                + "'sgdlimits meanfield') or a \"dmft\" section (for 'sgdlimits dmft') is validated with that "
                + "section, by the same code as that command, and printed with its defaults too. "
                + "Writes no file. Exit code 0 when valid, 2 with a one-line message naming the field when not.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits check examples/saad-solla-plateau.json",
            "  ./sgdlimits check examples/meanfield/one-particle.json",
            "  ./sgdlimits check examples/dmft/sgd-vs-gd.json",
            "  echo '{\"student\": {\"p\": 3}}' > mine.json && ./sgdlimits check mine.json"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentFileParameter experimentFile;

    @Override
    public Integer call() {
        return CommandRun.execute(spec, null, false, this::run);
    }

    private int run(CommandRun run) throws CommandRun.Exit {
        String printed;
        String section = run.prepare(() -> engineSection(experimentFile.path()));
        if (DmftSettings.SECTION.equals(section)) {
            printed = run.prepare(() -> DmftExperiment.read(experimentFile.path())).toPrettyString();
        } else if (MeanfieldSettings.SECTION.equals(section)) {
            MeanfieldExperiment input = run.prepare(() -> MeanfieldExperiment.read(experimentFile.path()));
            MeanfieldEngine engine = input.settings().engine() != null ? input.settings().engine()
                    : MeanfieldEngine.PARTICLES;
            printed = input.toPrettyString(engine);
        } else {
            printed = ExperimentJson.toPrettyString(run.prepare(() -> ExperimentParser.read(experimentFile.path())));
        }
        run.out().println(printed);
        run.out().flush();
        return SgdLimits.OK;
    }

    /**
     * The engine section the file has ({@code dmft} or {@code meanfield}, read by the command of that name), or
     * null: none, or the file cannot be read or parsed (the core parser then reports why). A file with both is
     * validated as a dmft experiment, whose reader names the other section as unknown.
     */
    static String engineSection(Path file) {
        JsonNode root;
        try {
            root = ExperimentParser.readTree(file);
        } catch (RuntimeException e) {
            return null;
        }
        for (String section : new String[] {DmftSettings.SECTION, MeanfieldSettings.SECTION}) {
            JsonNode v = root.isObject() ? root.get(section) : null;
            if (v != null && !v.isNull()) {
                return section;
            }
        }
        return null;
    }
}
