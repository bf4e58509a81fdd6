package org.sgdlimits.meanfield.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.EscapeResult;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalInitialCondition;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde;
import org.sgdlimits.narrow.phaseretrieval.PlateauTheory;
import org.sgdlimits.narrow.phaseretrieval.SimulatedEscape;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.overlap.Overlaps;

/**
 * Escape times of phase retrieval from the plateau (docs/theory.md §6) by every route: the ODE from the typical start,
 * the quenched ODE (average over random initial conditions), finite-d SGD (Gram chain or explicit simulator)
 * and the analytic asymptotics.
 *
 * <p>Randomness: run s (0-based) of a quenched or simulated estimate draws its initial overlaps, then (for SGD)
 * its inputs and labels, from {@link SeedStreams#stream}(seed, s). Hence sample s of {@link #quenched} and seed
 * s of {@link #simulated} start from the same initial condition (paired comparison, see {@link #noiseEffect}),
 * and results do not depend on the number of threads. Immutable and thread-safe.
 */
public final class EscapeTime {
    private final PhaseRetrievalModel model;
    private final EscapeCriterion criterion;
    private final int threads;
    private final PhaseRetrievalOde fullOde;
    private final PhaseRetrievalOde symmetricOde;

    /**
     * @param model     the phase-retrieval model (width p, g, Δ, plain or spherical; ρ = 1)
     * @param criterion escape criterion and threshold T
     * @param threads   worker threads for quenched and simulated estimates (≥ 1; results do not depend on it)
     */
    public EscapeTime(PhaseRetrievalModel model, EscapeCriterion criterion, int threads) {
        this.model = Objects.requireNonNull(model, "model");
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + "; must be an integer >= 1");
        }
        if (model.teacherNorm() != 1.0) {
            throw new IllegalArgumentException("rho: " + model.teacherNorm() + "; escape studies use rho = 1");
        }
        this.threads = threads;
        this.fullOde = new PhaseRetrievalOde(model);
        this.symmetricOde = PhaseRetrievalOde.symmetric(model);
    }

    public PhaseRetrievalModel model() { return model; }

    public EscapeCriterion criterion() { return criterion; }

    /** ODE escape from the typical start m_i = d^(−1/2), Q = I (exact symmetric engine: any p). */
    public EscapeResult typical(double dimension) {
        return symmetricOde.escapeTimeFromTypicalStart(dimension, criterion, odeTimeLimit(dimension));
    }

    /** ODE escape times from {@code samples} random initial conditions at dimension d (full O(p³) engine). */
    public EscapeStatistics quenched(long dimension, int samples, long seed) {
        requireRuns("samples", samples);
        double limit = odeTimeLimit(dimension);
        double[] t = parallel(samples, s -> {
            UniformRandomProvider rng = SeedStreams.stream(seed, s);
            Overlaps start = PhaseRetrievalInitialCondition.random(model.width(), dimension, 1.0, rng);
            return fullOde.escapeTime(start, criterion, limit);
        });
        return statistics(t);
    }

    /**
     * Quenched escape times on the O(p) reduced particle ODE ({@link ReducedParticleEscape}; closure error O(g),
     * docs/theory.md §5) for widths beyond the full engine's reach. Sample s draws its overlaps m from stream s (same law
     * as {@link #quenched}, not the same numbers).
     */
    public EscapeStatistics quenchedReduced(long dimension, int samples, long seed) {
        return quenchedReduced(new ReducedParticleEscape(model), dimension, samples, seed);
    }

    /**
     * As {@link #quenchedReduced(long, int, long)} on the corrected (low-rank) closure (docs/closure.md), exact at
     * fixed g as p grows; plain SGD only. Sample s draws the same m as sample s of the plain reduced estimate.
     */
    public EscapeStatistics quenchedCorrected(long dimension, int samples, long seed) {
        return quenchedReduced(ReducedParticleEscape.corrected(model), dimension, samples, seed);
    }

    private EscapeStatistics quenchedReduced(ReducedParticleEscape reduced, long dimension, int samples, long seed) {
        requireRuns("samples", samples);
        double limit = odeTimeLimit(dimension);
        double[] t = parallel(samples, s -> {
            double[] m = PhaseRetrievalInitialCondition.randomStudentTeacherOverlaps(model.width(), dimension, 1.0,
                    SeedStreams.stream(seed, s));
            return reduced.escapeTime(m, criterion, limit);
        });
        return statistics(t);
    }

    /**
     * SGD escape times over {@code seeds} runs at dimension d, each from a random initial condition, up to
     * {@code maxTime} (runs that have not escaped by then count as not escaped).
     */
    public EscapeStatistics simulated(int dimension, int seeds, long seed, EngineKind engine,
                                      double maxTime, double resolution, SimulationProgress progress) {
        requireRuns("seeds", seeds);
        SimulatedEscape sim = new SimulatedEscape(model, engine, resolution);
        double[] t = parallel(seeds, s -> {
            UniformRandomProvider rng = SeedStreams.stream(seed, s);
            Overlaps start = PhaseRetrievalInitialCondition.random(model.width(), dimension, 1.0, rng);
            return sim.run(start, dimension, criterion, maxTime, rng, progress);
        });
        return statistics(t);
    }

    /**
     * "Does noise matter": ODE and SGD escape times from the same random initial conditions (sample s of both
     * uses stream s), with the paired difference ODE − SGD.
     */
    public NoiseEffect noiseEffect(int dimension, int seeds, long seed, EngineKind engine, double maxTime,
                                   double resolution, SimulationProgress progress) {
        requireRuns("seeds", seeds);
        SimulatedEscape sim = new SimulatedEscape(model, engine, resolution);
        double limit = odeTimeLimit(dimension);
        double[][] rows = parallelRows(seeds, s -> {
            UniformRandomProvider rng = SeedStreams.stream(seed, s);
            Overlaps start = PhaseRetrievalInitialCondition.random(model.width(), dimension, 1.0, rng);
            EscapeResult det = fullOde.escapeTime(start, criterion, limit);
            EscapeResult sgd = sim.run(start, dimension, criterion, maxTime, rng, progress);
            return new double[] {det.escaped() ? det.time() : Double.NaN, sgd.escaped() ? sgd.time() : Double.NaN};
        });
        double[] ode = new double[seeds];
        double[] sgd = new double[seeds];
        double[] difference = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            ode[s] = rows[s][0];
            sgd[s] = rows[s][1];
            difference[s] = ode[s] - sgd[s]; // NaN unless both escaped
        }
        return new NoiseEffect(statistics(ode), statistics(sgd), statistics(difference));
    }

    /** The analytic asymptotics at dimension d (NaN where a formula does not apply, with the reason). */
    public EscapeAsymptotics asymptotics(double dimension) {
        int p = model.width();
        double g = model.reducedRate();
        double delta = model.noise();
        double threshold = criterion.threshold();
        double nan = Double.NaN;
        if (model.spherical()) {
            double rate;
            try {
                rate = PlateauTheory.sphericalGrowthRate(p, g, delta);
            } catch (IllegalArgumentException e) {
                return new EscapeAsymptotics(nan, nan, nan, nan, nan, nan, e.getMessage());
            }
            double shift = PlateauTheory.initialConditionShift(p) / rate;
            String note = "spherical SGD: linear-phase (small-T) formulas; no SGD-noise correction";
            if (criterion.kind() == EscapeCriterion.Kind.RISK) {
                double linear = PlateauTheory.sphericalRiskEscapeTime(p, dimension, g, delta, threshold);
                return new EscapeAsymptotics(nan, nan, linear + shift, nan,
                        PlateauTheory.sphericalRiskEscapeTimeFromTalks(p, dimension, g, delta, threshold), linear, note);
            }
            double typical = Math.log(threshold * dimension) / rate;
            return new EscapeAsymptotics(typical, typical, typical + shift, nan, nan, nan, note);
        }
        if (criterion.kind() == EscapeCriterion.Kind.RISK) {
            String drop = "";
            try {
                drop = String.format(java.util.Locale.ROOT, " (%.3f here%s)", PlateauTheory.of(p, g, delta)
                        .relaxationRiskDrop(), PlateauTheory.of(p, g, delta).relaxationRiskDrop() >= threshold
                        ? ": T = " + threshold + " is met before any escape" : "");
            } catch (IllegalArgumentException e) {
                drop = "";
            }
            return new EscapeAsymptotics(nan, nan, nan, nan, nan, nan, "plain SGD with the risk criterion: no asymptotic "
                    + "formula (the relaxation of q alone lowers the risk by an O(1) fraction" + drop + ")");
        }
        PlateauTheory theory;
        try {
            theory = PlateauTheory.of(p, g, delta);
        } catch (IllegalArgumentException e) {
            return new EscapeAsymptotics(nan, nan, nan, nan, nan, nan, e.getMessage());
        }
        double smallThreshold = theory.typicalEscapeTime(dimension, threshold);
        double typical = (Math.log(dimension) + escapeConstant(theory)) / theory.growthRate();
        double quenched = typical + theory.quenchedShift();
        return new EscapeAsymptotics(typical, smallThreshold, quenched, quenched - theory.sgdNoiseShift(), nan, nan,
                Double.isNaN(typical) ? "the ODE did not escape at d = " + ASYMPTOTIC_DIMENSION : "");
    }

    /** Dimension at which the constant K of the ln d law is read off the ODE (corrections O(d^(−1/2))). */
    public static final double ASYMPTOTIC_DIMENSION = 1e14;

    /**
     * K = c* t(D) − ln D at D = {@link #ASYMPTOTIC_DIMENSION}, from the exact symmetric ODE (typical start): the
     * constant of t_typ(d) = (ln d + K)/c*, including the relaxation of q and the nonlinear saturation.
     * NaN when the ODE does not escape.
     */
    public double escapeConstant(PlateauTheory theory) {
        EscapeResult r = symmetricOde.escapeTimeFromTypicalStart(ASYMPTOTIC_DIMENSION, criterion,
                odeTimeLimit(ASYMPTOTIC_DIMENSION));
        return r.escaped() ? theory.growthRate() * r.time() - Math.log(ASYMPTOTIC_DIMENSION) : Double.NaN;
    }

    /** A generous ODE time limit: far beyond any escape that happens at all. */
    double odeTimeLimit(double dimension) {
        return 100.0 * (Math.log(dimension) + 10.0);
    }

    private static void requireRuns(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + ": " + n + "; must be an integer >= 1");
        }
    }

    private static EscapeStatistics statistics(double[] times) {
        List<Double> escaped = new ArrayList<>();
        int missing = 0;
        for (double t : times) {
            if (Double.isNaN(t)) {
                missing++;
            } else {
                escaped.add(t);
            }
        }
        double[] e = new double[escaped.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = escaped.get(i);
        }
        return EscapeStatistics.of(e, missing);
    }

    // escape time of each run (NaN when not escaped), run s computed by task(s), in run order
    private double[] parallel(int runs, IntFunction<EscapeResult> task) {
        double[][] rows = parallelRows(runs, s -> {
            EscapeResult r = task.apply(s);
            return new double[] {r.escaped() ? r.time() : Double.NaN};
        });
        double[] out = new double[runs];
        for (int s = 0; s < runs; s++) {
            out[s] = rows[s][0];
        }
        return out;
    }

    private double[][] parallelRows(int runs, IntFunction<double[]> task) {
        double[][] out = new double[runs][];
        int workers = Math.min(threads, runs);
        if (workers == 1) {
            for (int s = 0; s < runs; s++) {
                out[s] = task.apply(s);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "escape-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<double[]>> futures = new ArrayList<>(runs);
            for (int s = 0; s < runs; s++) {
                final int run = s;
                futures.add(pool.submit(() -> task.apply(run)));
            }
            for (int s = 0; s < runs; s++) {
                out[s] = futures.get(s).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("escape-time estimate interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
