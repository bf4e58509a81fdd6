package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.trajectory.RunStatus;

class RunReportTest {

    @Test
    void runJsonHoldsStatusStatisticsAndTheExperimentWithDefaults(@TempDir Path dir) throws Exception {
        Experiment e = Experiment.builder().learningRate(0.25).build();
        RunReport report = new RunReport("ode", ExperimentJson.toJson(e), RunStatus.diverged(12.5, "Q_0_0 = NaN"),
                Map.of("finalRisk", 0.5), Map.of("rhsEvaluations", 42), Instant.parse("2026-12-01T09:00:00Z"), 1.5,
                List.of("something to know"), Map.of("csv", "trajectory.csv"));
        Path file = dir.resolve("run.json");
        report.write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("ode", json.get("command").asText());
        assertEquals("diverged", json.at("/status/outcome").asText());
        assertEquals(12.5, json.at("/status/time").asDouble());
        assertEquals("Q_0_0 = NaN", json.at("/status/cause").asText());
        assertEquals(42, json.at("/statistics/rhsEvaluations").asInt());
        assertEquals(1.5, json.get("wallTimeSeconds").asDouble());
        assertEquals("something to know", json.at("/warnings/0").asText());
        assertTrue(json.at("/software/version").isTextual());
        assertEquals(e, ExperimentParser.fromJson(json.get("experiment")));
    }
}
