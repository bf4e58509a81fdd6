package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored result of one cell (its directory's cell.json): status, error, wall time, and every summary's
 * value per seed. Immutable.
 *
 * @param key         the cell key
 * @param status      completed, diverged (some seed diverged) or failed
 * @param message     the error of a failed cell, the divergence (time and cause) of a diverged one, else ""
 * @param wallSeconds wall time of the cell's computation, seconds
 * @param seeds       replicates run
 * @param rootSeed    the sweep's root seed
 * @param cellSeed    the cell's seed
 * @param summaries   the summary definitions the values belong to (their JSON)
 * @param values      summary name → value per seed (NaN: undefined for that seed); empty for a failed cell
 * @param resolved    the cell's resolved experiment and options
 */
public record CellResult(String key, Status status, String message, double wallSeconds, int seeds, long rootSeed,
                         long cellSeed, List<JsonNode> summaries, Map<String, double[]> values, JsonNode resolved) {

    /** How a cell ended. */
    public enum Status {
        COMPLETED, DIVERGED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CellResult {
        summaries = List.copyOf(summaries);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the stored result answers this sweep's cell (same seeds, root seed and summaries) and is not a failure. */
    public boolean finishedFor(SweepDefinition d) {
        if (status == Status.FAILED || seeds != d.seeds() || rootSeed != d.rootSeed()) {
            return false;
        }
        for (Summary s : d.summaries()) {
            if (!summaries.contains(s.toJson()) || !values.containsKey(s.name())) {
                return false;
            }
        }
        return true;
    }

    /** The average over seeds of one summary. */
    public SeedAverage average(String name) {
        double[] v = values.get(name);
        return v == null ? new SeedAverage(Double.NaN, Double.NaN, 0) : SeedAverage.of(v);
    }

    /** cell.json content. Non-finite numbers are written as null. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("key", key);
        o.put("status", status.id());
        o.put("message", message);
        o.put("wallSeconds", wallSeconds);
        o.put("seeds", seeds);
        o.put("rootSeed", rootSeed);
        o.put("cellSeed", cellSeed);
        ArrayNode s = o.putArray("summaries");
        summaries.forEach(s::add);
        ObjectNode v = o.putObject("values");
        values.forEach((name, array) -> {
            ArrayNode a = v.putArray(name);
            for (double x : array) {
                if (Double.isFinite(x)) {
                    a.add(x);
                } else if (Double.isNaN(x)) {
                    a.addNull();
                } else {
                    a.add(x > 0 ? "Infinity" : "-Infinity");
                }
            }
        });
        o.set("resolved", resolved);
        return o;
    }

    /**
     * Reads cell.json content.
     *
     * @throws IllegalArgumentException when it is not a cell result
     */
    public static CellResult fromJson(JsonNode o) {
        if (o == null || !o.isObject() || !o.path("key").isTextual() || !o.path("values").isObject()) {
            throw new IllegalArgumentException("not a cell result");
        }
        Status status = Status.valueOf(o.path("status").asText("failed").toUpperCase(java.util.Locale.ROOT));
        List<JsonNode> summaries = new ArrayList<>();
        o.path("summaries").forEach(summaries::add);
        Map<String, double[]> values = new LinkedHashMap<>();
        o.path("values").fields().forEachRemaining(e -> {
            double[] a = new double[e.getValue().size()];
            for (int i = 0; i < a.length; i++) {
                JsonNode x = e.getValue().get(i);
                a[i] = x.isNumber() ? x.doubleValue() : x.isTextual()
                        ? (x.textValue().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                        : Double.NaN;
            }
            values.put(e.getKey(), a);
        });
        return new CellResult(o.get("key").textValue(), status, o.path("message").asText(""),
                o.path("wallSeconds").asDouble(Double.NaN), o.path("seeds").asInt(0), o.path("rootSeed").asLong(),
                o.path("cellSeed").asLong(), summaries, values, o.path("resolved"));
    }
}
