/**
 * PNG charts of runs (JFreeChart, headless): learning curves, overlap curves, heat maps and figure grids.
 *
 * <p>{@link org.sgdlimits.chart.XYChartBuilder} and {@link org.sgdlimits.chart.ChartSeries} build line and
 * point charts (with standard-error bars for simulations); {@link org.sgdlimits.chart.LearningCurveChart} draws
 * risk and excess risk (docs/theory.md §1) against ODE time t (§2) on log–log axes with decade ticks
 * ({@link org.sgdlimits.chart.DecadeAxis}); {@link org.sgdlimits.chart.OverlapChart} the overlaps;
 * {@link org.sgdlimits.chart.HeatMapChart} density snapshots; {@link org.sgdlimits.chart.FigureGrid} tiles
 * panels into one image. Values that a log axis cannot show (t = 0, a risk ≤ 0 from rounding) are left out and
 * reported in the {@link org.sgdlimits.chart.ChartFigure}'s warnings. No physics here: charts only draw
 * {@link org.sgdlimits.trajectory.Trajectory} columns and arrays given to them.
 */
package org.sgdlimits.chart;
