package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.experiment.Regime;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * High-dimensional regime (d → ∞ at fixed γ and p, Saad &amp; Solla 1995; SPEC §3): SGD on the exact Gram chain
 * at growing d, all from the same initial Ω (the random overlaps of the smallest d), against the d → ∞ overlap
 * ODE with its noise term. Per run the deviation is O(√(g/d)) over unit time (plus an O(1/d) bias), so the
 * typical gap shrinks like d^(−½). Gradient flow (no noise term) is drawn for reference: the late-time
 * risk floor of the full ODE above it is set by g = γ/p and Δ.
 */
final class HighDimensionalRegime {
    static final String ID = "high-dimensional";

    private HighDimensionalRegime() {
    }

    static long plannedSteps(RegimeStudySettings.HighDimensional h) {
        long steps = 0;
        int[] d = h.dimensions();
        int[] s = h.seeds();
        for (int i = 0; i < d.length; i++) {
            steps += s[i] * Math.round(h.simulationTime() * h.p() * (double) d[i] / h.learningRate());
        }
        return steps;
    }

    static RegimeResult run(RegimeStudySettings.HighDimensional h, long seed, int threads, StudyProgress progress) {
        StandardActivation erf = StandardActivation.ERF;
        progress.stage("high-dimensional: ODE");
        int[] dims = h.dimensions();
        int[] seeds = h.seeds();
        Overlaps initial = TeacherStudent.randomOverlaps(h.k(), h.p(), dims[0], seed);
        TimeGrid simGrid = TeacherStudent.logGrid(h.simulationTime(), h.points());
        TimeGrid theoryGrid = TeacherStudent.theoryGrid(h.simulationTime(), h.theoryTime());
        SgdSettings settings = SgdSettings.of(erf, erf, h.learningRate())
                .withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        long o0 = System.nanoTime();
        OverlapOde ode = TeacherStudent.ode(settings, Regime.HIGH_DIMENSIONAL, dims[0]);
        OverlapOdeResult odeOnGrid = ode.solve(initial, simGrid);
        OverlapOdeResult odeLine = ode.solve(initial, theoryGrid);
        OverlapOdeResult flowLine = TeacherStudent.ode(settings, Regime.CLASSICAL, dims[0])
                .solve(initial, theoryGrid);
        double odeSeconds = (System.nanoTime() - o0) * 1e-9;

        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "high-dimensional: d \u2192 \u221e at \u03b3 = %s, p = %d, k = %d", h.learningRate(), h.p(), h.k()),
                "t", StudyCharts.CHART_LABEL);
        chart.add(StudyCharts.line(odeLine.trajectory(), "ODE d \u2192 \u221e (with noise term)",
                StudyCharts.REFERENCE));
        chart.add(StudyCharts.line(flowLine.trajectory(), "gradient flow (no noise term)", StudyCharts.color(6)));
        List<GapPoint> points = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            long t0 = System.nanoTime();
            progress.stage("high-dimensional: SGD at d = " + d);
            EnsembleComparison.Outcome sim = EnsembleComparison.run("SGD vs ODE (d \u2192 \u221e)", d,
                    EngineKind.GRAM.create(settings), seeds[i], seed + 2000L * (i + 1), threads, initial, d, simGrid,
                    odeOnGrid.trajectory(), progress);
            points.add(sim.gap());
            chart.add(StudyCharts.points(sim.ensemble().trajectory(), String.format(Locale.ROOT,
                    "SGD d = %d (%d seeds)", d, seeds[i]), StudyCharts.color(i)));

            ObjectNode json = RunSettings.of(ID, h.k(), h.p(), h.learningRate(), "high-dimensional");
            json.put("dimension", d);
            json.put("seeds", seeds[i]);
            json.put("engine", "gram");
            json.put("simulationTime", h.simulationTime());
            json.put("initial", "random overlaps at d = " + dims[0] + ", seed " + seed
                    + ", Q_ii = 1 (same at every d)");
            Map<String, Trajectory> traj = new LinkedHashMap<>();
            traj.put("simulation", sim.ensemble().trajectory());
            traj.put("ode", odeOnGrid.trajectory());
            Map<String, Object> results = ClassicalRegime.results(sim.gap(), sim.ensemble().trajectory(),
                    odeOnGrid.trajectory());
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("sgdSteps", sim.ensemble().totalSteps());
            stats.put("seeds", seeds[i]);
            stats.put("odeSeconds", odeSeconds);
            runs.add(new StudyRun("d-" + d, json, traj, sim.ensemble().trajectory().status(), results, stats,
                    List.of(), List.of(), (System.nanoTime() - t0) * 1e-9));
        }
        RegimeResult.GapTrend trend = RegimeResult.GapTrend.of("SGD vs ODE (d \u2192 \u221e)", points, -0.5,
                "per-run fluctuations O(\u221a(g/d)), bias O(1/d)");
        double floor = ClassicalRegime.last(odeLine.trajectory(), "risk");
        double flow = ClassicalRegime.last(flowLine.trajectory(), "risk");
        List<String> notes = List.of(String.format(Locale.ROOT,
                "late risk (t = %s): ODE with noise term %.4e vs gradient flow %.4e (\u0394/2 = %.1e): excess floor "
                        + "%.2e from g = \u03b3/p = %s and \u0394", ClassicalRegime.fmt(h.theoryTime()), floor, flow,
                RegimeStudySettings.LABEL_NOISE / 2, floor - flow, h.learningRate() / h.p()));
        return new RegimeResult(ID, "high-dimensional regime (d \u2192 \u221e)", "d", List.of(trend), chart.build(),
                StudyCharts.gapChart("high-dimensional: gap to the ODE vs d", "d", List.of(trend)), runs, notes, 0);
    }
}
