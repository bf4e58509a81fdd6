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
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.meanfield.DenseLowRankClosure;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleRun;
import org.sgdlimits.meanfield.ParticleSnapshot;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.snapshot.BandwidthRule;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.ParticleDriftField;
import org.sgdlimits.meanfield.pde.PdeSolution;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.meanfield.snapshot.SnapshotGrid;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Overparametrised (mean-field) regime (p → ∞ at fixed γ and d, docs/theory.md §5): for each width p, one random
 * initialisation at dimension d written as particles (m_i, q⊥_i) — so that the closure
 * Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i holds exactly at t = 0 — is run three ways: the full p×p overlap ODE
 * (d → ∞, with noise term; the reference), the particle system of the closure, and SGD (explicit network at
 * dimension d). The closure error is O(1/p) plus O(g) with g = γ/p, so the particles approach the full ODE
 * like p⁻¹; SGD fluctuates around it by O(√(γ/(pd))) per unit, which the risk (an average over p units)
 * reduces to O(√(γ/d)/p). Wider particle systems (too wide for
 * the full ODE) show the p → ∞ limit, and the widest gives density snapshots of (m, q⊥).
 */
final class MeanFieldRegime {
    static final String ID = "mean-field";

    /** Colour of the widest particle system, the p → ∞ reference of the chart. */
    private static final java.awt.Color LIMIT_GREY = new java.awt.Color(110, 110, 110);

    private MeanFieldRegime() {
    }

    static long plannedSteps(RegimeStudySettings.MeanField f) {
        long steps = 0;
        for (int p : f.widths()) {
            steps += f.seeds() * Math.round(f.simulationTime() * p * (double) f.dimension() / f.learningRate());
        }
        return steps;
    }

    static RegimeResult run(RegimeStudySettings.MeanField f, long seed, int threads, StudyProgress progress) {
        StandardActivation erf = StandardActivation.ERF;
        double gamma = f.learningRate();
        int d = f.dimension();
        TimeGrid simGrid = TeacherStudent.logGrid(f.simulationTime(), f.points());
        TimeGrid theoryGrid = TeacherStudent.theoryGrid(f.simulationTime(), f.theoryTime());
        SgdSettings settings = SgdSettings.of(erf, erf, gamma).withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        XYChartBuilder chart = new XYChartBuilder(String.format(Locale.ROOT,
                "mean-field: p \u2192 \u221e at \u03b3 = %s, d = %d, k = 1", gamma, d), "t", StudyCharts.CHART_LABEL);
        List<GapPoint> particleGaps = new ArrayList<>();
        List<GapPoint> correctedGaps = new ArrayList<>();
        List<GapPoint> sgdGaps = new ArrayList<>();
        List<StudyRun> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<org.sgdlimits.chart.ChartSeries> legend = new ArrayList<>();
        // the curves whose gaps the table reports, drawn on top of the p -> infinity reference (added last)
        List<org.sgdlimits.chart.ChartSeries> perWidth = new ArrayList<>();
        org.sgdlimits.chart.ChartSeries limit = null;
        int[] widths = f.widths();
        int colour = 0;
        for (int w = 0; w < widths.length; w++, colour++) {
            int p = widths[w];
            long t0 = System.nanoTime();
            progress.stage("mean-field: full ODE and particles at p = " + p);
            Particles particles = initialParticles(p, d, seed);
            Overlaps initial = particles.reconstructed().toOverlaps();
            long o0 = System.nanoTime();
            var fullOde = TeacherStudent.ode(settings, Regime.HIGH_DIMENSIONAL, d);
            OverlapOdeResult fullOnGrid = fullOde.solve(initial, simGrid); // its cost grows like p^3: one solve
            OverlapOdeResult fullLine = fullOnGrid;
            double fullSeconds = (System.nanoTime() - o0) * 1e-9;
            ParticleSystem system = particleSystem(p, gamma);
            long p0 = System.nanoTime();
            ParticleRun particlesOnGrid = system.run(particles, simGrid);
            double particleSeconds = (System.nanoTime() - p0) * 1e-9;
            double particleGap = TrajectoryGap.rmsRelative(particlesOnGrid.trajectory(), fullOnGrid.trajectory(),
                    "risk");
            particleGaps.add(new GapPoint("particles vs full ODE", p, particleGap, 0, particleGap, 0));
            // the corrected (low-rank) closure, dense reference of docs/closure.md §5: no O(g) bias at fixed γ
            Trajectory corrected = new DenseLowRankClosure(new PopulationDrift(GaussianMoments.forPair(erf, erf),
                    new double[] {1.0}, new double[] {1.0}, RegimeStudySettings.LABEL_NOISE), gamma / p,
                    TeacherStudent.ones(p), DenseLowRankClosure.Basis.A_AQ_AM).solve(particles.studentTeacherOverlaps(),
                    particles.orthogonalNorms(), simGrid, TeacherStudent.integrator());
            double correctedGap = TrajectoryGap.rmsRelative(corrected, fullOnGrid.trajectory(), "risk");
            correctedGaps.add(new GapPoint("corrected particles vs full ODE", p, correctedGap, 0, correctedGap, 0));

            progress.stage("mean-field: SGD at p = " + p);
            EnsembleComparison.Outcome sim = EnsembleComparison.run("SGD vs full ODE", p,
                    EngineKind.EXPLICIT.create(settings), f.seeds(), seed + 3000L * (w + 1), threads, initial, d,
                    simGrid, fullOnGrid.trajectory(), progress);
            sgdGaps.add(sim.gap());
            perWidth.add(StudyCharts.line(fullLine.trajectory(), "full ODE p = " + p, StudyCharts.color(colour)));
            perWidth.add(StudyCharts.line(particlesOnGrid.trajectory(), "particles p = " + p, StudyCharts.color(colour))
                    .drawnOpen());
            perWidth.add(StudyCharts.points(sim.ensemble().trajectory(), String.format(Locale.ROOT,
                    "SGD p = %d (%d seeds)", p, f.seeds()), StudyCharts.color(colour)));
            legend.add(StudyCharts.key("p = " + p, StudyCharts.color(colour)));

            ObjectNode json = RunSettings.of(ID, 1, p, gamma, "high-dimensional");
            json.put("dimension", d);
            json.put("seeds", f.seeds());
            json.put("engine", "explicit");
            json.put("simulationTime", f.simulationTime());
            json.put("initial", "random particles at d = " + d + ", seed " + (seed + p)
                    + " (m_i ~ N(0, 1/d), q_perp_i ~ chi2(d-1)/d), closure exact at t = 0");
            Map<String, Trajectory> traj = new LinkedHashMap<>();
            traj.put("simulation", TeacherStudent.select(sim.ensemble().trajectory(), "risk", "excess_risk",
                    "risk_sem", "excess_risk_sem"));
            traj.put("full-ode", TeacherStudent.select(fullOnGrid.trajectory(), "risk", "excess_risk"));
            traj.put("particles", particlesOnGrid.trajectory());
            Map<String, Object> results = StudyRun.comparisonResults(sim.gap(), sim.ensemble().trajectory(),
                    fullOnGrid.trajectory(), "risk");
            results.put("particlesVsFullOdeRmsRelativeRiskGap", particleGap);
            results.put("correctedParticlesVsFullOdeRmsRelativeRiskGap", correctedGap);
            results.put("g", gamma / p);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("sgdSteps", sim.ensemble().totalSteps());
            stats.put("seeds", f.seeds());
            stats.put("fullOdeSeconds", fullSeconds);
            stats.put("fullOdeRhsEvaluations", fullLine.statistics().evaluations());
            stats.put("particleSeconds", particleSeconds);
            runs.add(new StudyRun("p-" + p, json, traj, worst(sim.ensemble().trajectory(), fullLine.trajectory()),
                    results, stats, particlesOnGrid.warnings(), List.of(), (System.nanoTime() - t0) * 1e-9));
        }
        // wider particle systems: the p -> infinity limit, and the density snapshots at the widest
        int widest = f.widestWidth();
        Trajectory widestLine = null;
        ParticleRun widestSnapshots = null;
        for (int p : f.particleOnlyWidths()) {
            long t0 = System.nanoTime();
            progress.stage("mean-field: particles at p = " + p);
            Particles particles = initialParticles(p, d, seed);
            ParticleSystem system = particleSystem(p, gamma);
            ParticleRun line = system.run(particles, theoryGrid);
            if (p == widest) {
                widestLine = line.trajectory();
            }
            if (p == widest) {
                // the p -> infinity reference; narrower particle-only widths and the PDE lie on top of it (their
                // gaps to it are in the notes), so they are not drawn
                String name = "particles p = " + p + " (p \u2192 \u221e)";
                limit = StudyCharts.line(line.trajectory(), name, LIMIT_GREY).drawnOpen();
                legend.add(StudyCharts.key(name, LIMIT_GREY).drawnOpen());
            }
            Map<String, Trajectory> traj = new LinkedHashMap<>();
            traj.put("particles", line.trajectory());
            if (p == widest) {
                widestSnapshots = snapshotRun(system, particles, f);
            }
            ObjectNode json = RunSettings.of(ID, 1, p, gamma, "mean-field particles");
            json.put("dimension", d);
            json.put("initial", "random particles at d = " + d + ", seed " + (seed + p));
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("finalParticleRisk", StudyRun.last(line.trajectory(), "risk"));
            results.put("finalMeanM2", StudyRun.last(line.trajectory(), "mean_m2"));
            results.put("g", gamma / p);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("rhsEvaluations", line.statistics().evaluations());
            runs.add(new StudyRun("particles-p-" + p, json, traj, line.trajectory().status(), results, stats,
                    line.warnings(), List.of(), (System.nanoTime() - t0) * 1e-9));
        }
        PdeSolution pde = null;
        if (f.solvesPde()) {
            DensityPdeRun pdeRun = densityPde(f, theoryGrid, widestLine, widest, notes, progress);
            runs.add(pdeRun.run());
            pde = pdeRun.solution();
        }
        int snapshotIndex = indexOf(runs, "particles-p-" + widest);
        if (f.particleOnlyWidths().length == 0) {
            progress.stage("mean-field: density snapshots at p = " + widest);
            widestSnapshots = snapshotRun(particleSystem(widest, gamma), initialParticles(widest, d, seed), f);
            snapshotIndex = widths.length - 1;
        }
        // particles and PDE on one window (the union of their own): their densities can be compared panel by panel
        List<DensitySnapshot> particleSnaps = snapshots(widestSnapshots, null);
        List<DensitySnapshot> pdeSnaps = new ArrayList<>();
        if (pde != null) {
            for (PdeSolution.Snapshot s : pde.snapshots()) {
                pdeSnaps.add(DensitySnapshot.fromDensityGrid(s.time(), s.density()));
            }
        }
        List<DensitySnapshot> all = new ArrayList<>(particleSnaps);
        all.addAll(pdeSnaps);
        SnapshotGrid window = commonWindow(all);
        withSnapshots(runs, snapshotIndex, snapshots(widestSnapshots, window));
        if (pde != null) {
            List<DensitySnapshot> onWindow = new ArrayList<>();
            for (PdeSolution.Snapshot s : pde.snapshots()) {
                onWindow.add(DensitySnapshot.fromDensityGrid(s.time(), s.density(), window));
            }
            withSnapshots(runs, runs.size() - 1, onWindow);
        }
        perWidth.forEach(chart::add);
        if (limit != null) {
            chart.add(limit);
        }
        legend.add(StudyCharts.key("full p\u00d7p ODE", StudyCharts.REFERENCE));
        legend.add(StudyCharts.key("particles (closure)", StudyCharts.REFERENCE).drawnOpen());
        legend.add(StudyCharts.pointKey(String.format(Locale.ROOT, "SGD mean \u00b1 SE (%d seeds)", f.seeds()),
                StudyCharts.REFERENCE));
        chart.legend(legend);
        if (gamma / widths[0] > ParticleSystem.NOISE_WARNING_THRESHOLD) {
            notes.add(String.format(Locale.ROOT, "g = \u03b3/p = %.3g at p = %d is not small: there the closure error "
                    + "includes an O(g) part; g \u2192 0 as p grows at fixed \u03b3", gamma / widths[0], widths[0]));
        }
        RegimeResult.GapTrend closure = RegimeResult.GapTrend.of("particles vs full ODE", particleGaps, -1.0,
                "closure error O(1/p) + O(g), g = \u03b3/p", f.simulationTime());
        RegimeResult.GapTrend sgd = RegimeResult.GapTrend.of("SGD vs full ODE", sgdGaps, -1.0,
                "per-unit fluctuations O(\u221a(\u03b3/(pd))), averaged over p units in the risk", f.simulationTime());
        RegimeResult.GapTrend correctedTrend = RegimeResult.GapTrend.of("corrected particles vs full ODE",
                correctedGaps, Double.NaN, "no power law predicted: no O(g) part, exact up to the basis (at p <= 4 "
                        + "its 6 coefficients fit every pair; docs/closure.md)", f.simulationTime());
        List<RegimeResult.GapTrend> trends = List.of(closure, sgd, correctedTrend);
        return new RegimeResult(ID, "overparametrised regime (p \u2192 \u221e)", "p", trends, chart.build(),
                StudyCharts.gapChart("mean-field: gaps to the full ODE vs p", "p", trends), runs, notes, 0);
    }

    /**
     * The density PDE of the strict limit (p → ∞ at fixed γ: no self-interaction, g = 0; docs/theory.md §5, k = 1) from
     * the exact law of the random initialisation at dimension d, compared with the widest particle system
     * (same law, sampled): their gap is the PDE's discretisation error plus the sampling error O(p^(−½)).
     */
    /** The PDE run and its solution (for the snapshots). */
    private record DensityPdeRun(StudyRun run, PdeSolution solution) {
    }

    private static DensityPdeRun densityPde(RegimeStudySettings.MeanField f, TimeGrid grid, Trajectory widestParticles,
                                       int widest, List<String> notes,
                                       StudyProgress progress) {
        long t0 = System.nanoTime();
        int[] cells = f.pdeCells();
        progress.stage("mean-field: density PDE on " + cells[0] + " x " + cells[1] + " cells");
        StretchedGrid mesh = new StretchedGrid(PDE_STRETCH, PDE_M_MAX, PDE_Q_MAX, cells[0], cells[1]);
        DensityGrid initial = DensityGrid.randomInitialisation(mesh, f.dimension(), 1.0);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1.0},
                new double[] {1.0}, ParticleDriftSettings.ofWidth(Double.POSITIVE_INFINITY)
                        .withLabelNoise(RegimeStudySettings.LABEL_NOISE));
        PdeSolution sol = new ContinuityPde(new ParticleDriftField(drift, 1.0)).solve(initial, grid,
                f.snapshotTimes());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("finalRisk", StudyRun.last(sol.trajectory(), "risk"));
        results.put("finalMeanM2", StudyRun.last(sol.trajectory(), "mean_m2"));
        if (widestParticles != null) {
            double gap = TrajectoryGap.rmsRelative(widestParticles, sol.trajectory(), "risk");
            results.put("particlesVsPdeRmsRelativeRiskGap", gap);
            results.put("particlesWidth", widest);
            notes.add(String.format(Locale.ROOT, "density PDE (%d x %d cells, strict limit) vs particles p = %d: rms "
                    + "relative risk gap %.2e (grid discretisation + sampling O(p^-1/2))", cells[0], cells[1], widest, gap));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("steps", sol.steps());
        stats.put("rejectedSteps", sol.rejectedSteps());
        stats.put("maxMassError", sol.maxMassError());
        stats.put("minMass", sol.minMass());
        stats.put("cells", cells[0] * cells[1]);
        ObjectNode json = RunSettings.of(ID, 1, 0, f.learningRate(), "mean-field density PDE (p -> infinity, g = 0)");
        json.put("dimension", f.dimension());
        json.put("initial", "exact law of a random initialisation at d = " + f.dimension());
        json.put("grid", String.format(Locale.ROOT, "StretchedGrid(s = %s, mMax = %s, qMax = %s, %d x %d)",
                PDE_STRETCH, PDE_M_MAX, PDE_Q_MAX, cells[0], cells[1]));
        return new DensityPdeRun(new StudyRun("density-pde", json, Map.of("pde", sol.trajectory()),
                sol.trajectory().status(), results, stats, List.of(), List.of(), (System.nanoTime() - t0) * 1e-9),
                sol);
    }

    /** Stretch s of m = s·sinh ξ: resolves m ~ d^(−½) = 0.1 and m ~ 1 at once. */
    private static final double PDE_STRETCH = 1e-2;
    /** m domain [−2, 2] (m → 1 at recovery). */
    private static final double PDE_M_MAX = 2.0;
    /**
     * q⊥ domain [0, 1.8]: q⊥ ≈ 1 ± √(2/d) initially (chi-squared law; at d = 100, 1.8 is 5.6 standard deviations
     * up), then shrinks; the cells are spent where the mass is (no banding in the snapshots at 40 cells).
     */
    private static final double PDE_Q_MAX = 1.8;

    /** Random particles of width p at dimension d, the same seed for every width (docs/theory.md §5 closure at t = 0). */
    static Particles initialParticles(int p, int d, long seed) {
        return Particles.sampleRandom(p, d, 1.0, TeacherStudent.ones(p), new double[] {1.0}, new double[] {1.0},
                seed + p);
    }

    static ParticleSystem particleSystem(int p, double gamma) {
        ParticleDriftSettings s = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(gamma / p)
                .withLabelNoise(RegimeStudySettings.LABEL_NOISE);
        return new ParticleSystem(new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF,
                new double[] {1.0}, new double[] {1.0}, s));
    }

    /**
     * The particle run that keeps the snapshots: on the coarsest linear grid (at most 401 times) that contains every
     * snapshot time, so that each snapshot is taken at the requested time (the same times as the PDE's); on the
     * log grid of the study (nearest recorded time) if no such grid exists.
     */
    private static ParticleRun snapshotRun(ParticleSystem system, Particles particles, RegimeStudySettings.MeanField f) {
        return system.run(particles, snapshotGrid(f.snapshotTimes(), f.simulationTime(), f.points()),
                f.snapshotTimes(), List.of());
    }

    /** A linear grid on [0, end] containing every time (to 1e-9 relative), else the log grid of the study. */
    static TimeGrid snapshotGrid(double[] times, double end, int points) {
        for (int n = 2; n <= 401; n++) {
            double step = end / (n - 1);
            boolean all = true;
            for (double t : times) {
                double k = Math.rint(t / step);
                all &= Math.abs(k * step - t) <= 1e-9 * Math.max(1, end);
            }
            if (all) {
                return TimeGrid.linear(end, n);
            }
        }
        return TeacherStudent.logGrid(end, points);
    }

    /** Kernel density estimates of the kept particles, each on its own window (null) or on the given one. */
    private static List<DensitySnapshot> snapshots(ParticleRun run, SnapshotGrid window) {
        List<DensitySnapshot> out = new ArrayList<>();
        for (ParticleSnapshot s : run.snapshots()) {
            Particles q = s.particles();
            double[] m = q.studentTeacherOverlaps();
            double[] qp = q.orthogonalNorms();
            out.add(window == null ? DensitySnapshot.fromParticles(s.time(), m, qp, null, BandwidthRule.SILVERMAN)
                    : DensitySnapshot.fromParticles(s.time(), m, qp, null, window,
                    BandwidthRule.SILVERMAN.bandwidth(m, null), BandwidthRule.SILVERMAN.bandwidth(qp, null)));
        }
        return out;
    }

    /** The union of the snapshots' windows, at the default resolution. */
    static SnapshotGrid commonWindow(List<DensitySnapshot> snapshots) {
        SnapshotGrid first = snapshots.get(0).grid();
        double mLo = first.mMin();
        double mHi = first.mMax();
        double qLo = first.qMin();
        double qHi = first.qMax();
        for (DensitySnapshot s : snapshots) {
            mLo = Math.min(mLo, s.grid().mMin());
            mHi = Math.max(mHi, s.grid().mMax());
            qLo = Math.min(qLo, s.grid().qMin());
            qHi = Math.max(qHi, s.grid().qMax());
        }
        return new SnapshotGrid(mLo, mHi, SnapshotGrid.DEFAULT_CELLS, qLo, qHi, SnapshotGrid.DEFAULT_CELLS);
    }

    private static int indexOf(List<StudyRun> runs, String name) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void withSnapshots(List<StudyRun> runs, int index, List<DensitySnapshot> snapshots) {
        StudyRun r = runs.get(index);
        runs.set(index, new StudyRun(r.name(), r.settings(), r.trajectories(), r.status(), r.results(),
                r.statistics(), r.warnings(), snapshots, r.wallSeconds()));
    }

    private static org.sgdlimits.trajectory.RunStatus worst(Trajectory a, Trajectory b) {
        return a.status().diverged() ? a.status() : b.status();
    }
}
