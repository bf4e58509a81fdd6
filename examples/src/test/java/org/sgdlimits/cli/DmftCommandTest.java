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
    void kernelsAreWrittenAsSquareNpyMatricesThatReadBackAsTheEngineComputedThem(@TempDir Path tmp)
            throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 2.0, \"stepSize\": 0.2, \"ridge\": 0.05, \"steps\": 15");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--kernels", "--kernel-chart", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(out.resolve("kernels.png")) > 1000);
        assertFalse(Files.exists(out.resolve("kernel_R_sem.npy")), "the exact closure has no Monte Carlo error");
        double[][] rr = NpyMatrix.read(out.resolve("kernel_R.npy"));
        double[][] gamma = NpyMatrix.read(out.resolve("kernel_Gamma.npy"));
        double[][] cg = NpyMatrix.read(out.resolve("kernel_Cg.npy"));
        var model = DmftExperiment.read(f).settings().model();
        var expected = org.sgdlimits.meanfield.dmft.DmftEngine.exactWithKernels(model).kernels();
        double[][][] read = {rr, gamma, cg};
        double[][][] engine = {expected.response(), expected.memory(), expected.noiseCovariance()};
        for (int k = 0; k < 3; k++) {
            assertEquals(16, read[k].length);
            for (int t = 0; t < 16; t++) {
                assertEquals(16, read[k][t].length);
                for (int s = 0; s < 16; s++) {
                    assertEquals(engine[k][t][s], read[k][t][s], 0.0, k + " at " + t + "," + s);
                }
            }
        }
        for (int t = 0; t < 16; t++) {
            for (int s = 0; s < 16; s++) {
                assertEquals(cg[t][s], cg[s][t], 0.0);
                if (s >= t) {
                    assertEquals(0.0, rr[t][s], "R causal");
                }
            }
        }
        // C_g(t, t) = α E[(r − y)²] = 2α · training loss (square loss, GD)
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        int col = List.of(csv.get(0).split(",")).indexOf("train_loss");
        for (int t = 0; t < 16; t++) {
            double train = Double.parseDouble(csv.get(t + 1).split(",")[col]);
            assertEquals(2 * 2.0 * train, cg[t][t], 1e-9 * Math.max(1, cg[t][t]), "step " + t);
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("kernel_Cg.npy", report.at("/outputs/kernelCg").asText(), report.at("/outputs").toString());
    }

    @Test
    void monteCarloKernelsComeWithStandardErrors(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 1.5, \"loss\": \"logistic\", \"teacherMap\": \"sign\", "
                + "\"stepSize\": 0.5, \"steps\": 6");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--paths", "1000", "--seeds", "3",
                "--kernels", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out.resolve("kernels.png")), "no chart unless asked");
        for (String name : DmftKernelFiles.NAMES) {
            double[][] value = NpyMatrix.read(out.resolve(name + ".npy"));
            double[][] sem = NpyMatrix.read(out.resolve(name + "_sem.npy"));
            assertEquals(7, value.length);
            assertEquals(7, sem[0].length);
            double largest = 0;
            for (int t = 0; t < 7; t++) {
                for (int s = 0; s < 7; s++) {
                    assertTrue(sem[t][s] >= 0 && Double.isFinite(value[t][s]), name + " " + t + "," + s);
                    largest = Math.max(largest, sem[t][s]);
                }
            }
            if (!name.equals("kernel_R")) { // R(1, 0) = 1 is the only nonzero R entry that is not random here
                assertTrue(largest > 0, name + ": a sampled kernel has a nonzero standard error");
            }
        }
    }

    @Test
    void kernelsOfAnOverlongRunAreRefusedBeforeComputing(@TempDir Path tmp) throws IOException {
        Path f = file(tmp, "\"samplesPerDimension\": 2.0, \"stepSize\": 0.01, \"steps\": 1001");
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("dmft", f.toString(), "--out", out.toString(), "--kernels");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--kernels") && r.err().contains("1000"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void checkValidatesTheDmftSectionAndPrintsItWithDefaults() throws IOException {
        Path root = Files.isRegularFile(Path.of("README.md")) ? Path.of("") : Path.of("..");
        CliRun r = CliRun.of("check", root.resolve("examples/dmft/sgd-vs-gd.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode printed = new ObjectMapper().readTree(r.out());
        assertEquals(0.2, printed.at("/dmft/algorithm/batchFraction").asDouble());
        assertEquals("none", printed.at("/dmft/momentum/kind").asText(), "defaults are filled in");
        assertEquals("auto", printed.at("/dmft/engine").asText());
        assertTrue(printed.at("/dmft/initial/orthogonalNorm").isNumber(), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"samplesPerDimension\": 1, \"stepSize\": -0.1, \"steps\": 5 | dmft.stepSize",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"algorithm\": {\"kind\": \"bernoulli\", "
            + "\"batchFraction\": 1.5} | dmft.algorithm.batchFraction",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"batch\": 3 | dmft.batch"})
    void checkRefusesABadDmftSectionWithTheMessageOfTheDmftCommand(String dmft, String field, @TempDir Path tmp)
            throws IOException {
        Path f = file(tmp, dmft);
        CliRun check = CliRun.of("check", f.toString());
        assertEquals(2, check.exitCode(), check.out() + check.err());
        assertEquals(1, check.err().strip().lines().count(), check.err());
        assertTrue(check.err().contains(field), check.err());
        assertEquals("", check.out().strip());
        CliRun dmftRun = CliRun.of("dmft", f.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(2, dmftRun.exitCode());
        // one validation path: the same message after the command's own prefix
        String reason = check.err().strip().substring(check.err().indexOf(field));
        assertTrue(dmftRun.err().strip().endsWith(reason), dmftRun.err() + " vs " + check.err());
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
        "\"samplesPerDimension\": 1, \"schedule\": [0.1, 0.1], \"steps\": 3 | dmft.steps",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"ridge\": -0.5 | dmft.ridge",
        "\"samplesPerDimension\": 1, \"stepSize\": 0.1, \"steps\": 5, \"initial\": {\"orthogonalNorm\": -1} "
            + "| dmft.initial.orthogonalNorm"})
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
