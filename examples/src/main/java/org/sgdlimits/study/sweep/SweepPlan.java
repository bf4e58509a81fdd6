package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.validation.FieldPath;

/**
 * A sweep expanded into its cells, every cell validated by its command before anything runs (so a sweep with
 * one invalid cell is rejected as a whole, naming the cell and the field). Cell order: in cross mode the first
 * axis varies slowest; in zip mode cell i takes the i-th value of every axis. Immutable.
 */
public final class SweepPlan {
    private final SweepDefinition definition;
    private final List<SweepCell> cells;
    private final Map<String, SweepCell> byKey;

    private SweepPlan(SweepDefinition definition, List<SweepCell> cells) {
        this.definition = definition;
        this.cells = List.copyOf(cells);
        Map<String, SweepCell> m = new LinkedHashMap<>();
        cells.forEach(c -> m.put(c.key(), c));
        this.byKey = m;
    }

    /**
     * Expands and validates every cell.
     *
     * @throws ExperimentException for an axis field that the experiment does not have
     *                             ({@code axes[i].field: ...}), or for a cell whose experiment is invalid
     *                             ({@code cell 3 (learningRate = -1, ...): learningRate: ...})
     */
    public static SweepPlan of(SweepDefinition d, CellCommandTable commands) {
        CellCommand command = commands.get(d.command());
        List<SweepAxis> axes = d.axes();
        int n = d.cellCount();
        List<SweepCell> cells = new ArrayList<>(n);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] index = axisIndex(d, i);
            ObjectNode experiment = d.base().deepCopy();
            for (int a = 0; a < axes.size(); a++) {
                set(experiment, axes.get(a).field(), axes.get(a).values().get(index[a]), a);
            }
            SweepCell placeholder = new SweepCell(i, index, "", 0, null);
            CellTask task;
            try {
                task = command.prepare(experiment, d.options());
            } catch (IllegalArgumentException e) {
                throw relabel(e, axes, placeholder);
            }
            String key = CellKey.of(d.command(), task.resolved());
            Integer other = seen.put(key, i);
            if (other != null) {
                throw new ExperimentException("axes", "cells " + other + " and " + i + " resolve to the same "
                        + "experiment (" + placeholder.describe(axes) + "); an axis value does not change the "
                        + "experiment");
            }
            cells.add(new SweepCell(i, index, key, CellKey.seed(d.rootSeed(), key), task));
        }
        return new SweepPlan(d, cells);
    }

    private static int[] axisIndex(SweepDefinition d, int cell) {
        List<SweepAxis> axes = d.axes();
        int[] index = new int[axes.size()];
        if (d.zip()) {
            java.util.Arrays.fill(index, cell);
            return index;
        }
        int rest = cell;
        for (int a = axes.size() - 1; a >= 0; a--) {
            int size = axes.get(a).values().size();
            index[a] = rest % size;
            rest /= size;
        }
        return index;
    }

    /** Sets a dotted field in the experiment JSON, creating intermediate objects. */
    private static void set(ObjectNode root, String field, JsonNode value, int axis) {
        String[] parts = field.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i + 1 < parts.length; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(parts[i]);
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, i + 1));
                throw new ExperimentException("axes[" + axis + "].field", "'" + field + "': " + prefix
                        + " is not an object in the base experiment");
            }
        }
        node.set(parts[parts.length - 1], value);
    }

    /** An unknown field on an axis path is the axis's error; any other is the cell's. */
    private static ExperimentException relabel(IllegalArgumentException e, List<SweepAxis> axes, SweepCell cell) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ExperimentException x && x.isUnknownField()) {
            for (int a = 0; a < axes.size(); a++) {
                String field = axes.get(a).field();
                if (FieldPath.parse(field).startsWith(x.fieldPath())) {
                    return new ExperimentException("axes[" + a + "].field", "'" + field + "' is not a field of the "
                            + "experiment (" + message + ")");
                }
            }
        }
        return new ExperimentException("", cell.describe(axes) + ": " + message);
    }

    public SweepDefinition definition() {
        return definition;
    }

    /** The cells in order. */
    public List<SweepCell> cells() {
        return cells;
    }

    /** The cell with this key, or null. */
    public SweepCell cell(String key) {
        return byKey.get(key);
    }
}
