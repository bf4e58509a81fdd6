package org.sgdlimits.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code EXPERIMENT.json} argument ({@code @Mixin}) of the commands that run one experiment file. */
final class ExperimentFileParameter {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON, docs/theory.md §7)")
    Path file;

    Path path() {
        return file;
    }

    /** The file name without ".json", for chart titles. */
    String name() {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }
}
