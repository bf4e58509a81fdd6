package org.sgdlimits.study.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.FigureGrid;
import org.sgdlimits.chart.HeatMapChart;
import org.sgdlimits.chart.XYChartBuilder;

/**
 * The charts of a merged sweep, chosen by the number of axes (zip mode counts as one axis, the first):
 * <ul>
 *   <li>one axis: {@code SUMMARY.png}, a line chart of the summary's mean over seeds against the axis value,
 *   with standard-error bars;</li>
 *   <li>two axes: {@code SUMMARY.png}, a heat map (phase diagram) over axis 0 (x) and axis 1 (y), colour = the
 *   mean (log10 of it when it is positive and spans more than two decades), with diverged cells marked × and
 *   failed cells marked □ (both in the legend);</li>
 *   <li>three axes: {@code SUMMARY.png}, small multiples: one such heat map per value of axis 0, over axes 1
 *   and 2.</li>
 * </ul>
 * Log axes are drawn in log10 of the value; the cells sit on the uniform grid through the first and last value
 * (values within 2 % of a uniform step, e.g. integer-rounded log ranges, count as uniform); axes whose values
 * are not uniformly spaced (in the value or its log) are drawn by value index, with the values in the axis
 * label. Four or more axes: no charts.
 */
public final class SweepCharts {
    private static final Color DIVERGED = new Color(213, 94, 0);
    private static final Color FAILED = new Color(204, 0, 0);

    private SweepCharts() {
    }

    /**
     * Writes the charts into the sweep directory.
     *
     * @return file name → description of each chart written
     */
    public static Map<String, String> write(SweepResults results, SweepDirectory dir) throws IOException {
        SweepDefinition d = results.plan().definition();
        Map<String, String> files = new LinkedHashMap<>();
        int axes = d.zip() ? 1 : d.axes().size();
        if (axes > 3) {
            return files;
        }
        for (Summary s : d.summaries()) {
            String file = s.name() + ".png";
            if (axes == 1) {
                lineChart(results, s).writePng(dir.file(file));
                files.put(file, s + " (mean and standard error over seeds) against " + d.axes().get(0).field());
            } else if (axes == 2) {
                heatMap(results, s, -1, 0).writePng(dir.file(file));
                files.put(file, "phase diagram of " + s + " over " + d.axes().get(0).field() + " and "
                        + d.axes().get(1).field() + "; diverged and failed cells marked");
            } else {
                SweepAxis panelAxis = d.axes().get(0);
                List<ChartFigure> panels = new ArrayList<>();
                for (int v = 0; v < panelAxis.values().size(); v++) {
                    panels.add(heatMap(results, s, 0, v));
                }
                FigureGrid.of(panels, Math.min(3, panels.size())).writePng(dir.file(file), 600, 450);
                files.put(file, "small multiples of " + s + ": one phase diagram over " + d.axes().get(1).field()
                        + " and " + d.axes().get(2).field() + " per " + panelAxis.field());
            }
        }
        return files;
    }

    private static ChartFigure lineChart(SweepResults results, Summary s) {
        SweepDefinition d = results.plan().definition();
        SweepAxis axis = d.axes().get(0);
        List<SweepCell> cells = results.plan().cells();
        double[] x = new double[cells.size()];
        double[] y = new double[cells.size()];
        double[] e = new double[cells.size()];
        boolean positive = true;
        Coordinates cx = Coordinates.of(axis);
        for (SweepCell c : cells) {
            int i = c.index();
            CellResult r = results.result(i);
            SeedAverage a = r == null ? new SeedAverage(Double.NaN, Double.NaN, 0) : r.average(s.name());
            x[i] = cx.log ? axis.number(c.axisIndex(0)) : cx.at(c.axisIndex(0));
            y[i] = a.mean();
            e[i] = Double.isNaN(a.standardError()) ? 0 : a.standardError();
            positive &= !(a.mean() <= 0);
        }
        boolean logY = positive && s.kind() != Summary.Kind.DIVERGED && spansDecades(y);
        XYChartBuilder b = new XYChartBuilder(title(d, s), cx.log ? axis.field() : cx.label, s.toString())
                .logX(cx.log).logY(logY);
        b.add(ChartSeries.points(s.name() + " (mean \u00b1 se over " + d.seeds() + " seeds)", x, y, e));
        return b.build();
    }

    /**
     * A heat map over the last two axes of the plan (axes 0, 1 when {@code panelAxis} &lt; 0; axes 1, 2 at value
     * {@code panelValue} of axis 0 otherwise).
     */
    private static ChartFigure heatMap(SweepResults results, Summary s, int panelAxis, int panelValue) {
        SweepDefinition d = results.plan().definition();
        int ax = panelAxis < 0 ? 0 : 1;
        int ay = ax + 1;
        SweepAxis xAxis = d.axes().get(ax);
        SweepAxis yAxis = d.axes().get(ay);
        Coordinates cx = Coordinates.of(xAxis);
        Coordinates cy = Coordinates.of(yAxis);
        int nx = xAxis.values().size();
        int ny = yAxis.values().size();
        double[][] z = new double[nx][ny];
        List<double[]> diverged = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (SweepCell c : results.plan().cells()) {
            if (panelAxis >= 0 && c.axisIndex(0) != panelValue) {
                continue;
            }
            int i = c.axisIndex(ax);
            int j = c.axisIndex(ay);
            CellResult r = results.result(c.index());
            z[i][j] = r == null ? Double.NaN : r.average(s.name()).mean();
            if (!Double.isNaN(z[i][j])) {
                all.add(z[i][j]);
            }
            String status = results.status(c.index());
            double[] point = {cx.at(i), cy.at(j)};
            if (status.equals("diverged")) {
                diverged.add(point);
            } else if (status.equals("failed")) {
                failed.add(point);
            }
        }
        double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
        boolean logZ = s.kind() != Summary.Kind.DIVERGED && all.stream().allMatch(v -> v > 0) && spansDecades(values);
        if (logZ) {
            for (double[] column : z) {
                for (int j = 0; j < column.length; j++) {
                    column[j] = Math.log10(column[j]);
                }
            }
        }
        String title = panelAxis < 0 ? title(d, s) : s.name() + " at " + d.axes().get(0).field() + " = "
                + d.axes().get(0).text(panelValue);
        ChartFigure f = HeatMapChart.of(title, cx.label, cy.label, cx.centres(nx), cy.centres(ny), z,
                logZ ? "log10 " + s.name() : s.name());
        markCells(f.chart(), diverged, failed);
        return f;
    }

    /** Diverged (×) and failed (□) cells drawn over the heat map, with a legend. */
    private static void markCells(JFreeChart chart, List<double[]> diverged, List<double[]> failed) {
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYSeries dv = new XYSeries("diverged (\u00d7)", false, true);
        diverged.forEach(p -> dv.add(p[0], p[1]));
        XYSeries fl = new XYSeries("failed (\u25a1)", false, true);
        failed.forEach(p -> fl.add(p[0], p[1]));
        marks.addSeries(dv);
        marks.addSeries(fl);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, ShapeUtils.createDiagonalCross(7, 1.5f));
        r.setSeriesPaint(0, DIVERGED);
        Shape square = new Rectangle2D.Double(-7, -7, 14, 14);
        r.setSeriesShape(1, square);
        r.setSeriesShapesFilled(1, false);
        r.setSeriesPaint(1, FAILED);
        r.setSeriesOutlineStroke(1, new BasicStroke(2f));
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        plot.setDataset(1, marks);
        plot.setRenderer(1, r);
        LegendTitle legend = new LegendTitle(r);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
    }

    private static String title(SweepDefinition d, Summary s) {
        String what = d.description().isEmpty() ? d.command() + " sweep" : d.description();
        return what.length() > 90 ? s.toString() : s + ": " + what;
    }

    private static boolean spansDecades(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double x : v) {
            if (x > 0) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return hi > 0 && hi / lo > 100;
    }

    /** How an axis is drawn: its values, their log10 (log axes), or their index when neither is uniform. */
    private record Coordinates(double[] points, String label, boolean log) {
        static Coordinates of(SweepAxis a) {
            int n = a.values().size();
            double[] v = new double[n];
            double[] lg = new double[n];
            boolean numeric = true;
            for (int i = 0; i < n; i++) {
                v[i] = a.number(i);
                lg[i] = Math.log10(v[i]);
                numeric &= !Double.isNaN(v[i]);
            }
            if (numeric && a.log() && uniform(lg)) {
                return new Coordinates(evenly(lg), "log10 " + a.field(), true);
            }
            if (numeric && uniform(v)) {
                return new Coordinates(evenly(v), a.field(), false);
            }
            double[] index = new double[n];
            List<String> text = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                index[i] = i;
                text.add(i + ": " + a.text(i));
            }
            return new Coordinates(index, a.field() + " (index; " + String.join(", ", text) + ")", false);
        }

        /** Uniform within 2 % of the step (integer-rounded log ranges such as 100, 316, 1000 count). */
        static boolean uniform(double[] x) {
            if (x.length < 2) {
                return x.length == 1 && Double.isFinite(x[0]);
            }
            double d = (x[x.length - 1] - x[0]) / (x.length - 1);
            for (int i = 1; i < x.length; i++) {
                double step = x[i] - x[i - 1];
                if (!(step > 0) || Math.abs(step - d) > 0.02 * Math.abs(d)) {
                    return false;
                }
            }
            return true;
        }

        /** The exactly uniform grid through the first and last point (block centres of the heat map). */
        static double[] evenly(double[] x) {
            double[] e = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                e[i] = x.length == 1 ? x[0] : x[0] + (x[x.length - 1] - x[0]) * i / (x.length - 1);
            }
            return e;
        }

        double at(int i) {
            return points[i];
        }

        double[] centres(int n) {
            return points.clone();
        }
    }
}
