package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.json.JsonFields;

/**
 * A sweep file, read and checked (not yet expanded into cells: see {@link SweepPlan}).
 *
 * <pre>{@code
 * {
 *   "description": "...",                       // optional
 *   "command": "ode",                           // ode, simulate, meanfield, escape, dmft (the CellCommandTable's names)
 *   "base": "../saad-solla-plateau.json",       // a path (relative to the sweep file) or an inline object
 *   "options": {"engine": "gram"},              // command options (optional; see each command)
 *   "axes": [{"field": "learningRate", "values": [0.1, 0.5, 1, 2]},
 *            {"field": "student.p", "range": {"from": 1, "to": 16, "points": 5, "spacing": "log"}}],
 *   "mode": "cross",                            // cross (every combination, default) or zip (i-th with i-th)
 *   "seeds": 1,                                 // replicates per cell (default 1)
 *   "seed": 1,                                  // root seed (default 1)
 *   "summaries": ["finalRisk", "diverged", {"summary": "timeToThreshold", "threshold": 0.01}]
 * }
 * }</pre>
 *
 * @param description free text
 * @param command     the command that runs a cell
 * @param base        the base experiment JSON (not modified)
 * @param baseSource  where the base came from ("inline" or the path as written)
 * @param options     the command options (an empty object when absent)
 * @param axes        at least one axis
 * @param zip         true for zip mode, false for cross
 * @param seeds       replicates per cell, ≥ 1
 * @param rootSeed    the root seed
 * @param summaries   the summaries, at least one, names distinct
 */
public record SweepDefinition(String description, String command, ObjectNode base, String baseSource,
                              ObjectNode options, List<SweepAxis> axes, boolean zip, int seeds, long rootSeed,
                              List<Summary> summaries) {
    /** At most this many cells per sweep. */
    public static final int MAX_CELLS = 1_000_000;

    public SweepDefinition {
        axes = List.copyOf(axes);
        summaries = List.copyOf(summaries);
    }

    /**
     * Reads a sweep file (strict JSON as for experiment files, comments allowed).
     *
     * @throws ExperimentException naming the field for anything wrong with the file or its base
     */
    public static SweepDefinition read(Path file, CellCommandTable commands) {
        JsonNode root = ExperimentParser.readTree(file);
        Path dir = file.toAbsolutePath().getParent();
        return fromJson(root, dir, commands);
    }

    /**
     * Reads a sweep from its JSON tree.
     *
     * @param dir directory against which a "base" path is resolved
     */
    public static SweepDefinition fromJson(JsonNode root, Path dir, CellCommandTable commands) {
        if (!root.isObject()) {
            throw new ExperimentException("", "a sweep file is a JSON object {\"command\": ..., \"base\": ..., "
                    + "\"axes\": [...]}");
        }
        JsonFields top = new JsonFields(root, "");
        String description = top.string("description", "");
        String commandId = top.string("command", null);
        if (commandId == null) {
            throw new ExperimentException("command", "missing; the command that runs a cell, one of "
                    + String.join(", ", commands.names()));
        }
        CellCommand command = commands.get(commandId);
        if (!top.has("base")) {
            throw new ExperimentException("base", "missing; the base experiment: a path to an experiment file or "
                    + "an inline object (" + command.baseDescription() + ")");
        }
        JsonNode baseNode = root.get("base");
        ObjectNode base;
        String baseSource;
        if (baseNode.isTextual()) {
            baseSource = baseNode.textValue();
            Path path = dir.resolve(baseSource);
            JsonNode tree;
            try {
                tree = ExperimentParser.readTree(path);
            } catch (ExperimentException e) {
                throw new ExperimentException("base", e.getMessage());
            }
            if (!tree.isObject()) {
                throw new ExperimentException("base", path + " is not a JSON object");
            }
            base = (ObjectNode) tree;
        } else if (baseNode.isObject()) {
            baseSource = "inline";
            base = (ObjectNode) baseNode;
        } else {
            throw new ExperimentException("base", "expected a path (string) or an inline experiment object");
        }
        top.string("baseSource", "");
        JsonNode optionsNode = root.get("options");
        ObjectNode options;
        if (optionsNode == null || optionsNode.isNull()) {
            options = JsonNodeFactory.instance.objectNode();
        } else if (optionsNode.isObject()) {
            options = (ObjectNode) optionsNode;
        } else {
            throw new ExperimentException("options", "expected an object of command options");
        }
        top.has("options");
        JsonNode axesNode = root.get("axes");
        top.has("axes");
        if (axesNode == null || !axesNode.isArray() || axesNode.isEmpty()) {
            throw new ExperimentException("axes", axesNode == null ? "missing; give at least one axis"
                    : axesNode.isArray() ? "empty; give at least one axis" : "expected an array of axes");
        }
        List<SweepAxis> axes = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < axesNode.size(); i++) {
            SweepAxis a = SweepAxis.parse(axesNode.get(i), "axes[" + i + "]");
            if (!fields.add(a.field())) {
                throw new ExperimentException("axes[" + i + "].field", "'" + a.field() + "' is swept twice");
            }
            axes.add(a);
        }
        String mode = top.string("mode", "cross");
        if (!mode.equals("cross") && !mode.equals("zip")) {
            throw new ExperimentException("mode", "'" + mode + "'; allowed: cross (every combination), zip "
                    + "(the i-th values of all axes together)");
        }
        boolean zip = mode.equals("zip");
        long cells = 1;
        for (int i = 0; i < axes.size(); i++) {
            int n = axes.get(i).values().size();
            if (zip && n != axes.get(0).values().size()) {
                throw new ExperimentException("axes[" + i + "]", n + " values; in zip mode every axis needs as many "
                        + "as axes[0] (" + axes.get(0).values().size() + ")");
            }
            cells = zip ? n : cells * n;
            if (cells > MAX_CELLS) {
                throw new ExperimentException("axes", "more than " + MAX_CELLS + " cells; split the sweep");
            }
        }
        int seeds = top.integer("seeds", 1);
        if (seeds < 1 || seeds > 100_000) {
            throw new ExperimentException("seeds", seeds + "; must be an integer from 1 to 100000");
        }
        long rootSeed = top.longInteger("seed", 1);
        List<Summary> summaries = new ArrayList<>();
        JsonNode summariesNode = root.get("summaries");
        top.has("summaries");
        if (summariesNode == null || summariesNode.isNull()) {
            for (Summary.Kind k : command.summaries()) {
                if (k != Summary.Kind.TIME_TO_THRESHOLD) {
                    summaries.add(Summary.parse(JsonNodeFactory.instance.textNode(k.id()), "summaries"));
                }
            }
        } else if (!summariesNode.isArray() || summariesNode.isEmpty()) {
            throw new ExperimentException("summaries", "expected a non-empty array, e.g. [\"finalRisk\", \"diverged\"]");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < summariesNode.size(); i++) {
                String field = "summaries[" + i + "]";
                Summary s = Summary.parse(summariesNode.get(i), field);
                if (!command.summaries().contains(s.kind())) {
                    throw new ExperimentException(field, "'" + s.kind().id() + "' is not available for command "
                            + commandId + "; allowed: " + String.join(", ",
                            command.summaries().stream().map(Summary.Kind::id).toList()));
                }
                if (!names.add(s.name())) {
                    throw new ExperimentException(field, "name '" + s.name() + "' is used twice; give each a "
                            + "distinct \"name\"");
                }
                summaries.add(s);
            }
        }
        top.finish();
        return new SweepDefinition(description, commandId, base, baseSource, options, axes, zip, seeds, rootSeed,
                summaries);
    }

    /** Number of cells. */
    public int cellCount() {
        if (zip) {
            return axes.get(0).values().size();
        }
        int n = 1;
        for (SweepAxis a : axes) {
            n *= a.values().size();
        }
        return n;
    }

    /** The resolved sweep (base inlined, ranges expanded, every default filled in); reads back to an equal one. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("description", description);
        o.put("command", command);
        o.set("base", base);
        o.put("baseSource", baseSource);
        o.set("options", options);
        ArrayNode a = o.putArray("axes");
        axes.forEach(x -> a.add(x.toJson()));
        o.put("mode", zip ? "zip" : "cross");
        o.put("seeds", seeds);
        o.put("seed", rootSeed);
        ArrayNode s = o.putArray("summaries");
        summaries.forEach(x -> s.add(x.toJson()));
        return o;
    }
}
