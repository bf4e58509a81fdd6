package org.sgdlimits.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.experiment.Regime;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleRun;
import org.sgdlimits.meanfield.ParticleSnapshot;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.DenseLowRankClosure;
import org.sgdlimits.meanfield.LatentLowRankClosure;
import org.sgdlimits.meanfield.LinearCostLowRankClosure;
import org.sgdlimits.meanfield.SeriesLowRankClosure;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.ParticleDriftField;
import org.sgdlimits.meanfield.pde.PdeGridDefaults;
import org.sgdlimits.meanfield.pde.PdeSolution;
import org.sgdlimits.meanfield.pde.PhaseRetrievalLowRankField;
import org.sgdlimits.meanfield.pde.VelocityField;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.ode.DivergenceBound;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Wires a {@link MeanfieldExperiment} to one of the three mean-field engines (no physics here). All validation
 * happens in {@link #prepare}, so that bad input is reported before anything is computed or written.
 */
final class MeanfieldRunner {
    private final MeanfieldExperiment input;
    private final Experiment e;
    private final MeanfieldEngine engine;
    private final double[] snapshotTimes;
    private final ParticleDrift drift;
    /** Initial particles (null for the pde engine started from the exact random law). */
    private final Particles particles;
    private final DensityGrid density;
    private final OverlapOde fullOde;
    /** The corrected closure's drift (meanfield.closure low-rank, phase retrieval), else null. */
    private final PhaseRetrievalLowRankDrift correction;
    /** The corrected closure of other activations (meanfield.closure low-rank, O(p) latent route), else null. */
    private final LinearCostLowRankClosure latentCorrection;
    private final List<String> warnings = new ArrayList<>();

    private MeanfieldRunner(MeanfieldExperiment input, MeanfieldEngine engine, double[] snapshotTimes) {
        this.input = input;
        this.e = input.experiment();
        this.engine = engine;
        this.snapshotTimes = snapshotTimes.clone();
        MeanfieldSettings s = input.settings();
        if (e.spherical()) {
            throw new ExperimentException("spherical", "true; the mean-field engines integrate plain SGD only");
        }
        if (e.regime() == Regime.FINITE_DIMENSIONAL) {
            throw new ExperimentException("regime", "finite-dimensional is not supported by the mean-field engines; "
                    + "use high-dimensional (noise term kept) or classical (dropped)");
        }
        double end = e.time().end();
        for (double t : snapshotTimes) {
            if (!(t >= 0 && t <= end)) {
                throw new ExperimentException("--snapshots", "time " + t + "; must lie in [0, time.end = " + end + "]");
            }
        }
        if (s.component() > 0 && engine == MeanfieldEngine.PDE) {
            throw new ExperimentException("meanfield.snapshots.component", s.component() + "; the pde engine has k = 1");
        }
        int p = e.p();
        int k = e.k();
        if (engine == MeanfieldEngine.PDE) {
            if (k != 1) {
                throw new ExperimentException("teacher.k", k + "; the pde engine solves the density PDE for k = 1 "
                        + "only; use --engine particles (or full for small p)");
            }
            if (e.student().trainSecondLayer()) {
                throw new ExperimentException("student.trainSecondLayer", "true; the pde engine needs a fixed second "
                        + "layer; use --engine particles (or full for small p)");
            }
            double[] a = e.student().secondLayer();
            for (double v : a) {
                if (v != a[0]) {
                    throw new ExperimentException(s.particles() != null ? "meanfield.particles" : "student.secondLayer",
                            "second-layer weights differ (" + a[0] + " and " + v + "); the pde engine needs one "
                            + "common a for all units; use --engine particles");
                }
            }
        }
        if (engine == MeanfieldEngine.FULL && p > MeanfieldEngine.MAX_FULL_WIDTH) {
            throw new ExperimentException("student.p", p + "; the full engine (p x p overlap ODE) is limited to p <= "
                    + MeanfieldEngine.MAX_FULL_WIDTH + "; use --engine particles (O(p) per step)");
        }
        if (e.biases() != null && engine != MeanfieldEngine.PARTICLES) {
            throw new ExperimentException("student.bias", "biases are supported by the particles engine only (the "
                    + engine.id() + " engine has none); use --engine particles or remove student.bias, teacher.bias");
        }
        if (e.biases() != null && s.closure() == MeanfieldClosure.LOW_RANK) {
            throw new ExperimentException("student.bias", "biases need meanfield.closure plain (the low-rank "
                    + "closure has no biases)");
        }
        ParticleDriftSettings ds = new ParticleDriftSettings(s.selfInteraction() ? p : Double.POSITIVE_INFINITY,
                s.noiseTerm() ? e.g() / e.batchSize() : 0.0, e.noise(), e.weightDecay(),
                e.student().trainSecondLayer() ? e.secondLayerLearningRate() / e.learningRate() : 0.0, 0);
        this.drift = e.biases() != null
                ? relabel(() -> ParticleDrift.withTeacherBias(e.student().activation(), e.teacher().activation(),
                        e.teacher().P(), e.teacher().secondLayer(), ds, e.biases().teacher()), "")
                : relabel(() -> new ParticleDrift(e.student().activation(), e.teacher().activation(),
                        e.teacher().P(), e.teacher().secondLayer(), ds), "");
        boolean lowRank = s.closure() == MeanfieldClosure.LOW_RANK;
        boolean phaseRetrieval = e.student().activation() == StandardActivation.SQUARE
                && e.teacher().activation() == StandardActivation.SQUARE;
        this.correction = lowRank && phaseRetrieval ? lowRankCorrection(s, engine, ds) : null;
        boolean exactRandomLaw = engine == MeanfieldEngine.PDE && s.particles() == null
                && (s.random() != null || e.initial() instanceof InitialCondition.Random);
        this.particles = exactRandomLaw ? null : initialParticles();
        this.latentCorrection = lowRank && !phaseRetrieval ? latentCorrection(s, engine, ds) : null;
        this.density = engine == MeanfieldEngine.PDE ? initialDensity() : null;
        this.fullOde = engine == MeanfieldEngine.FULL ? fullOde() : null;
        // the closure drops Q_perp_ij for i != j: nothing is dropped at p = 1, so no warning there
        if (engine != MeanfieldEngine.FULL && !lowRank && p > 1 && s.noiseTerm()
                && ds.noiseCoefficient() > ParticleSystem.NOISE_WARNING_THRESHOLD) {
            warnings.add(String.format(Locale.ROOT, "g/B = gamma/(pB) = %.4g > %.2g is not small: the mean-field "
                    + "closure (Q_perp_ij = 0 for i != j) is biased by O(g) (docs/theory.md §5); the full overlap ODE "
                    + "(--engine full) is the reference", ds.noiseCoefficient(), ParticleSystem.NOISE_WARNING_THRESHOLD));
        }
    }

    /**
     * The engines a low-rank correction runs on (the error names meanfield.closure): the particles engine, and for
     * phase retrieval ({@code pdeAllowed}) also the density PDE, which carries h.
     */
    private void requireClosedEngine(MeanfieldEngine engine, boolean pdeAllowed) {
        if (engine == MeanfieldEngine.PARTICLES || (pdeAllowed && engine == MeanfieldEngine.PDE)) {
            return;
        }
        throw new ExperimentException(MeanfieldSettings.SECTION + ".closure", "low-rank applies to the "
                + (pdeAllowed ? "particles and pde engines" : "particles engine") + " only; the " + engine.id()
                + " engine " + (engine == MeanfieldEngine.FULL ? "keeps every overlap (nothing is closed)"
                : "has no low-rank correction for " + e.student().activation().id() + " yet")
                + "; use --engine particles" + (pdeAllowed ? " or pde" : "") + ", or closure plain");
    }

    /**
     * The low-rank correction of phase retrieval on the particles and pde engines (basis m; errors name
     * meanfield.closure / meanfield.basis).
     */
    private PhaseRetrievalLowRankDrift lowRankCorrection(MeanfieldSettings s, MeanfieldEngine engine,
                                                        ParticleDriftSettings ds) {
        String field = MeanfieldSettings.SECTION + ".closure";
        requireClosedEngine(engine, true);
        boolean unitLayers = e.k() == 1 && e.teacher().secondLayer()[0] == 1.0 && !e.student().trainSecondLayer()
                && java.util.Arrays.stream(e.student().secondLayer()).allMatch(v -> v == 1.0);
        if (!unitLayers) {
            throw new ExperimentException(field, "low-rank is implemented for phase retrieval with k = 1, a = a* = 1 "
                    + "and the second layer not trained; got k = " + e.k());
        }
        if (s.latent() != null || s.order() != 0) {
            throw new ExperimentException(MeanfieldSettings.SECTION + (s.latent() != null ? ".latent" : ".order"),
                    "applies to activations other than square; phase retrieval uses its closed form "
                    + "(docs/closure.md §3)");
        }
        if (s.basis() != MeanfieldClosure.Basis.M) {
            throw new ExperimentException(MeanfieldSettings.SECTION + ".basis", s.basis().id() + "; phase retrieval "
                    + "uses the basis m (rank 1)");
        }
        return new PhaseRetrievalLowRankDrift(e.teacher().P()[0], ds);
    }

    /**
     * The low-rank correction of any other activation (k = 1, fixed second layer, no weight decay; basis a-aq-am,
     * rank 1–3): the O(p) latent-Gaussian route (docs/closure.md §5), by the series in H (meanfield.latent series,
     * the default) or by quadrature over the latent axes.
     */
    private LinearCostLowRankClosure latentCorrection(MeanfieldSettings s, MeanfieldEngine engine,
                                                  ParticleDriftSettings ds) {
        String field = MeanfieldSettings.SECTION + ".closure";
        requireClosedEngine(engine, false);
        if (e.k() != 1) {
            throw new ExperimentException(field, "low-rank is implemented for k = 1 (teacher.k = " + e.k() + ")");
        }
        if (e.student().trainSecondLayer()) {
            throw new ExperimentException(field, "low-rank needs a fixed second layer (student.trainSecondLayer is "
                    + "true)");
        }
        if (e.weightDecay() != 0) {
            throw new ExperimentException(field, "low-rank is implemented without weight decay (weightDecay = "
                    + e.weightDecay() + ")");
        }
        if (!input.settings().selfInteraction()) {
            throw new ExperimentException(field, "low-rank for " + e.student().activation() + " needs the finite-p "
                    + "self-interaction (meanfield.selfInteraction true)");
        }
        if (s.basis() != MeanfieldClosure.Basis.A_AQ_AM) {
            throw new ExperimentException(MeanfieldSettings.SECTION + ".basis", s.basis().id() + " is the "
                    + "phase-retrieval basis; for " + e.student().activation() + " use \"basis\": \"a-aq-am\" "
                    + "with rank 1, 2 or 3");
        }
        DenseLowRankClosure.Basis basis = switch (s.rank()) {
            case 1 -> DenseLowRankClosure.Basis.A;
            case 2 -> DenseLowRankClosure.Basis.A_AQ;
            default -> DenseLowRankClosure.Basis.A_AQ_AM;
        };
        if (s.latent() == MeanfieldClosure.Latent.QUADRATURE) {
            return relabel(() -> new LatentLowRankClosure(e.student().activation(), e.teacher().activation(),
                    e.teacher().P()[0], e.teacher().secondLayer()[0], particles.secondLayer(), basis, ds,
                    LatentLowRankClosure.DEFAULT_LATENT_NODES, 0, LatentLowRankClosure.DEFAULT_LATENT_TOLERANCE),
                    field);
        }
        int order = s.order() == 0 ? SeriesLowRankClosure.DEFAULT_ORDER : s.order();
        return relabel(() -> new SeriesLowRankClosure(e.student().activation(), e.teacher().activation(),
                e.teacher().P()[0], e.teacher().secondLayer()[0], particles.secondLayer(), basis, ds, order), field);
    }

    /**
     * Validates everything and builds the engine's inputs.
     *
     * @throws IllegalArgumentException (an {@link ExperimentException} naming the field) for bad input
     */
    static MeanfieldRunner prepare(MeanfieldExperiment input, MeanfieldEngine engine, double[] snapshotTimes) {
        return new MeanfieldRunner(input, engine, snapshotTimes);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Particles initialParticles() {
        MeanfieldSettings s = input.settings();
        double[] pMat = e.teacher().P();
        double[] aStar = e.teacher().secondLayer();
        if (s.particles() != null) {
            MeanfieldSettings.ExplicitParticles x = s.particles();
            return relabel(() -> Particles.of(x.a(), x.m(), x.qPerp(), pMat, aStar), "meanfield.particles");
        }
        if (s.random() != null) {
            MeanfieldSettings.RandomStart r = s.random();
            return relabel(() -> Particles.sampleRandom(e.p(), r.dimension(), r.variance(), e.student().secondLayer(),
                    pMat, aStar, r.seed()), "meanfield.random");
        }
        if (e.initial() instanceof InitialCondition.Random r) {
            return relabel(() -> Particles.sampleRandom(e.p(), r.dimension(), r.studentSquaredNorm(),
                    e.student().secondLayer(), pMat, aStar, r.seed()), "initial.random");
        }
        Overlaps o = e.explicitInitialOverlaps().orElseThrow();
        Particles fromOverlaps = Particles.fromOverlaps(o);
        if (e.p() <= MeanfieldEngine.MAX_FULL_WIDTH) {
            double worst = 0;
            var q = fromOverlaps.reconstructed();
            for (int i = 0; i < e.p(); i++) {
                for (int j = 0; j < e.p(); j++) {
                    worst = Math.max(worst, Math.abs(q.studentOverlap(i, j) - o.studentOverlap(i, j)));
                }
            }
            if (worst > 1e-12) {
                warnings.add(String.format(Locale.ROOT, "initial.Q: the closure Q_ij = m_i P^-1 m_j^T + delta_ij "
                        + "q_perp_i drops orthogonal cross overlaps of up to %.3g; every engine (full included) "
                        + "starts from the reconstructed Q", worst));
            }
        }
        return fromOverlaps;
    }

    private DensityGrid initialDensity() {
        MeanfieldSettings.PdeGrid g = input.settings().pde();
        double pOverlap = e.teacher().P()[0];
        double stretch;
        double mMax;
        double qMax;
        if (particles == null) {
            int d;
            double variance;
            if (input.settings().random() != null) {
                d = input.settings().random().dimension();
                variance = input.settings().random().variance();
            } else {
                InitialCondition.Random r = (InitialCondition.Random) e.initial();
                d = r.dimension();
                variance = r.studentSquaredNorm();
            }
            stretch = g.stretch() != null ? g.stretch() : PdeGridDefaults.randomStartStretch(d, variance, pOverlap);
            mMax = g.mMax() != null ? g.mMax() : PdeGridDefaults.randomStartMMax(pOverlap);
            qMax = g.qMax() != null ? g.qMax() : PdeGridDefaults.randomStartQMax(variance);
            int qCells = g.qCells() != null ? g.qCells() : PdeGridDefaults.randomStartQCells(d, variance, qMax);
            StretchedGrid grid = relabel(() -> new StretchedGrid(stretch, mMax, qMax, g.xiCells(), qCells),
                    "meanfield.pde");
            int dim = d;
            return relabel(() -> DensityGrid.randomInitialisation(grid, dim, pOverlap, variance), "meanfield.pde");
        }
        double[] m = particles.studentTeacherOverlaps();
        double[] q = particles.orthogonalNorms();
        double maxM = 0;
        double maxQ = 0;
        for (int i = 0; i < m.length; i++) {
            maxM = Math.max(maxM, Math.abs(m[i]));
            maxQ = Math.max(maxQ, q[i]);
        }
        stretch = g.stretch() != null ? g.stretch() : PdeGridDefaults.particleStretch(m);
        mMax = g.mMax() != null ? g.mMax() : PdeGridDefaults.particleMMax(m, pOverlap);
        qMax = g.qMax() != null ? g.qMax() : PdeGridDefaults.particleQMax(q);
        if (maxM > mMax || maxQ > qMax) {
            warnings.add(String.format(Locale.ROOT, "meanfield.pde: initial particles outside the grid (max |m| = %.4g, "
                    + "mMax = %.4g; max q_perp = %.4g, qMax = %.4g) were put into the boundary cells", maxM, mMax,
                    maxQ, qMax));
        }
        int qCells = g.qCells() != null ? g.qCells() : PdeGridDefaults.particleQCells(q, qMax);
        StretchedGrid grid = relabel(() -> new StretchedGrid(stretch, mMax, qMax, g.xiCells(), qCells),
                "meanfield.pde");
        return DensityGrid.fromParticles(grid, m, q, null);
    }

    private OverlapOde fullOde() {
        Regime regime = input.settings().noiseTerm() ? Regime.HIGH_DIMENSIONAL : Regime.CLASSICAL;
        return ExperimentOde.of(e.toBuilder().regime(regime).build());
    }

    /** Runs the engine. */
    MeanfieldRun run() {
        return switch (engine) {
            case PARTICLES -> runParticles();
            case PDE -> runPde();
            case FULL -> runFull();
        };
    }

    private MeanfieldRun runParticles() {
        ParticleSystem system = latentCorrection != null
                ? ParticleSystem.lowRank(drift, latentCorrection, e.integrator().settings(), e.schedule().schedule())
                : correction == null ? new ParticleSystem(drift, e.integrator().settings(), e.schedule().schedule())
                : ParticleSystem.lowRank(drift, correction, e.integrator().settings(), e.schedule().schedule());
        if (e.biases() != null) {
            // per-particle biases b_i (student.bias), trained at γ_b/γ when student.trainBias (docs/theory.md §3.11)
            system = system.withBiases(e.biases().student(),
                    e.biases().trained() ? e.biases().learningRate() / e.learningRate() : 0.0);
        }
        // the same divergence bound as the overlap ODE (integrator.divergenceBound), on the particle state
        ParticleRun r = system.run(particles, e.time(), snapshotTimes,
                List.of(new DivergenceBound(e.integrator().divergenceBound())));
        List<String> w = new ArrayList<>(warnings);
        for (String x : r.warnings()) {
            if (!x.startsWith("g/B")) { // the closure warning is already in the list, worded for this command
                w.add(x);
            }
        }
        List<DensitySnapshot> snaps = new ArrayList<>();
        List<Double> requested = new ArrayList<>();
        for (ParticleSnapshot s : r.snapshots()) {
            noteNearest(s.requestedTime(), s.time(), w);
            snaps.add(snapshot(s.time(), s.particles()));
            requested.add(s.requestedTime());
        }
        noteMissing(requested, r.trajectory(), w);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("engine", "meanfield.ParticleSystem");
        stats.put("particles", particles.count());
        stats.put("selfInteractionWidth", drift.settings().width());
        stats.put("noiseCoefficient", drift.settings().noiseCoefficient());
        stats.put("closure", input.settings().closure().id());
        if (correction != null || latentCorrection != null) {
            // the corrected closure's state Q_perp_ij = h m_i m_j (i != j) is the trajectory column h
            // (final_h in run.json's results)
            stats.put("basis", input.settings().basis().id());
            stats.put("rank", input.settings().rank());
            if (latentCorrection instanceof SeriesLowRankClosure series) {
                stats.put("latent", "series");
                stats.put("order", series.order());
            } else if (latentCorrection != null) {
                stats.put("latent", "quadrature");
            }
        } else {
            stats.put("teacherFieldNodes", drift.teacherFieldNodes());
        }
        stats.put("rhsEvaluations", r.statistics().evaluations());
        stats.put("acceptedSteps", r.statistics().acceptedSteps());
        stats.put("integrationSeconds", r.statistics().wallSeconds());
        return new MeanfieldRun(r.trajectory(), snaps, requested, w, stats);
    }

    private MeanfieldRun runPde() {
        // the corrected closure carries h with the density (trajectory column h, final_h in run.json)
        VelocityField field = correction == null
                ? new ParticleDriftField(drift, e.student().secondLayer()[0], e.schedule().schedule())
                : new PhaseRetrievalLowRankField(correction, e.schedule().schedule(),
                        ParticleDriftField.DEFAULT_MASS_CUTOFF);
        MeanfieldSettings.PdeGrid g = input.settings().pde();
        ContinuityPde pde = new ContinuityPde(field, field.defaultOptions().withCfl(g.cfl())
                .withXiLimiter(g.xiLimiter()).withQLimiter(g.qLimiter()));
        long t0 = System.nanoTime();
        PdeSolution sol = pde.solve(density, e.time(), snapshotTimes);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<String> w = new ArrayList<>(warnings);
        if (sol.maxWallMass() > 1e-6) {
            w.add(String.format(Locale.ROOT, "meanfield.pde: up to %.3g of the mass reached the walls m = +-mMax or "
                    + "q_perp = qMax; enlarge mMax / qMax", sol.maxWallMass()));
        }
        // ContinuityPde returns snapshots in time order, one per distinct time: map them back to request order
        List<DensitySnapshot> snaps = new ArrayList<>();
        List<Double> requested = new ArrayList<>();
        for (double t : snapshotTimes) {
            for (PdeSolution.Snapshot s : sol.snapshots()) {
                if (s.time() == t) {
                    snaps.add(DensitySnapshot.fromDensityGrid(s.time(), s.density()));
                    requested.add(t);
                    break;
                }
            }
        }
        noteMissing(requested, sol.trajectory(), w);
        StretchedGrid cells = density.grid();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("engine", "meanfield.pde.ContinuityPde");
        stats.put("grid", cells.xiCells() + " x " + cells.qCells() + " cells, stretch " + cells.stretch() + ", mMax "
                + cells.mMax() + ", qMax " + cells.qMax());
        stats.put("limiters", "xi " + pde.options().xiLimiter().id() + ", q_perp " + pde.options().qLimiter().id());
        stats.put("initialDensity", particles == null ? "exact law of a random initialisation"
                : particles.count() + " particles deposited (moment-conserving cloud-in-cell)");
        stats.put("selfInteractionWidth", drift.settings().width());
        stats.put("noiseCoefficient", drift.settings().noiseCoefficient());
        stats.put("closure", input.settings().closure().id());
        if (correction != null) {
            stats.put("basis", input.settings().basis().id());
            stats.put("rank", input.settings().rank());
        }
        stats.put("steps", sol.steps());
        stats.put("rejectedSteps", sol.rejectedSteps());
        stats.put("maxMassError", sol.maxMassError());
        stats.put("minMass", sol.minMass());
        stats.put("maxWallMass", sol.maxWallMass());
        stats.put("integrationSeconds", seconds);
        return new MeanfieldRun(sol.trajectory(), snaps, requested, w, stats);
    }

    private MeanfieldRun runFull() {
        Overlaps start = particles.reconstructed().toOverlaps();
        OverlapOdeResult r = fullOde.solve(start, e.time());
        Trajectory t = r.trajectory();
        int p = e.p();
        int k = e.k();
        double[] pMat = e.teacher().P();
        double[] aStar = e.teacher().secondLayer();
        double[] times = t.times();
        double[][] rows = new double[t.size()][];
        Particles[] states = new Particles[t.size()];
        for (int i = 0; i < t.size(); i++) {
            states[i] = Particles.fromOverlaps(overlapsAt(t, i, p, k, pMat, aStar));
            rows[i] = new double[] {t.value(i, "risk"), t.value(i, "excess_risk"), states[i].meanTeacherAlignment(),
                    states[i].meanOrthogonalNorm()};
        }
        Trajectory mf = new Trajectory(ParticleSystem.COLUMNS, times, rows, t.status());
        List<String> w = new ArrayList<>(warnings);
        List<DensitySnapshot> snaps = new ArrayList<>();
        List<Double> requested = new ArrayList<>();
        double reached = t.status().diverged() ? t.status().time() : e.time().end();
        for (double req : snapshotTimes) {
            int best = -1;
            for (int i = 0; i < times.length; i++) {
                if (best < 0 || Math.abs(times[i] - req) < Math.abs(times[best] - req)) {
                    best = i;
                }
            }
            if (best >= 0 && req <= reached && finite(rows[best]) && finite(states[best])) {
                noteNearest(req, times[best], w);
                snaps.add(snapshot(times[best], states[best]));
                requested.add(req);
            }
        }
        noteMissing(requested, mf, w);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("engine", "narrow.OverlapOde on the reconstructed Q");
        stats.put("drift", fullOde.newSystem(start).closedForm()
                ? "closed-form phase retrieval (narrow.phaseretrieval.PhaseRetrievalDrift)"
                : "Gaussian moments (dynamics.PopulationDrift)");
        stats.put("regime", fullOde.regime().id());
        stats.put("rhsEvaluations", r.statistics().evaluations());
        stats.put("acceptedSteps", r.statistics().acceptedSteps());
        stats.put("integrationSeconds", r.statistics().wallSeconds());
        return new MeanfieldRun(mf, snaps, requested, w, stats);
    }

    private static Overlaps overlapsAt(Trajectory t, int row, int p, int k, double[] pMat, double[] aStar) {
        double[] m = new double[p * k];
        double[] q = new double[p * p];
        double[] a = new double[p];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                m[i * k + r] = t.value(row, "M_" + i + "_" + r);
            }
            for (int j = 0; j < p; j++) {
                q[i * p + j] = t.value(row, "Q_" + i + "_" + j);
            }
            a[i] = t.value(row, "a_" + i);
        }
        return Overlaps.unchecked(p, k, q, m, pMat, a, aStar);
    }

    private DensitySnapshot snapshot(double time, Particles state) {
        int k = state.teacherWidth();
        int r = input.settings().component();
        double[] all = state.studentTeacherOverlaps();
        double[] m = new double[state.count()];
        for (int i = 0; i < m.length; i++) {
            m[i] = all[i * k + r];
        }
        return DensitySnapshot.fromParticles(time, m, state.orthogonalNorms(), null, input.settings().bandwidth());
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(Particles p) {
        return finite(p.studentTeacherOverlaps()) && finite(p.orthogonalNorms());
    }

    /** Warns about requested snapshot times the run did not reach (it diverged or stopped before them). */
    private void noteMissing(List<Double> taken, Trajectory t, List<String> w) {
        for (double req : snapshotTimes) {
            if (!taken.contains(req)) {
                w.add(String.format(Locale.ROOT, "snapshot at t = %s not taken: the run ended at t = %.6g (%s)",
                        req, t.status().time(), t.status().cause()));
            }
        }
    }

    private static void noteNearest(double requested, double taken, List<String> w) {
        if (Math.abs(requested - taken) > 1e-9 * Math.max(1.0, Math.abs(requested))) {
            w.add(String.format(Locale.ROOT, "snapshot at t = %s taken at the nearest recorded time t = %.6g (add "
                    + "time.points or use linear spacing to hit it exactly)", requested, taken));
        }
    }

    private static <T> T relabel(java.util.function.Supplier<T> build, String field) {
        try {
            return build.get();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            String m = String.valueOf(x.getMessage());
            throw new ExperimentException(field, m);
        } catch (UnsupportedOperationException x) {
            throw new ExperimentException("student.activation", "not supported by the mean-field drift: "
                    + x.getMessage());
        }
    }
}
