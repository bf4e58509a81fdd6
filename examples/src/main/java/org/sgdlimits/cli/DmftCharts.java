package org.sgdlimits.cli;

import java.util.List;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The charts of {@code sgdlimits dmft}: training loss and test risk against t (DMFT lines with their Monte Carlo
 * error band as points when the sweep is sampled; simulation points with error bars), and the overlaps m(t), q(t)
 * (a committee: M_i_r(t), Q_i_j(t) for i ≤ j).
 * Rendering only; the values come from the trajectories.
 */
final class DmftCharts {
    private DmftCharts() {
    }

    /** losses.png: train_loss and test_risk vs t, linear axes. */
    static ChartFigure losses(Trajectory dmft, Trajectory simulation, String title) {
        return chart(dmft, simulation, title + ": training loss and test risk", "loss",
                List.of("train_loss", "test_risk"), List.of("training loss", "test risk"));
    }

    /** overlaps.png: m and q vs t, linear axes. */
    static ChartFigure overlaps(Trajectory dmft, Trajectory simulation, String title) {
        return overlaps(dmft, simulation, title, List.of("m", "q"));
    }

    /** overlaps.png: the given overlap columns (m, q; or a committee's M_i_r, Q_i_j) vs t, linear axes. */
    static ChartFigure overlaps(Trajectory dmft, Trajectory simulation, String title, List<String> columns) {
        return chart(dmft, simulation, title + ": overlaps", "overlap", columns, columns);
    }

    private static ChartFigure chart(Trajectory dmft, Trajectory simulation, String title, String yLabel,
                                     List<String> columns, List<String> names) {
        XYChartBuilder b = new XYChartBuilder(title, "t = step \u00b7 \u03b7", yLabel).logX(false).logY(false);
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            java.awt.Color color = XYChartBuilder.paletteColor(i);
            b.add(ChartSeries.ofColumn(dmft, c, "DMFT " + names.get(i), ChartSeries.Style.LINE).withColor(color));
            if (simulation != null && simulation.size() > 0) {
                b.add(ChartSeries.ofColumn(simulation, c, "simulation " + names.get(i), ChartSeries.Style.POINTS)
                        .withColor(color));
            }
        }
        return b.build();
    }
}
