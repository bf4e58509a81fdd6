package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.IntegratorSpec;
import picocli.CommandLine;

class SgdLimitsCliTest {

    /** A tiny valid experiment (erf, p = k = 2, short log grid): bad-input cases change one field of it. */
    static final String TINY = """
            { "teacher": { "activation": "erf", "k": 2, "P": [[1, 0], [0, 1]] },
              "student": { "activation": "erf", "p": 2, "secondLayer": [1, 1] },
              "learningRate": 0.5, "noise": 0.01,
              "initial": { "M": [[0.1, 0.05], [0.02, 0.12]], "Q": [[0.3, 0.01], [0.01, 0.25]] },
              "time": { "end": 20, "points": 25, "spacing": "log", "start": 0.01 } }
            """;

    private static CliRun run(CommandLine cl, String... args) {
        return CliRun.execute(cl, args);
    }

    private static CliRun run(String... args) {
        return run(new CommandLine(new SgdLimits()), args);
    }

    private static List<Path> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void helpListsTheCommandsWithExamples() {
        CliRun r = run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("ode") && r.out().contains("check"), r.out());
        assertTrue(r.out().contains("Examples:") && r.out().contains("saad-solla-plateau.json"), r.out());
        CliRun ode = run("ode", "--help");
        assertEquals(0, ode.exitCode());
        assertTrue(ode.out().contains("--out") && ode.out().contains("--format") && ode.out().contains("--force")
                && ode.out().contains("Examples:"), ode.out());
    }

    static Stream<Arguments> badExperiments() {
        return Stream.of(
                Arguments.of("non-PSD Omega", TINY.replace("[[0.3, 0.01], [0.01, 0.25]]", "[[0.001, 0.0], [0.0, 0.25]]"),
                        "initial.Q: ", "positive semi-definite"),
                Arguments.of("negative learning rate", TINY.replace("\"learningRate\": 0.5", "\"learningRate\": -0.5"),
                        "learningRate: ", "> 0"),
                Arguments.of("mismatched sizes", TINY.replace("\"secondLayer\": [1, 1]", "\"secondLayer\": [1, 1, 1]"),
                        "student.secondLayer: ", "expected p = 2"),
                Arguments.of("M of the wrong shape", TINY.replace("[[0.1, 0.05], [0.02, 0.12]]", "[[0.1, 0.05]]"),
                        "initial.M: ", "expected 2x2"),
                Arguments.of("unknown activation", TINY.replace("\"activation\": \"erf\", \"p\"",
                        "\"activation\": \"mish\", \"p\""), "student.activation: ", "allowed: erf"),
                Arguments.of("NaN in a matrix", TINY.replace("[0.02, 0.12]", "[NaN, 0.12]"),
                        "initial.M[1][0]: ", "finite"),
                Arguments.of("NaN as a string", TINY.replace("[0.02, 0.12]", "[\"NaN\", 0.12]"),
                        "initial.M[1][0]: ", "string"),
                Arguments.of("unknown field", TINY.replace("\"noise\": 0.01", "\"noise\": 0.01, \"nosie\": 0.1"),
                        "nosie: ", "unknown field"),
                Arguments.of("not JSON", TINY.replace("\"noise\": 0.01,", "\"noise\": 0.01"),
                        "sgdlimits ode: ", "not valid JSON at line 4"),
                Arguments.of("polynomial with a zero leading coefficient", TINY.replace("\"activation\": \"erf\", \"p\"",
                        "\"activation\": {\"polynomial\": [1, 0]}, \"p\""), "student.activation.polynomial: ",
                        "must be non-zero"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badExperiments")
    void badExperimentExitsTwoWithOneLineNamingTheFieldAndWritesNothing(String what, String json, String field,
                                                                       String hint, @TempDir Path tmp)
            throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.json"), json);
        Path out = tmp.resolve("out");
        CliRun r = run("ode", file.toString(), "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line expected:\n" + err);
        assertTrue(err.startsWith("sgdlimits ode: " + field.replace("sgdlimits ode: ", "")), err);
        assertTrue(err.contains(hint), err);
        assertFalse(Files.exists(out), "nothing may be written for bad input: " + listing(out));
        assertEquals("", r.out());
    }

    @Test
    void missingExperimentFileIsOneLineAndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        CliRun r = run("ode", tmp.resolve("nope.json").toString(), "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().strip().startsWith("sgdlimits ode: experiment file not found: "), r.err());
        assertFalse(r.err().strip().contains("\n"));
        assertFalse(Files.exists(out));
    }

    @Test
    void unusableOutputOrExperimentPathsAreOneLineErrors(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        Path notADir = Files.writeString(tmp.resolve("out.txt"), "x");
        CliRun r = run("ode", file.toString(), "--out", notADir.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("sgdlimits ode: --out: ") && r.err().contains("is a file"), r.err());
        CliRun dir = run("ode", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(SgdLimits.BAD_INPUT, dir.exitCode());
        assertTrue(dir.err().contains("it is a directory"), dir.err());
        assertEquals("x", Files.readString(notADir));
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void badOptionIsOneLineWithTheConfiguredCommandLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        CliRun r = run(SgdLimits.commandLine(), "ode", file.toString(), "--out", tmp.resolve("o").toString(),
                "--format", "xlsx");
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("allowed: csv, npy"), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        CliRun missingOut = run(SgdLimits.commandLine(), "ode", file.toString());
        assertEquals(SgdLimits.BAD_INPUT, missingOut.exitCode());
        assertTrue(missingOut.err().contains("--out"), missingOut.err());
        assertFalse(Files.exists(tmp.resolve("o")));
        CliRun typo = run(SgdLimits.commandLine(), "odee", file.toString());
        assertEquals(SgdLimits.BAD_INPUT, typo.exitCode());
        assertTrue(typo.err().contains("did you mean ode?"), typo.err());
        assertFalse(typo.err().strip().contains("\n"), typo.err());
    }

    @Test
    void nonEmptyOutputDirectoryIsRefusedWithoutForce(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path mine = Files.writeString(out.resolve("notes.txt"), "keep me");
        CliRun r = run("ode", file.toString(), "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--out: ") && r.err().contains("--force"), r.err());
        assertEquals(List.of(mine), listing(out));
        CliRun forced = run("ode", file.toString(), "--out", out.toString(), "--force", "--quiet", "--no-charts");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals("keep me", Files.readString(mine));
        assertTrue(Files.exists(out.resolve("run.json")));
    }

    @Test
    void odeWritesTheSpecFilesAnnouncesThemAndReportsCompletion(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        Path out = tmp.resolve("runs").resolve("tiny");
        CliRun r = run("ode", file.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> names = List.of("learning-curve.png", "overlaps.png", "run.json", "trajectory.columns.txt",
                "trajectory.csv", "trajectory.npy");
        assertEquals(names, listing(out).stream().map(p -> p.getFileName().toString()).toList());
        for (String n : names) {
            assertTrue(r.out().contains(out.resolve(n).toString()), "not announced: " + n + "\n" + r.out());
        }
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("ode: completed; final risk R = "), last);

        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("t,risk,excess_risk,M_0_0,M_0_1,M_1_0,M_1_1,Q_0_0,Q_0_1,Q_1_0,Q_1_1,a_0,a_1", csv.get(0));
        assertEquals(26, csv.size());
        String[] first = csv.get(1).split(",");
        assertEquals(0.0, Double.parseDouble(first[0]));
        assertEquals(0.1, Double.parseDouble(first[3]));
        String[] end = csv.get(25).split(",");
        assertEquals(20.0, Double.parseDouble(end[0]));
        // label noise: R = excess risk + Delta/2 at every recorded time
        assertEquals(Double.parseDouble(end[2]) + 0.005, Double.parseDouble(end[1]), 1e-15);
        assertTrue(Double.parseDouble(end[2]) < Double.parseDouble(first[2]), "risk must drop from t = 0 to 20");

        byte[] npy = Files.readAllBytes(out.resolve("trajectory.npy"));
        int headerLength = Short.toUnsignedInt(ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (25, 13)"), header);
        double npyLastRisk = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN)
                .getDouble(10 + headerLength + 8 * (24 * 13 + 1));
        assertEquals(Double.parseDouble(end[1]), npyLastRisk);

        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("completed", report.at("/status/outcome").asText());
        assertEquals(20.0, report.at("/status/time").asDouble());
        assertTrue(report.at("/statistics/rhsEvaluations").asLong() > 0);
        assertEquals("trajectory.csv", report.at("/outputs/csv").asText());
        assertEquals(Double.parseDouble(end[1]), report.at("/results/finalRisk").asDouble());
        assertEquals(ExperimentParser.parse(TINY, "tiny"), ExperimentParser.fromJson(report.get("experiment")),
                "run.json must hold the experiment with defaults filled in");
        assertEquals(IntegratorSpec.DEFAULTS.relativeTolerance(),
                report.at("/experiment/integrator/relativeTolerance").asDouble(), "defaults filled in");
    }

    @Test
    void formatOptionSelectsTheTrajectoryFiles(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        Path out = tmp.resolve("out");
        CliRun r = run("ode", file.toString(), "--out", out.toString(), "--format", "NPY", "--no-charts", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("run.json", "trajectory.columns.txt", "trajectory.npy"),
                listing(out).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(1, r.out().strip().lines().count(), "--quiet prints only the summary: " + r.out());
    }

    @Test
    void learningRateFarAboveCriticalEndsAsDivergedWithItsFilesWritten(@TempDir Path tmp) throws IOException {
        // online linear regression: stable only for learning rate < 2 (docs/theory.md §3); at 5, q grows like e^{3t}
        String json = "{\"learningRate\": 5, \"teacher\": {\"activation\": \"linear\"},"
                + " \"student\": {\"activation\": \"linear\"}, \"initial\": {\"M\": [[0.5]], \"Q\": [[0.5]]},"
                + " \"time\": {\"end\": 100, \"points\": 20, \"spacing\": \"linear\"}}";
        Path file = Files.writeString(tmp.resolve("hot.json"), json);
        Path out = tmp.resolve("out");
        CliRun r = run("ode", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("DIVERGED at t = "), r.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", report.at("/status/outcome").asText());
        assertTrue(report.at("/status/time").asDouble() < 100);
        assertFalse(report.at("/status/cause").asText().isEmpty());
        // the final risk is the risk at the final time: both from the last recorded row (issue 13)
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        String[] last = rows.get(rows.size() - 1).split(",");
        double lastTime = Double.parseDouble(last[header.indexOf("t")]);
        double lastRisk = Double.parseDouble(last[header.indexOf("risk")]);
        assertEquals(lastTime, report.at("/results/finalTime").asDouble(), 0.0);
        assertEquals(lastRisk, report.at("/results/finalRisk").asDouble(), 1e-12 * Math.abs(lastRisk));
        assertTrue(report.at("/status/time").asDouble() >= lastTime, "divergence after the last finite row");
    }

    @Test
    void checkPrintsTheExperimentWithDefaultsAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), TINY);
        CliRun r = run("check", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(ExperimentParser.parse(TINY, "tiny"), ExperimentParser.parse(r.out(), "check output"));
        assertTrue(r.out().contains("\"batchSize\" : 1"), r.out());
        assertEquals(List.of(file), listing(tmp));
        CliRun bad = run("check", Files.writeString(tmp.resolve("b.json"), "{\"batchSize\": 0}").toString());
        assertEquals(SgdLimits.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().startsWith("sgdlimits check: batchSize: 0; must be an integer >= 1"), bad.err());
    }

    private static Path shipped(String name) {
        Path here = Path.of(name);
        return Files.exists(here) ? here : Path.of("examples", name);
    }

    @Test
    void theReadmeFirstCommandShowsAPlateauThenSpecialisation(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("plateau");
        CliRun r = run("ode", shipped("saad-solla-plateau.json").toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        double[][] rows = lines.stream().skip(1)
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
        int t = header.indexOf("t");
        int risk = header.indexOf("risk");
        int m00 = header.indexOf("M_0_0");
        int m01 = header.indexOf("M_0_1");
        double[] at20 = nearest(rows, t, 20);
        double[] at100 = nearest(rows, t, 100);
        double[] last = rows[rows.length - 1];
        // plateau: the risk barely moves over t in [20, 100] while it is far from zero, M_0_0 ~ M_0_1 (unspecialised)
        assertEquals(at20[risk], at100[risk], 0.1 * at20[risk], "plateau risk");
        assertTrue(at100[risk] > 1e-3, "plateau risk " + at100[risk]);
        assertEquals(at100[m00], at100[m01], 0.05, "symmetric plateau: M_0_0 vs M_0_1");
        // specialisation: unit 0 ends on one teacher unit, the risk decays to (numerically) zero
        assertTrue(Math.abs(last[m00] - last[m01]) > 0.9, "specialised: " + last[m00] + " vs " + last[m01]);
        assertTrue(Math.abs(last[risk]) < 1e-8, "final risk " + last[risk]);
    }

    private static double[] nearest(double[][] rows, int column, double value) {
        double[] best = rows[0];
        for (double[] row : rows) {
            if (Math.abs(row[column] - value) < Math.abs(best[column] - value)) {
                best = row;
            }
        }
        return best;
    }

    @Test
    void theShippedExamplesAreValid() throws IOException {
        Path examples = Path.of("").toAbsolutePath().resolve("saad-solla-plateau.json");
        if (!Files.exists(examples)) {
            examples = Path.of("examples", "saad-solla-plateau.json");
        }
        try (Stream<Path> files = Files.list(examples.toAbsolutePath().getParent())) {
            List<Path> jsons = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertFalse(jsons.isEmpty());
            for (Path p : jsons) {
                ExperimentParser.read(p);
            }
        }
    }
}
