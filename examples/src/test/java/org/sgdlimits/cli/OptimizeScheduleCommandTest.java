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
import org.sgdlimits.narrow.linear.OptimalLinearSchedule;
import org.sgdlimits.readme.ReadmeBlock;

/** {@code optimize-schedule}: option validation before anything is written, and a cheap linear-regression run. */
class OptimizeScheduleCommandTest {
    static final String LINEAR = ReadmeBlock.root().resolve("examples/online-linear-regression.json").toString();

    @Test
    void badOptionsFailWithOneLineNamingTheOptionAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path classical = tmp.resolve("classical.json");
        Files.writeString(classical, Files.readString(Path.of(LINEAR)).replaceFirst("\\{", "{ \"regime\": \"classical\","));
        List<String[]> cases = List.of(
                new String[] {"--horizon", "0"},
                new String[] {"--horizon", "NaN"},
                new String[] {"--horizon", "5", "--objective", "fastest"},
                new String[] {"--horizon", "5", "--objective", "time-to-risk"},
                new String[] {"--horizon", "5", "--objective", "time-to-risk", "--target-risk", "0.04"},
                new String[] {"--horizon", "5", "--objective", "time-to-risk", "--target-risk", "0.9"},
                new String[] {"--horizon", "5", "--target-risk", "0.06"},
                new String[] {"--horizon", "5", "--pieces", "1"},
                new String[] {"--horizon", "5", "--pieces", "401"},
                new String[] {"--horizon", "5", "--max-factor", "0"},
                new String[] {"--horizon", "5", "--max-iterations", "0"});
        String[] expected = {"--horizon", "--horizon", "--objective", "--target-risk", "--target-risk",
            "--target-risk", "--target-risk", "--pieces", "--pieces", "--max-factor", "--max-iterations"};
        for (int i = 0; i < cases.size(); i++) {
            Path out = tmp.resolve("out" + i);
            String[] args = concat(new String[] {"optimize-schedule", LINEAR}, cases.get(i),
                    new String[] {"--out", out.toString()});
            CliRun r = CliRun.of(args);
            assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(expected[i]), "names " + expected[i] + ": " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", cases.get(i)));
        }
        Path out = tmp.resolve("classical-out");
        CliRun r = CliRun.of("optimize-schedule", classical.toString(), "--horizon", "5", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("regime"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void linearRegressionTimeToRiskRunWritesTheScheduleAndBeatsTheReferences(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ttr");
        CliRun r = CliRun.of("optimize-schedule", LINEAR, "--objective", "time-to-risk",
                "--target-risk", "0.06", "--horizon", "10", "--pieces", "24", "--out", out.toString(), "--quiet");
        assertEquals(SgdLimits.OK, r.exitCode(), r.err());
        for (String f : new String[] {"schedule.csv", "curves.csv", "schedule.png", "curves.png", "run.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> schedule = Files.readAllLines(out.resolve("schedule.csv"));
        assertEquals("t,t_end,factor,learning_rate", schedule.get(0));
        assertEquals(25, schedule.size());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode results = run.get("results");
        assertEquals("piecewise-constant", results.get("schedule").get("type").asText());
        assertEquals(24, results.get("schedule").get("factors").size());
        double tau = results.get("objective").asDouble();
        for (JsonNode ref : results.get("references")) {
            assertTrue(tau <= ref.get("objective").asDouble(), ref.get("name") + " beats the optimum");
        }
        // examples/online-linear-regression.json: lr 0.5, noise 0.1, q0 = 0.5, m0 = 0 (ε0 = 0.75); target ε = 0.01
        double exact = new OptimalLinearSchedule(0.5, 0.1, 0.75).timeToExcessRisk(0.01);
        assertTrue(tau >= exact - 1e-8 && tau <= 1.01 * exact, "tau " + tau + " vs closed form " + exact);
        assertTrue(r.out().contains("time to target"), r.out());
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
