package org.sgdlimits.study.regimes;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.trajectory.Trajectory;

/** Colours and the gap-versus-parameter chart shared by the regimes. */
final class StudyCharts {
    /** Okabe–Ito colours for the parameter values (colour-blind safe), black kept for the reference curve. */
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66)};
    static final Color REFERENCE = Color.BLACK;

    private StudyCharts() {
    }

    static Color color(int index) {
        return COLORS[index % COLORS.length];
    }

    /**
     * Column drawn by the regime charts: the excess risk ε = R − Δ/2 (docs/theory.md §1), so that the late-time floor of
     * the noise term (ε ∝ gΔ) is visible on the log axis next to gradient flow, whose ε keeps decreasing.
     */
    static final String CHART_COLUMN = "excess_risk";
    /** Axis label of {@link #CHART_COLUMN}. */
    static final String CHART_LABEL = "excess risk \u03b5 = R \u2212 \u0394/2";

    /** Excess risk of a trajectory as a line. */
    static ChartSeries line(Trajectory t, String name, Color c) {
        return ChartSeries.ofColumn(t, CHART_COLUMN, name, ChartSeries.Style.LINE).withColor(c);
    }

    /**
     * Seed-mean excess risk with standard-error bars in the colour of parameter value {@code index}; every
     * second value with open markers, so that points on one curve stay distinguishable.
     */
    static ChartSeries points(Trajectory t, String name, int index) {
        ChartSeries s = points(t, name, color(index));
        return index % 2 == 1 ? s.drawnOpen() : s;
    }

    /** Seed-mean excess risk with standard-error bars. */
    static ChartSeries points(Trajectory t, String name, Color c) {
        return ChartSeries.ofColumn(t, CHART_COLUMN, name, ChartSeries.Style.POINTS).withColor(c);
    }

    /** A legend key drawn as a line of this colour (solid; {@link ChartSeries#drawnOpen()} for dashed). */
    static ChartSeries key(String name, Color c) {
        return ChartSeries.line(name, new double[0], new double[0]).withColor(c);
    }

    /** A legend key drawn as a marker of this colour. */
    static ChartSeries pointKey(String name, Color c) {
        return ChartSeries.points(name, new double[0], new double[0], null).withColor(c);
    }

    /** Gaps against the parameter (points with error bars) and each trend's fitted power law (line). */
    static ChartFigure gapChart(String title, String parameterLabel, List<RegimeResult.GapTrend> trends) {
        XYChartBuilder b = new XYChartBuilder(title, parameterLabel, "rms relative risk gap");
        for (int i = 0; i < trends.size(); i++) {
            RegimeResult.GapTrend tr = trends.get(i);
            double[] x = tr.points().stream().mapToDouble(GapPoint::parameter).toArray();
            double[] y = tr.points().stream().mapToDouble(GapPoint::gap).toArray();
            double[] e = tr.points().stream().mapToDouble(GapPoint::gapError).toArray();
            Color c = color(i);
            // a second trend at the same parameter values: open markers, drawn a hair to the right
            ChartSeries pts = ChartSeries.points(tr.comparison(), x, y, e).withColor(c);
            b.add(i == 0 ? pts : pts.drawnOpen().withXScaled(Math.pow(10, 0.012 * i)));
            if (tr.fit() != null && !Double.isNaN(tr.expectedSlope())) { // no line where theory predicts no power law
                double[] fit = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    fit[j] = tr.fit().at(x[j]);
                }
                b.add(ChartSeries.line("fit: slope " + RegimeStudyWriter.slopeText(tr.fit()) + " (theory "
                        + RegimeStudyWriter.theoryText(tr.expectedSlope()) + ")", x, fit).withColor(c));
            }
        }
        return b.build();
    }
}
