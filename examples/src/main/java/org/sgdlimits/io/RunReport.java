package org.sgdlimits.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The {@code run.json} record of one run: what was run (the experiment with every default filled in), how it
 * ended, what it cost, and what to be careful about. Immutable; {@link #write} writes it atomically.
 *
 * <pre>{@code
 * { "command": "ode", "software": {"name": "sgd-limits", "version": "0.1.0-SNAPSHOT", "java": "17.0.15"},
 *   "startedAt": "2026-12-01T09:00:00Z", "wallTimeSeconds": 0.8,
 *   "status": {"outcome": "completed", "time": 1000.0, "cause": ""},
 *   "results": {"finalRisk": 1.2e-5, ...}, "statistics": {"rhsEvaluations": 4711, ...},
 *   "warnings": [...], "outputs": {"csv": "trajectory.csv", ...}, "experiment": {...} }
 * }</pre>
 *
 * @param command         the sub-command or engine that produced the run, e.g. "ode"
 * @param experiment      the experiment as JSON with defaults filled in
 * @param status          how the run ended
 * @param results         headline numbers (final risk, ...), in insertion order
 * @param statistics      engine statistics (right-hand-side evaluations, steps, seeds, ...), in insertion order
 * @param startedAt       wall-clock start of the run
 * @param wallTimeSeconds elapsed wall time of the run in seconds
 * @param warnings        things the user should know (points left out of a log chart, large g, ...)
 * @param outputs         output kind → file name (relative to the run directory)
 */
public record RunReport(String command, JsonNode experiment, RunStatus status, Map<String, Object> results,
                        Map<String, Object> statistics, Instant startedAt, double wallTimeSeconds,
                        List<String> warnings, Map<String, String> outputs) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public RunReport {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        statistics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
        warnings = List.copyOf(warnings);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The report as a JSON tree (field order as in the class comment). */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        ObjectNode software = root.putObject("software");
        software.put("name", "sgd-limits");
        software.put("version", softwareVersion());
        software.put("java", System.getProperty("java.version"));
        root.put("startedAt", startedAt.toString());
        root.put("wallTimeSeconds", wallTimeSeconds);
        ObjectNode s = root.putObject("status");
        s.put("outcome", status.outcome().name().toLowerCase(Locale.ROOT));
        if (Double.isNaN(status.time())) {
            s.putNull("time"); // a run without a time axis (e.g. escape studies)
        } else {
            s.put("time", status.time());
        }
        s.put("cause", status.cause());
        root.set("results", JSON.valueToTree(results));
        root.set("statistics", JSON.valueToTree(statistics));
        root.set("warnings", JSON.valueToTree(warnings));
        root.set("outputs", JSON.valueToTree(outputs));
        root.set("experiment", experiment);
        return root;
    }

    /** Writes the report as indented JSON, atomically. */
    public void write(Path target) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(toJson());
        AtomicFile.write(target, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }

    /**
     * The version of the running sgd-limits build: from the Maven metadata packed into the jar, or
     * {@code "development"} when running from class directories.
     */
    public static String softwareVersion() {
        try (InputStream in = RunReport.class.getResourceAsStream(
                "/META-INF/maven/org.sgdlimits/sgd-limits-examples/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development");
            }
        } catch (IOException ignored) {
            // fall through
        }
        String v = RunReport.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
