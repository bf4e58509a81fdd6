package org.sgdlimits.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of values on a uniform rectangular grid (e.g. a mean-field density snapshot μ_t(m, q⊥)), with a
 * colour-blind-safe sequential colour scale (viridis-like) and its legend. Non-finite cells are left blank and
 * noted.
 */
public final class HeatMapChart {
    /** Viridis anchor colours, from low to high. */
    private static final Color[] SCALE = {new Color(68, 1, 84), new Color(72, 40, 120), new Color(62, 74, 137),
        new Color(49, 104, 142), new Color(38, 130, 142), new Color(31, 158, 137), new Color(53, 183, 121),
        new Color(109, 205, 89), new Color(180, 222, 44), new Color(253, 231, 37)};
    private static final int SHADES = 128;

    private HeatMapChart() {
    }

    /**
     * @param xCentres   cell centres along x, uniformly spaced, increasing (≥ 1 value)
     * @param yCentres   cell centres along y, uniformly spaced, increasing (≥ 1 value)
     * @param values     values[ix][iy] at (xCentres[ix], yCentres[iy])
     * @param valueLabel legend text, e.g. "density"
     * @throws IllegalArgumentException for inconsistent sizes or a non-uniform grid
     */
    public static ChartFigure of(String title, String xLabel, String yLabel, double[] xCentres, double[] yCentres,
                                 double[][] values, String valueLabel) {
        return of(title, xLabel, yLabel, xCentres, yCentres, values, valueLabel, null);
    }

    /**
     * Panels of one figure drawn alike: the same x and y axis ranges and the same colour scale, so that a shift
     * of the data from panel to panel is seen, not only read off the tick labels.
     *
     * @param x     axis range {lower, upper}
     * @param y     axis range {lower, upper}
     * @param value colour-scale range {lower, upper} (values above are drawn in the top colour)
     */
    public record SharedRanges(double[] x, double[] y, double[] value) {
        public SharedRanges {
            for (double[] r : new double[][] {x, y, value}) {
                if (r.length != 2 || !(r[1] > r[0]) || !Double.isFinite(r[0]) || !Double.isFinite(r[1])) {
                    throw new IllegalArgumentException("heat map: shared range " + java.util.Arrays.toString(r)
                            + "; need {lower, upper} with lower < upper, both finite");
                }
            }
            x = x.clone();
            y = y.clone();
            value = value.clone();
        }

        @Override public double[] x() { return x.clone(); }
        @Override public double[] y() { return y.clone(); }
        @Override public double[] value() { return value.clone(); }
    }

    /**
     * The heat map on given axis and colour ranges ({@code shared} null: each from the data, as
     * {@link #of(String, String, String, double[], double[], double[][], String)}).
     */
    public static ChartFigure of(String title, String xLabel, String yLabel, double[] xCentres, double[] yCentres,
                                 double[][] values, String valueLabel, SharedRanges shared) {
        double dx = spacing("x", xCentres);
        double dy = spacing("y", yCentres);
        if (values.length != xCentres.length) {
            throw new IllegalArgumentException("heat map: " + values.length + " value columns for "
                    + xCentres.length + " x cells");
        }
        int n = xCentres.length * yCentres.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] zs = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int blank = 0;
        int c = 0;
        for (int ix = 0; ix < xCentres.length; ix++) {
            if (values[ix].length != yCentres.length) {
                throw new IllegalArgumentException("heat map: column " + ix + " has " + values[ix].length
                        + " values for " + yCentres.length + " y cells");
            }
            for (int iy = 0; iy < yCentres.length; iy++) {
                double z = values[ix][iy];
                if (!Double.isFinite(z)) {
                    blank++;
                    continue;
                }
                xs[c] = xCentres[ix];
                ys[c] = yCentres[iy];
                zs[c] = z;
                c++;
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
        }
        if (c == 0) {
            lo = 0;
            hi = 1;
        } else if (hi <= lo) {
            hi = lo + Math.max(1e-12, Math.abs(lo) * 1e-6);
        }
        if (shared != null) {
            lo = shared.value[0];
            hi = shared.value[1];
            for (int i = 0; i < c; i++) {
                zs[i] = Math.max(lo, Math.min(hi, zs[i]));
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(valueLabel, new double[][] {java.util.Arrays.copyOf(xs, c), java.util.Arrays.copyOf(ys, c),
            java.util.Arrays.copyOf(zs, c)});

        LookupPaintScale scale = new LookupPaintScale(lo, hi, Color.WHITE);
        for (int s = 0; s < SHADES; s++) {
            scale.add(lo + (hi - lo) * s / SHADES, shade(s / (double) (SHADES - 1)));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(dx);
        renderer.setBlockHeight(dy);
        renderer.setPaintScale(scale);

        NumberAxis xAxis = new NumberAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        if (shared != null) {
            xAxis.setRange(shared.x[0], shared.x[1]);
            yAxis.setRange(shared.y[0], shared.y[1]);
        } else {
            xAxis.setRange(xCentres[0] - dx / 2, xCentres[xCentres.length - 1] + dx / 2);
            yAxis.setRange(yCentres[0] - dy / 2, yCentres[yCentres.length - 1] + dy / 2);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis(valueLabel);
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        List<String> warnings = new ArrayList<>();
        if (blank > 0) {
            warnings.add(blank + " cell(s) with non-finite " + valueLabel + " left blank");
            TextTitle note = new TextTitle("note: " + warnings.get(0), new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            note.setPaint(new Color(120, 60, 0));
            chart.addSubtitle(note);
        }
        return new ChartFigure(chart, warnings);
    }

    private static double spacing(String axis, double[] centres) {
        if (centres.length == 0) {
            throw new IllegalArgumentException("heat map: no " + axis + " cells");
        }
        if (centres.length == 1) {
            return 1.0;
        }
        double d = (centres[centres.length - 1] - centres[0]) / (centres.length - 1);
        for (int i = 1; i < centres.length; i++) {
            double step = centres[i] - centres[i - 1];
            if (!(step > 0) || Math.abs(step - d) > 1e-6 * Math.abs(d)) {
                throw new IllegalArgumentException("heat map: " + axis + " cell centres must be uniformly spaced "
                        + "and increasing (step " + i + " is " + step + ", mean step " + d + ")");
            }
        }
        return d;
    }

    /** Viridis-like colour at u in [0, 1], linear between anchors. */
    static Color shade(double u) {
        double x = Math.max(0, Math.min(1, u)) * (SCALE.length - 1);
        int i = Math.min((int) x, SCALE.length - 2);
        double f = x - i;
        Color a = SCALE[i];
        Color b = SCALE[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
