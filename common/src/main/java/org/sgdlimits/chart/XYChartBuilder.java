package org.sgdlimits.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Builds an XY chart of several {@link ChartSeries} (theory lines and simulation points with error bars) on
 * linear or logarithmic axes. On a log axis no logarithm of a value ≤ 0 (or non-finite) is ever taken: such
 * points are dropped, error bars reaching ≤ 0 are clipped at y/100, and the figure says so (subtitle and
 * {@link ChartFigure#warnings()}). Points with non-finite values are dropped on any axis.
 *
 * <p>Not thread-safe; build one chart per builder.
 */
public final class XYChartBuilder {
    /** Colour-blind-safe palette (Okabe–Ito). */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(240, 228, 66)};

    /** The i-th palette colour (cyclic), to pair a theory line with its simulation points. */
    public static Color paletteColor(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX = true;
    private boolean logY = true;
    private final List<ChartSeries> series = new ArrayList<>();

    /** A log–log chart; switch axes to linear with {@link #logX}/{@link #logY}. */
    public XYChartBuilder(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title);
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
    }

    public XYChartBuilder logX(boolean v) { logX = v; return this; }
    public XYChartBuilder logY(boolean v) { logY = v; return this; }

    /** Adds a series (drawn in the order added; palette colour by position unless it has its own). */
    public XYChartBuilder add(ChartSeries s) {
        series.add(Objects.requireNonNull(s));
        return this;
    }

    /** Builds the chart. */
    public ChartFigure build() {
        List<String> warnings = new ArrayList<>();
        XYPlot plot = new XYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);

        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int s = 0; s < series.size(); s++) {
            ChartSeries cs = series.get(s);
            Paint paint = cs.color() != null ? cs.color() : PALETTE[s % PALETTE.length];
            int droppedX = 0;
            int droppedY = 0;
            int clipped = 0;
            if (cs.style() == ChartSeries.Style.LINE) {
                XYSeries xy = new XYSeries(cs.name(), false, true);
                for (int i = 0; i < cs.size(); i++) {
                    double x = cs.xAt(i);
                    double y = cs.yAt(i);
                    if (!Double.isFinite(x) || (logX && x <= 0)) {
                        droppedX++;
                    } else if (!Double.isFinite(y) || (logY && y <= 0)) {
                        droppedY++;
                    } else {
                        xy.add(x, y);
                        extend(xr, x, x);
                        extend(yr, y, y);
                    }
                }
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
                r.setSeriesPaint(0, paint);
                r.setSeriesStroke(0, new BasicStroke(2.0f));
                plot.setDataset(s, new XYSeriesCollection(xy));
                plot.setRenderer(s, r);
            } else {
                YIntervalSeries xy = new YIntervalSeries(cs.name(), false, true);
                for (int i = 0; i < cs.size(); i++) {
                    double x = cs.xAt(i);
                    double y = cs.yAt(i);
                    double e = cs.errorAt(i);
                    if (!Double.isFinite(x) || (logX && x <= 0)) {
                        droppedX++;
                    } else if (!Double.isFinite(y) || (logY && y <= 0)) {
                        droppedY++;
                    } else {
                        double err = Double.isFinite(e) ? Math.abs(e) : 0;
                        double lo = y - err;
                        if (logY && lo <= 0) {
                            lo = y / 100;
                            clipped++;
                        }
                        xy.add(x, y, lo, y + err);
                        extend(xr, x, x);
                        extend(yr, lo, y + err);
                    }
                }
                XYErrorRenderer r = new XYErrorRenderer();
                r.setDefaultLinesVisible(false);
                r.setDefaultShapesVisible(true);
                r.setDrawXError(false);
                r.setDrawYError(true);
                r.setSeriesPaint(0, paint);
                r.setErrorPaint(paint);
                r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
                YIntervalSeriesCollection c = new YIntervalSeriesCollection();
                c.addSeries(xy);
                plot.setDataset(s, c);
                plot.setRenderer(s, r);
            }
            if (droppedY > 0) {
                warnings.add(cs.name() + ": " + droppedY + " point(s) with " + yLabel
                        + (logY ? " <= 0 or not finite" : " not finite") + " not shown"
                        + (logY ? " on the log axis" : ""));
            }
            if (droppedX > 0 && !(logX && droppedX == 1 && cs.size() > 0 && cs.xAt(0) == 0)) {
                warnings.add(cs.name() + ": " + droppedX + " point(s) with " + xLabel
                        + (logX ? " <= 0 or not finite" : " not finite") + " not shown");
            }
            if (clipped > 0) {
                warnings.add(cs.name() + ": " + clipped + " error bar(s) reaching <= 0 clipped at y/100");
            }
        }
        plot.setDomainAxis(axis(xLabel, logX, xr));
        plot.setRangeAxis(axis(yLabel, logY, yr));
        if (yr[0] > yr[1]) {
            warnings.add("no finite" + (logY ? " positive" : "") + " values of " + yLabel + " to show");
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(6, 6, 6, 24)); // room for the last x tick label
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        chart.addLegend(legend);
        for (String w : warnings) {
            TextTitle note = new TextTitle("note: " + w, new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            note.setPaint(new Color(120, 60, 0));
            chart.addSubtitle(note);
        }
        return new ChartFigure(chart, warnings);
    }

    private static void extend(double[] range, double lo, double hi) {
        range[0] = Math.min(range[0], lo);
        range[1] = Math.max(range[1], hi);
    }

    private static ValueAxis axis(String label, boolean log, double[] range) {
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        ValueAxis axis;
        if (log) {
            DecadeAxis a = new DecadeAxis(label);
            if (range[0] <= range[1]) {
                a.setDecadeRange(range[0], range[1]);
            } else {
                a.setRange(1e-3, 1);
            }
            axis = a;
        } else {
            NumberAxis a = new NumberAxis(label);
            a.setAutoRangeIncludesZero(false);
            if (range[0] > range[1]) {
                a.setRange(0, 1);
            } else if (range[0] == range[1]) {
                double pad = Math.max(Math.abs(range[0]) * 0.1, 1e-3);
                a.setRange(range[0] - pad, range[1] + pad);
            }
            axis = a;
        }
        axis.setLabelFont(labelFont);
        axis.setTickLabelFont(tickFont);
        return axis;
    }
}
