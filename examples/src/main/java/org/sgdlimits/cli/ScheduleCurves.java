package org.sgdlimits.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.schedule.BaselineSchedules;
import org.sgdlimits.narrow.schedule.ScheduleComparison;
import org.sgdlimits.narrow.schedule.ScheduleGrid;
import org.sgdlimits.narrow.schedule.ScheduleObjective;
import org.sgdlimits.narrow.schedule.ScheduleOptimizer;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The tables, charts, run.json entries and console lines of {@code optimize-schedule} (rendering only: the
 * schedules and curves come from {@link ScheduleComparison}).
 */
final class ScheduleCurves {
    private ScheduleCurves() {
    }

    /**
     * One schedule with its objective and ODE learning curve.
     *
     * @param name       "optimal", "constant", "1/t" or "power-law"
     * @param objective  J
     * @param schedule   s(t)
     * @param trajectory the ODE run with it
     */
    record Curve(String name, double objective, LearningRateSchedule schedule, Trajectory trajectory) {
        /** Column prefix: optimal, constant, inverse_t, power_law. */
        String key() {
            return switch (name) {
                case "1/t" -> "inverse_t";
                case "power-law" -> "power_law";
                default -> name;
            };
        }
    }

    /** ε of the initial overlaps. */
    static double excessRisk(OverlapOde ode, Overlaps initial) {
        OverlapOde.Equations eq = ode.newSystem(initial);
        return eq.excessRisk(eq.initialState(initial));
    }

    /** schedule.csv: one row per piece, t = piece start; t_end, factor s, learning_rate = γ s. */
    static Trajectory scheduleTable(ScheduleOptimizer.Result r, double learningRate) {
        ScheduleGrid g = r.grid();
        double[] s = r.factors();
        double[] times = new double[g.pieces()];
        double[][] rows = new double[g.pieces()][];
        for (int j = 0; j < g.pieces(); j++) {
            times[j] = g.start(j);
            rows[j] = new double[] {g.start(j + 1), s[j], learningRate * s[j]};
        }
        return new Trajectory(List.of("t_end", "factor", "learning_rate"), times, rows,
                RunStatus.completed(g.horizon()));
    }

    /** curves.csv: for every schedule KEY, KEY_excess_risk and KEY_factor against t. */
    static Trajectory curveTable(List<Curve> curves) {
        Trajectory first = curves.get(0).trajectory();
        List<String> columns = new ArrayList<>();
        for (Curve c : curves) {
            columns.add(c.key() + "_excess_risk");
            columns.add(c.key() + "_factor");
        }
        double[][] rows = new double[first.size()][columns.size()];
        for (int i = 0; i < first.size(); i++) {
            for (int c = 0; c < curves.size(); c++) {
                Trajectory t = curves.get(c).trajectory();
                rows[i][2 * c] = i < t.size() ? t.value(i, "excess_risk") : Double.NaN;
                rows[i][2 * c + 1] = curves.get(c).schedule().factor(first.time(i));
            }
        }
        return new Trajectory(columns, first.times(), rows, first.status());
    }

    /** schedule.png: γ s(t) of the optimal schedule (steps) and of the references, linear axes. */
    static ChartFigure scheduleChart(ScheduleComparison comparison, List<Curve> curves, double learningRate,
                                     String title) {
        XYChartBuilder b = new XYChartBuilder(title, "ODE time t", "learning rate \u03b3 s(t)").logX(false)
                .logY(false);
        ScheduleGrid g = comparison.optimal().grid();
        double[] s = comparison.optimal().factors();
        double[] x = new double[2 * g.pieces()];
        double[] y = new double[2 * g.pieces()];
        for (int j = 0; j < g.pieces(); j++) {
            x[2 * j] = g.start(j);
            x[2 * j + 1] = g.start(j + 1);
            y[2 * j] = learningRate * s[j];
            y[2 * j + 1] = learningRate * s[j];
        }
        b.add(ChartSeries.line("optimal", x, y));
        for (Curve c : curves.subList(1, curves.size())) {
            double[] t = c.trajectory().times();
            double[] rate = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                rate[i] = learningRate * c.schedule().factor(t[i]);
            }
            b.add(ChartSeries.line(c.name(), t, rate));
        }
        return b.build();
    }

    /** curves.png: the ODE excess risk of every schedule, log–log. */
    static ChartFigure curveChart(List<Curve> curves, ScheduleObjective goal, String title) {
        XYChartBuilder b = new XYChartBuilder(title, "ODE time t", "excess risk \u03b5").logX(true).logY(true);
        for (Curve c : curves) {
            b.add(ChartSeries.ofColumn(c.trajectory(), "excess_risk",
                    c.name() + String.format(Locale.ROOT, " (J = %.4g)", c.objective()), ChartSeries.Style.LINE));
        }
        return b.build();
    }

    /** run.json results: the objective of each schedule, the optimal schedule (also as an experiment field). */
    static Map<String, Object> resultsJson(ScheduleComparison comparison, List<Curve> curves,
                                           Map<String, Object> options) {
        ScheduleOptimizer.Result r = comparison.optimal();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("options", options);
        m.put("objective", r.value());
        m.put("startingObjective", r.initialValue());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "piecewise-constant");
        spec.put("times", r.grid().interiorBoundaries());
        spec.put("factors", r.factors());
        m.put("schedule", spec);
        List<Map<String, Object>> refs = new ArrayList<>();
        for (BaselineSchedules.Tuned t : comparison.references()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("factor", t.factor());
            if (t.beta() > 0) {
                e.put("t0", t.t0());
                e.put("beta", t.beta());
            }
            e.put("objective", t.value());
            refs.add(e);
        }
        m.put("references", refs);
        Map<String, Object> finals = new LinkedHashMap<>();
        for (Curve c : curves) {
            Trajectory t = c.trajectory();
            finals.put(c.key(), t.size() == 0 ? Double.NaN : t.value(t.size() - 1, "excess_risk"));
        }
        m.put("finalExcessRisk", finals);
        return m;
    }

    /** The console lines: one per schedule with its objective, then the optimiser's iterations. */
    static List<String> summary(ScheduleComparison comparison, ScheduleObjective goal, double learningRate) {
        String what = goal instanceof ScheduleObjective.FinalRisk ? "final excess risk" : "time to target";
        List<String> lines = new ArrayList<>();
        ScheduleOptimizer.Result r = comparison.optimal();
        double[] s = r.factors();
        // time to risk: the pieces after the target time do not matter; report the one the run ends in
        boolean reached = goal instanceof ScheduleObjective.TimeToRisk && r.value() <= r.grid().horizon();
        int last = reached ? r.grid().pieceOf(r.value()) : s.length - 1;
        lines.add(String.format(Locale.ROOT, "optimal    %s %.5g (learning rate %.4g at t = 0 to %.4g at %s)", what,
                r.value(), learningRate * s[0], learningRate * s[last], reached ? "the target" : "T"));
        for (BaselineSchedules.Tuned t : comparison.references()) {
            String params = t.beta() == 0 ? String.format(Locale.ROOT, "learning rate %.4g", learningRate * t.factor())
                    : String.format(Locale.ROOT, "learning rate %.4g, t0 = %.4g", learningRate * t.factor(), t.t0());
            lines.add(String.format(Locale.ROOT, "%-10s %s %.5g (%s)", t.name(), what, t.value(), params));
        }
        lines.add(String.format(Locale.ROOT, "L-BFGS: %d iterations%s, %d forward and %d adjoint ODE solves",
                r.iterations(), r.converged() ? "" : " (iteration limit)", r.forwardSolves(), r.backwardSolves()));
        return lines;
    }
}
