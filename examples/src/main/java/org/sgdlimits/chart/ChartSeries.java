package org.sgdlimits.chart;

import java.awt.Color;
import java.util.Objects;

/**
 * One named series of a chart: a theory curve drawn as a line, or simulation results drawn as points with
 * optional symmetric y-error bars (e.g. the standard error over seeds, the {@code c_sem} columns of docs/theory.md §7).
 *
 * @param name    legend text
 * @param x       abscissae (e.g. ODE times)
 * @param y       ordinates, same length as x
 * @param yErrors half-widths of the error bars (same length, ≥ 0), or null for none
 * @param style   line or points
 * @param color   colour, or null for the chart's palette colour of the series position
 * @param open    drawn open: hollow markers for points, a dashed line for a line (to tell apart series that
 *                coincide with a filled/solid one of the same colour)
 */
public record ChartSeries(String name, double[] x, double[] y, double[] yErrors, Style style, Color color,
                          boolean open) {

    /** How a series is drawn. */
    public enum Style {
        /** A continuous line through the points (theory). */
        LINE,
        /** Markers with optional error bars, no connecting line (simulation). */
        POINTS
    }

    public ChartSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new IllegalArgumentException("chart series '" + name + "': " + x.length + " x values but "
                    + y.length + " y values");
        }
        if (yErrors != null && yErrors.length != y.length) {
            throw new IllegalArgumentException("chart series '" + name + "': " + yErrors.length
                    + " y errors for " + y.length + " points");
        }
        x = x.clone();
        y = y.clone();
        yErrors = yErrors == null ? null : yErrors.clone();
    }

    /** A theory line in the palette colour. */
    public static ChartSeries line(String name, double[] x, double[] y) {
        return new ChartSeries(name, x, y, null, Style.LINE, null, false);
    }

    /** Simulation points with error bars (yErrors may be null) in the palette colour. */
    public static ChartSeries points(String name, double[] x, double[] y, double[] yErrors) {
        return new ChartSeries(name, x, y, yErrors, Style.POINTS, null, false);
    }

    /**
     * A column of a trajectory against its times: a line for {@link Style#LINE}; points for
     * {@link Style#POINTS}, with error bars from the column {@code <column>_sem} when the trajectory has it
     * (simulations over several seeds, docs/theory.md §7).
     *
     * @throws IllegalArgumentException when the trajectory has no such column
     */
    public static ChartSeries ofColumn(org.sgdlimits.trajectory.Trajectory trajectory, String column, String name,
                                       Style style) {
        double[] errors = style == Style.POINTS && trajectory.hasColumn(column + "_sem")
                ? trajectory.column(column + "_sem") : null;
        return new ChartSeries(name, trajectory.times(), trajectory.column(column), errors, style, null, false);
    }

    /** The same series in the given colour (to pair a theory line with its simulation points). */
    public ChartSeries withColor(Color c) {
        return new ChartSeries(name, x, y, yErrors, style, c, open);
    }

    /** The same series drawn open (hollow markers, dashed line). */
    public ChartSeries drawnOpen() {
        return new ChartSeries(name, x, y, yErrors, style, color, true);
    }

    /**
     * The same series with every x multiplied by {@code factor} (&gt; 0): on a log axis a constant shift, so that
     * points of several series at the same x are drawn side by side instead of on top of one another.
     */
    public ChartSeries withXScaled(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("chart series '" + name + "': x scale " + factor + "; must be > 0");
        }
        double[] sx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sx[i] = x[i] * factor;
        }
        return new ChartSeries(name, sx, y, yErrors, style, color, open);
    }

    @Override public double[] x() { return x.clone(); }
    @Override public double[] y() { return y.clone(); }
    @Override public double[] yErrors() { return yErrors == null ? null : yErrors.clone(); }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    double xAt(int i) { return x[i]; }
    double yAt(int i) { return y[i]; }
    double errorAt(int i) { return yErrors == null ? 0 : yErrors[i]; }
}
