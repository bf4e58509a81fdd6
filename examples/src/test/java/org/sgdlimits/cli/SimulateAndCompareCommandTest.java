package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulate} and {@code compare}: the files they write, their content, and bad input writing nothing. */
class SimulateAndCompareCommandTest {

    /** erf, p = k = 2, a short linear grid. */
    static final String TINY = """
            { "teacher": { "activation": "erf", "k": 2, "P": [[1, 0], [0, 1]] },
              "student": { "activation": "erf", "p": 2, "secondLayer": [1, 1] },
              "learningRate": 0.5, "noise": 0.01,
              "initial": { "M": [[0.3, 0.1], [0.05, 0.35]], "Q": [[0.5, 0.05], [0.05, 0.45]] },
              "time": { "end": 2, "points": 5, "spacing": "linear" } }
            """;

    static CliRun run(Object command, String... args) {
        return CliRun.execute(new CommandLine(command), args);
    }

    private static Path experiment(Path dir) throws IOException {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, TINY, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void simulateWritesMeanAndStandardErrorColumnsChartsAndRunJson(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sim");
        CliRun r = run(new SimulateCommand(), experiment(tmp).toString(), "--dimension", "100", "--seeds", "3",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("simulate: completed"), r.out());
        String header = Files.readAllLines(out.resolve("trajectory.csv")).get(0);
        assertTrue(header.startsWith("t,risk,excess_risk,M_0_0"), header);
        assertTrue(header.contains(",risk_sem,") && header.endsWith("a_1_sem"), header);
        assertEquals(6, Files.readAllLines(out.resolve("trajectory.csv")).size(), "header + 5 recorded times");
        for (String f : List.of("trajectory.npy", "learning-curve.png", "overlaps.png", "run.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(3, report.path("statistics").path("seeds").asInt(), report.toString());
        JsonNode heldOut = report.path("results").path("heldOutRisk");
        assertTrue(Math.abs(heldOut.path("discrepancyInStandardErrors").asDouble()) < 5, heldOut.toString());
    }

    @Test
    void compareWritesBothTrajectoriesChartsAndGapSummary(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        CliRun r = run(new CompareCommand(), experiment(tmp).toString(), "--dimension", "2000", "--seeds", "8",
                "--engine", "gram", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("theory.csv", "theory.npy", "simulation.csv", "simulation.npy", "summary.csv",
                "risk.png", "overlaps.png", "run.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("observable,largest_gap,t_largest_gap,largest_relative_gap,t_largest_relative_gap,"
                + "largest_gap_in_sem,t_largest_gap_in_sem", summary.get(0));
        assertTrue(summary.get(1).startsWith("risk,"), summary.get(1));
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        // the d -> infinity ODE vs d = 2000: gaps are standard errors plus an O(1/d) bias
        double gap = report.path("results").path("largestGap").asDouble();
        assertTrue(gap > 0 && gap < 0.01, "simulation sits on the ODE: largest gap " + gap + "; " + summary);
        double riskInSem = report.path("results").path("gaps").path("risk").path("largestGapInSem").asDouble();
        assertTrue(riskInSem < 6, "risk within a few standard errors: " + riskInSem);
        assertTrue(r.out().contains("risk: largest relative gap"), r.out());
        assertTrue(r.out().contains("aligned hidden units to the ODE by maximum overlap of M: "), r.out());
        assertEquals(8, report.path("results").path("alignment").path("seeds").asInt(), report.toString());
    }

    @Test
    void badDimensionOrEngineWritesNothing(@TempDir Path tmp) throws IOException {
        Path file = experiment(tmp);
        Path out = tmp.resolve("none");
        CliRun small = run(new SimulateCommand(), file.toString(), "--dimension", "3", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, small.exitCode());
        assertTrue(small.err().contains("--dimension: 3"), small.err());
        CliRun engine = run(new CompareCommand(), file.toString(), "--dimension", "50", "--engine", "magic",
                "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, engine.exitCode());
        assertTrue(engine.err().contains("engine: unknown value 'magic'"), engine.err());
        CliRun missing = run(new SimulateCommand(), file.toString(), "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("--dimension: missing"), missing.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
