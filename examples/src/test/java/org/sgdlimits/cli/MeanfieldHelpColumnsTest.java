package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlimits.meanfield.MeanfieldColumns;

/**
 * {@code sgdlimits meanfield --help} lists every trajectory column the mean-field writers can emit: the help is
 * generated from {@link MeanfieldColumns}, and every column written by a run of each engine and closure (plain,
 * low-rank of phase retrieval and of erf, biases, pde, full) is documented there.
 */
class MeanfieldHelpColumnsTest {

    /** The help text with line breaks and indentation collapsed to single spaces. */
    private static String help() {
        CliRun r = CliRun.of("meanfield", "--help");
        assertEquals(0, r.exitCode(), r.err());
        return r.out().replaceAll("\\s+", " ");
    }

    @Test
    void helpListsEveryDocumentedColumn() {
        String help = help();
        assertTrue(help.contains(MeanfieldColumns.describe().replaceAll("\\s+", " ")), help);
        for (MeanfieldColumns.Column c : MeanfieldColumns.all()) {
            assertTrue(help.contains(c.name()), c.name() + " missing from the help: " + help);
        }
    }

    static Stream<Arguments> runs() {
        String biases = MeanfieldCommandTest.ONE_PARTICLE.replace("\"k\": 1 }", "\"k\": 1, \"bias\": [0.5] }")
                .replace("\"activation\": \"erf\" }", "\"activation\": \"erf\", \"bias\": [-0.2], \"trainBias\": true }");
        return Stream.of(Arguments.of("particles", MeanfieldCommandTest.ONE_PARTICLE),
                Arguments.of("full", MeanfieldCommandTest.ONE_PARTICLE),
                Arguments.of("pde", MeanfieldCommandTest.RANDOM_START),
                Arguments.of("particles", MeanfieldCommandTest.PHASE_RETRIEVAL_LOW_RANK),
                Arguments.of("particles", MeanfieldCommandTest.ERF_LOW_RANK),
                Arguments.of("particles", biases));
    }

    @ParameterizedTest(name = "{0} {index}")
    @MethodSource("runs")
    void everyWrittenColumnIsDocumentedInTheHelp(String engine, String json, @TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("run.json"), json);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("meanfield", file.toString(), "--engine", engine, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String help = help();
        List<String> header = List.of(Files.readAllLines(out.resolve("trajectory.csv")).get(0).split(","));
        for (String c : header) {
            assertTrue(MeanfieldColumns.documents(c), "column " + c + " written but not in MeanfieldColumns");
            String documented = c.matches("H_[0-9]+_[0-9]+") ? MeanfieldColumns.LATENT : c;
            assertTrue(help.contains(documented), "column " + c + " written but not in the help");
        }
    }
}
