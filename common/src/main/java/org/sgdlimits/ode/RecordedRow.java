package org.sgdlimits.ode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of one {@link Observables} row during a run, handed to {@link RowObservable}s. Valid only
 * inside the call it is passed to (the values are overwritten at the next evaluation).
 */
public final class RecordedRow {
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    final double[] values;

    RecordedRow(List<String> columns) {
        this.columns = List.copyOf(columns);
        for (int c = 0; c < this.columns.size(); c++) {
            index.put(this.columns.get(c), c);
        }
        this.values = new double[this.columns.size()];
    }

    /** Column names, in row order. */
    public List<String> columns() {
        return columns;
    }

    /** Index of a column, or −1. */
    public int indexOf(String column) {
        Integer c = index.get(column);
        return c == null ? -1 : c;
    }

    /** The value of column {@code c}. */
    public double get(int c) {
        return values[c];
    }

    /** The value of the named column. @throws IllegalArgumentException for an unknown name */
    public double get(String column) {
        int c = indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("event observable: unknown column '" + column + "'; known: " + columns);
        }
        return values[c];
    }
}
