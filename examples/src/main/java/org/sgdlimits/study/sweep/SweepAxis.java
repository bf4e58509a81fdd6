package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.JsonFields;

/**
 * One axis of a sweep: a field of the experiment (dotted path, e.g. "learningRate", "student.p",
 * "initial.random.dimension") and the values it takes, given explicitly ({@code "values": [...]}, any JSON
 * values) or as a range ({@code "range": {"from": 1, "to": 16, "points": 5, "spacing": "log"}}; when from
 * and to are both written as integers the points are rounded to integers, e.g. for widths; otherwise to 12
 * significant digits). {@code log} marks
 * an axis drawn on a log scale (a log range, or {@code "scale": "log"} for explicit values). Immutable.
 *
 * @param field  dotted path of the experiment field
 * @param values the values, in order (JSON nodes, not modified)
 * @param log    draw on a log scale
 */
public record SweepAxis(String field, List<JsonNode> values, boolean log) {
    private static final int MAX_POINTS = 100_000;

    public SweepAxis {
        values = List.copyOf(values);
    }

    /** The axis as written in the resolved sweep: explicit values and the scale. */
    JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("field", field);
        ArrayNode a = o.putArray("values");
        values.forEach(a::add);
        o.put("scale", log ? "log" : "linear");
        return o;
    }

    /** Numeric value i, or NaN when the value is not a number. */
    public double number(int i) {
        JsonNode v = values.get(i);
        return v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** Value i as text for tables and legends (numbers in shortest form, strings unquoted). */
    public String text(int i) {
        JsonNode v = values.get(i);
        return v.isTextual() ? v.textValue() : v.toString();
    }

    /** Reads axes[index] of a sweep file. */
    static SweepAxis parse(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ExperimentException(path, "expected an object {\"field\": ..., \"values\": [...]} or "
                    + "{\"field\": ..., \"range\": {...}}");
        }
        JsonFields f = new JsonFields(node, path);
        String field = f.string("field", null);
        if (field == null || !field.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*")) {
            throw new ExperimentException(path + ".field", field == null ? "missing; the dotted path of an "
                    + "experiment field, e.g. \"learningRate\" or \"student.p\""
                    : "'" + field + "' is not a dotted field path (e.g. \"student.p\")");
        }
        boolean hasValues = f.has("values");
        boolean hasRange = f.has("range");
        if (hasValues == hasRange) {
            throw new ExperimentException(path, "give exactly one of \"values\" and \"range\"");
        }
        List<JsonNode> values = new ArrayList<>();
        boolean log;
        if (hasValues) {
            JsonNode v = node.get("values");
            if (!v.isArray()) {
                throw new ExperimentException(path + ".values", "expected an array of values");
            }
            v.forEach(values::add);
            String scale = f.string("scale", "linear");
            if (!scale.equals("linear") && !scale.equals("log")) {
                throw new ExperimentException(path + ".scale", "'" + scale + "'; allowed: linear, log");
            }
            log = scale.equals("log");
            if (values.isEmpty()) {
                throw new ExperimentException(path + ".values", "empty; an axis needs at least one value");
            }
        } else {
            JsonFields r = f.object("range");
            JsonNode rn = node.get("range");
            double from = r.number("from", Double.NaN);
            double to = r.number("to", Double.NaN);
            if (!r.has("from") || !r.has("to")) {
                throw new ExperimentException(path + ".range", "needs \"from\" and \"to\"");
            }
            int points = r.integer("points", 0);
            if (points < 1 || points > MAX_POINTS) {
                throw new ExperimentException(path + ".range.points", (r.has("points") ? points + "; " : "missing; ")
                        + "must be an integer from 1 to " + MAX_POINTS + " (an empty axis has no cells)");
            }
            String spacing = r.string("spacing", "linear");
            if (!spacing.equals("linear") && !spacing.equals("log")) {
                throw new ExperimentException(path + ".range.spacing", "'" + spacing + "'; allowed: linear, log");
            }
            r.finish();
            log = spacing.equals("log");
            if (log && !(from > 0 && to > 0)) {
                throw new ExperimentException(path + ".range", "a log range needs from > 0 and to > 0 (got "
                        + from + ", " + to + ")");
            }
            if (points == 1 && from != to) {
                throw new ExperimentException(path + ".range.points", "1 point but from != to; give points >= 2");
            }
            boolean integers = rn.get("from").isIntegralNumber() && rn.get("to").isIntegralNumber();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < points; i++) {
                double u = points == 1 ? 0 : (double) i / (points - 1);
                double x = i == points - 1 ? to : log ? from * Math.pow(to / from, u) : from + u * (to - from);
                if (integers) {
                    long n = Math.round(x);
                    if (!seen.add(n)) {
                        throw new ExperimentException(path + ".range", "rounding to integers repeats " + n
                                + "; use fewer points or a wider range");
                    }
                    values.add(JsonNodeFactory.instance.numberNode(n));
                } else {
                    // 12 significant digits: a log range from 0.25 to 8 gives 2 and 4, not 1.9999999999999998
                    double rounded = new java.math.BigDecimal(x).round(new java.math.MathContext(12)).doubleValue();
                    values.add(JsonNodeFactory.instance.numberNode(rounded));
                }
            }
        }
        f.finish();
        return new SweepAxis(field, values, log);
    }
}
