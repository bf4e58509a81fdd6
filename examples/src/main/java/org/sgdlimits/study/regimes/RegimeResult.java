package org.sgdlimits.study.regimes;

import java.util.List;
import org.sgdlimits.chart.ChartFigure;

/**
 * The outcome of one regime of the study.
 *
 * @param id            "classical", "high-dimensional" or "mean-field" (file and directory names)
 * @param title         chart title
 * @param parameterName the parameter the regime's limit takes: "gamma", "d" or "p"
 * @param trends        one gap trend per comparison (e.g. SGD vs ODE; particles vs full ODE)
 * @param chart         theory curves with simulation points, log axes
 * @param gapChart      the gaps against the parameter, log-log
 * @param runs          every run, for their directories and run.json
 * @param notes         one-line remarks printed and written into summary.md
 * @param seconds       wall time of the regime's computation
 */
public record RegimeResult(String id, String title, String parameterName, List<GapTrend> trends, ChartFigure chart,
                           ChartFigure gapChart, List<StudyRun> runs, List<String> notes, double seconds) {
    public RegimeResult {
        trends = List.copyOf(trends);
        runs = List.copyOf(runs);
        notes = List.copyOf(notes);
    }

    /** The same result with its wall time. */
    public RegimeResult withSeconds(double s) {
        return new RegimeResult(id, title, parameterName, trends, chart, gapChart, runs, notes, s);
    }

    /**
     * The gaps of one comparison against the parameter, and their fitted log-log slope.
     *
     * @param comparison    e.g. "SGD vs gradient flow"
     * @param points        one per parameter value, in the order run
     * @param slope         fitted exponent of gap ∝ parameter^slope ({@link LogLogSlope}; NaN if not fittable)
     * @param expectedSlope the exponent theory predicts for the leading gap
     * @param expectation   the reason, one line
     * @param window        end T of the simulated window the gaps are computed over (t ≤ T)
     */
    public record GapTrend(String comparison, List<GapPoint> points, double slope, double expectedSlope,
                           String expectation, double window) {
        public GapTrend {
            points = List.copyOf(points);
        }

        /** A trend over the window t ≤ {@code window} with its slope fitted to the typical gaps. */
        public static GapTrend of(String comparison, List<GapPoint> points, double expectedSlope, String expectation,
                                  double window) {
            double[] x = points.stream().mapToDouble(GapPoint::parameter).toArray();
            double[] y = points.stream().mapToDouble(GapPoint::gap).toArray();
            double slope;
            try {
                slope = LogLogSlope.fit(x, y);
            } catch (IllegalArgumentException e) {
                slope = Double.NaN;
            }
            return new GapTrend(comparison, points, slope, expectedSlope, expectation, window);
        }

        /** Gap at the first parameter value divided by the gap at the last. */
        public double firstToLastRatio() {
            return points.get(0).gap() / points.get(points.size() - 1).gap();
        }
    }
}
