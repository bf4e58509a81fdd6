package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmftCommandTest {
    private static final String CORE = "\"teacher\": {\"activation\": \"linear\", \"k\": 1}, "
            + "\"student\": {\"activation\": \"linear\", \"p\": 1}, \"noise\": 0.25, ";

    private static Path file(Path dir, String dmft) throws IOException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{" + CORE + "\"dmft\": {" + dmft + "}}");
        return f;
    }

    @Test
    void exactRunWithSimulationWritesTrajectoriesChartsAndReport(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 2.0, \"stepSize\": 0.2, \"ridge\": 0.05, \"steps\": 15, "
                + "\"initial\": {\"teacherOverlap\": 0.0, \"orthogonalNorm\": 0.5}");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--simulate", "--dimension", "400",
                "--sim-seeds", "3", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : List.of("trajectory.csv", "trajectory.npy", "simulation.csv", "losses.png", "overlaps.png",
                "run.json")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals(17, csv.size());
        assertTrue(csv.get(0).contains("train_loss") && csv.get(0).contains("test_risk"), csv.get(0));
        assertFalse(String.join("\n", csv).contains("NaN"));
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("completed", report.at("/status/outcome").asText());
        assertEquals("exact", report.at("/results/engine").asText());
        // simulation at d = 400 within a few combined standard errors of the exact closure
        assertTrue(report.at("/results/simulationLargestGapInStandardErrors").asDouble() < 6,
                report.at("/results").toString());
        assertEquals(2.0, report.at("/experiment/dmft/samplesPerDimension").asDouble());
    }

    @Test
    void monteCarloRunHasErrorBarsAndBiasColumns(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 1.5, \"loss\": \"logistic\", \"teacherMap\": \"sign\", "
                + "\"stepSize\": 0.5, \"steps\": 8, \"algorithm\": {\"kind\": \"bernoulli\", \"batchFraction\": 0.5}");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--paths", "2000", "--seeds", "3",
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        String header = Files.readAllLines(out.resolve("trajectory.csv")).get(0);
        assertTrue(header.contains("train_loss_sem") && header.contains("train_loss_bias")
                && header.contains("classification_error"), header);
    }

    @Test
    void scheduleGivesTheTimesAndIsReportedInRunJson(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 2.0, \"schedule\": [0.3, 0.2, 0.1]");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals(5, csv.size());
        assertEquals(0.6, Double.parseDouble(csv.get(4).split(",")[0]), 1e-12, "t = sum of the step sizes");
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(3, report.at("/experiment/dmft/schedule").size());
    }

    @Test
    void divergedRunEndsAsDivergedWithoutNanRows(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 2.0, \"stepSize\": 1.5, \"steps\": 400");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("DIVERGED"), r.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", report.at("/status/outcome").asText());
        assertTrue(report.at("/status/cause").asText().contains("step"), report.at("/status").toString());
        String csv = Files.readString(out.resolve("trajectory.csv"));
        assertFalse(csv.contains("NaN") || csv.contains("Infinity"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"samplesPerDimension\": 0, \"stepSize\": 0.1, \"steps\": 5 | dmft.samplesPerDimension",
        "\"samplesPerDimension\": 1, \"stepSize\": -0.1, \"steps\": 5 | dmft.stepSize",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 0 | dmft.steps",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"loss\": \"hinge\" | dmft.loss",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"teacherMap\": \"cubic\" | dmft.teacherMap",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"algorithm\": {\"kind\": \"bernoulli\", "
            + "\"batchFraction\": 1.5} | dmft.algorithm.batchFraction",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"momentum\": {\"kind\": \"nesterov\", "
            + "\"beta\": 1.0} | dmft.momentum.beta",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"batch\": 3 | dmft.batch",
        "\"samplesPerDimension\": 1, \"schedule\": [0.1, -0.1] | dmft.schedule[1]",
        "\"samplesPerDimension\": 1, \"schedule\": [0.1, 0.1], \"steps\": 3 | dmft.steps"})
    void badInputIsOneLineNamingTheFieldExitTwoNothingWritten(String dmft, String field, @TempDir Path tmp)
            throws IOException {
        Path f = file(tmp, dmft);
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(field), r.err());
        assertFalse(Files.exists(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("trajectory.csv")));
    }
}
