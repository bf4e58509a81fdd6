package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** compare's risk chart marks a diverged run at its divergence time, as the learning-curve chart does. */
class CompareRiskChartTest {

    private static Trajectory run(double end, RunStatus status) {
        double[] times = TimeGrid.log(end, 10).times();
        double[][] rows = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            rows[i] = new double[] {0.1 * Math.exp(times[i] / 3), 0.01};
        }
        return new Trajectory(List.of("risk", "risk_sem"), times, rows, status);
    }

    private static List<Marker> marks(ChartFigure f) {
        Collection<?> m = f.chart().getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        return m == null ? List.of() : m.stream().map(Marker.class::cast).toList();
    }

    @Test
    void aDivergedSimulationIsMarkedAtItsDivergenceTime() {
        Trajectory ode = run(20, RunStatus.completed(20));
        Trajectory sgd = run(12.69, RunStatus.diverged(13.23, "risk above 1e6"));
        ChartFigure f = CompareCommand.riskChart(ode, sgd, "diverging SGD");
        List<Marker> marks = marks(f);
        assertEquals(1, marks.size());
        assertEquals(13.23, ((ValueMarker) marks.get(0)).getValue(), 0);
        assertTrue(marks.get(0).getLabel().contains("diverged at t = 13.23"), marks.get(0).getLabel());
        XYPlot plot = f.chart().getXYPlot();
        assertTrue(plot.getDomainAxis().getUpperBound() >= 13.23, "the mark is inside the x range");
    }

    @Test
    void aDivergedOdeIsMarkedWhenTheSimulationCompleted() {
        Trajectory ode = run(7.5, RunStatus.diverged(7.5, "risk above 1e6"));
        Trajectory sgd = run(20, RunStatus.completed(20));
        List<Marker> marks = marks(CompareCommand.riskChart(ode, sgd, "diverging ODE"));
        assertEquals(1, marks.size());
        assertEquals(7.5, ((ValueMarker) marks.get(0)).getValue(), 0);
    }

    @Test
    void completedRunsHaveNoMark() {
        assertTrue(marks(CompareCommand.riskChart(run(20, RunStatus.completed(20)),
                run(20, RunStatus.completed(20)), "fine")).isEmpty());
    }
}
