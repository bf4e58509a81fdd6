package org.sgdlimits.trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every engine returns (docs/architecture.md): a table of recorded ODE times × named observables, plus how
 * the run ended. Immutable.
 *
 * <p>Column names follow docs/theory.md §7: {@code risk}, {@code excess_risk}, {@code M_i_r}, {@code Q_i_j},
 * {@code a_i} (0-based), mean-field columns {@code mean_m2}, {@code mean_qperp}; simulations add
 * {@code c_sem} standard-error columns. The time column {@code t} is kept apart in {@link #times()}.
 */
public final class Trajectory implements EngineRun {
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final double[] times;
    private final double[][] rows;
    private final RunStatus status;

    /**
     * @param columns observable names (without {@code t}), unique
     * @param times   recorded times, non-decreasing
     * @param rows    rows[i][c]: value of column c at times[i] (copied)
     * @param status  how the run ended
     */
    public Trajectory(List<String> columns, double[] times, double[][] rows, RunStatus status) {
        Objects.requireNonNull(status, "status");
        if (times.length != rows.length) {
            throw new IllegalArgumentException("trajectory: " + times.length + " times but " + rows.length + " rows");
        }
        this.columns = List.copyOf(columns);
        this.index = new HashMap<>();
        for (int c = 0; c < this.columns.size(); c++) {
            if (index.put(this.columns.get(c), c) != null) {
                throw new IllegalArgumentException("trajectory: duplicate column '" + this.columns.get(c) + "'");
            }
        }
        this.times = times.clone();
        this.rows = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != this.columns.size()) {
                throw new IllegalArgumentException("trajectory: row " + i + " has " + rows[i].length
                        + " values for " + this.columns.size() + " columns");
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("trajectory: times must be non-decreasing (t[" + i + "] = "
                        + times[i] + " < " + times[i - 1] + ")");
            }
            this.rows[i] = rows[i].clone();
        }
        this.status = status;
    }

    /** Observable names, in column order, without {@code t}. */
    public List<String> columns() { return columns; }

    /** Number of recorded times. */
    public int size() { return times.length; }

    /** Copy of the recorded times. */
    public double[] times() { return times.clone(); }

    /** The i-th recorded time. */
    public double time(int i) { return times[i]; }

    /** Whether this trajectory has the named column. */
    public boolean hasColumn(String name) { return index.containsKey(name); }

    /** Copy of a column. @throws IllegalArgumentException for an unknown name */
    public double[] column(String name) {
        int c = columnIndex(name);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    /** Value of a column at the i-th recorded time. */
    public double value(int i, String name) { return rows[i][columnIndex(name)]; }

    /** Copy of the i-th row (column order). */
    public double[] row(int i) { return rows[i].clone(); }

    /** How the run ended. */
    @Override
    public RunStatus status() { return status; }

    /** This trajectory itself: a plain trajectory is the result of engines with no extras. */
    @Override
    public Trajectory trajectory() { return this; }

    /** The same table with another status. */
    public Trajectory withStatus(RunStatus newStatus) {
        return new Trajectory(columns, times, rows, newStatus);
    }

    /** A new trajectory with extra columns appended (same times). */
    public Trajectory withColumns(List<String> extraNames, double[][] extraRows) {
        List<String> names = new ArrayList<>(columns);
        names.addAll(extraNames);
        double[][] merged = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            merged[i] = Arrays.copyOf(rows[i], columns.size() + extraNames.size());
            System.arraycopy(extraRows[i], 0, merged[i], columns.size(), extraNames.size());
        }
        return new Trajectory(names, times, merged, status);
    }

    private int columnIndex(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("trajectory: no column '" + name + "'; have " + columns);
        }
        return c;
    }

    /** Mutable builder filled row by row by recorders; not thread-safe. */
    public static final class Builder {
        private final List<String> columns;
        private final List<Double> times = new ArrayList<>();
        private final List<double[]> rows = new ArrayList<>();

        public Builder(List<String> columns) {
            this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        }

        public List<String> columns() { return columns; }

        public Builder add(double t, double[] row) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("trajectory: row has " + row.length + " values for "
                        + columns.size() + " columns");
            }
            times.add(t);
            rows.add(row.clone());
            return this;
        }

        public int size() { return times.size(); }

        public Trajectory build(RunStatus status) {
            double[] t = new double[times.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
            }
            return new Trajectory(columns, t, rows.toArray(new double[0][]), status);
        }
    }
}
