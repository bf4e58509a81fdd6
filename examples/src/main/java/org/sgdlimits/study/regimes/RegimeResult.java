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
     * The gaps of one comparison against the parameter, and their fitted power law.
     *
     * @param comparison    e.g. "SGD vs gradient flow"
     * @param points        one per parameter value, in the order run
     * @param fit           gap ∝ parameter^slope with the slope's standard error ({@link PowerLawFit}: weighted by
     *                      the gaps' standard errors over seeds; unweighted for deterministic gaps), or null when
     *                      not fittable (fewer than 2 points)
     * @param expectedSlope the exponent theory predicts for the leading gap
     * @param expectation   the reason, one line
     * @param window        end T of the simulated window the gaps are computed over (t ≤ T)
     */
    public record GapTrend(String comparison, List<GapPoint> points, PowerLawFit fit, double expectedSlope,
                           String expectation, double window) {
        public GapTrend {
            points = List.copyOf(points);
        }

        /** A trend over the window t ≤ {@code window} with its power law fitted to the typical gaps. */
        public static GapTrend of(String comparison, List<GapPoint> points, double expectedSlope, String expectation,
                                  double window) {
            double[] x = points.stream().mapToDouble(GapPoint::parameter).toArray();
            double[] y = points.stream().mapToDouble(GapPoint::gap).toArray();
            boolean deterministic = points.stream().anyMatch(g -> g.seeds() == 0);
            double[] e = deterministic ? null : points.stream().mapToDouble(GapPoint::gapError).toArray();
            PowerLawFit fit;
            try {
                fit = PowerLawFit.fit(x, y, e);
            } catch (IllegalArgumentException ex) {
                fit = null;
            }
            return new GapTrend(comparison, points, fit, expectedSlope, expectation, window);
        }

        /** The fitted exponent (NaN if not fittable). */
        public double slope() {
            return fit == null ? Double.NaN : fit.slope();
        }

        /** Standard error of the fitted exponent (NaN if it has none). */
        public double slopeError() {
            return fit == null ? Double.NaN : fit.standardError();
        }

        /** Whether the theory exponent lies within the fitted slope ± 2 standard errors. */
        public boolean agreesWithTheory() {
            return fit != null && fit.agreesWith(expectedSlope);
        }

        /** Gap at the first parameter value divided by the gap at the last. */
        public double firstToLastRatio() {
            return points.get(0).gap() / points.get(points.size() - 1).gap();
        }
    }
}
