package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Biases from the command line (docs/theory.md §3.11): the shipped example reaches the teacher's biases and
 * reports them in run.json (finalBiases, the echoed file fields), the trajectory and biases.png; the simulator
 * records b_i; bad bias fields exit 2 with one line naming the field and write nothing; engines without biases
 * refuse them.
 */
class BiasCommandTest {
    private static final String SHORT = """
            { "teacher": { "activation": "erf", "k": 1, "bias": [0.4] },
              "student": { "activation": "erf", "p": 2, "bias": [0, 0.1], "trainBias": true },
              "learningRate": 0.5, "biasLearningRate": 0.5,
              "initial": { "M": [[0.2], [0.1]], "Q": [[0.5, 0.0], [0.0, 0.4]] },
              "time": { "end": 1, "points": 3, "spacing": "linear" } }
            """;

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }

    private static CliRun run(String... args) {
        return CliRun.execute(new CommandLine(new SgdLimits()), args);
    }

    @Test
    void biasesExampleReachesTheTeachersBiasesAndReportsThem(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        CliRun r = run("ode", root().resolve("examples/biases.json").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("biases.png")));
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode finalBiases = report.at("/results/finalBiases");
        assertEquals(2, finalBiases.size(), report.toString());
        assertEquals(0.5, finalBiases.get(0).asDouble(), 1e-6);
        assertEquals(-0.3, finalBiases.get(1).asDouble(), 1e-6);
        assertEquals(-0.3, report.at("/experiment/teacher/bias/1").asDouble(), 0.0);
        assertTrue(report.at("/experiment/student/trainBias").asBoolean());
        assertEquals("biases.png", report.at("/outputs/biases").asText(), report.toString());
        String header = Files.readAllLines(out.resolve("trajectory.csv")).get(0);
        assertTrue(header.endsWith(",b_0,b_1"), header);
    }

    @Test
    void simulatorRecordsTheBiases(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("short.json"), SHORT);
        Path out = tmp.resolve("sim");
        CliRun r = run("simulate", file.toString(), "--dimension", "200", "--seeds", "2", "--out", out.toString(),
                "--no-charts", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        String header = Files.readAllLines(out.resolve("trajectory.csv")).get(0);
        assertTrue(header.contains(",b_0,") && header.contains(",b_1"), header);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("ode", SHORT.replace("\"bias\": [0, 0.1]", "\"bias\": [0]"), "student.bias: ",
                        "expected p = 2"),
                Arguments.of("ode", SHORT.replace("\"trainBias\": true", "\"trainBias\": false"), "biasLearningRate: ",
                        "trainBias"),
                Arguments.of("ode", SHORT.replace("\"biasLearningRate\": 0.5", "\"biasLearningRate\": -1"),
                        "biasLearningRate: ", "> 0"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badFiles")
    void badBiasInputExitsTwoWithOneLineAndWritesNothing(String command, String json, String field, String hint,
                                                        @TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.json"), json);
        Path out = tmp.resolve("out");
        CliRun r = run(command, file.toString(), "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("sgdlimits " + command + ": " + field), err);
        assertTrue(err.contains(hint), err);
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }
}
