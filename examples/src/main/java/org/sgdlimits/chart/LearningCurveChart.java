package org.sgdlimits.chart;

import java.util.Arrays;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The learning curve of a run: population risk R and excess risk ε (docs/theory.md §1) against ODE time t on log–log
 * axes with decade ticks (a run recorded on an evenly spaced grid: linear time axis, log risk axis). The excess-risk curve is drawn only when it differs from the risk (Δ &gt; 0).
 * t = 0 cannot be shown on a log time axis and is left out silently; risk values ≤ 0 (e.g. −1e-14 from
 * rounding at perfect recovery) are left out and noted; the axis stops at {@link XYChartBuilder#DEFAULT_LOG_FLOOR}
 * × the largest risk. A diverged run (its {@code status()}) is marked by a vertical line and label at the time it
 * diverged.
 */
public final class LearningCurveChart {
    private LearningCurveChart() {
    }

    /** The learning-curve chart of a trajectory with columns {@code risk} and (optionally) {@code excess_risk}. */
    public static ChartFigure of(Trajectory trajectory, String title) {
        return builder(trajectory, title).build();
    }

    /**
     * A builder preloaded with the trajectory's risk curves, to which simulation points (with error bars) or
     * other theory curves can be added before {@link XYChartBuilder#build()}.
     */
    public static XYChartBuilder builder(Trajectory trajectory, String title) {
        XYChartBuilder b = new XYChartBuilder(title, "time t", "risk");
        double[] t = trajectory.times();
        b.logX(!evenlySpaced(t));
        double[] risk = trajectory.column("risk");
        b.add(ChartSeries.line("risk R", t, risk));
        if (trajectory.hasColumn("excess_risk")) {
            double[] excess = trajectory.column("excess_risk");
            if (!Arrays.equals(excess, risk)) {
                b.add(ChartSeries.line("excess risk \u03b5", t, excess));
            }
        }
        b.markDivergence(trajectory.status());
        return b;
    }

    /**
     * Whether the recorded times are evenly spaced (a linear grid, to 1e-9 of the step): such a curve is drawn on
     * a linear time axis, since on a log axis its first few points would be joined by visible straight kinks.
     */
    static boolean evenlySpaced(double[] t) {
        if (t.length < 3) {
            return false;
        }
        double step = (t[t.length - 1] - t[0]) / (t.length - 1);
        if (!(step > 0)) {
            return false;
        }
        for (int i = 1; i < t.length; i++) {
            if (Math.abs(t[i] - t[i - 1] - step) > 1e-9 * step) {
                return false;
            }
        }
        return true;
    }
}
