package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code sgdlimits meanfield} with biases (docs/theory.md §3.11): the particles engine takes student.bias as the
 * per-particle initial biases, teacher.bias and trainBias/biasLearningRate, records mean_b, and at p = 1 (one
 * particle, noise term kept) follows {@code sgdlimits ode} with biases to 1e-7; the pde and full engines refuse
 * biases with one line naming the field.
 */
class MeanfieldBiasCommandTest {
    private static final String ONE = """
            { "teacher": { "activation": "erf", "k": 1, "bias": [0.5] },
              "student": { "activation": "erf", "p": 1, "bias": [-0.2], "trainBias": true, "secondLayer": [0.7] },
              "learningRate": 0.5, "biasLearningRate": 0.8, "noise": 0.05,
              "initial": { "M": [[0.3]], "Q": [[0.8]] },
              "integrator": { "absoluteTolerance": 1e-12, "relativeTolerance": 1e-12 },
              "time": { "end": 4, "points": 9, "spacing": "linear" } }
            """;

    private static CliRun run(String... args) {
        return CliRun.execute(new CommandLine(new SgdLimits()), args);
    }

    private static double[][] csv(Path file, String... columns) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        double[][] out = new double[columns.length][lines.size() - 1];
        for (int c = 0; c < columns.length; c++) {
            int at = header.indexOf(columns[c]);
            assertTrue(at >= 0, columns[c] + " in " + header);
            for (int i = 1; i < lines.size(); i++) {
                out[c][i - 1] = Double.parseDouble(lines.get(i).split(",")[at]);
            }
        }
        return out;
    }

    @Test
    void oneParticleWithATrainedBiasFollowsTheOdeCommand(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("one.json"), ONE);
        CliRun ode = run("ode", file.toString(), "--out", tmp.resolve("ode").toString(), "--no-charts", "--quiet");
        assertEquals(0, ode.exitCode(), ode.err());
        CliRun mf = run("meanfield", file.toString(), "--engine", "particles", "--out", tmp.resolve("mf").toString(),
                "--quiet");
        assertEquals(0, mf.exitCode(), mf.err());
        double[][] x = csv(tmp.resolve("ode/trajectory.csv"), "risk", "b_0");
        double[][] y = csv(tmp.resolve("mf/trajectory.csv"), "risk", "mean_b");
        assertEquals(x[0].length, y[0].length);
        double worst = 0;
        for (int i = 0; i < x[0].length; i++) {
            worst = Math.max(worst, Math.max(Math.abs(x[0][i] - y[0][i]), Math.abs(x[1][i] - y[1][i])));
        }
        System.out.println("meanfield particles vs ode with biases at p = 1: max |gap| = " + worst);
        assertTrue(worst < 1e-7, "max |meanfield − ode| over risk and b = " + worst);
        assertTrue(Math.abs(y[1][y[1].length - 1] + 0.2) > 1e-2, "the bias moved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pde", "full"})
    void otherEnginesRefuseBiasesNamingTheField(String engine, @TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("one.json"), ONE);
        Path out = tmp.resolve("out");
        CliRun r = run("meanfield", file.toString(), "--engine", engine, "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("sgdlimits meanfield: student.bias: "), err);
        assertTrue(err.contains("particles engine only"), err);
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }
}
