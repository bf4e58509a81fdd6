package org.sgdlimits.cli;

import java.util.List;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.FigureGrid;
import org.sgdlimits.chart.HeatMapChart;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.meanfield.dmft.DmftKernels;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The charts of {@code sgdlimits dmft}: training loss and test risk against t (DMFT lines with their Monte Carlo
 * error band as points when the sweep is sampled; simulation points with error bars), the overlaps m(t), q(t)
 * (a committee: M_i_r(t), Q_i_j(t) for i ≤ j), and the heat maps of the memory kernels R, Γ, C_g over (s, t).
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

    /** Most cells per axis of a kernel heat map (longer runs are drawn every k-th step). */
    static final int MAX_KERNEL_CELLS = 200;

    /**
     * kernels.png: heat maps of R(t, s), Γ(t, s) and C_g(t, s) with s (the earlier step) across and t up, each on
     * its own colour scale; runs longer than {@link #MAX_KERNEL_CELLS} steps are drawn at every k-th step.
     */
    static FigureGrid kernels(DmftKernels k, String title) {
        int n = k.size();
        int stride = Math.max(1, (n + MAX_KERNEL_CELLS - 1) / MAX_KERNEL_CELLS);
        int cells = (n + stride - 1) / stride;
        double[] steps = new double[cells];
        for (int i = 0; i < cells; i++) {
            steps[i] = (double) i * stride;
        }
        String every = stride > 1 ? ", every " + stride + " steps" : "";
        double[][][] matrices = {k.response(), k.memory(), k.noiseCovariance()};
        String[] names = {"response R(t, s)", "memory \u0393(t, s)", "noise C_g(t, s)"};
        String[] legends = {"R", "\u0393", "C_g"};
        List<ChartFigure> panels = new java.util.ArrayList<>();
        for (int m = 0; m < 3; m++) {
            double[][] values = new double[cells][cells];
            for (int ix = 0; ix < cells; ix++) {
                for (int iy = 0; iy < cells; iy++) {
                    values[ix][iy] = matrices[m][iy * stride][ix * stride];
                }
            }
            panels.add(HeatMapChart.of(title + ": " + names[m] + every, "s (step)", "t (step)", steps, steps,
                    values, legends[m]));
        }
        return FigureGrid.of(panels, 3);
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
