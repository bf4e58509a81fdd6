package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftModel;
import org.sgdlimits.meanfield.dmft.GlmObservables;
import org.sgdlimits.meanfield.dmft.MarchenkoPastur;
import org.sgdlimits.meanfield.dmft.Momentum;
import org.sgdlimits.meanfield.dmft.MultiPassSimulator;
import org.sgdlimits.meanfield.dmft.RidgeClosedForm;
import org.sgdlimits.meanfield.dmft.SelectionProcess;
import org.sgdlimits.meanfield.dmft.StandardLoss;
import org.sgdlimits.meanfield.dmft.TeacherMap;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Multi-pass regime (d → ∞ at fixed α = n/d; docs/dmft.md, docs/theory.md §8.1): full-batch gradient descent on
 * ridge regression with a linear teacher and label noise, on one data set of n = α d Gaussian samples reused at
 * every step, simulated at growing d ({@link MultiPassSimulator}, one data set per seed) against the exact DMFT
 * closure ({@link DmftEngine#exact}: deterministic, no sampling), itself checked against the Marchenko–Pastur
 * closed form. The test risk of one run is a sum over the eigenvalues of XᵀX/d weighted by the squared
 * projections of w*, w(0) and the label noise on the eigenvectors: it fluctuates by O(d^(−½)) from data set to
 * data set, around a mean with an O(1/d) bias. The table's gap is the per-run one (mean over data sets of each
 * run's rms relative test-risk gap), so theory predicts the slope −½.
 */
final class MultiPassRegime {
    static final String ID = "multi-pass";
    static final String COMPARISON = "GD vs DMFT (d \u2192 \u221e, \u03b1 fixed)";
    /** Teacher norm ρ = ‖w*‖²/d of the study. */
    static final double RHO = 1.0;
    /** The largest |DMFT − Marchenko–Pastur| difference of the test risk reported as agreement to rounding. */
    static final double CLOSED_FORM_TOLERANCE = 1e-12;

    private MultiPassRegime() {
    }

    /** Per-sample gradient evaluations of the simulations: seeds · n · T per dimension. */
    static long plannedSteps(RegimeStudySettings.MultiPass m) {
        long steps = 0;
        int[] d = m.dimensions();
        int[] s = m.seeds();
        for (int i = 0; i < d.length; i++) {
            steps += s[i] * samples(m, d[i]) * m.steps();
        }
        return steps;
    }

    /** n = round(α d) (at least 1), as the simulator draws it. */
    static long samples(RegimeStudySettings.MultiPass m, int d) {
        return Math.max(1, Math.round(m.alpha() * d));
    }

    /** The learning problem: ridge, linear teacher y = h* + σζ with ρ = 1, GD, w(0) = v ⟂ w*, ‖v‖²/d = q_v. */
    static DmftModel model(RegimeStudySettings.MultiPass m) {
        return new DmftModel(m.alpha(), RHO, new TeacherMap.Linear(Math.sqrt(m.labelNoise())), StandardLoss.SQUARE,
                m.ridge(), DmftModel.constantSteps(m.stepSize(), m.steps()), SelectionProcess.FULL_BATCH,
                Momentum.NONE, 0.0, m.initialNorm());
    }

    /**
     * The recorded steps: 0, then round(T^(i/(points − 1))) for i = 0 … points − 1 (log-spaced in [1, T], the
     * recorded times of the other regimes' log grids), coinciding roundings merged.
     */
    static int[] recordedSteps(int steps, int points) {
        TreeSet<Integer> s = new TreeSet<>();
        s.add(0);
        for (int i = 0; i < points; i++) {
            s.add((int) Math.round(Math.pow(steps, i / (double) (points - 1))));
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * max over steps 0 … T of |test risk of the DMFT trajectory − test risk of the Marchenko–Pastur closed form|
     * (docs/dmft.md §3), with a quadrature exact for the polynomials in the eigenvalue of degree ≤ 2T + 2 involved.
     */
    static double closedFormDifference(DmftModel model, Trajectory dmft) {
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(model.alpha(), model.steps() + 8), model.rho(),
                model.labelNoise(), model.c0(), model.qv(), model.ridge());
        GlmObservables obs = GlmObservables.of(model);
        double worst = 0;
        for (int t = 0; t < dmft.size(); t++) {
            RidgeClosedForm.Overlaps o = form.gradientDescent(model.stepSize(0), t);
            worst = Math.max(worst, Math.abs(obs.testRisk(o.m(), o.q()) - dmft.value(t, GlmObservables.TEST_RISK)));
        }
        return worst;
    }

    static RegimeResult run(RegimeStudySettings.MultiPass m, long seed, StudyProgress progress) {
        progress.stage("multi-pass: DMFT exact closure");
        DmftModel model = model(m);
        long o0 = System.nanoTime();
        Trajectory dmft = DmftEngine.exact(model);
        double dmftSeconds = (System.nanoTime() - o0) * 1e-9;
        double closedForm = closedFormDifference(model, dmft);
        int[] recorded = recordedSteps(m.steps(), m.points());
        Trajectory dmftOnGrid = rows(dmft, recorded);
        double window = m.simulationTime();

        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "multi-pass: d \u2192 \u221e at \u03b1 = n/d = %s, GD \u03b7 = %s, ridge \u03bb = %s, \u03c3\u00b2 = %s",
                RegimeStudyWriter.parameter(m.alpha()), m.stepSize(), m.ridge(), m.labelNoise()), "t",
                "excess risk \u03b5 = R \u2212 \u03c3\u00b2/2");
        chart.add(StudyCharts.line(dmft, "DMFT d \u2192 \u221e (exact closure)", StudyCharts.REFERENCE));
        int[] dims = m.dimensions();
        int[] seeds = m.seeds();
        List<GapPoint> points = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            long t0 = System.nanoTime();
            progress.stage(String.format(Locale.ROOT, "multi-pass: GD on %d data sets at d = %d", seeds[i], d));
            MultiPassSimulator.Ensemble sim = MultiPassSimulator.ensemble(model, d, seeds[i], seed + 4000L * (i + 1));
            progress.advanced(seeds[i] * samples(m, d) * m.steps());
            List<Trajectory> each = new ArrayList<>();
            for (Trajectory r : sim.runs()) {
                each.add(rows(r, recorded));
            }
            Trajectory mean = rows(sim.mean(), recorded);
            GapPoint gap = EnsembleComparison.gap(COMPARISON, d, each, mean, dmftOnGrid, GlmObservables.TEST_RISK);
            points.add(gap);
            chart.add(StudyCharts.points(mean, String.format(Locale.ROOT, "GD d = %d (%d data sets)", d, seeds[i]),
                    i));
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("sampleGradients", seeds[i] * samples(m, d) * m.steps());
            stats.put("seeds", seeds[i]);
            stats.put("dmftSeconds", dmftSeconds);
            runs.add(StudyRun.comparison("d-" + d, settings(m, d, seeds[i], seed + 4000L * (i + 1)), mean, "dmft",
                    dmftOnGrid, gap, GlmObservables.TEST_RISK, window, stats, t0));
        }
        List<RegimeResult.GapTrend> trends = List.of(RegimeResult.GapTrend.of(COMPARISON, points, -0.5,
                "per-run fluctuations O(d^-1/2) (projections of w*, w(0), noise on the eigenvectors of X^T X/d); "
                        + "mean bias O(1/d)", window));
        return new RegimeResult(ID, "multi-pass regime (d \u2192 \u221e at fixed \u03b1)", "d", trends,
                chart.build(), StudyCharts.gapChart("multi-pass: gap to DMFT vs d", "d", trends), runs,
                notes(m, dmft, closedForm, points), 0);
    }

    private static List<String> notes(RegimeStudySettings.MultiPass m, Trajectory dmft, double closedForm,
                                      List<GapPoint> points) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "ridge regression (\u03bb = %s), linear teacher \u03c1 = 1 with label "
                        + "noise \u03c3\u00b2 = %s, n = \u03b1d samples at \u03b1 = %s reused at every step; full-batch "
                        + "GD \u03b7 = %s for T = %d steps (t \u2264 %s) from w(0) \u27c2 w*, q(0) = %s; theory: DMFT "
                        + "exact closure (deterministic); simulation: one data set per seed",
                m.ridge(), m.labelNoise(), RegimeStudyWriter.parameter(m.alpha()), m.stepSize(), m.steps(),
                RegimeStudyWriter.parameter(m.simulationTime()), RegimeStudyWriter.parameter(m.initialNorm())));
        notes.add(closedForm <= CLOSED_FORM_TOLERANCE
                ? String.format(Locale.ROOT, "DMFT exact closure vs Marchenko\u2013Pastur closed form: test risks "
                        + "agree to < %.0e at every step", CLOSED_FORM_TOLERANCE)
                : String.format(Locale.ROOT, "DMFT exact closure vs Marchenko\u2013Pastur closed form: largest test-risk "
                        + "difference %.2e (above %.0e)", closedForm, CLOSED_FORM_TOLERANCE));
        int best = 0;
        for (int t = 1; t < dmft.size(); t++) {
            if (dmft.value(t, GlmObservables.TEST_RISK) < dmft.value(best, GlmObservables.TEST_RISK)) {
                best = t;
            }
        }
        notes.add(String.format(Locale.ROOT, "DMFT test risk: %.4f at t = 0, smallest %.4f at t = %s (early "
                        + "stopping), %.4f at t = %s (overfitting the label noise)",
                dmft.value(0, GlmObservables.TEST_RISK), dmft.value(best, GlmObservables.TEST_RISK),
                ClassicalRegime.fmt(dmft.time(best)), StudyRun.last(dmft, GlmObservables.TEST_RISK),
                RegimeStudyWriter.parameter(m.simulationTime())));
        notes.add("the gap is per run (one data set): O(d^-1/2); 'seed mean' averages the data sets first, so it "
                + "holds the O(1/d) bias plus the seed noise O((seeds d)^-1/2), no single power of d at these seed "
                + "counts (" + seedsText(m) + ")");
        return notes;
    }

    private static String seedsText(RegimeStudySettings.MultiPass m) {
        StringBuilder b = new StringBuilder();
        int[] d = m.dimensions();
        int[] s = m.seeds();
        for (int i = 0; i < d.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]).append(" at d = ").append(d[i]);
        }
        return b.toString();
    }

    /** The {@code experiment} of a run's run.json, in the field names of the experiment file's dmft section. */
    private static ObjectNode settings(RegimeStudySettings.MultiPass m, int d, int seeds, long seed) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("study", "regimes");
        root.put("studyRegime", ID);
        root.put("noise", m.labelNoise());
        ObjectNode dmft = root.putObject("dmft");
        dmft.put("samplesPerDimension", m.alpha());
        dmft.put("stepSize", m.stepSize());
        dmft.put("steps", m.steps());
        dmft.put("loss", "square");
        dmft.put("teacherMap", "linear");
        dmft.put("ridge", m.ridge());
        dmft.putObject("algorithm").put("kind", "gd");
        ObjectNode initial = dmft.putObject("initial");
        initial.put("teacherOverlap", 0.0);
        initial.put("orthogonalNorm", m.initialNorm());
        dmft.put("engine", "exact");
        root.put("teacherNorm", RHO);
        root.put("dimension", d);
        root.put("seeds", seeds);
        root.put("seed", seed);
        root.put("simulationTime", m.simulationTime());
        return root;
    }

    /**
     * The rows of a per-step trajectory at the given steps (row index = step), as far as it reaches (a diverged
     * run stops early and keeps its status).
     */
    static Trajectory rows(Trajectory t, int[] steps) {
        int n = 0;
        while (n < steps.length && steps[n] < t.size()) {
            n++;
        }
        double[] times = new double[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            times[i] = t.time(steps[i]);
            rows[i] = t.row(steps[i]);
        }
        return new Trajectory(t.columns(), times, rows, t.status());
    }
}
