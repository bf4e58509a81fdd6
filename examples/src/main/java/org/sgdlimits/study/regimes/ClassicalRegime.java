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
 * Classical regime (γ → 0 at fixed d and p, docs/theory.md §3): SGD on the exact Gram chain at dimension d for
 * decreasing γ, from one random initial Ω, against gradient flow on the population risk (the overlap ODE
 * without the noise term, {@link Regime#CLASSICAL}). Per run the deviation from gradient flow has a
 * fluctuating part O(√(γ/(pd))) and a bias O(γ/p) from the noise term, so the typical gap shrinks
 * like γ^½ (toward γ¹ when the bias dominates). The high-dimensional ODE at each γ is drawn too: its
 * late-time risk floor above gradient flow is the noise term's signature. The largest γ are also simulated on a
 * long window (through the plateau and the escape from it), a second gap trend over that window.
 */
final class ClassicalRegime {
    static final String ID = "classical";
    static final String COMPARISON = "SGD vs gradient flow";
    static final String COMPARISON_LONG = "SGD vs gradient flow long window";

    private ClassicalRegime() {
    }

    static long plannedSteps(RegimeStudySettings.Classical c) {
        long steps = 0;
        double[] gammas = c.learningRates();
        int[] longSeeds = c.longWindow().seeds();
        for (int i = 0; i < gammas.length; i++) {
            steps += c.seeds() * Math.round(c.simulationTime() * c.p() * c.dimension() / gammas[i]);
            if (i < longSeeds.length) {
                steps += longSeeds[i] * Math.round(c.longWindow().simulationTime() * c.p() * c.dimension() / gammas[i]);
            }
        }
        return steps;
    }

    static RegimeResult run(RegimeStudySettings.Classical c, long seed, int threads, StudyProgress progress) {
        StandardActivation erf = StandardActivation.ERF;
        progress.stage("classical: gradient flow");
        Overlaps initial = TeacherStudent.randomOverlaps(c.k(), c.p(), c.dimension(), seed);
        TimeGrid simGrid = TeacherStudent.logGrid(c.simulationTime(), c.points());
        TimeGrid theoryGrid = TeacherStudent.theoryGrid(c.simulationTime(), c.theoryTime());
        RegimeStudySettings.LongWindow lw = c.longWindow();
        int[] longSeeds = lw.seeds();
        double[] gammas = c.learningRates();
        SgdSettings base = SgdSettings.of(erf, erf, gammas[0]).withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        OverlapOde flow = TeacherStudent.ode(base, Regime.CLASSICAL, c.dimension());
        long f0 = System.nanoTime();
        OverlapOdeResult flowOnGrid = flow.solve(initial, simGrid);
        TimeGrid[] longGrids = new TimeGrid[lw.values()];
        OverlapOdeResult[] flowOnLongGrids = new OverlapOdeResult[lw.values()];
        for (int i = 0; i < flowOnLongGrids.length; i++) {
            longGrids[i] = TeacherStudent.shiftedLogGrid(lw.simulationTime(), lw.points(), i / (double) lw.values());
            flowOnLongGrids[i] = flow.solve(initial, longGrids[i]);
        }
        OverlapOdeResult flowLine = flow.solve(initial, theoryGrid);
        double flowSeconds = (System.nanoTime() - f0) * 1e-9;

        String xLabel = "t";
        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "classical: \u03b3 \u2192 0 at d = %d, p = %d, k = %d", c.dimension(), c.p(), c.k()), xLabel,
                StudyCharts.CHART_LABEL);
        chart.add(StudyCharts.line(flowLine.trajectory(), "gradient flow (ODE without noise term)",
                StudyCharts.REFERENCE));
        List<GapPoint> points = new ArrayList<>();
        List<GapPoint> longPoints = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < gammas.length; i++) {
            double gamma = gammas[i];
            long t0 = System.nanoTime();
            SgdSettings settings = base.withLearningRate(gamma);
            progress.stage(String.format(Locale.ROOT, "classical: SGD at \u03b3 = %s", gamma));
            EnsembleComparison.Outcome sim = EnsembleComparison.run(COMPARISON, gamma,
                    EngineKind.GRAM.create(settings), c.seeds(), seed + 1000L * (i + 1), threads, initial,
                    c.dimension(), simGrid, flowOnGrid.trajectory(), progress);
            OverlapOdeResult noisy = TeacherStudent.ode(settings, Regime.HIGH_DIMENSIONAL, c.dimension())
                    .solve(initial, theoryGrid);
            points.add(sim.gap());
            chart.add(StudyCharts.line(noisy.trajectory(), String.format(Locale.ROOT,
                    "ODE with noise term, \u03b3 = %s", gamma), StudyCharts.color(i)));
            StudyRun shortRun = run(String.format(Locale.ROOT, "gamma-%s", gamma), c, gamma, c.seeds(),
                    c.simulationTime(), sim, flowOnGrid, seed, t0);
            runs.add(withFloors(shortRun, noisy, flowLine, flowSeconds));
            EnsembleComparison.Outcome shown = sim;
            int shownSeeds = c.seeds();
            double shownWindow = c.simulationTime();
            if (i < longSeeds.length) {
                long t1 = System.nanoTime();
                progress.stage(String.format(Locale.ROOT, "classical: SGD at \u03b3 = %s to t = %s", gamma,
                        RegimeStudyWriter.parameter(lw.simulationTime())));
                EnsembleComparison.Outcome longSim = EnsembleComparison.run(COMPARISON_LONG, gamma,
                        EngineKind.GRAM.create(settings), longSeeds[i], seed + 1000L * (i + 1) + 500L, threads,
                        initial, c.dimension(), longGrids[i], flowOnLongGrids[i].trajectory(), progress);
                longPoints.add(longSim.gap());
                StudyRun longRun = run(String.format(Locale.ROOT, "gamma-%s-long", gamma), c, gamma, longSeeds[i],
                        lw.simulationTime(), longSim, flowOnLongGrids[i], seed, t1);
                runs.add(withFloors(longRun, noisy, flowLine, flowSeconds));
                shown = longSim;
                shownSeeds = longSeeds[i];
                shownWindow = lw.simulationTime();
            }
            chart.add(StudyCharts.points(shown.ensemble().trajectory(), String.format(Locale.ROOT,
                    "SGD \u03b3 = %s (%d seeds, t \u2264 %s)", gamma, shownSeeds, RegimeStudyWriter.parameter(shownWindow)),
                    i));
        }
        List<RegimeResult.GapTrend> trends = new ArrayList<>();
        trends.add(RegimeResult.GapTrend.of(COMPARISON, points, 0.5,
                "per-run fluctuations O(\u221a(\u03b3/(pd))); bias of the noise term O(\u03b3/p)", c.simulationTime()));
        if (!longPoints.isEmpty()) {
            trends.add(RegimeResult.GapTrend.of(COMPARISON_LONG, longPoints, 0.5,
                    "through the plateau: fluctuations O(\u221a(\u03b3/(pd))) amplified by the unstable escape "
                            + "direction", lw.simulationTime()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "simulated windows: t \u2264 %s at every \u03b3%s", RegimeStudyWriter.parameter(c.simulationTime()),
                lw.values() == 0 ? "" : String.format(Locale.ROOT, ", t \u2264 %s at \u03b3 = %s",
                        RegimeStudyWriter.parameter(lw.simulationTime()), leading(gammas, lw.values()))));
        if (lw.values() > 0) {
            Trajectory t = flowOnLongGrids[0].trajectory();
            Trajectory first = runs.get(1).trajectories().get("simulation");
            int mid = t.size() / 2;
            notes.add(String.format(Locale.ROOT, "long window: gradient-flow excess risk %.2e at t = %s, %.2e at t = %s; "
                            + "SGD at \u03b3 = %s: %s, %s",
                    t.value(mid, StudyCharts.CHART_COLUMN), fmt(t.time(mid)), StudyRun.last(t, StudyCharts.CHART_COLUMN),
                    RegimeStudyWriter.parameter(lw.simulationTime()), gammas[0],
                    ValueAndError.format(first.value(mid, StudyCharts.CHART_COLUMN), first.value(mid, "risk_sem")),
                    ValueAndError.format(StudyRun.last(first, StudyCharts.CHART_COLUMN), StudyRun.last(first, "risk_sem"))));
        }
        notes.add(String.format(Locale.ROOT,
                "late risk (t = %s): gradient flow %.3e; ODE with noise term %s", fmt(c.theoryTime()),
                StudyRun.last(flowLine.trajectory(), "risk"), noisyFloors(runs)));
        return new RegimeResult(ID, "classical regime (\u03b3 \u2192 0)", "gamma", trends, chart.build(),
                StudyCharts.gapChart("classical: gap to gradient flow vs \u03b3", "\u03b3", trends), runs, notes,
                0);
    }

    private static StudyRun run(String name, RegimeStudySettings.Classical c, double gamma, int seeds, double window,
                                EnsembleComparison.Outcome sim, OverlapOdeResult flow, long seed, long startNanos) {
        ObjectNode json = RunSettings.of(ID, c.k(), c.p(), gamma, "classical");
        json.put("dimension", c.dimension());
        json.put("seeds", seeds);
        json.put("engine", "gram");
        json.put("simulationTime", window);
        json.put("initial", "random overlaps at d = " + c.dimension() + ", seed " + seed + ", Q_ii = 1");
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sgdSteps", sim.ensemble().totalSteps());
        stats.put("seeds", seeds);
        return StudyRun.comparison(name, json, sim.ensemble().trajectory(), "gradient-flow", flow.trajectory(),
                sim.gap(), "risk", window, stats, startNanos);
    }

    /** The run with the noise-term ODE of its γ (trajectory and late floor) and the gradient-flow cost added. */
    private static StudyRun withFloors(StudyRun r, OverlapOdeResult noisy, OverlapOdeResult flowLine,
                                       double flowSeconds) {
        Map<String, Trajectory> traj = new LinkedHashMap<>(r.trajectories());
        traj.put("ode-noise-term", noisy.trajectory());
        Map<String, Object> results = new LinkedHashMap<>(r.results());
        results.put("lateRiskFloorOfOdeWithNoiseTerm", StudyRun.last(noisy.trajectory(), "risk"));
        results.put("lateRiskOfGradientFlow", StudyRun.last(flowLine.trajectory(), "risk"));
        Map<String, Object> stats = new LinkedHashMap<>(r.statistics());
        stats.put("gradientFlowSeconds", flowSeconds);
        stats.put("odeRhsEvaluations", noisy.statistics().evaluations());
        return new StudyRun(r.name(), r.settings(), traj, r.status(), results, stats, r.warnings(), r.snapshots(),
                r.wallSeconds());
    }

    /** The first n values, comma separated, as written in the summary. */
    static String leading(double[] values, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(RegimeStudyWriter.parameter(values[i]));
        }
        return b.toString();
    }

    /** The first n values, comma separated. */
    static String leading(int[] values, int n) {
        return leading(java.util.Arrays.stream(values).asDoubleStream().toArray(), n);
    }

    private static String noisyFloors(List<StudyRun> runs) {
        StringBuilder b = new StringBuilder();
        for (StudyRun r : runs) {
            if (r.name().endsWith("-long")) {
                continue;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            double floor = (Double) r.results().get("lateRiskFloorOfOdeWithNoiseTerm");
            b.append(String.format(Locale.ROOT, "%.3e (%s)", floor, r.name()));
        }
        return b.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
