package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.study.sweep.CellKey;

/** {@code sgdlimits sweep} with {@code "command": "dmft"}: cells are the dmft command's runs. */
class DmftSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Small Monte Carlo problem: Bernoulli SGD, 8 steps, 2 sweeps of 400 paths (milliseconds). */
    private static String experiment(String alpha, String seed) {
        return "{\"teacher\": {\"activation\": \"linear\", \"k\": 1}, \"student\": {\"activation\": \"linear\", "
                + "\"p\": 1}, \"noise\": 0.25, \"dmft\": {\"samplesPerDimension\": " + alpha + ", \"stepSize\": 0.2, "
                + "\"steps\": 8, \"algorithm\": {\"kind\": \"bernoulli\", \"batchFraction\": 0.5}, \"paths\": 400, "
                + "\"seeds\": 2" + (seed == null ? "" : ", \"seed\": " + seed) + "}}";
    }

    private static List<String> column(List<String> csv, String name) {
        int c = List.of(csv.get(0).split(",")).indexOf(name);
        assertTrue(c >= 0, name + " not in " + csv.get(0));
        return csv.stream().skip(1).map(l -> l.split(",", -1)[c]).toList();
    }

    @Test
    void aMonteCarloCellIsTheDmftCommandsRunWithTheCellsSeedAndDoesNotDependOnThreads(@TempDir Path tmp)
            throws Exception {
        Path sweep = SweepCommandTest.write(tmp, "s.json", "{\"command\": \"dmft\", \"base\": " + experiment("1", null)
                + ", \"seed\": 7, \"axes\": [{\"field\": \"dmft.samplesPerDimension\", \"values\": [1, 2]}, "
                + "{\"field\": \"dmft.algorithm.batchFraction\", \"values\": [0.5, 1]}], \"summaries\": "
                + "[\"finalRisk\", \"finalExcessRisk\", \"finalTrainLoss\", \"earlyStopping\", \"earlyStoppingRisk\", "
                + "\"diverged\"]}");
        CliRun one = CliRun.of("sweep", sweep.toString(), "--out", tmp.resolve("one").toString(), "--threads", "1", "-q");
        CliRun two = CliRun.of("sweep", sweep.toString(), "--out", tmp.resolve("two").toString(), "--threads", "2", "-q");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(0, two.exitCode(), two.err());
        List<String> table = Files.readAllLines(tmp.resolve("one/cells.csv"));
        assertEquals(5, table.size());
        assertEquals(SweepCommandTest.SweepCsv.withoutWallTime(table),
                SweepCommandTest.SweepCsv.withoutWallTime(Files.readAllLines(tmp.resolve("two/cells.csv"))));

        // cell 2 (alpha 2, b 0.5) is the dmft command's run of that experiment with the seed the cell derives
        assertEquals("2", column(table, "dmft.samplesPerDimension").get(2));
        assertEquals("0.5", column(table, "dmft.algorithm.batchFraction").get(2));
        long cellSeed = CellKey.seed(7, column(table, "key").get(2));
        long seed = SeedStreams.stream(cellSeed, 0).nextLong();
        Path single = SweepCommandTest.write(tmp, "one.json", experiment("2", Long.toString(seed)));
        CliRun dmft = CliRun.of("dmft", single.toString(), "--out", tmp.resolve("dmft").toString(), "-q");
        assertEquals(0, dmft.exitCode(), dmft.err());
        JsonNode results = JSON.readTree(tmp.resolve("dmft/run.json").toFile()).get("results");
        assertEquals("montecarlo", results.get("engine").asText());
        assertEquals(results.get("final_test_risk").doubleValue(), Double.parseDouble(column(table, "finalRisk").get(2)), 0);
        assertEquals(results.get("final_excess_risk").doubleValue(),
                Double.parseDouble(column(table, "finalExcessRisk").get(2)), 0);
        assertEquals(results.get("final_train_loss").doubleValue(),
                Double.parseDouble(column(table, "finalTrainLoss").get(2)), 0);
        assertEquals(results.get("earlyStoppingTime").doubleValue(),
                Double.parseDouble(column(table, "earlyStopping").get(2)), 0);
        assertEquals(results.get("earlyStoppingTestRisk").doubleValue(),
                Double.parseDouble(column(table, "earlyStoppingRisk").get(2)), 0);
        // another cell seed is another Monte Carlo draw
        assertFalse(column(table, "finalRisk").get(2).equals(column(table, "finalRisk").get(0)));
    }

    @Test
    void earlyStoppingIsTheArgminOfTheTestRiskOfTheRidgeDoubleDescent(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "examples", "dmft", "ridge-double-descent.json").toAbsolutePath().normalize();
        Path sweep = SweepCommandTest.write(tmp, "s.json", "{\"command\": \"dmft\", \"base\": \"" + example + "\", "
                + "\"seeds\": 2, \"axes\": [{\"field\": \"noise\", \"values\": [0.25, 0.5]}], \"summaries\": "
                + "[\"earlyStopping\", \"earlyStoppingRisk\", \"finalRisk\"]}");
        CliRun run = CliRun.of("sweep", sweep.toString(), "--out", tmp.resolve("out").toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        List<String> table = Files.readAllLines(tmp.resolve("out/cells.csv"));
        CliRun dmft = CliRun.of("dmft", example.toString(), "--out", tmp.resolve("dmft").toString(), "-q");
        assertEquals(0, dmft.exitCode(), dmft.err());
        List<String> trajectory = Files.readAllLines(tmp.resolve("dmft/trajectory.csv"));
        List<String> risk = column(trajectory, "test_risk");
        int best = 0;
        for (int i = 1; i < risk.size(); i++) {
            if (Double.parseDouble(risk.get(i)) < Double.parseDouble(risk.get(best))) {
                best = i;
            }
        }
        assertEquals(12, best); // the double descent in time: the minimum of the test risk at step 12
        assertEquals(Double.parseDouble(column(trajectory, "t").get(best)),
                Double.parseDouble(column(table, "earlyStopping").get(0)), 0);
        assertEquals(Double.parseDouble(risk.get(best)), Double.parseDouble(column(table, "earlyStoppingRisk").get(0)), 0);
        assertEquals(Double.parseDouble(risk.get(risk.size() - 1)), Double.parseDouble(column(table, "finalRisk").get(0)), 0);
        // the exact closure draws nothing: identical replicates
        assertEquals(0.0, Double.parseDouble(column(table, "earlyStopping_se").get(0)), 0);
        // more label noise: fitting it starts to hurt sooner
        assertTrue(Double.parseDouble(column(table, "earlyStopping").get(1))
                < Double.parseDouble(column(table, "earlyStopping").get(0)), String.join("\n", table));
    }

    @Test
    void aDmftSeedInTheBaseAndBadDmftFieldsAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path seeded = SweepCommandTest.write(tmp, "seeded.json", "{\"command\": \"dmft\", \"base\": "
                + experiment("1", "3") + ", \"axes\": [{\"field\": \"noise\", \"values\": [0, 0.1]}]}");
        CliRun r = CliRun.of("sweep", seeded.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("dmft.seed: not used in a sweep"), r.err());
        Path bad = SweepCommandTest.write(tmp, "bad.json", "{\"command\": \"dmft\", \"base\": " + experiment("1", null)
                + ", \"axes\": [{\"field\": \"dmft.algorithm.batchFraction\", \"values\": [0.5, 1.5]}]}");
        CliRun b = CliRun.of("sweep", bad.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, b.exitCode());
        assertTrue(b.err().contains("dmft.algorithm.batchFraction"), b.err());
        assertFalse(Files.exists(tmp.resolve("never")));
    }
}
