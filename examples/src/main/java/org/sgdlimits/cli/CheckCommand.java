package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentJson;
import org.sgdlimits.experiment.ExperimentParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sgdlimits check}: validate an experiment file and print it with every default filled in. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validates an experiment file; prints it with defaults.",
            "The printed form is the one stored in run.json. Writes no file. Exit code 0 when valid, 2 with "
                + "a one-line message naming the field when not.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits check examples/saad-solla-plateau.json",
            "  echo '{\"student\": {\"p\": 3}}' > mine.json && ./sgdlimits check mine.json"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON, SPEC section 7)")
    Path experimentFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Experiment e;
        try {
            e = ExperimentParser.read(experimentFile);
        } catch (IllegalArgumentException x) {
            err.println("sgdlimits check: " + x.getMessage());
            err.flush();
            return SgdLimits.BAD_INPUT;
        }
        out.println(ExperimentJson.toPrettyString(e));
        out.flush();
        return SgdLimits.OK;
    }
}
