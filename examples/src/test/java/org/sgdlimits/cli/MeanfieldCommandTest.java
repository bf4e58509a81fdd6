package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlimits.chart.DensitySnapshotWriter;
import picocli.CommandLine;

class MeanfieldCommandTest {

    /** One erf particle (p = k = 1), label noise, linear grid hitting the snapshot times exactly. */
    static final String ONE_PARTICLE = """
            { "teacher": { "activation": "erf", "k": 1 },
              "student": { "activation": "erf" },
              "learningRate": 0.5, "noise": 0.01,
              "time": { "end": 2, "points": 9, "spacing": "linear" },
              "integrator": { "absoluteTolerance": 1e-12, "relativeTolerance": 1e-10 },
              "meanfield": { "particles": [ { "a": 1, "m": 0.2, "qperp": 0.5 } ] } }
            """;

    /** A random initialisation of p = 100 units at d = 100 on a coarse PDE grid (k = 1). */
    static final String RANDOM_START = """
            { "teacher": { "activation": "erf", "k": 1 },
              "student": { "activation": "erf", "p": 100 },
              "learningRate": 1.0, "noise": 0.001,
              "time": { "end": 2, "points": 5, "spacing": "linear" },
              "meanfield": { "random": { "dimension": 100, "seed": 3 },
                             "pde": { "xiCells": 40, "qCells": 8 } } }
            """;

    /** A k = 2 teacher (fine for particles, not for the pde engine). */
    static final String TWO_TEACHER_UNITS = """
            { "teacher": { "activation": "erf", "k": 2 },
              "student": { "activation": "erf", "p": 3 },
              "learningRate": 0.5,
              "time": { "end": 1, "points": 3, "spacing": "linear" },
              "meanfield": { "random": { "dimension": 50, "seed": 1 } } }
            """;

    /** Phase retrieval (square, k = 1, a = 1) at g = 0.1, p = 8, with the corrected closure. */
    static final String PHASE_RETRIEVAL_LOW_RANK = """
            { "teacher": { "activation": "square", "k": 1 },
              "student": { "activation": "square", "p": 8 },
              "learningRate": 0.8,
              "time": { "end": 1, "points": 11, "spacing": "linear" },
              "integrator": { "absoluteTolerance": 1e-12, "relativeTolerance": 1e-10 },
              "meanfield": { "random": { "dimension": 200, "seed": 2 }, "closure": "low-rank" } }
            """;

    /** Erf (k = 1, a = 1) at g = γ/p = 0.2, p = 6 explicit particles, the O(p) corrected closure of rank 2. */
    static final String ERF_LOW_RANK = """
            { "teacher": { "activation": "erf", "k": 1 },
              "student": { "activation": "erf", "p": 6 },
              "learningRate": 1.2,
              "time": { "end": 2, "points": 5, "spacing": "linear" },
              "integrator": { "absoluteTolerance": 1e-10, "relativeTolerance": 1e-9 },
              "meanfield": { "particles": [ { "a": 1, "m": 0.5, "qperp": 0.6 }, { "a": 1, "m": -0.1, "qperp": 0.9 },
                                            { "a": 1, "m": 0.3, "qperp": 0.7 }, { "a": 1, "m": 0.05, "qperp": 1.0 },
                                            { "a": 1, "m": 0.4, "qperp": 0.5 }, { "a": 1, "m": 0.2, "qperp": 0.8 } ],
                             "closure": "low-rank", "basis": "a-aq-am", "rank": 2 } }
            """;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    /** Column c of a CSV with a header row. */
    private static double[] column(Path csv, String c) throws IOException {
        List<String> rows = lines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        int j = header.indexOf(c);
        assertTrue(j >= 0, c + " not in " + header);
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[j])).toArray();
    }

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("particles", ONE_PARTICLE), Arguments.of("full", ONE_PARTICLE),
                Arguments.of("pde", RANDOM_START),
                // automatic q⊥ cells (the memory check ran into the unset count: NullPointerException)
                Arguments.of("pde", RANDOM_START.replace(", \"qCells\": 8", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyEngineWritesTrajectorySnapshotsChartsAndReport(String engine, String json, @TempDir Path tmp)
            throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny.json"), json);
        Path out = tmp.resolve("out");
        CliRun r = run("meanfield", file.toString(), "--engine", engine, "--snapshots", "0,0.5,1,2", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertEquals("t,risk,excess_risk,mean_m2,mean_qperp", lines(out.resolve("trajectory.csv")).get(0));
        assertTrue(Files.size(out.resolve("trajectory.npy")) > 128);
        for (String f : List.of("learning-curve.png", "moments.png", "trajectory.columns.txt")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        for (String t : List.of("0", "0.5", "1", "2")) {
            assertImage(out.resolve("density-t" + t + ".png"), DensitySnapshotWriter.DEFAULT_WIDTH,
                    DensitySnapshotWriter.DEFAULT_HEIGHT);
            List<String> grid = lines(out.resolve("density-t" + t + ".csv"));
            assertEquals("m,qperp,density", grid.get(0));
            assertTrue(grid.size() > 100, "grid rows: " + grid.size());
            assertTrue(r.out().contains("density-t" + t + ".png"), "announced: " + r.out());
        }
        assertImage(out.resolve("density-snapshots.png"), 4 * 480, 360);
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("completed", report.path("status").path("outcome").asText());
        assertEquals("meanfield", report.path("command").asText());
        assertEquals(engine, report.path("results").path("engine").asText());
        assertEquals(engine, report.path("experiment").path("meanfield").path("engine").asText());
        assertEquals(4, report.path("results").path("snapshots").size());
        assertTrue(r.out().contains("run.json"), r.out());
        double[] risk = column(out.resolve("trajectory.csv"), "risk");
        assertTrue(risk[risk.length - 1] < risk[0], "risk decreases: " + risk[0] + " -> " + risk[risk.length - 1]);
    }

    private static void assertImage(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth(), png.toString());
        assertEquals(height, image.getHeight(), png.toString());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, png + " looks blank: " + colours.size() + " colours");
    }

    static Stream<Arguments> oneUnitCases() {
        return Stream.of(
                Arguments.of("noise term kept", ONE_PARTICLE),
                Arguments.of("noise term dropped", ONE_PARTICLE.replace("\"particles\"", "\"noiseTerm\": false, \"particles\"")),
                Arguments.of("trained second layer, weight decay, mini-batch", ONE_PARTICLE.replace("\"student\": { \"activation\": \"erf\" }",
                        "\"student\": { \"activation\": \"erf\", \"trainSecondLayer\": true }, \"secondLayerLearningRate\": 0.25, "
                                + "\"weightDecay\": 0.01, \"batchSize\": 2").replace("\"a\": 1,", "\"a\": 0.6,")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneUnitCases")
    void particlesAndFullEngineAgreeAtOneUnit(String what, String json, @TempDir Path tmp) throws IOException {
        // docs/theory.md §5: with the self-interaction terms the reduced ODE equals the full ODE exactly at p = 1; this
        // checks that the command hands both engines the same rates, noise, decay, batch and second layer
        Path file = Files.writeString(tmp.resolve("p1.json"), json);
        Path a = tmp.resolve("particles");
        Path b = tmp.resolve("full");
        assertEquals(0, run("meanfield", file.toString(), "--engine", "particles", "--out", a.toString(), "-q")
                .exitCode());
        assertEquals(0, run("meanfield", file.toString(), "--engine", "full", "--out", b.toString(), "-q")
                .exitCode());
        for (String c : List.of("risk", "excess_risk", "mean_m2", "mean_qperp")) {
            double[] x = column(a.resolve("trajectory.csv"), c);
            double[] y = column(b.resolve("trajectory.csv"), c);
            assertEquals(x.length, y.length);
            double change = Math.abs(x[x.length - 1] - x[0]);
            assertTrue(change > 1e-3, c + " must move for the comparison to mean something: " + change);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 1e-7 * Math.max(1, Math.abs(y[i])), c + " at row " + i);
            }
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("pde with k = 2", TWO_TEACHER_UNITS, List.of("--engine", "pde"), "teacher.k: 2"),
                Arguments.of("unknown engine", ONE_PARTICLE, List.of("--engine", "langevin"), "--engine: unknown"),
                Arguments.of("snapshot beyond the end", ONE_PARTICLE, List.of("--snapshots", "0,3"),
                        "--snapshots: time 3.0; must lie in [0, time.end = 2.0]"),
                Arguments.of("negative snapshot time", ONE_PARTICLE, List.of("--snapshots=-0.5,1"),
                        "--snapshots: time -0.5"),
                Arguments.of("pde with a trained second layer", RANDOM_START.replace("\"p\": 100",
                        "\"p\": 100, \"trainSecondLayer\": true"), List.of("--engine", "pde"),
                        "student.trainSecondLayer: true"),
                Arguments.of("unknown meanfield field", ONE_PARTICLE.replace("\"particles\"", "\"nosie\": 1, \"particles\""),
                        List.of(), "meanfield.nosie: unknown field"),
                Arguments.of("negative qperp", ONE_PARTICLE.replace("\"qperp\": 0.5", "\"qperp\": -0.5"), List.of(),
                        "meanfield.particles[0].qperp: -0.5"),
                Arguments.of("initial given twice", ONE_PARTICLE.replace("\"learningRate\"",
                        "\"initial\": {\"random\": {\"dimension\": 10}}, \"learningRate\""), List.of(),
                        "initial: given together with meanfield.particles"),
                Arguments.of("unknown limiter", RANDOM_START.replace("\"qCells\": 8", "\"qCells\": 8, \"limiter\": "
                        + "\"superbee\""), List.of("--engine", "pde"),
                        "meanfield.pde.limiter: unknown limiter 'superbee'; allowed: van-leer, koren, none"),
                Arguments.of("limiter given twice", RANDOM_START.replace("\"qCells\": 8", "\"qCells\": 8, "
                        + "\"limiter\": \"none\", \"qLimiter\": \"koren\""), List.of("--engine", "pde"),
                        "meanfield.pde.limiter: given together with qLimiter"),
                Arguments.of("full engine too wide", RANDOM_START.replace("\"p\": 100", "\"p\": 401"),
                        List.of("--engine", "full"), "student.p: 401"),
                Arguments.of("unknown closure", PHASE_RETRIEVAL_LOW_RANK.replace("low-rank", "pairwise"), List.of(),
                        "meanfield.closure: unknown closure 'pairwise'"),
                Arguments.of("unknown basis", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"low-rank\", \"basis\": \"hermite\""), List.of(), "meanfield.basis: unknown basis 'hermite'"),
                Arguments.of("rank above 4", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"low-rank\", \"rank\": 5"), List.of(), "meanfield.rank: 5; must be an integer in [1, 4]"),
                Arguments.of("rank 0", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"low-rank\", \"rank\": 0"), List.of(), "meanfield.rank: 0; must be an integer in [1, 4]"),
                Arguments.of("rank beyond the basis", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"low-rank\", \"rank\": 2"), List.of(), "meanfield.rank: 2; the basis m has 1 column"),
                Arguments.of("rank with the plain closure", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"plain\", \"rank\": 1"), List.of(), "meanfield.rank: given but meanfield.closure is plain"),
                Arguments.of("low-rank on the full engine", PHASE_RETRIEVAL_LOW_RANK, List.of("--engine", "full"),
                        "meanfield.closure: low-rank applies to the particles and pde engines only"),
                Arguments.of("low-rank for erf with the phase-retrieval basis", ERF_LOW_RANK.replace("\"basis\": "
                        + "\"a-aq-am\", \"rank\": 2", "\"basis\": \"m\""), List.of(),
                        "meanfield.basis: m is the phase-retrieval basis"),
                Arguments.of("low-rank for erf on the pde engine", ERF_LOW_RANK, List.of("--engine", "pde"),
                        "meanfield.closure: low-rank applies to the particles engine only"),
                Arguments.of("low-rank for erf, rank beyond the basis", ERF_LOW_RANK.replace("\"rank\": 2",
                        "\"rank\": 4"), List.of(), "meanfield.rank: 4; the basis a-aq-am has 3 column"),
                Arguments.of("low-rank for erf, k = 2", TWO_TEACHER_UNITS.replace("\"seed\": 1 }", "\"seed\": 1 }, "
                        + "\"closure\": \"low-rank\", \"basis\": \"a-aq-am\""), List.of(),
                        "meanfield.closure: low-rank is implemented for k = 1"),
                Arguments.of("unknown latent route", ERF_LOW_RANK.replace("\"rank\": 2", "\"rank\": 2, "
                        + "\"latent\": \"monte-carlo\""), List.of(), "meanfield.latent: unknown latent route 'monte-carlo'"),
                Arguments.of("series order 5", ERF_LOW_RANK.replace("\"rank\": 2", "\"rank\": 2, \"order\": 5"),
                        List.of(), "meanfield.order: 5; must be an integer in [1, 4]"),
                Arguments.of("series order 0", ERF_LOW_RANK.replace("\"rank\": 2", "\"rank\": 2, \"order\": 0"),
                        List.of(), "meanfield.order: 0; must be an integer in [1, 4]"),
                Arguments.of("order with the quadrature route", ERF_LOW_RANK.replace("\"rank\": 2", "\"rank\": 2, "
                        + "\"latent\": \"quadrature\", \"order\": 2"), List.of(),
                        "meanfield.order: given but meanfield.latent is quadrature"),
                Arguments.of("latent with the plain closure", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"plain\", \"latent\": \"series\""), List.of(),
                        "meanfield.latent: given but meanfield.closure is plain"),
                Arguments.of("latent for phase retrieval", PHASE_RETRIEVAL_LOW_RANK.replace("\"low-rank\"",
                        "\"low-rank\", \"order\": 2"), List.of(),
                        "meanfield.order: applies to activations other than square"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneLineAndWritesNothing(String what, String json, List<String> options, String message,
                                                     @TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.json"), json);
        Path out = tmp.resolve("out");
        List<String> args = new java.util.ArrayList<>(List.of("meanfield", file.toString(), "--out", out.toString()));
        args.addAll(options);
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err() + r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line expected:\n" + err);
        assertTrue(err.startsWith("sgdlimits meanfield: " + message), err);
        assertFalse(Files.exists(out), "nothing may be written for bad input");
        assertEquals("", r.out());
    }

    /** The file's limiter choice reaches the PDE scheme: run.json says so and the trajectory changes. */
    @Test
    void pdeLimiterFromTheExperimentFileReachesTheScheme(@TempDir Path tmp) throws IOException {
        Path koren = tmp.resolve("koren");
        Path firstOrder = tmp.resolve("none");
        Path mixed = tmp.resolve("mixed");
        assertEquals(0, run("meanfield", Files.writeString(tmp.resolve("a.json"), RANDOM_START).toString(),
                "--engine", "pde", "--out", koren.toString(), "-q").exitCode());
        String none = RANDOM_START.replace("\"qCells\": 8", "\"qCells\": 8, \"limiter\": \"none\"");
        assertEquals(0, run("meanfield", Files.writeString(tmp.resolve("b.json"), none).toString(), "--engine", "pde",
                "--out", firstOrder.toString(), "-q").exitCode());
        String perDirection = RANDOM_START.replace("\"qCells\": 8",
                "\"qCells\": 8, \"xiLimiter\": \"van-leer\", \"qLimiter\": \"none\"");
        assertEquals(0, run("meanfield", Files.writeString(tmp.resolve("c.json"), perDirection).toString(),
                "--engine", "pde", "--out", mixed.toString(), "-q").exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(koren.resolve("run.json").toFile());
        JsonNode b = json.readTree(firstOrder.resolve("run.json").toFile());
        JsonNode c = json.readTree(mixed.resolve("run.json").toFile());
        assertEquals("xi koren, q_perp koren", a.path("statistics").path("limiters").asText(), a.toString());
        assertEquals("xi none, q_perp none", b.path("statistics").path("limiters").asText());
        assertEquals("xi van-leer, q_perp none", c.path("statistics").path("limiters").asText());
        assertEquals("van-leer", c.path("experiment").path("meanfield").path("pde").path("xiLimiter").asText());
        assertEquals("none", c.path("experiment").path("meanfield").path("pde").path("qLimiter").asText());
        double[] qKoren = column(koren.resolve("trajectory.csv"), "mean_qperp");
        double[] qNone = column(firstOrder.resolve("trajectory.csv"), "mean_qperp");
        double[] m2Koren = column(koren.resolve("trajectory.csv"), "mean_m2");
        double[] m2Mixed = column(mixed.resolve("trajectory.csv"), "mean_m2");
        int last = qKoren.length - 1;
        assertEquals(qKoren[0], qNone[0], 1e-15, "same start");
        assertTrue(Math.abs(qKoren[last] - qNone[last]) > 1e-6, "first order differs: " + qKoren[last] + " vs "
                + qNone[last]);
        assertTrue(Math.abs(m2Koren[last] - m2Mixed[last]) > 1e-9, "van Leer in xi differs: " + m2Koren[last]
                + " vs " + m2Mixed[last]);
    }

    @Test
    void closureWarningWhenGIsNotSmallGoesToStandardErrorAndRunJson(@TempDir Path tmp) throws IOException {
        // three units at learning rate 0.5: g = gamma/p = 1/6 is far from small
        Path file = Files.writeString(tmp.resolve("p3.json"), TWO_TEACHER_UNITS);
        Path out = tmp.resolve("out");
        CliRun r = run("meanfield", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: g/B") && r.err().contains("--engine full"), r.err());
        assertEquals(1, r.out().strip().split("\n").length, "quiet: one summary line\n" + r.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertTrue(report.path("warnings").toString().contains("biased by O(g)"), report.path("warnings").toString());
        CliRun again = run("meanfield", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(SgdLimits.BAD_INPUT, again.exitCode(), "a non-empty DIR needs --force");
        assertEquals(0, run("meanfield", file.toString(), "--out", out.toString(), "--quiet", "--force").exitCode());
    }

    @Test
    void noClosureWarningForOneUnitOrTheFullEngine(@TempDir Path tmp) throws IOException {
        // at p = 1 the closure drops nothing; the full engine does not use it
        Path one = Files.writeString(tmp.resolve("p1.json"), ONE_PARTICLE);
        CliRun r = run("meanfield", one.toString(), "--out", tmp.resolve("a").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning: g/B"), r.err());
        Path three = Files.writeString(tmp.resolve("p3.json"), TWO_TEACHER_UNITS);
        CliRun full = run("meanfield", three.toString(), "--engine", "full", "--out", tmp.resolve("b").toString(), "-q");
        assertEquals(0, full.exitCode(), full.err());
        assertFalse(full.err().contains("warning: g/B"), full.err());
    }

    @Test
    void lowRankClosureWritesItsCorrectionAndBeatsThePlainClosureAgainstTheFullOde(@TempDir Path tmp)
            throws IOException {
        Path low = Files.writeString(tmp.resolve("low.json"), PHASE_RETRIEVAL_LOW_RANK);
        Path plain = Files.writeString(tmp.resolve("plain.json"), PHASE_RETRIEVAL_LOW_RANK.replace("low-rank", "plain"));
        CliRun r = run("meanfield", low.toString(), "--out", tmp.resolve("low").toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning: g/B"), "the corrected closure is not biased at fixed g: " + r.err());
        assertEquals(0, run("meanfield", plain.toString(), "--out", tmp.resolve("plain").toString(), "-q").exitCode());
        assertEquals(0, run("meanfield", plain.toString(), "--engine", "full", "--out", tmp.resolve("full").toString(),
                "-q").exitCode());
        Path csv = tmp.resolve("low/trajectory.csv");
        assertEquals("t,risk,excess_risk,mean_m2,mean_qperp,h", lines(csv).get(0));
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("low/run.json").toFile());
        assertEquals("low-rank", report.path("experiment").path("meanfield").path("closure").asText());
        assertEquals("m", report.path("experiment").path("meanfield").path("basis").asText());
        assertEquals(1, report.path("experiment").path("meanfield").path("rank").asInt());
        assertEquals("low-rank", report.path("statistics").path("closure").asText());
        double[] h = column(csv, "h");
        assertEquals(h[h.length - 1], report.path("results").path("final_h").asDouble(), 0.0);
        double[] gaps = riskGapsToTheFullEngine(tmp);
        double errLow = gaps[0];
        double errPlain = gaps[1];
        System.out.printf("cli phase retrieval p = 8, g = 0.1: max |risk - full| corrected %.3g, plain %.3g%n", errLow,
                errPlain);
        assertTrue(errLow < 0.01 * errPlain, "risk gap to the full ODE: corrected " + errLow + ", plain " + errPlain);
    }

    /** {max |risk − full|} of the runs in tmp/low and tmp/plain against tmp/full (trajectory.csv, column risk). */
    private static double[] riskGapsToTheFullEngine(Path tmp) throws IOException {
        double[] full = column(tmp.resolve("full/trajectory.csv"), "risk");
        double[] lr = column(tmp.resolve("low/trajectory.csv"), "risk");
        double[] pl = column(tmp.resolve("plain/trajectory.csv"), "risk");
        double errLow = 0;
        double errPlain = 0;
        for (int i = 0; i < full.length; i++) {
            errLow = Math.max(errLow, Math.abs(lr[i] - full[i]));
            errPlain = Math.max(errPlain, Math.abs(pl[i] - full[i]));
        }
        return new double[] {errLow, errPlain};
    }

    /** Erf through the experiment file: the O(p) route writes H_a_b and beats the plain closure by ≥ 10×. */
    @Test
    void erfLowRankClosureRunsTheLinearCostRouteAndBeatsThePlainClosure(@TempDir Path tmp) throws IOException {
        Path low = Files.writeString(tmp.resolve("low.json"), ERF_LOW_RANK);
        String plainJson = ERF_LOW_RANK.replace("\"closure\": \"low-rank\", \"basis\": \"a-aq-am\", \"rank\": 2",
                "\"closure\": \"plain\"");
        Path plain = Files.writeString(tmp.resolve("plain.json"), plainJson);
        CliRun r = run("meanfield", low.toString(), "--out", tmp.resolve("low").toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, run("meanfield", plain.toString(), "--out", tmp.resolve("plain").toString(), "-q").exitCode());
        assertEquals(0, run("meanfield", plain.toString(), "--engine", "full", "--out", tmp.resolve("full").toString(),
                "-q").exitCode());
        Path csv = tmp.resolve("low/trajectory.csv");
        assertEquals("t,risk,excess_risk,mean_m2,mean_qperp,H_0_0,H_0_1,H_1_0,H_1_1", lines(csv).get(0));
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("low/run.json").toFile());
        assertEquals("a-aq-am", report.path("statistics").path("basis").asText());
        assertEquals(2, report.path("statistics").path("rank").asInt());
        assertEquals("series", report.path("statistics").path("latent").asText());
        assertEquals(2, report.path("statistics").path("order").asInt());
        // the quadrature route, selected in the file, follows the series route
        Path quad = Files.writeString(tmp.resolve("quad.json"), ERF_LOW_RANK.replace("\"rank\": 2",
                "\"rank\": 2, \"latent\": \"quadrature\""));
        assertEquals(0, run("meanfield", quad.toString(), "--out", tmp.resolve("quad").toString(), "-q").exitCode());
        assertEquals("quadrature", new ObjectMapper().readTree(tmp.resolve("quad/run.json").toFile())
                .path("statistics").path("latent").asText());
        double[] series = column(csv, "risk");
        double[] quadrature = column(tmp.resolve("quad/trajectory.csv"), "risk");
        for (int i = 0; i < series.length; i++) {
            assertEquals(series[i], quadrature[i], 1e-5, "series vs quadrature risk, row " + i);
        }
        double[] gaps = riskGapsToTheFullEngine(tmp);
        double errLow = gaps[0];
        double errPlain = gaps[1];
        System.out.printf("cli erf p = 6, g = 0.2, rank 2: max |risk - full| corrected %.3g, plain %.3g%n", errLow,
                errPlain);
        assertTrue(errLow < 0.1 * errPlain, "risk gap to the full ODE: corrected " + errLow + ", plain " + errPlain);
    }

    /**
     * The pde engine with the corrected closure: h is a trajectory column and final_h is in run.json; the h of
     * the density PDE follows the particle engine's from the same start (the PDE starts from the deposit of
     * the 8 sampled particles) and the corrected PDE's risk stays far from the plain PDE's.
     */
    @Test
    void lowRankClosureOnThePdeEngineCarriesH(@TempDir Path tmp) throws IOException {
        String explicitGrid = PHASE_RETRIEVAL_LOW_RANK.replace("\"closure\": \"low-rank\"",
                "\"closure\": \"low-rank\", \"particles\": " + EIGHT_PARTICLES + ", \"pde\": { \"xiCells\": 80, "
                + "\"qCells\": 40 }").replace("\"random\": { \"dimension\": 200, \"seed\": 2 }, ", "");
        Path low = Files.writeString(tmp.resolve("low.json"), explicitGrid);
        Path plain = Files.writeString(tmp.resolve("plain.json"), explicitGrid.replace("low-rank", "plain"));
        CliRun r = run("meanfield", low.toString(), "--engine", "pde", "--out", tmp.resolve("pde").toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning: g/B"), "the corrected closure is not biased at fixed g: " + r.err());
        assertEquals(0, run("meanfield", low.toString(), "--out", tmp.resolve("particles").toString(), "-q")
                .exitCode());
        assertEquals(0, run("meanfield", plain.toString(), "--engine", "pde", "--out", tmp.resolve("plain").toString(),
                "-q").exitCode());
        Path csv = tmp.resolve("pde/trajectory.csv");
        assertEquals("t,risk,excess_risk,mean_m2,mean_qperp,h", lines(csv).get(0));
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("pde/run.json").toFile());
        assertEquals("low-rank", report.path("statistics").path("closure").asText());
        assertEquals("meanfield.pde.ContinuityPde", report.path("statistics").path("engine").asText());
        double[] h = column(csv, "h");
        assertEquals(h[h.length - 1], report.path("results").path("final_h").asDouble(), 0.0);
        double[] hParticles = column(tmp.resolve("particles/trajectory.csv"), "h");
        double[] risk = column(csv, "risk");
        double[] riskParticles = column(tmp.resolve("particles/trajectory.csv"), "risk");
        double[] riskPlain = column(tmp.resolve("plain/trajectory.csv"), "risk");
        double hGap = 0;
        double hMax = 0;
        double riskGap = 0;
        double plainGap = 0;
        for (int i = 0; i < h.length; i++) {
            hMax = Math.max(hMax, h[i]);
            hGap = Math.max(hGap, Math.abs(h[i] - hParticles[i]));
            riskGap = Math.max(riskGap, Math.abs(risk[i] - riskParticles[i]));
            plainGap = Math.max(plainGap, Math.abs(riskPlain[i] - riskParticles[i]));
        }
        System.out.printf("cli pde low-rank p = 8: max |h pde - particles| %.3g (max h %.4f), risk %.3g, plain pde "
                + "%.3g%n", hGap, hMax, riskGap, plainGap);
        assertTrue(hMax > 0.1, "g > 0 drives h: max " + hMax);
        assertTrue(hGap < 0.01 * hMax, "h: pde vs particles " + hGap);
        assertTrue(riskGap < 0.1 * plainGap, "risk: corrected pde " + riskGap + ", plain pde " + plainGap);
    }

    /** Eight phase-retrieval particles on the closure's manifold (a = 1, q⊥ = 1 − m²). */
    private static final String EIGHT_PARTICLES;

    static {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            double m = 0.3 * (i - 3.5) / 3.5;
            b.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                    "{ \"a\": 1, \"m\": %.6f, \"qperp\": %.6f }", m, 1 - m * m));
        }
        EIGHT_PARTICLES = b.append("]").toString();
    }

    @Test
    void helpNamesEveryMeanfieldFieldAndItsExamplesFitEightyColumns() {
        CliRun r = run("meanfield", "--help");
        assertEquals(0, r.exitCode());
        for (String field : List.of("engine", "particles", "random", "dimension", "seed", "variance", "noiseTerm",
                "selfInteraction", "xiCells", "qCells", "stretch", "mMax", "qMax", "cfl", "limiter", "xiLimiter",
                "qLimiter", "bandwidth", "component", "closure", "basis", "rank",
                "--snapshots", "--engine", "--force", "--quiet")) {
            assertTrue(r.out().contains(field), field + " missing from --help");
        }
        String footer = r.out().substring(r.out().indexOf("Examples:"));
        for (String line : footer.split("\n")) {
            assertTrue(line.length() <= 80, "footer line over 80 columns: " + line);
        }
        assertTrue(run("--help").out().contains("meanfield"), "listed among the commands");
    }

    @Test
    void snapshotOffTheLogGridIsTakenAtTheNearestTimeNamedAsRequestedAndWarned(@TempDir Path tmp)
            throws IOException {
        Path file = Files.writeString(tmp.resolve("log.json"), ONE_PARTICLE.replace(
                "\"points\": 9, \"spacing\": \"linear\"", "\"points\": 6, \"spacing\": \"log\", \"start\": 0.01"));
        Path out = tmp.resolve("out");
        CliRun r = run("meanfield", file.toString(), "--snapshots", "0.5,2", "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(out.resolve("density-t0.5.png")) && Files.exists(out.resolve("density-t2.csv")));
        assertTrue(r.err().contains("snapshot at t = 0.5 taken at the nearest recorded time"), r.err());
        JsonNode snaps = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results").path("snapshots");
        assertEquals(0.5, snaps.get(0).path("requestedTime").asDouble());
        double taken = snaps.get(0).path("time").asDouble();
        assertTrue(taken != 0.5 && Math.abs(taken - 0.5) < 0.5, "taken at " + taken);
        assertEquals(2.0, snaps.get(1).path("time").asDouble(), "the end is on every grid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"particles", "full"})
    void divergedRunIsAResultWithItsStatusAndWarnsAboutSnapshotsNotReached(String engine, @TempDir Path tmp)
            throws IOException {
        // online linear regression diverges for gamma > 2 (README examples gallery)
        Path file = Files.writeString(tmp.resolve("div.json"), ONE_PARTICLE.replace("\"learningRate\": 0.5",
                "\"learningRate\": 5").replace("\"erf\"", "\"linear\"").replace("\"end\": 2", "\"end\": 20"));
        Path out = tmp.resolve("out");
        CliRun r = run("meanfield", file.toString(), "--engine", engine, "--snapshots", "0,1,20", "--out", out.toString(),
                "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("DIVERGED at t = "), r.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", report.path("status").path("outcome").asText());
        double when = report.path("status").path("time").asDouble();
        assertTrue(when > 1 && when < 20, "diverged at " + when);
        assertEquals(2, report.path("results").path("snapshots").size());
        assertTrue(report.path("warnings").toString().contains("snapshot at t = 20.0 not taken"),
                report.path("warnings").toString());
        assertTrue(Files.exists(out.resolve("density-t1.png")));
        assertFalse(Files.exists(out.resolve("density-t20.png")));
    }

    @Test
    void checkValidatesAMeanfieldSectionAndPrintsItWithDefaultsThatRerunTheSame(@TempDir Path tmp)
            throws IOException {
        Path file = Files.writeString(tmp.resolve("one.json"), ONE_PARTICLE);
        CliRun r = run("check", file.toString());
        assertEquals(SgdLimits.OK, r.exitCode(), r.err());
        assertEquals(List.of(file), listing(tmp), "check writes no file");
        JsonNode printed = new ObjectMapper().readTree(r.out());
        assertEquals("particles", printed.path("meanfield").path("engine").asText(), r.out());
        assertEquals(0.2, printed.path("meanfield").path("particles").path(0).path("m").asDouble(), 0.0, r.out());
        assertTrue(printed.path("meanfield").path("pde").has("xiCells"), "defaults filled in: " + r.out());
        // the printed form is a valid meanfield file describing the same run
        Path again = Files.writeString(tmp.resolve("again.json"), r.out());
        assertEquals(MeanfieldExperiment.read(file).toJson(MeanfieldEngine.PARTICLES),
                MeanfieldExperiment.read(again).toJson(MeanfieldEngine.PARTICLES));
    }

    @Test
    void checkRejectsABadMeanfieldSectionWithOneLineNamingTheField(@TempDir Path tmp) throws IOException {
        Path badEngine = Files.writeString(tmp.resolve("engine.json"),
                ONE_PARTICLE.replace("\"meanfield\": {", "\"meanfield\": { \"engine\": \"spline\","));
        CliRun r = run("check", badEngine.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.out());
        assertTrue(r.err().startsWith("sgdlimits check: meanfield.engine"), r.err());
        assertTrue(r.err().contains("allowed: particles, pde, full"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.out().isEmpty(), r.out());

        Path unknown = Files.writeString(tmp.resolve("unknown.json"),
                ONE_PARTICLE.replace("\"meanfield\": {", "\"meanfield\": { \"bogus\": 1,"));
        r = run("check", unknown.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.out());
        assertTrue(r.err().startsWith("sgdlimits check: meanfield") && r.err().contains("bogus"), r.err());
    }

    @Test
    void checkAcceptsEveryShippedMeanfieldExample() throws IOException {
        Path dir = Path.of("").toAbsolutePath().resolve("meanfield");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("examples", "meanfield").toAbsolutePath();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), dir.toString());
        for (Path f : files) {
            CliRun r = run("check", f.toString());
            assertEquals(SgdLimits.OK, r.exitCode(), f + ": " + r.err());
            assertTrue(new ObjectMapper().readTree(r.out()).has("meanfield"), f + ": " + r.out());
        }
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theShippedMeanfieldExamplesAreValidForEveryEngineTheyName() throws IOException {
        Path dir = Path.of("").toAbsolutePath().resolve("meanfield");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("examples", "meanfield").toAbsolutePath();
        }
        List<Path> files = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        files.add(dir.getParent().resolve("density-snapshots.json"));
        assertTrue(files.size() >= 3, files.toString());
        for (Path f : files) {
            MeanfieldExperiment input = MeanfieldExperiment.read(f);
            MeanfieldEngine engine = input.settings().engine() != null ? input.settings().engine()
                    : MeanfieldEngine.PARTICLES;
            MeanfieldRunner.prepare(input, engine, new double[] {0, input.experiment().time().end()});
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theExperimentInRunJsonRerunsTheSameRun(String engine, String json, @TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("first.json"), json);
        Path first = tmp.resolve("first");
        assertEquals(0, run("meanfield", file.toString(), "--engine", engine, "--out", first.toString(), "-q")
                .exitCode());
        JsonNode experiment = new ObjectMapper().readTree(first.resolve("run.json").toFile()).path("experiment");
        Path again = Files.writeString(tmp.resolve("again.json"), experiment.toPrettyString());
        Path second = tmp.resolve("second");
        CliRun r = run("meanfield", again.toString(), "--out", second.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err() + "\n" + experiment.toPrettyString());
        assertEquals(lines(first.resolve("trajectory.csv")), lines(second.resolve("trajectory.csv")));
    }
}
