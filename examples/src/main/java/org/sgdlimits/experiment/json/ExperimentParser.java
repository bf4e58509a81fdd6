package org.sgdlimits.experiment.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.ExpressionActivation;
import org.sgdlimits.activation.PolynomialActivation;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.experiment.IntegratorSpec;
import org.sgdlimits.experiment.ScheduleSpec;
import org.sgdlimits.experiment.StudentSpec;
import org.sgdlimits.experiment.TeacherSpec;

/**
 * Reads experiment files (docs/theory.md §7) into validated {@link Experiment} values.
 *
 * <p>Strict: unknown fields, duplicate keys, wrong JSON types, non-integers where an integer is needed,
 * numbers written as strings and non-finite numbers are all errors ({@link ExperimentException}), and every
 * message names the field path, the bad value and what is allowed. {@code //} and {@code /* *}{@code /}
 * comments are allowed. {@code NaN} and {@code Infinity} literals are read (so that the error can name the
 * field) and then rejected. A field set to {@code null} takes its default. Defaults: see the README table and
 * {@link Experiment.Builder}.
 */
public final class ExperimentParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ExperimentParser() {
    }

    /**
     * Reads and validates an experiment file.
     *
     * @throws ExperimentException when the file is missing, unreadable, not JSON or invalid
     */
    public static Experiment read(Path file) {
        return parse(readText(file), file.toString());
    }

    /**
     * Reads a file as a JSON tree with the parser's strict reading rules (comments allowed, duplicate keys and
     * trailing tokens rejected) and its one-line errors (missing file, invalid JSON with line and column, empty
     * file), for commands that read engine sections of their own before calling {@link #fromJson}.
     *
     * @throws ExperimentException when the file cannot be read or is not JSON
     */
    public static JsonNode readTree(Path file) {
        return tree(readText(file), file.toString());
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExperimentException("", "experiment file not found: " + file
                    + " (give the path of a JSON file, e.g. examples/saad-solla-plateau.json)");
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read experiment file " + file + ": "
                    + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
        }
    }

    /**
     * Parses and validates experiment JSON text.
     *
     * @param source name of the text for error messages (a file name)
     */
    public static Experiment parse(String json, String source) {
        return fromJson(tree(json, source));
    }

    /**
     * The JSON parser's reason without its internals: source descriptions and feature names
     * ("[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 14]" becomes "line 1, column 14"),
     * character codes, and the non-numeric tokens it would accept ('NaN', '+INF') that the experiment then refuses
     * (every number must be finite).
     */
    static String readableReason(String reason) {
        String r = reason.replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        r = r.replaceAll("\\[Source: [^\\]]*\\]", "");
        r = r.replace("start marker at line", "opened at line");
        r = r.replaceAll(" \\(code \\d+\\)", "");
        r = r.replace("Number (or 'NaN'/'+INF'/'-INF')", "a finite number");
        r = r.replace("(JSON String, a finite number, Array, Object or token 'null', 'true' or 'false')",
                "a JSON value (a string, a finite number, an array, an object, true, false or null)");
        r = r.replaceAll("`?[A-Z][A-Za-z]*Feature\\.[A-Z_]+`?", "");
        return r.replaceAll("\\s+", " ").trim();
    }

    private static JsonNode tree(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = readableReason(e.getOriginalMessage().split("\n")[0]);
            throw new ExperimentException("", source + " is not valid JSON" + where + ": " + why);
        }
        if (root == null || root.isMissingNode()) {
            throw new ExperimentException("", source + " is empty; an experiment file is a JSON object {...}");
        }
        return root;
    }

    /**
     * Reads an experiment file that may also hold engine-specific top-level sections (e.g. a
     * {@code "simulation"} block for a simulator command): those sections are returned unparsed, for the
     * engine to read with {@link JsonFields}; any other unknown field is still an error.
     *
     * @param sections names of the allowed extra top-level sections
     */
    public static ExperimentFile read(Path file, Set<String> sections) {
        return fromJson(tree(readText(file), file.toString()), sections);
    }

    /**
     * Validates an already parsed experiment tree that may also hold the named engine-specific top-level
     * sections, returned unparsed as by {@link #read(Path, Set)} (the tree is not modified).
     */
    public static ExperimentFile fromJson(JsonNode root, Set<String> sections) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        ObjectNode core = root.isObject() ? ((ObjectNode) root).deepCopy() : null;
        if (core != null) {
            for (String s : sections) {
                JsonNode v = core.remove(s);
                if (v != null && !v.isNull()) {
                    found.put(s, v);
                }
            }
        }
        return new ExperimentFile(fromJson(core == null ? root : core), found);
    }

    /** An experiment and the engine-specific sections of its file (absent sections are not in the map). */
    public record ExperimentFile(Experiment experiment, Map<String, JsonNode> sections) {
        public ExperimentFile {
            sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        }
    }

    /** Validates an already parsed JSON tree. */
    public static Experiment fromJson(JsonNode root) {
        JsonFields top = new JsonFields(root, "");
        Experiment.Builder b = Experiment.builder();
        b.description(top.string("description", ""));

        double[][] biasArrays = new double[2][];
        boolean[] trainBias = new boolean[1];
        TeacherSpec teacher = teacher(top.object("teacher"), biasArrays);
        b.teacher(teacher);

        JsonFields studentFields = top.object("student");
        JsonFields initialFields = top.object("initial");
        double[][] initialA = new double[1][];
        InitialDraft draft = initialDraft(initialFields, initialA);
        StudentSpec student = student(studentFields, initialA[0], biasArrays, trainBias);
        b.student(student);

        b.noise(top.number("noise", 0));
        double learningRate = top.number("learningRate", Experiment.DEFAULT_LEARNING_RATE);
        b.learningRate(learningRate);
        b.secondLayerLearningRate(top.number("secondLayerLearningRate",
                student.trainSecondLayer() ? learningRate : 0));
        b.biases(biases(top, biasArrays, trainBias[0], learningRate, student.p(), teacher.k()));
        b.weightDecay(top.number("weightDecay", 0));
        b.batchSize(top.integer("batchSize", 1));
        Regime regime = regime(top.string("regime", Regime.HIGH_DIMENSIONAL.id()));
        b.regime(regime);
        OptionalInt dimension = top.has("dimension") ? OptionalInt.of(top.integer("dimension", 0)) : OptionalInt.empty();
        b.dimension(dimension);
        b.spherical(top.bool("spherical", false));
        b.schedule(schedule(top.object("schedule")));
        // a random start samples in the run's own dimension when the regime has one
        int samplingDimension = dimension.orElse(Experiment.DEFAULT_SAMPLING_DIMENSION);
        b.initial(draft == null ? new InitialCondition.Random(samplingDimension, 1)
                : draft.resolve(teacher, student, samplingDimension));
        b.time(time(top.object("time")));
        b.integrator(integrator(top.object("integrator")));
        top.finish();
        return relabelled(b::build);
    }

    /**
     * The biases (docs/theory.md §3.11) from student.bias, teacher.bias, student.trainBias and biasLearningRate:
     * null when none of them is given; a missing array is zero; biasLearningRate defaults to learningRate
     * when the biases are trained and is refused when they are not.
     */
    private static Biases biases(JsonFields top, double[][] arrays, boolean train, double learningRate, int p,
                                 int k) {
        boolean rateGiven = top.has("biasLearningRate");
        double rate = top.number("biasLearningRate", learningRate);
        if (rateGiven && !train) {
            throw new ExperimentException("biasLearningRate", rate + " but student.trainBias is false; set "
                    + "student.trainBias to true or remove it");
        }
        if (arrays[0] == null && arrays[1] == null && !train) {
            return null;
        }
        if (train) {
            relabelled(() -> Biases.requireRate(rate)); // γ_b's one check, before the lengths as always
        }
        double[] student = arrays[0] == null ? new double[p] : arrays[0];
        double[] teacher = arrays[1] == null ? new double[k] : arrays[1];
        if (student.length != p) {
            throw new ExperimentException("student.bias", "has " + student.length + " entries; expected p = " + p
                    + " (student.p)");
        }
        if (teacher.length != k) {
            throw new ExperimentException("teacher.bias", "has " + teacher.length + " entries; expected k = " + k
                    + " (teacher.k)");
        }
        return relabelled(() -> new Biases(teacher, student, train, train ? rate : 0));
    }

    private static Regime regime(String id) {
        for (Regime r : Regime.values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new ExperimentException(FieldPath.of("regime"), "unknown value '" + id
                + "'; allowed: classical, high-dimensional, finite-dimensional");
    }

    private static TeacherSpec teacher(JsonFields f, double[][] biasArrays) {
        if (f == null) {
            return new TeacherSpec(Activation.named("erf"), 1, new double[] {1}, new double[] {1});
        }
        biasArrays[1] = f.vector("bias");
        Activation activation = activation(f);
        double[] secondLayer = f.vector("secondLayer");
        double[][] pRows = f.matrix("P");
        int inferred = secondLayer != null ? secondLayer.length : pRows != null ? pRows.length : 1;
        int k = f.integer("k", inferred);
        f.finish();
        if (k < 1) {
            throw new ExperimentException("teacher.k", k + "; must be an integer >= 1");
        }
        if (secondLayer == null) {
            secondLayer = ones(k);
        }
        double[] pFlat = pRows == null ? identity(k) : flatten(pRows, "teacher.P", k, k, "k = teacher.k");
        return new TeacherSpec(activation, k, secondLayer, pFlat);
    }

    private static StudentSpec student(JsonFields f, double[] initialA, double[][] biasArrays, boolean[] trainBias) {
        double[] secondLayer = f == null ? null : f.vector("secondLayer");
        if (f != null) {
            biasArrays[0] = f.vector("bias");
            trainBias[0] = f.bool("trainBias", false);
        }
        if (secondLayer != null && initialA != null && !Arrays.equals(secondLayer, initialA)) {
            throw new ExperimentException("initial.a", Arrays.toString(initialA) + " differs from student.secondLayer "
                    + Arrays.toString(secondLayer) + "; give the second layer in one place");
        }
        if (secondLayer == null) {
            secondLayer = initialA;
        }
        if (f == null) {
            int p = secondLayer == null ? 1 : secondLayer.length;
            return new StudentSpec(Activation.named("erf"), p, secondLayer == null ? ones(p) : secondLayer, false);
        }
        Activation activation = activation(f);
        int p = f.integer("p", secondLayer == null ? 1 : secondLayer.length);
        boolean train = f.bool("trainSecondLayer", false);
        f.finish();
        if (p < 1) {
            throw new ExperimentException("student.p", p + "; must be an integer >= 1");
        }
        return new StudentSpec(activation, p, secondLayer == null ? ones(p) : secondLayer, train);
    }

    private static Activation activation(JsonFields f) {
        if (f.isObject("activation")) {
            JsonFields spec = f.object("activation");
            if (spec.has("expression") || spec.has("derivative")) {
                String expression = spec.string("expression", null);
                String derivative = spec.string("derivative", null);
                spec.finish();
                try {
                    return ExpressionActivation.of(expression, derivative);
                } catch (IllegalArgumentException e) {
                    // ExpressionActivation names its fields "expression" and "derivative": place them in the file
                    throw ExperimentException.from(e, Map.of(
                            FieldPath.of("expression"), spec.field("expression"),
                            FieldPath.of("derivative"), spec.field("derivative")));
                }
            }
            if (spec.has("hermite")) {
                FieldPath field = spec.field("hermite");
                double[] h = spec.vector("hermite");
                spec.finish();
                try {
                    return PolynomialActivation.ofHermite(h);
                } catch (IllegalArgumentException e) {
                    throw ExperimentException.from(e, Map.of(FieldPath.of("activation", "hermite"), field));
                }
            }
            FieldPath field = spec.field("polynomial");
            if (!spec.has("polynomial")) {
                throw new ExperimentException(field, "missing; an activation object is {\"polynomial\": [c0, c1, ...]}, "
                        + "{\"hermite\": [c0, c1, ...]} or {\"expression\": \"...\", \"derivative\": \"...\"}");
            }
            double[] c = spec.vector("polynomial");
            spec.finish();
            try {
                return PolynomialActivation.of(c);
            } catch (IllegalArgumentException e) {
                throw ExperimentException.from(e, Map.of(FieldPath.of("activation", "polynomial"), field));
            }
        }
        String name = f.string("activation", "erf");
        try {
            return Activation.named(name);
        } catch (IllegalArgumentException e) {
            throw ExperimentException.from(e, Map.of(FieldPath.of("activation"), f.field("activation")));
        }
    }

    /** The initial field before the student is known. */
    private interface InitialDraft {
        InitialCondition resolve(TeacherSpec teacher, StudentSpec student, int defaultSamplingDimension);
    }

    private static InitialDraft initialDraft(JsonFields f, double[][] aOut) {
        if (f == null) {
            return null;
        }
        JsonFields random = f.object("random");
        if (random != null) {
            if (f.has("M") || f.has("Q") || f.has("a")) {
                throw new ExperimentException("initial", "give either {\"random\": {...}} or explicit "
                        + "{\"M\": ..., \"Q\": ...}, not both");
            }
            f.finish();
            boolean dimensionGiven = random.has("dimension");
            int dimension = random.integer("dimension", Experiment.DEFAULT_SAMPLING_DIMENSION);
            long seed = random.longInteger("seed", 1);
            double norm = random.number("studentSquaredNorm", 1.0);
            random.finish();
            return (t, s, defaultDimension) -> new InitialCondition.Random(dimensionGiven ? dimension
                    : defaultDimension, seed, norm);
        }
        double[][] m = f.matrix("M");
        double[][] q = f.matrix("Q");
        aOut[0] = f.vector("a");
        f.finish();
        if (m == null || q == null) {
            throw new ExperimentException(m == null ? "initial.M" : "initial.Q", "missing; explicit initial "
                    + "overlaps need both M (p x k) and Q (p x p), or use {\"random\": {\"dimension\": 1000, "
                    + "\"seed\": 1}}");
        }
        return (teacher, student, unused) -> new InitialCondition.Explicit(InitialCondition.Explicit.overlaps(teacher, student,
                flatten(m, "initial.M", student.p(), teacher.k(), "p = student.p, k = teacher.k"),
                flatten(q, "initial.Q", student.p(), student.p(), "p = student.p")));
    }

    private static ScheduleSpec schedule(JsonFields f) {
        if (f == null) {
            return new ScheduleSpec.Constant();
        }
        String type = f.string("type", "constant");
        ScheduleSpec spec;
        switch (type) {
            case "constant" -> spec = new ScheduleSpec.Constant();
            case "piecewise-constant" -> {
                double[] times = f.vector("times");
                double[] factors = f.vector("factors");
                if (times == null || factors == null) {
                    throw new ExperimentException(f.path(times == null ? "times" : "factors"), "missing; a "
                            + "piecewise-constant schedule needs times [t1, ...] and factors [s0, s1, ...] "
                            + "(one more factor than times)");
                }
                spec = new ScheduleSpec.PiecewiseConstant(times, factors);
            }
            case "power-law" -> spec = new ScheduleSpec.PowerLaw(f.number("t0", 1.0), f.number("beta", 1.0));
            default -> throw new ExperimentException("schedule.type", "unknown value '" + type
                    + "'; allowed: constant, piecewise-constant, power-law");
        }
        f.finish();
        return spec;
    }

    private static TimeGrid time(JsonFields f) {
        if (f == null) {
            return Experiment.DEFAULT_TIME;
        }
        double end = f.number("end", Experiment.DEFAULT_TIME.end());
        int points = f.integer("points", Experiment.DEFAULT_TIME.points());
        TimeGrid.Spacing spacing = relabelled(() -> TimeGrid.Spacing.parse(f.string("spacing", "log")));
        boolean startGiven = f.has("start");
        double start = f.number("start", end * 1e-4);
        f.finish();
        if (startGiven && spacing == TimeGrid.Spacing.LINEAR) {
            throw new ExperimentException("time.start", start + " is only used by spacing log (linear grids "
                    + "start at t = 0); remove it or set time.spacing to \"log\"");
        }
        return relabelled(() -> new TimeGrid(end, points, spacing, spacing == TimeGrid.Spacing.LOG ? start : 0));
    }

    private static IntegratorSpec integrator(JsonFields f) {
        if (f == null) {
            return IntegratorSpec.DEFAULTS;
        }
        IntegratorSpec d = IntegratorSpec.DEFAULTS;
        IntegratorSpec s = new IntegratorSpec(
                IntegratorSpec.parseMethod(f.string("method", IntegratorSpec.methodId(d.method()))),
                f.number("absoluteTolerance", d.absoluteTolerance()),
                f.number("relativeTolerance", d.relativeTolerance()),
                f.integer("maxEvaluations", d.maxEvaluations()),
                f.number("divergenceBound", d.divergenceBound()));
        f.finish();
        return s;
    }

    private static double[] flatten(double[][] rows, String field, int nRows, int nCols, String sizes) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        if (rows.length != nRows || cols != nCols) {
            throw new ExperimentException(field, "is " + rows.length + "x" + cols + "; expected " + nRows + "x"
                    + nCols + " (" + sizes + ")");
        }
        double[] flat = new double[nRows * nCols];
        for (int i = 0; i < nRows; i++) {
            System.arraycopy(rows[i], 0, flat, i * nCols, nCols);
        }
        return flat;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        Arrays.fill(v, 1.0);
        return v;
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1.0;
        }
        return m;
    }

    private static <T> T relabelled(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (ExperimentException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ExperimentException.from(e);
        }
    }
}
