package org.sgdlimits.experiment.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.experiment.ExperimentException;

/**
 * Strict, path-aware reading of one JSON object of an experiment file: every accessor checks the JSON type,
 * finiteness and integrality, and errors name the dotted field path; {@link #finish()} rejects fields that
 * were never asked for (unknown fields are an error, docs/theory.md §7).
 *
 * <p>Public so that engines with their own experiment-file section (see
 * {@link ExperimentParser#read(java.nio.file.Path, java.util.Set)}) read it with the same strictness and the
 * same messages. Not thread-safe; one instance per JSON object.
 */
public final class JsonFields {
    private final JsonNode node;
    private final FieldPath path;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * @param node the JSON object
     * @param path its path in the file, e.g. {@code simulation} ({@link FieldPath#ROOT} for the top level)
     * @throws ExperimentException when the node is not an object
     */
    public JsonFields(JsonNode node, FieldPath path) {
        if (node == null || !node.isObject()) {
            throw new ExperimentException(path, "expected an object {...}, got " + describe(node));
        }
        this.node = node;
        this.path = path;
    }

    /**
     * @param node the JSON object
     * @param path its dotted path in the file as written in the source, e.g. {@code "simulation"} ("" for the
     *             top level)
     * @throws ExperimentException when the node is not an object
     */
    public JsonFields(JsonNode node, String path) {
        this(node, FieldPath.parse(path));
    }

    /** The path of this object in the file. */
    public FieldPath path() {
        return path;
    }

    /** The path of a field of this object. */
    public FieldPath field(String name) {
        return path.child(name);
    }

    /** The written path of a field of this object, e.g. {@code simulation.dimension}: {@link #field} as text. */
    public String path(String name) {
        return field(name).toString();
    }

    /** Whether the field is present (and not JSON null); marks it as known. */
    public boolean has(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** Whether the field is present and a JSON object {...}; marks it as known. */
    public boolean isObject(String name) {
        return has(name) && node.get(name).isObject();
    }

    /** A string field, or the default when absent. */
    public String string(String name, String defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw new ExperimentException(field(name), "expected a string, got " + describe(v));
        }
        return v.textValue();
    }

    /** A boolean field, or the default when absent. */
    public boolean bool(String name, boolean defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw new ExperimentException(field(name), "expected true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    /** A finite number field, or the default when absent. */
    public double number(String name, double defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        return number(node.get(name), field(name));
    }

    /** An integer field (2 and 2.0 are accepted, 2.5 is not), or the default when absent. */
    public int integer(String name, int defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        long v = integral(node.get(name), field(name));
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new ExperimentException(field(name), v + "; must be an integer below 2^31");
        }
        return (int) v;
    }

    /** A long integer field, or the default when absent. */
    public long longInteger(String name, long defaultValue) {
        return has(name) ? integral(node.get(name), field(name)) : defaultValue;
    }

    /** A JSON array of numbers, or null when absent. */
    public double[] vector(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        FieldPath p = field(name);
        if (!v.isArray()) {
            throw new ExperimentException(p, "expected an array of numbers [...], got " + describe(v));
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(v.get(i), p.index(i));
        }
        return out;
    }

    /** A JSON array of equally long arrays of numbers (rows), or null when absent. */
    public double[][] matrix(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        FieldPath p = field(name);
        if (!v.isArray()) {
            throw new ExperimentException(p, "expected a matrix [[...], ...] (array of rows), got " + describe(v));
        }
        double[][] rows = new double[v.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = v.get(i);
            if (!row.isArray()) {
                throw new ExperimentException(p.index(i), "expected a row [...] of numbers, got "
                        + describe(row));
            }
            rows[i] = new double[row.size()];
            if (i > 0 && rows[i].length != rows[0].length) {
                throw new ExperimentException(p, "row " + i + " has " + rows[i].length + " entries but row 0 has "
                        + rows[0].length + "; all rows must have the same length");
            }
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = number(row.get(j), p.index(i).index(j));
            }
        }
        return rows;
    }

    /** A nested object, or null when absent. */
    public JsonFields object(String name) {
        return has(name) ? new JsonFields(node.get(name), field(name)) : null;
    }

    /** @throws ExperimentException for the first field that no accessor asked for, listing the allowed ones */
    public void finish() {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw ExperimentException.unknownField(field(unknown.get(0)), "unknown field; allowed "
                    + (path.isRoot() ? "top-level fields" : "fields of " + path) + ": " + String.join(", ", known));
        }
    }

    private static double number(JsonNode v, FieldPath p) {
        if (v == null || !v.isNumber()) {
            if (v != null && v.isTextual()) {
                throw new ExperimentException(p, "expected a number, got the string \"" + v.textValue()
                        + "\"; write numbers without quotes (NaN and infinities are not allowed)");
            }
            throw new ExperimentException(p, "expected a number, got " + describe(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ExperimentException(p, d + "; must be a finite number");
        }
        return d;
    }

    private static long integral(JsonNode v, FieldPath p) {
        double d = number(v, p);
        if (v.canConvertToExactIntegral() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (d == Math.rint(d) && Math.abs(d) < 9e15) {
            return (long) d;
        }
        throw new ExperimentException(p, v.asText() + "; must be an integer");
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "nothing";
        }
        String text = v.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String type = v.isObject() ? "an object" : v.isArray() ? "an array" : v.isTextual() ? "a string"
                : v.isBoolean() ? "a boolean" : v.isNumber() ? "the number" : "the value";
        return type + " " + text;
    }
}
