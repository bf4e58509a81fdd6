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
 * <p>Axis ranges ({@link #axisRange}): the data (points with their error bars, lines, marks) plus a margin — 3 % of
 * the span on a linear axis, a twentieth of a decade on each side of a log axis — widened to the enclosing whole
 * decades only when fewer than two decades (labelled ticks) would lie inside. A log y axis stops at the floor
 * {@link #logFloor} × the largest value shown ({@value #DEFAULT_LOG_FLOOR} by default: ten times the ODE
 * integrator's default absolute tolerance 10⁻¹¹ for values of order one, below which a computed risk is
 * integration noise); what lies below is cut off at the frame and the figure says how many points.
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
    private final List<double[]> markTimes = new ArrayList<>();
    private final List<String> markLabels = new ArrayList<>();
    private double logFloor = DEFAULT_LOG_FLOOR;
    private List<ChartSeries> legendKeys = List.of();

    /** Default {@link #logFloor}: the log y axis spans at most ten decades below its largest value. */
    public static final double DEFAULT_LOG_FLOOR = 1e-10;
    /** Margin of a log axis beyond the data, in decades on each side. */
    static final double LOG_MARGIN_DECADES = 0.05;
    /** Margin of a linear axis beyond the data, as a fraction of the span on each side. */
    static final double LINEAR_MARGIN = 0.03;

    /** A log–log chart; switch axes to linear with {@link #logX}/{@link #logY}. */
    public XYChartBuilder(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title);
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
    }

    public XYChartBuilder logX(boolean v) { logX = v; return this; }
    public XYChartBuilder logY(boolean v) { logY = v; return this; }

    /**
     * The lowest value a log y axis shows, relative to the largest value shown (0 &lt; floor &lt; 1; 0 for no
     * floor). Default {@value #DEFAULT_LOG_FLOOR}.
     */
    public XYChartBuilder logFloor(double relative) {
        if (!(relative >= 0 && relative < 1)) {
            throw new IllegalArgumentException("log floor: " + relative + "; must lie in [0, 1)");
        }
        logFloor = relative;
        return this;
    }

    /**
     * Replaces the legend (one entry per series) by these keys, drawn by their name, colour, style and
     * {@link ChartSeries#open()} only (their data are ignored): e.g. one colour per parameter value and one line
     * style per kind of curve, instead of an entry for every (value, kind) pair.
     */
    public XYChartBuilder legend(List<ChartSeries> keys) {
        legendKeys = List.copyOf(keys);
        return this;
    }

    /** A vertical mark at x with a label (e.g. the time a run diverged); the x axis includes it. */
    public XYChartBuilder markX(double x, String label) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("chart mark '" + label + "': x = " + x + "; must be finite");
        }
        markTimes.add(new double[] {x});
        markLabels.add(Objects.requireNonNull(label));
        return this;
    }

    /**
     * Marks the divergence of a run (a vertical line labelled "diverged at t = …") when the status says it
     * diverged; does nothing otherwise.
     */
    public XYChartBuilder markDivergence(org.sgdlimits.trajectory.RunStatus status) {
        if (status != null && status.diverged() && Double.isFinite(status.time())) {
            markX(status.time(), String.format(java.util.Locale.ROOT, "diverged at t = %.4g", status.time()));
        }
        return this;
    }

    /**
     * Adds a series (palette colour by position unless it has its own). The first series added is drawn on top,
     * the last one underneath: add a reference that others should not hide last.
     */
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
                r.setSeriesStroke(0, lineStroke(cs.open()));
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
                r.setSeriesShapesFilled(0, !cs.open());
                r.setSeriesStroke(0, new BasicStroke(1.5f));
                r.setErrorStroke(new BasicStroke(1.5f));
                r.setCapLength(6);
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
        for (double[] m : markTimes) {
            if (!(logX && m[0] <= 0)) {
                extend(xr, m[0], m[0]);
            }
        }
        if (logY && logFloor > 0 && yr[0] <= yr[1] && yr[0] < logFloor * yr[1]) {
            double floor = logFloor * yr[1];
            int below = 0;
            for (ChartSeries cs : series) {
                for (int i = 0; i < cs.size(); i++) {
                    double y = cs.yAt(i);
                    if (y > 0 && y < floor && Double.isFinite(cs.xAt(i)) && !(logX && cs.xAt(i) <= 0)) {
                        below++;
                    }
                }
            }
            yr[0] = floor;
            if (below > 0) warnings.add(below + " point(s) below " + String.format(java.util.Locale.ROOT, "%.0e", logFloor)
                    + " \u00d7 the largest " + yLabel + " cut off (axis floor)");
        }
        plot.setDomainAxis(axis(xLabel, logX, xr));
        plot.setRangeAxis(axis(yLabel, logY, yr));
        for (int m = 0; m < markTimes.size(); m++) {
            org.jfree.chart.plot.ValueMarker marker = new org.jfree.chart.plot.ValueMarker(markTimes.get(m)[0],
                    new Color(180, 0, 0), new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {5f, 4f}, 0f));
            marker.setLabel(markLabels.get(m));
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            marker.setLabelPaint(new Color(180, 0, 0));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker, org.jfree.chart.ui.Layer.FOREGROUND);
        }
        if (yr[0] > yr[1]) {
            warnings.add("no finite" + (logY ? " positive" : "") + " values of " + yLabel + " to show");
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(6, 6, 6, 24)); // room for the last x tick label
        if (!legendKeys.isEmpty()) {
            org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
            for (ChartSeries k : legendKeys) {
                items.add(legendItem(k));
            }
            plot.setFixedLegendItems(items);
        }
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.addLegend(legend);
        for (String w : warnings) {
            TextTitle note = new TextTitle("note: " + w, new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            note.setPaint(new Color(120, 60, 0));
            chart.addSubtitle(note);
        }
        return new ChartFigure(chart, warnings);
    }

    private static org.jfree.chart.LegendItem legendItem(ChartSeries k) {
        Paint paint = k.color() != null ? k.color() : Color.BLACK;
        java.awt.Shape line = new java.awt.geom.Line2D.Double(-9, 0, 9, 0);
        java.awt.Shape dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
        if (k.style() == ChartSeries.Style.LINE) {
            return new org.jfree.chart.LegendItem(k.name(), null, null, null, false, dot, false, paint, false, paint,
                    new BasicStroke(1f), true, line, lineStroke(k.open()), paint);
        }
        return new org.jfree.chart.LegendItem(k.name(), null, null, null, true, dot, !k.open(), paint, true, paint,
                new BasicStroke(1.5f), false, line, new BasicStroke(1f), paint);
    }

    private static BasicStroke lineStroke(boolean dashed) {
        return dashed ? new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 4f},
                0f) : new BasicStroke(2.0f);
    }

    private static void extend(double[] range, double lo, double hi) {
        range[0] = Math.min(range[0], lo);
        range[1] = Math.max(range[1], hi);
    }

    /**
     * The shown range of an axis for data spanning [lo, hi]: a margin on each side ({@value #LOG_MARGIN_DECADES}
     * decades on a log axis, {@value #LINEAR_MARGIN} of the span on a linear one); on a log axis widened to the
     * enclosing whole decades when fewer than two decade ticks would be inside. A single value gets ±10 %.
     *
     * @return {lower, upper}
     */
    public static double[] axisRange(double lo, double hi, boolean log) {
        if (log) {
            if (!(lo > 0) || !(hi >= lo)) {
                return new double[] {1e-3, 1};
            }
            double m = Math.pow(10, LOG_MARGIN_DECADES);
            double a = lo / m;
            double b = hi * m;
            double firstDecade = Math.ceil(Math.log10(a) - 1e-9);
            double lastDecade = Math.floor(Math.log10(b) + 1e-9);
            if (lastDecade - firstDecade < 1) {
                double dlo = Math.floor(Math.log10(lo) + 1e-9);
                double dhi = Math.ceil(Math.log10(hi) - 1e-9);
                if (dhi <= dlo) {
                    dhi = dlo + 1;
                }
                // a hair wider than the decades, so that rounding in 10^k never drops the end ticks
                return new double[] {Math.pow(10, dlo) * (1 - 1e-9), Math.pow(10, dhi) * (1 + 1e-9)};
            }
            return new double[] {a, b};
        }
        if (!(hi >= lo)) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            double pad = Math.max(Math.abs(lo) * 0.1, 1e-3);
            return new double[] {lo - pad, hi + pad};
        }
        double pad = LINEAR_MARGIN * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    private static ValueAxis axis(String label, boolean log, double[] range) {
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        double[] shown = axisRange(range[0], range[1], log);
        ValueAxis axis;
        if (log) {
            DecadeAxis a = new DecadeAxis(label);
            a.setRange(shown[0], shown[1]);
            axis = a;
        } else {
            NumberAxis a = new NumberAxis(label);
            a.setAutoRangeIncludesZero(false);
            a.setRange(shown[0], shown[1]);
            axis = a;
        }
        axis.setLabelFont(labelFont);
        axis.setTickLabelFont(tickFont);
        return axis;
    }
}
