package org.sgdlimits.experiment.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.experiment.IntegratorSpec;
import org.sgdlimits.experiment.ScheduleSpec;

class ExperimentParserTest {

    /** A complete valid file; bad-input cases are this file with one field changed. */
    static final String FULL = """
            { // the docs/theory.md §7 example, with explicit overlaps
              "description": "test",
              "teacher": { "activation": "erf", "k": 2, "secondLayer": [1, 1], "P": [[1, 0], [0, 1]] },
              "student": { "activation": "erf", "p": 3, "secondLayer": [1, 0.5, 1], "trainSecondLayer": false },
              "noise": 0.001, "learningRate": 0.5, "weightDecay": 0.01, "batchSize": 2,
              "regime": "high-dimensional", "spherical": false,
              "schedule": { "type": "power-law", "t0": 10, "beta": 0.5 },
              "initial": { "M": [[0.01, 0.02], [0.0, -0.01], [0.03, 0.0]],
                           "Q": [[0.5, 0.0, 0.01], [0.0, 0.5, 0.0], [0.01, 0.0, 0.5]] },
              "time": { "end": 1000, "points": 50, "spacing": "log", "start": 0.1 },
              "integrator": { "absoluteTolerance": 1e-9, "relativeTolerance": 1e-8, "divergenceBound": 100 } }
            """;

    private static Experiment parse(String json) {
        return ExperimentParser.parse(json, "test.json");
    }

    @Test
    void fullFileKeepsEveryValue() {
        Experiment e = parse(FULL);
        assertEquals("test", e.description());
        assertEquals(2, e.k());
        assertEquals(3, e.p());
        assertArrayEquals(new double[] {1, 0.5, 1}, e.student().secondLayer());
        assertEquals(0.001, e.noise());
        assertEquals(0.5, e.learningRate());
        assertEquals(0.5 / 3, e.g(), 1e-15);
        assertEquals(0.01, e.weightDecay());
        assertEquals(2, e.batchSize());
        assertEquals(Regime.HIGH_DIMENSIONAL, e.regime());
        assertEquals(new ScheduleSpec.PowerLaw(10, 0.5), e.schedule());
        assertEquals(Math.pow(1 + 30 / 10.0, -0.5), e.schedule().schedule().factor(30), 1e-15);
        Overlaps o = e.explicitInitialOverlaps().orElseThrow();
        assertEquals(-0.01, o.studentTeacherOverlap(1, 1));
        assertEquals(0.01, o.studentOverlap(2, 0));
        assertEquals(new TimeGrid(1000, 50, TimeGrid.Spacing.LOG, 0.1), e.time());
        assertEquals(new IntegratorSpec(org.sgdlimits.ode.IntegratorSettings.Method.DORMAND_PRINCE_853, 1e-9, 1e-8, 10_000_000, 100), e.integrator());
    }

    @Test
    void emptyObjectTakesTheDocumentedDefaults() {
        Experiment e = parse("{}");
        assertEquals(Experiment.builder().build(), e);
        assertEquals("erf", e.teacher().activation().id());
        assertEquals(1, e.p());
        assertEquals(1, e.k());
        assertArrayEquals(new double[] {1}, e.teacher().P());
        assertEquals(0.0, e.noise());
        assertEquals(Experiment.DEFAULT_LEARNING_RATE, e.learningRate());
        assertEquals(1, e.batchSize());
        assertEquals(Regime.HIGH_DIMENSIONAL, e.regime());
        assertFalse(e.spherical());
        assertEquals(new ScheduleSpec.Constant(), e.schedule());
        assertEquals(new InitialCondition.Random(1000, 1), e.initial());
        assertEquals(TimeGrid.log(100, 100), e.time());
        assertEquals(IntegratorSpec.DEFAULTS, e.integrator());
    }

    @Test
    void sizesAreInferredFromSecondLayersAndPDefaultsToIdentity() {
        Experiment e = parse("{\"teacher\": {\"secondLayer\": [1, 2, 3]}, \"student\": {\"secondLayer\": [1, 1]}}");
        assertEquals(3, e.k());
        assertEquals(2, e.p());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, e.teacher().P());
    }

    @Test
    void nearlySymmetricPIsSymmetrisedOnceAndMatchesTheInitialOverlaps() {
        Experiment e = parse(FULL.replace("\"P\": [[1, 0], [0, 1]]", "\"P\": [[1, 0.3], [0.30000000000000004, 1]]"));
        double[] p = e.teacher().P();
        assertEquals(p[1], p[2]);
        assertArrayEquals(p, e.explicitInitialOverlaps().orElseThrow().teacherOverlapMatrix());
    }

    @Test
    void trainedSecondLayerDefaultsToTheFirstLayerRate() {
        Experiment e = parse("{\"student\": {\"trainSecondLayer\": true}, \"learningRate\": 0.3}");
        assertEquals(0.3, e.secondLayerLearningRate());
        assertEquals(0.0, parse("{}").secondLayerLearningRate());
    }

    @Test
    void writtenJsonReadsBackToAnEqualExperiment() {
        for (String json : new String[] {FULL, "{}",
                "{\"regime\": \"finite-dimensional\", \"dimension\": 500, \"time\": {\"spacing\": \"linear\"},"
                        + " \"schedule\": {\"type\": \"piecewise-constant\", \"times\": [5], \"factors\": [1, 0.1]}}"}) {
            Experiment e = parse(json);
            String written = ExperimentJson.toPrettyString(e);
            Experiment back = parse(written);
            assertEquals(e, back, written);
            assertEquals(written, ExperimentJson.toPrettyString(back));
        }
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        ExperimentException x = assertThrows(ExperimentException.class,
                () -> ExperimentParser.read(dir.resolve("nope.json")));
        assertTrue(x.getMessage().contains("not found") && x.getMessage().contains("nope.json"), x.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("e.json"), FULL);
        assertEquals(parse(FULL), ExperimentParser.read(f));
    }

    @Test
    void engineSectionsAreHandedBackAndStillStrictElsewhere(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("sim.json"),
                "{\"student\": {\"p\": 2}, \"simulation\": {\"seeds\": 8, \"dimensions\": [100, 1000]}}");
        ExperimentParser.ExperimentFile file = ExperimentParser.read(f, java.util.Set.of("simulation", "particles"));
        assertEquals(2, file.experiment().p());
        assertEquals(java.util.Set.of("simulation"), file.sections().keySet());
        JsonFields sim = new JsonFields(file.sections().get("simulation"), "simulation");
        assertEquals(8, sim.integer("seeds", 1));
        ExperimentException x = assertThrows(ExperimentException.class, sim::finish);
        assertEquals("simulation.dimensions", x.field());
        ExperimentException strict = assertThrows(ExperimentException.class, () -> ExperimentParser.read(f));
        assertEquals("simulation", strict.field(), "without the section declared it is an unknown field");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("\"learningRate\": 0.5", "\"learningRate\": -0.5", "learningRate", "> 0"),
                Arguments.of("\"learningRate\": 0.5", "\"learningRate\": \"0.5\"", "learningRate", "string"),
                Arguments.of("\"noise\": 0.001", "\"noise\": -1", "noise", ">= 0"),
                Arguments.of("\"batchSize\": 2", "\"batchSize\": 1.5", "batchSize", "integer"),
                Arguments.of("\"batchSize\": 2", "\"batchSize\": 0", "batchSize", ">= 1"),
                Arguments.of("\"batchSize\": 2", "\"batchSize\": 2, \"batchsize\": 3", "batchsize", "unknown field"),
                Arguments.of("\"trainSecondLayer\": false", "\"trainSecondLayer\": false, \"width\": 3",
                        "student.width", "unknown field"),
                Arguments.of("\"student\": { \"activation\": \"erf\"", "\"student\": { \"activation\": \"mish\"",
                        "student.activation", "allowed"),
                Arguments.of("\"student\": { \"activation\": \"erf\"",
                        "\"student\": { \"activation\": {\"expression\": \"tanh(x)\", \"derivative\": \"1 - tanh(x)\"}",
                        "student.activation.derivative", "is not the derivative of tanh(x)"),
                Arguments.of("\"student\": { \"activation\": \"erf\"",
                        "\"student\": { \"activation\": {\"expression\": \"tanh(x\", \"derivative\": \"1\"}",
                        "student.activation.expression", "cannot parse"),
                Arguments.of("\"student\": { \"activation\": \"erf\"",
                        "\"student\": { \"activation\": {\"expression\": \"tanh(y)\", \"derivative\": \"1\"}",
                        "student.activation.expression", "cannot parse"),
                Arguments.of("\"student\": { \"activation\": \"erf\"",
                        "\"student\": { \"activation\": {\"hermite\": [0, 1, 0]}",
                        "student.activation.hermite", "last coefficient"),
                Arguments.of("\"secondLayer\": [1, 0.5, 1]", "\"secondLayer\": [1, 0.5]", "student.secondLayer",
                        "expected p = 3"),
                Arguments.of("\"P\": [[1, 0], [0, 1]]", "\"P\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]", "teacher.P",
                        "2x2"),
                Arguments.of("\"P\": [[1, 0], [0, 1]]", "\"P\": [[1, 2], [2, 1]]", "teacher.P", "positive semi-definite"),
                Arguments.of("[0.03, 0.0]]", "[0.03, 0.0, 0.0]]", "initial.M", "row 2"),
                Arguments.of("[0.03, 0.0]]", "[0.03, 0.0], [0, 0]]", "initial.M", "expected 3x2"),
                Arguments.of("[[0.5, 0.0, 0.01]", "[[0.5, 0.9, 0.01]", "initial.Q", "not symmetric"),
                Arguments.of("\"Q\": [[0.5,", "\"Q\": [[0.0001,", "initial.Q", "positive semi-definite"),
                Arguments.of("[0.0, -0.01]", "[0.0, NaN]", "initial.M[1][1]", "finite"),
                Arguments.of("[0.0, -0.01]", "[0.0, \"NaN\"]", "initial.M[1][1]", "string \"NaN\""),
                Arguments.of("[0.0, -0.01]", "[0.0, Infinity]", "initial.M[1][1]", "finite"),
                Arguments.of("\"high-dimensional\"", "\"finite-dimensional\"", "dimension", "missing"),
                Arguments.of("\"high-dimensional\"", "\"infinite\"", "regime", "allowed"),
                Arguments.of("\"type\": \"power-law\"", "\"type\": \"cosine\"", "schedule.type", "allowed"),
                Arguments.of("\"t0\": 10", "\"t0\": 0", "schedule.t0", "> 0"),
                Arguments.of("\"spherical\": false", "\"spherical\": true", "initial.Q", "Q_ii = 1"),
                Arguments.of("\"weightDecay\": 0.01", "\"weightDecay\": 0.01, \"secondLayerLearningRate\": 0.1",
                        "secondLayerLearningRate", "trainSecondLayer"),
                Arguments.of("\"spacing\": \"log\"", "\"spacing\": \"logarithmic\"", "time.spacing", "allowed"),
                Arguments.of("\"start\": 0.1", "\"start\": 5000", "time.start", "(0, end"),
                Arguments.of("\"points\": 50", "\"points\": 1", "time.points", ">= 2"),
                Arguments.of("\"divergenceBound\": 100", "\"divergenceBound\": 100, \"method\": \"euler\"",
                        "integrator.method", "dormand-prince-853"),
                Arguments.of("\"divergenceBound\": 100", "\"divergenceBound\": -1", "integrator.divergenceBound", "> 0"),
                Arguments.of("\"noise\": 0.001,", "\"noise\": 0.001, \"noise\": 0.002,", "", "Duplicate field"),
                Arguments.of("\"noise\": 0.001,", "\"noise\": 0.001", "", "line 5"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("badInputs")
    void badInputIsOneLineNamingTheFieldAndWhatIsAllowed(String from, String to, String field, String hint) {
        assertTrue(FULL.contains(from), from);
        String json = FULL.replace(from, to);
        ExperimentException x = assertThrows(ExperimentException.class, () -> parse(json));
        String message = x.getMessage();
        assertEquals(field, x.field(), message);
        assertTrue(message.contains(hint), message);
        assertFalse(message.contains("\n"), message);
        if (!field.isEmpty()) {
            assertTrue(message.startsWith(field + ": "), message);
        }
    }

    @Test
    void randomInitialConditionIsKeptAsARecipe() {
        Experiment e = parse("{\"student\": {\"p\": 4}, \"teacher\": {\"k\": 2},"
                + " \"initial\": {\"random\": {\"dimension\": 5000, \"seed\": 7}}}");
        assertEquals(new InitialCondition.Random(5000, 7), e.initial());
        assertTrue(e.explicitInitialOverlaps().isEmpty());
        Overlaps o = e.initialOverlaps();
        assertEquals(o, e.initialOverlaps(), "the same seed gives the same overlaps");
        double maxM = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, o.studentOverlap(i, i), 1e-12);
            for (int r = 0; r < 2; r++) {
                maxM = Math.max(maxM, Math.abs(o.studentTeacherOverlap(i, r)));
            }
        }
        // M_ir ~ N(0, 1/d): all 8 below 5/sqrt(d) unless something is badly wrong
        assertTrue(maxM < 5 / Math.sqrt(5000), "max |M| = " + maxM);
        assertTrue(maxM > 0);
        ExperimentException x = assertThrows(ExperimentException.class,
                () -> parse("{\"student\": {\"p\": 4}, \"initial\": {\"random\": {\"dimension\": 3}}}"));
        assertEquals("initial.random.dimension", x.field());
    }

    @Test
    void aRandomStartSamplesInTheRunsOwnDimensionUnlessTold() {
        assertEquals(new InitialCondition.Random(300, 1),
                parse("{\"regime\": \"finite-dimensional\", \"dimension\": 300}").initial());
        assertEquals(new InitialCondition.Random(300, 5),
                parse("{\"regime\": \"finite-dimensional\", \"dimension\": 300, \"initial\": {\"random\": {\"seed\": 5}}}")
                        .initial());
        assertEquals(new InitialCondition.Random(50, 1), parse("{\"regime\": \"finite-dimensional\", "
                + "\"dimension\": 300, \"initial\": {\"random\": {\"dimension\": 50}}}").initial());
    }

    @Test
    void builderValidatesLikeTheParser() {
        ExperimentException x = assertThrows(ExperimentException.class,
                () -> Experiment.builder().learningRate(Double.NaN).build());
        assertEquals("learningRate", x.field());
        Experiment e = Experiment.builder().initialOverlaps(new double[] {0.1}, new double[] {0.5}).build();
        assertEquals(0.1, e.explicitInitialOverlaps().orElseThrow().studentTeacherOverlap(0, 0));
    }
}
