package org.sgdlimits.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** Axis ranges contain the data and at most a margin more; the log floor; the divergence mark. */
class AxisRangeAndMarksTest {

    private static XYPlot plot(ChartFigure f) {
        return f.chart().getXYPlot();
    }

    @Test
    void logAxisSpansTheDataWithinAMarginNotToTheNextDecade() {
        ChartFigure f = new XYChartBuilder("t to 4", "t", "risk")
                .add(ChartSeries.line("r", new double[] {0.004, 0.4, 4}, new double[] {0.2, 0.1, 0.02})).build();
        double lo = plot(f).getDomainAxis().getLowerBound();
        double hi = plot(f).getDomainAxis().getUpperBound();
        assertTrue(lo <= 0.004 && hi >= 4, "contains the data: [" + lo + ", " + hi + "]");
        double margin = Math.pow(10, XYChartBuilder.LOG_MARGIN_DECADES) * (1 + 1e-12);
        assertTrue(hi <= 4 * margin && lo >= 0.004 / margin, "no more than the margin: [" + lo + ", " + hi + "]");
        assertTrue(hi < 10, "x axis does not run to 10 with data to 4: " + hi);
    }

    @Test
    void linearAxisSpansTheDataWithinAMarginAndDoesNotClipTheEnds() {
        ChartFigure f = new XYChartBuilder("widths", "p", "escape time").logX(false).logY(false)
                .add(ChartSeries.points("t_esc", new double[] {1, 2, 4, 8, 16}, new double[] {5, 4, 3, 2, 1}, null))
                .build();
        double lo = plot(f).getDomainAxis().getLowerBound();
        double hi = plot(f).getDomainAxis().getUpperBound();
        assertTrue(lo < 1 && hi > 16, "p = 1 and p = 16 inside the frame, not on it: [" + lo + ", " + hi + "]");
        assertTrue(hi <= 16 + 0.031 * 15 && lo >= 1 - 0.031 * 15, "no more than 3 % beyond: [" + lo + ", " + hi + "]");
    }

    @Test
    void narrowLogDataStillGetsTwoLabelledDecades() {
        double[] r = XYChartBuilder.axisRange(2e-3, 5e-3, true);
        assertEquals(1e-3, r[0], 1e-11);
        assertEquals(1e-2, r[1], 1e-10);
    }

    @Test
    void logAxisStopsAtTheFloorBelowTheLargestValueAndSaysHowManyPointsAreCut() {
        double[] t = {1, 2, 3, 4};
        double[] risk = {0.1, 1e-6, 1e-14, 1e-16};
        ChartFigure f = new XYChartBuilder("floor", "t", "risk").add(ChartSeries.line("R", t, risk)).build();
        double lo = plot(f).getRangeAxis().getLowerBound();
        double floor = XYChartBuilder.DEFAULT_LOG_FLOOR * 0.1;
        assertTrue(lo >= floor / Math.pow(10, XYChartBuilder.LOG_MARGIN_DECADES) * (1 - 1e-12) && lo < 1e-6,
                "floor at 1e-10 x max: " + lo);
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("2 point(s) below")), f.warnings().toString());
    }

    @Test
    void aDivergedRunIsMarkedAtItsDivergenceTimeOnItsLearningCurve() {
        double[] times = TimeGrid.log(12.69, 10).times();
        double[][] rows = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            rows[i] = new double[] {0.1 * Math.exp(times[i] / 3)};
        }
        Trajectory diverged = new Trajectory(List.of("risk"), times, rows,
                RunStatus.diverged(13.23, "risk above 1e6"));
        ChartFigure f = LearningCurveChart.of(diverged, "diverging");
        List<Marker> marks = List.copyOf(plot(f).getDomainMarkers(Layer.FOREGROUND));
        assertEquals(1, marks.size());
        assertEquals(13.23, ((ValueMarker) marks.get(0)).getValue(), 0);
        assertTrue(marks.get(0).getLabel().contains("diverged at t = 13.23"), marks.get(0).getLabel());
        assertTrue(plot(f).getDomainAxis().getUpperBound() >= 13.23, "the mark is inside the x range");
        Trajectory completed = new Trajectory(List.of("risk"), times, rows, RunStatus.completed(12.69));
        assertTrue(plot(LearningCurveChart.of(completed, "fine")).getDomainMarkers(Layer.FOREGROUND) == null
                || plot(LearningCurveChart.of(completed, "fine")).getDomainMarkers(Layer.FOREGROUND).isEmpty());
    }

    /** A run recorded on a linear grid is drawn on a linear time axis (no kinks between its first log decades). */
    @Test
    void learningCurveOnALinearGridUsesALinearTimeAxis() {
        double[] times = TimeGrid.linear(20, 41).times();
        double[][] rows = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            rows[i] = new double[] {Math.exp(-times[i])};
        }
        Trajectory linear = new Trajectory(List.of("risk"), times, rows, RunStatus.completed(20));
        assertTrue(!(plot(LearningCurveChart.of(linear, "lin")).getDomainAxis() instanceof DecadeAxis));
        Trajectory log = new Trajectory(List.of("risk"), TimeGrid.log(20, 41).times(), rows, RunStatus.completed(20));
        assertTrue(plot(LearningCurveChart.of(log, "log")).getDomainAxis() instanceof DecadeAxis);
    }
}
