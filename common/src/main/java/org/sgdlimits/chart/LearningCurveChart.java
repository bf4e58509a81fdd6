package org.sgdlimits.chart;

import java.util.Arrays;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The learning curve of a run: population risk R and excess risk ε (SPEC §1) against ODE time t on log–log
 * axes with decade ticks. The excess-risk curve is drawn only when it differs from the risk (Δ &gt; 0).
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
}
