package org.sgdlimits.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleRun;
import org.sgdlimits.meanfield.ParticleSnapshot;
import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.LinearCostLowRankClosure;
import org.sgdlimits.meanfield.SeriesLowRankClosure;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.PdeSolution;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.meanfield.factory.ClosureFactory;
import org.sgdlimits.meanfield.factory.DensityPdeFactory;
import org.sgdlimits.meanfield.factory.FullOdeFactory;
import org.sgdlimits.meanfield.factory.MeanfieldClosure;
import org.sgdlimits.meanfield.factory.ParticleSystemFactory;
import org.sgdlimits.validation.FieldPath;
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
        ParticleSystemFactory.requireSupported(e);
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
            DensityPdeFactory.requireSupported(e, s.particles() != null ? FieldPath.of("meanfield", "particles")
                    : FieldPath.of("student", "secondLayer"), "use --engine particles");
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
        ParticleDriftSettings ds = ParticleSystemFactory.driftSettings(e, s.selfInteraction(), s.noiseTerm());
        this.drift = ParticleSystemFactory.drift(e, ds);
        boolean lowRank = s.closure() == MeanfieldClosure.LOW_RANK;
        boolean phaseRetrieval = ClosureFactory.isPhaseRetrieval(e);
        if (lowRank && phaseRetrieval) {
            requireClosedEngine(engine, true);
            this.correction = ClosureFactory.phaseRetrieval(e, s.basis(), s.latent(), s.order(), ds);
        } else {
            this.correction = null;
        }
        boolean exactRandomLaw = engine == MeanfieldEngine.PDE && s.particles() == null
                && (s.random() != null || e.initial() instanceof InitialCondition.Random);
        this.particles = exactRandomLaw ? null : initialParticles();
        if (lowRank && !phaseRetrieval) {
            requireClosedEngine(engine, false);
            this.latentCorrection = ClosureFactory.latent(e, particles, s.basis(), s.rank(), s.selfInteraction(),
                    s.latent(), s.order(), ds);
        } else {
            this.latentCorrection = null;
        }
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
        if (s.particles() != null) {
            MeanfieldSettings.ExplicitParticles x = s.particles();
            return ParticleSystemFactory.explicitParticles(e, x.a(), x.m(), x.qPerp(),
                    FieldPath.of("meanfield", "particles"));
        }
        if (s.random() != null) {
            MeanfieldSettings.RandomStart r = s.random();
            return ParticleSystemFactory.randomParticles(e, r.dimension(), r.variance(), r.seed(),
                    FieldPath.of("meanfield", "random"));
        }
        return ParticleSystemFactory.initialParticles(e, warnings);
    }

    private DensityGrid initialDensity() {
        DensityPdeFactory.Grid g = input.settings().pde();
        if (particles != null) {
            return DensityPdeFactory.particleDensity(e, g, particles, warnings);
        }
        if (input.settings().random() != null) {
            MeanfieldSettings.RandomStart r = input.settings().random();
            return DensityPdeFactory.randomStartDensity(e, g, r.dimension(), r.variance());
        }
        InitialCondition.Random r = (InitialCondition.Random) e.initial();
        return DensityPdeFactory.randomStartDensity(e, g, r.dimension(), r.studentSquaredNorm());
    }

    private OverlapOde fullOde() {
        return FullOdeFactory.of(e, input.settings().noiseTerm());
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
        ParticleSystem system = ParticleSystemFactory.system(e, drift, correction, latentCorrection);
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
        ContinuityPde pde = DensityPdeFactory.pde(e, input.settings().pde(), drift, correction);
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
}
