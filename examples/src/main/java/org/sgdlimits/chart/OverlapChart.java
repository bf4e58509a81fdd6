package org.sgdlimits.chart;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Chosen overlap components (M_ir, Q_ij, a_i columns of a trajectory) against ODE time t: log time axis,
 * linear value axis (overlaps can be negative). Shows specialisation: the M_ir separating from each other
 * after a plateau.
 */
public final class OverlapChart {
    private OverlapChart() {
    }

    /** The chart of the named columns. @throws IllegalArgumentException for an unknown column */
    public static ChartFigure of(Trajectory trajectory, List<String> columns, String title) {
        XYChartBuilder b = new XYChartBuilder(title, "time t", "overlap").logY(false);
        double[] t = trajectory.times();
        for (String c : columns) {
            b.add(ChartSeries.line(c, t, trajectory.column(c)));
        }
        return b.build();
    }

    /**
     * The student biases b_i(t) of a model with biases (docs/theory.md §3.11): every {@code b_i} column, log time
     * axis, linear value axis.
     *
     * @throws IllegalArgumentException if the trajectory has no b_i columns
     */
    public static ChartFigure biases(Trajectory trajectory, String title) {
        List<String> columns = biasColumns(trajectory);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("trajectory: no b_i columns (a model without biases)");
        }
        XYChartBuilder b = new XYChartBuilder(title, "time t", "bias b_i").logY(false);
        double[] t = trajectory.times();
        for (String c : columns) {
            b.add(ChartSeries.line(c, t, trajectory.column(c)));
        }
        return b.build();
    }

    /** The b_i columns of a trajectory, in order (empty without biases). */
    public static List<String> biasColumns(Trajectory trajectory) {
        List<String> out = new ArrayList<>();
        for (String c : trajectory.columns()) {
            if (c.matches("b_\\d+")) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A readable default selection: every M_i_r, then the diagonal Q_i_i, then the second-layer weights a_i
     * that change (trained second layer), at most {@code max} columns in all.
     */
    public static List<String> defaultColumns(Trajectory trajectory, int max) {
        List<String> out = new ArrayList<>();
        for (String c : trajectory.columns()) {
            if (c.startsWith("M_") && !c.endsWith("_sem") && out.size() < max) {
                out.add(c);
            }
        }
        for (String c : trajectory.columns()) {
            String[] parts = c.split("_");
            if (parts.length == 3 && parts[0].equals("Q") && parts[1].equals(parts[2]) && out.size() < max) {
                out.add(c);
            }
        }
        for (String c : trajectory.columns()) {
            if (c.matches("a_\\d+") && out.size() < max) {
                double[] v = trajectory.column(c);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                if (hi > lo) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
