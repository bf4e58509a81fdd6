package org.sgdlimits.experiment.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.ExpressionActivation;
import org.sgdlimits.activation.PolynomialActivation;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.experiment.IntegratorSpec;
import org.sgdlimits.experiment.ScheduleSpec;

/**
 * Writes an {@link Experiment} back as experiment-file JSON with every default filled in (for run.json and for
 * {@code sgdlimits check}). {@link ExperimentParser} reads the result back to an equal experiment; doubles are
 * written in Java's shortest round-trip form.
 */
public final class ExperimentJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ExperimentJson() {
    }

    /**
     * A named activation as its id; a general polynomial as {"polynomial": [c0, c1, ...]}; an expression activation
     * as {"expression": ..., "derivative": ...}.
     */
    private static void putActivation(ObjectNode parent, Activation a) {
        if (a instanceof PolynomialActivation p && !p.isNamed()) {
            parent.putObject("activation").set("polynomial", vector(p.polynomialCoefficients()));
        } else if (a instanceof ExpressionActivation x) {
            ObjectNode node = parent.putObject("activation");
            node.put("expression", x.expression());
            node.put("derivative", x.derivativeExpression());
        } else {
            parent.put("activation", a.id());
        }
    }

    /** The experiment as a JSON tree, in file order, with defaults filled in. */
    public static ObjectNode toJson(Experiment e) {
        ObjectNode root = NODES.objectNode();
        root.put("description", e.description());

        ObjectNode teacher = root.putObject("teacher");
        putActivation(teacher, e.teacher().activation());
        teacher.put("k", e.k());
        teacher.set("secondLayer", vector(e.teacher().secondLayer()));
        teacher.set("P", matrix(e.teacher().P(), e.k(), e.k()));
        if (e.biases() != null) {
            teacher.set("bias", vector(e.biases().teacher()));
        }

        ObjectNode student = root.putObject("student");
        putActivation(student, e.student().activation());
        student.put("p", e.p());
        student.set("secondLayer", vector(e.student().secondLayer()));
        student.put("trainSecondLayer", e.student().trainSecondLayer());
        if (e.biases() != null) {
            student.set("bias", vector(e.biases().student()));
            student.put("trainBias", e.biases().trained());
        }

        root.put("noise", e.noise());
        root.put("learningRate", e.learningRate());
        root.put("secondLayerLearningRate", e.secondLayerLearningRate());
        if (e.biases() != null && e.biases().trained()) {
            root.put("biasLearningRate", e.biases().learningRate());
        }
        root.put("weightDecay", e.weightDecay());
        root.put("batchSize", e.batchSize());
        root.put("regime", e.regime().id());
        e.dimension().ifPresent(d -> root.put("dimension", d));
        root.put("spherical", e.spherical());

        ObjectNode schedule = root.putObject("schedule");
        schedule.put("type", e.schedule().type());
        if (e.schedule() instanceof ScheduleSpec.PiecewiseConstant pc) {
            schedule.set("times", vector(pc.times()));
            schedule.set("factors", vector(pc.factors()));
        } else if (e.schedule() instanceof ScheduleSpec.PowerLaw pl) {
            schedule.put("t0", pl.t0());
            schedule.put("beta", pl.beta());
        }

        ObjectNode initial = root.putObject("initial");
        if (e.initial() instanceof InitialCondition.Explicit x) {
            Overlaps o = x.overlaps();
            initial.set("M", matrix(o.studentTeacherOverlapMatrix(), e.p(), e.k()));
            initial.set("Q", matrix(o.studentOverlapMatrix(), e.p(), e.p()));
        } else if (e.initial() instanceof InitialCondition.Random r) {
            ObjectNode random = initial.putObject("random");
            random.put("dimension", r.dimension());
            random.put("seed", r.seed());
            random.put("studentSquaredNorm", r.studentSquaredNorm());
        }

        ObjectNode time = root.putObject("time");
        TimeGrid grid = e.time();
        time.put("end", grid.end());
        time.put("points", grid.points());
        time.put("spacing", grid.spacing().toString());
        if (grid.spacing() == TimeGrid.Spacing.LOG) {
            time.put("start", grid.start());
        }

        ObjectNode integrator = root.putObject("integrator");
        integrator.put("method", IntegratorSpec.methodId(e.integrator().method()));
        integrator.put("absoluteTolerance", e.integrator().absoluteTolerance());
        integrator.put("relativeTolerance", e.integrator().relativeTolerance());
        integrator.put("maxEvaluations", e.integrator().maxEvaluations());
        integrator.put("divergenceBound", e.integrator().divergenceBound());
        return root;
    }

    /** Indented JSON text of {@link #toJson}. */
    public static String toPrettyString(Experiment e) {
        try {
            return PRETTY.writeValueAsString(toJson(e));
        } catch (JsonProcessingException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static ArrayNode vector(double[] v) {
        ArrayNode a = NODES.arrayNode(v.length);
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode matrix(double[] flat, int rows, int cols) {
        ArrayNode a = NODES.arrayNode(rows);
        for (int i = 0; i < rows; i++) {
            ArrayNode row = a.addArray();
            for (int j = 0; j < cols; j++) {
                row.add(flat[i * cols + j]);
            }
        }
        return a;
    }
}
