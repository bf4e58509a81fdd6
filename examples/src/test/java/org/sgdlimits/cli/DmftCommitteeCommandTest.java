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

/** {@code sgdlimits dmft} on a committee (p ≥ 2 or k ≥ 2): outputs, report, and the one-line field errors. */
class DmftCommitteeCommandTest {
    private static final String NETWORKS = "\"teacher\": {\"activation\": \"erf\", \"k\": 2}, "
            + "\"student\": {\"activation\": \"erf\", \"p\": 2}, \"noise\": 0.01, ";
    private static final String INITIAL = "\"initial\": {\"M\": [[0.2, 0.05], [0.0, 0.15]], "
            + "\"Q\": [[0.5, 0.1], [0.1, 0.4]]}, ";
    private static final String DMFT = "\"samplesPerDimension\": 2.0, \"stepSize\": 1.0, \"steps\": 6";

    private static Path file(Path dir, String core, String dmft) throws IOException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{" + core + "\"dmft\": {" + dmft + "}}");
        return f;
    }

    @Test
    void committeeRunWithSimulationWritesOverlapColumnsChartsAndReport(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, NETWORKS + INITIAL, DMFT);
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--paths", "4000", "--seeds", "3",
                "--simulate", "--dimension", "400", "--sim-seeds", "3", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : List.of("trajectory.csv", "trajectory.npy", "simulation.csv", "losses.png", "overlaps.png",
                "summary.md", "run.json")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals(8, csv.size());
        for (String c : List.of("test_risk", "train_loss", "M_0_0", "M_1_1", "Q_0_1", "Q_1_1", "M_0_0_sem",
                "Q_0_0_bias")) {
            assertTrue(csv.get(0).contains(c), c + " in " + csv.get(0));
        }
        assertFalse(String.join("\n", csv).contains("NaN"));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("committee of p = 2 erf units"));
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("completed", report.at("/status/outcome").asText());
        assertEquals("montecarlo", report.at("/results/engine").asText());
        // d = 400 with 3 data sets against S = 4000: the largest gap over train, test, M and Q in combined SEs
        assertTrue(report.at("/results/simulationLargestGapInStandardErrors").asDouble() < 6,
                report.at("/results").toString());
        assertTrue(report.at("/results/final_M_0_0").asDouble() > 0.2, "M_0_0 grows from 0.2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"teacher\": {\"activation\": \"erf\", \"k\": 1}, \"student\": {\"activation\": \"erf\", \"p\": 5}, "
            + "| | student.p",
        "\"teacher\": {\"activation\": \"erf\", \"k\": 3}, \"student\": {\"activation\": \"erf\", \"p\": 2}, "
            + "| | teacher.k",
        "\"teacher\": {\"activation\": \"erf\", \"k\": 2}, \"student\": {\"activation\": \"tanh\", \"p\": 2}, "
            + "| | student.activation",
        "\"teacher\": {\"activation\": \"linear\", \"k\": 2}, \"student\": {\"activation\": \"erf\", \"p\": 2}, "
            + "| | teacher.activation",
        "\"teacher\": {\"activation\": \"relu\", \"k\": 2}, \"student\": {\"activation\": \"relu\", \"p\": 2}, "
            + "\"initial\": {\"M\": [[0.2, 0.0], [0.05, 0.15]], \"Q\": [[0.04, 0.01], [0.01, 0.025]]}, "
            + "| | initial: Q - M P^-1 M^T must be positive definite",
        "\"teacher\": {\"activation\": \"erf\", \"k\": 2}, \"student\": {\"activation\": \"erf\", \"p\": 2, "
            + "\"trainSecondLayer\": true}, | | student.trainSecondLayer",
        "| , \"loss\": \"logistic\" | dmft.loss",
        "| , \"teacherMap\": \"sign\" | dmft.teacherMap",
        "| , \"momentum\": {\"kind\": \"heavy-ball\", \"beta\": 0.5} | dmft.momentum.kind",
        "| , \"initial\": {\"teacherOverlap\": 0.1} | dmft.initial",
        "| , \"engine\": \"exact\" | dmft.engine",
        "| , \"paths\": 4 | dmft.paths",
        "| , \"ridge\": -0.5 | dmft.ridge"})
    void badInputIsOneLineNamingTheFieldExitTwoNothingWritten(String core, String extra, String field,
                                                              @TempDir Path tmp) throws IOException {
        String networks = core == null ? NETWORKS + INITIAL : core;
        Path f = file(tmp, networks, DMFT + (extra == null ? "" : extra));
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(field), r.err());
        assertFalse(Files.exists(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("trajectory.csv")));
    }
}
