package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.io.ValueAndError;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * High-dimensional regime (d → ∞ at fixed γ and p, Saad &amp; Solla 1995; docs/theory.md §3): SGD on the exact Gram chain
 * at growing d, all from the same initial Ω (random overlaps drawn at a dimension d₀, whose symmetry breaking
 * |M| ~ d₀^(−½) sets when the students escape the Saad–Solla plateau), against the d → ∞ overlap ODE with its
 * noise term. Per run the deviation is O(√(g/d)) over unit time (plus an O(1/d) bias), so the
 * typical gap shrinks like d^(−½). Gradient flow (no noise term) is drawn for reference: the late-time
 * risk floor of the full ODE above it is set by g = γ/p and Δ. The smallest dimensions are also simulated on a
 * long window (into the plateau and through the specialisation), a second gap trend over that window.
 */
final class HighDimensionalRegime {
    static final String ID = "high-dimensional";
    static final String COMPARISON = "SGD vs ODE (d \u2192 \u221e)";
    static final String COMPARISON_LONG = "SGD vs ODE (d \u2192 \u221e) long window";

    private HighDimensionalRegime() {
    }

    static long plannedSteps(RegimeStudySettings.HighDimensional h) {
        long steps = 0;
        int[] d = h.dimensions();
        int[] s = h.seeds();
        int[] longSeeds = h.longWindow().seeds();
        for (int i = 0; i < d.length; i++) {
            steps += s[i] * Math.round(h.simulationTime() * h.p() * (double) d[i] / h.learningRate());
            if (i < longSeeds.length) {
                steps += longSeeds[i] * Math.round(h.longWindow().simulationTime() * h.p() * (double) d[i]
                        / h.learningRate());
            }
        }
        return steps;
    }

    static RegimeResult run(RegimeStudySettings.HighDimensional h, long seed, int threads, StudyProgress progress) {
        StandardActivation erf = StandardActivation.ERF;
        progress.stage("high-dimensional: ODE");
        int[] dims = h.dimensions();
        int[] seeds = h.seeds();
        RegimeStudySettings.LongWindow lw = h.longWindow();
        int[] longSeeds = lw.seeds();
        Overlaps initial = TeacherStudent.randomOverlaps(h.k(), h.p(), h.initialDimension(), seed);
        TimeGrid simGrid = TeacherStudent.logGrid(h.simulationTime(), h.points());
        TimeGrid theoryGrid = TeacherStudent.theoryGrid(h.simulationTime(), h.theoryTime());
        SgdSettings settings = SgdSettings.of(erf, erf, h.learningRate())
                .withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        long o0 = System.nanoTime();
        OverlapOde ode = TeacherStudent.ode(settings, Regime.HIGH_DIMENSIONAL, h.initialDimension());
        OverlapOdeResult odeOnGrid = ode.solve(initial, simGrid);
        TimeGrid[] longGrids = new TimeGrid[lw.values()];
        OverlapOdeResult[] odeOnLongGrids = new OverlapOdeResult[lw.values()];
        for (int i = 0; i < odeOnLongGrids.length; i++) {
            longGrids[i] = TeacherStudent.shiftedLogGrid(lw.simulationTime(), lw.points(), i / (double) lw.values());
            odeOnLongGrids[i] = ode.solve(initial, longGrids[i]);
        }
        OverlapOdeResult odeLine = ode.solve(initial, theoryGrid);
        OverlapOdeResult flowLine = TeacherStudent.ode(settings, Regime.CLASSICAL, h.initialDimension())
                .solve(initial, theoryGrid);
        double odeSeconds = (System.nanoTime() - o0) * 1e-9;

        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "high-dimensional: d \u2192 \u221e at \u03b3 = %s, p = %d, k = %d", h.learningRate(), h.p(), h.k()),
                "t", StudyCharts.CHART_LABEL);
        chart.add(StudyCharts.line(odeLine.trajectory(), "ODE d \u2192 \u221e (with noise term)",
                StudyCharts.REFERENCE));
        chart.add(StudyCharts.line(flowLine.trajectory(), "gradient flow (no noise term)", StudyCharts.color(6)));
        List<GapPoint> points = new ArrayList<>();
        List<GapPoint> longPoints = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            long t0 = System.nanoTime();
            progress.stage("high-dimensional: SGD at d = " + d);
            EnsembleComparison.Outcome sim = EnsembleComparison.run(COMPARISON, d,
                    EngineKind.GRAM.create(settings), seeds[i], seed + 2000L * (i + 1), threads, initial, d, simGrid,
                    odeOnGrid.trajectory(), progress);
            points.add(sim.gap());
            runs.add(run("d-" + d, h, d, seeds[i], h.simulationTime(), sim, odeOnGrid, seed, odeSeconds, t0));
            if (i < longSeeds.length) {
                long t1 = System.nanoTime();
                progress.stage(String.format(Locale.ROOT, "high-dimensional: SGD at d = %d to t = %s", d,
                        RegimeStudyWriter.parameter(lw.simulationTime())));
                EnsembleComparison.Outcome longSim = EnsembleComparison.run(COMPARISON_LONG, d,
                        EngineKind.GRAM.create(settings), longSeeds[i], seed + 2000L * (i + 1) + 1000L, threads,
                        initial, d, longGrids[i], odeOnLongGrids[i].trajectory(), progress);
                longPoints.add(longSim.gap());
                runs.add(run("d-" + d + "-long", h, d, longSeeds[i], lw.simulationTime(), longSim, odeOnLongGrids[i],
                        seed, odeSeconds, t1));
                chart.add(StudyCharts.points(longSim.ensemble().trajectory(), String.format(Locale.ROOT,
                        "SGD d = %d (%d seeds, t \u2264 %s)", d, longSeeds[i], RegimeStudyWriter.parameter(lw.simulationTime())),
                        i));
            } else {
                chart.add(StudyCharts.points(sim.ensemble().trajectory(), String.format(Locale.ROOT,
                        "SGD d = %d (%d seeds, t \u2264 %s)", d, seeds[i], RegimeStudyWriter.parameter(h.simulationTime())),
                        i));
            }
        }
        List<RegimeResult.GapTrend> trends = new ArrayList<>();
        trends.add(RegimeResult.GapTrend.of(COMPARISON, points, -0.5,
                "per-run fluctuations O(\u221a(g/d)), bias O(1/d)", h.simulationTime()));
        if (!longPoints.isEmpty()) {
            trends.add(RegimeResult.GapTrend.of(COMPARISON_LONG, longPoints, -0.5,
                    "through the plateau: fluctuations O(\u221a(g/d)) amplified by the unstable escape direction",
                    lw.simulationTime()));
        }
        double floor = StudyRun.last(odeLine.trajectory(), "risk");
        double flow = StudyRun.last(flowLine.trajectory(), "risk");
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "simulated windows: t \u2264 %s at every d%s; initial \u03a9: random "
                        + "overlaps at d\u2080 = %d (seed %d), the same at every d", RegimeStudyWriter.parameter(h.simulationTime()),
                lw.values() == 0 ? "" : String.format(Locale.ROOT, ", t \u2264 %s at d = %s",
                        RegimeStudyWriter.parameter(lw.simulationTime()), ClassicalRegime.leading(dims, lw.values())),
                h.initialDimension(), seed));
        if (lw.values() > 0) {
            Trajectory t = odeOnLongGrids[0].trajectory();
            Trajectory first = runs.get(1).trajectories().get("simulation");
            int mid = t.size() / 2;
            notes.add(String.format(Locale.ROOT, "long window: ODE excess risk %.2e at t = %s, %.2e at t = %s; SGD at "
                            + "d = %d: %s, %s", t.value(mid, StudyCharts.CHART_COLUMN),
                    ClassicalRegime.fmt(t.time(mid)), StudyRun.last(t, StudyCharts.CHART_COLUMN),
                    RegimeStudyWriter.parameter(lw.simulationTime()), dims[0],
                    ValueAndError.format(first.value(mid, StudyCharts.CHART_COLUMN), first.value(mid, "risk_sem")),
                    ValueAndError.format(StudyRun.last(first, StudyCharts.CHART_COLUMN),
                            StudyRun.last(first, "risk_sem"))));
        }
        notes.add(String.format(Locale.ROOT,
                "late risk (t = %s): ODE with noise term %.4e vs gradient flow %.4e (\u0394/2 = %.1e): excess floor "
                        + "%.2e from g = \u03b3/p = %s and \u0394", ClassicalRegime.fmt(h.theoryTime()), floor, flow,
                RegimeStudySettings.LABEL_NOISE / 2, floor - flow, h.learningRate() / h.p()));
        return new RegimeResult(ID, "high-dimensional regime (d \u2192 \u221e)", "d", trends, chart.build(),
                StudyCharts.gapChart("high-dimensional: gap to the ODE vs d", "d", trends), runs, notes, 0);
    }

    private static StudyRun run(String name, RegimeStudySettings.HighDimensional h, int d, int seeds, double window,
                                EnsembleComparison.Outcome sim, OverlapOdeResult ode, long seed, double odeSeconds,
                                long startNanos) {
        ObjectNode json = RunSettings.of(ID, h.k(), h.p(), h.learningRate(), "high-dimensional");
        json.put("dimension", d);
        json.put("seeds", seeds);
        json.put("engine", "gram");
        json.put("simulationTime", window);
        json.put("initial", "random overlaps at d = " + h.initialDimension() + ", seed " + seed
                + ", Q_ii = 1 (same at every d)");
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sgdSteps", sim.ensemble().totalSteps());
        stats.put("seeds", seeds);
        stats.put("odeSeconds", odeSeconds);
        return StudyRun.comparison(name, json, sim.ensemble().trajectory(), "ode", ode.trajectory(), sim.gap(),
                "risk", window, stats, startNanos);
    }
}
