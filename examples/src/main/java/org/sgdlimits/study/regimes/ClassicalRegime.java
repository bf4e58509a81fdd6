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
 * Classical regime (γ → 0 at fixed d and p, SPEC §3): SGD on the exact Gram chain at dimension d for
 * decreasing γ, from one random initial Ω, against gradient flow on the population risk (the overlap ODE
 * without the noise term, {@link Regime#CLASSICAL}). Per run the deviation from gradient flow has a
 * fluctuating part O(√(γ/(pd))) and a bias O(γ/p) from the noise term, so the typical gap shrinks
 * like γ^½ (toward γ¹ when the bias dominates). The high-dimensional ODE at each γ is drawn too: its
 * late-time risk floor above gradient flow is the noise term's signature.
 */
final class ClassicalRegime {
    static final String ID = "classical";

    private ClassicalRegime() {
    }

    static long plannedSteps(RegimeStudySettings.Classical c) {
        long steps = 0;
        for (double gamma : c.learningRates()) {
            steps += c.seeds() * Math.round(c.simulationTime() * c.p() * c.dimension() / gamma);
        }
        return steps;
    }

    static RegimeResult run(RegimeStudySettings.Classical c, long seed, int threads, StudyProgress progress) {
        StandardActivation erf = StandardActivation.ERF;
        progress.stage("classical: gradient flow");
        Overlaps initial = TeacherStudent.randomOverlaps(c.k(), c.p(), c.dimension(), seed);
        TimeGrid simGrid = TeacherStudent.logGrid(c.simulationTime(), c.points());
        TimeGrid theoryGrid = TeacherStudent.theoryGrid(c.simulationTime(), c.theoryTime());
        double[] gammas = c.learningRates();
        SgdSettings base = SgdSettings.of(erf, erf, gammas[0]).withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        OverlapOde flow = TeacherStudent.ode(base, Regime.CLASSICAL, c.dimension());
        long f0 = System.nanoTime();
        OverlapOdeResult flowOnGrid = flow.solve(initial, simGrid);
        OverlapOdeResult flowLine = flow.solve(initial, theoryGrid);
        double flowSeconds = (System.nanoTime() - f0) * 1e-9;

        String xLabel = "t";
        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "classical: \u03b3 \u2192 0 at d = %d, p = %d, k = %d", c.dimension(), c.p(), c.k()), xLabel,
                StudyCharts.CHART_LABEL);
        chart.add(StudyCharts.line(flowLine.trajectory(), "gradient flow (ODE without noise term)",
                StudyCharts.REFERENCE));
        List<GapPoint> points = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < gammas.length; i++) {
            double gamma = gammas[i];
            long t0 = System.nanoTime();
            SgdSettings settings = base.withLearningRate(gamma);
            progress.stage(String.format(Locale.ROOT, "classical: SGD at \u03b3 = %s", gamma));
            EnsembleComparison.Outcome sim = EnsembleComparison.run("SGD vs gradient flow", gamma,
                    EngineKind.GRAM.create(settings), c.seeds(), seed + 1000L * (i + 1), threads, initial,
                    c.dimension(), simGrid, flowOnGrid.trajectory(), progress);
            OverlapOdeResult noisy = TeacherStudent.ode(settings, Regime.HIGH_DIMENSIONAL, c.dimension())
                    .solve(initial, theoryGrid);
            points.add(sim.gap());
            chart.add(StudyCharts.line(noisy.trajectory(), String.format(Locale.ROOT,
                    "ODE with noise term, \u03b3 = %s", gamma), StudyCharts.color(i)));
            chart.add(StudyCharts.points(sim.ensemble().trajectory(), String.format(Locale.ROOT,
                    "SGD \u03b3 = %s (%d seeds)", gamma, c.seeds()), StudyCharts.color(i)));

            ObjectNode json = RunSettings.of(ID, c.k(), c.p(), gamma, "classical");
            json.put("dimension", c.dimension());
            json.put("seeds", c.seeds());
            json.put("engine", "gram");
            json.put("simulationTime", c.simulationTime());
            json.put("initial", "random overlaps at d = " + c.dimension() + ", seed " + seed + ", Q_ii = 1");
            Map<String, Trajectory> traj = new LinkedHashMap<>();
            traj.put("simulation", sim.ensemble().trajectory());
            traj.put("gradient-flow", flowOnGrid.trajectory());
            traj.put("ode-noise-term", noisy.trajectory());
            Map<String, Object> results = results(sim.gap(), sim.ensemble().trajectory(), flowOnGrid.trajectory());
            results.put("lateRiskFloorOfOdeWithNoiseTerm", last(noisy.trajectory(), "risk"));
            results.put("lateRiskOfGradientFlow", last(flowLine.trajectory(), "risk"));
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("sgdSteps", sim.ensemble().totalSteps());
            stats.put("seeds", c.seeds());
            stats.put("gradientFlowSeconds", flowSeconds);
            stats.put("odeRhsEvaluations", noisy.statistics().evaluations());
            runs.add(new StudyRun(String.format(Locale.ROOT, "gamma-%s", gamma), json, traj,
                    sim.ensemble().trajectory().status(), results, stats, List.of(), List.of(),
                    (System.nanoTime() - t0) * 1e-9));
        }
        RegimeResult.GapTrend trend = RegimeResult.GapTrend.of("SGD vs gradient flow", points, 0.5,
                "per-run fluctuations O(\u221a(\u03b3/(pd))); bias of the noise term O(\u03b3/p)");
        List<String> notes = List.of(String.format(Locale.ROOT,
                "late risk (t = %s): gradient flow %.3e; ODE with noise term %s", fmt(c.theoryTime()),
                last(flowLine.trajectory(), "risk"), noisyFloors(runs)));
        return new RegimeResult(ID, "classical regime (\u03b3 \u2192 0)", "gamma", List.of(trend), chart.build(),
                StudyCharts.gapChart("classical: gap to gradient flow vs \u03b3", "\u03b3", List.of(trend)), runs, notes,
                0);
    }

    static Map<String, Object> results(GapPoint gap, Trajectory simulation, Trajectory theory) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("comparison", gap.comparison());
        r.put("typicalRmsRelativeRiskGap", gap.gap());
        r.put("typicalRmsRelativeRiskGapSem", gap.gapError());
        r.put("rmsRelativeRiskGapOfSeedMean", gap.meanGap());
        r.put("finalSimulatedRisk", last(simulation, "risk"));
        r.put("finalSimulatedRiskSem", last(simulation, "risk_sem"));
        r.put("finalTheoryRisk", last(theory, "risk"));
        return r;
    }

    static double last(Trajectory t, String column) {
        return t.size() == 0 ? Double.NaN : t.value(t.size() - 1, column);
    }

    private static String noisyFloors(List<StudyRun> runs) {
        StringBuilder b = new StringBuilder();
        for (StudyRun r : runs) {
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
