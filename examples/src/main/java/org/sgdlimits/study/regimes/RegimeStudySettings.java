package org.sgdlimits.study.regimes;

import java.util.Arrays;

/**
 * Sizes of the regime-comparison study (Arnaboldi, Stephan, Krzakala, Loureiro 2023; docs/theory.md §3 "Regimes"). The
 * physical parameters follow the talk (erf student and teacher, Δ = 10⁻³); the sizes (dimensions, seeds, time
 * horizons) set the cost. Presets: {@link #defaults()} (a few minutes on 2 cores), {@link #quick()} (under a
 * minute), {@link #tiny()} (end-to-end tests).
 *
 * <p>Time is ODE time t = νγ/(pd) after ν SGD steps. A simulation to time T costs T·p·d/γ steps per seed.
 *
 * @param classical      γ → 0 at fixed d and p
 * @param highDimensional d → ∞ at fixed γ and p
 * @param meanField      p → ∞ at fixed γ and d
 * @param multiPass      multi-pass gradient descent on n = α d samples: d → ∞ at fixed α (DMFT)
 * @param seed           base random seed (initial overlaps and SGD streams derive from it)
 * @param threads        worker threads for the simulations (results do not depend on it)
 */
public record RegimeStudySettings(Classical classical, HighDimensional highDimensional, MeanField meanField,
                                  MultiPass multiPass, long seed, int threads) {

    /** Label-noise variance Δ of every regime (the talk's value). */
    public static final double LABEL_NOISE = 1e-3;

    public RegimeStudySettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + "; must be an integer >= 1");
        }
    }

    /**
     * Classical regime: erf, k teacher and p student units, simulations at dimension d for each learning rate
     * γ (descending), compared with gradient flow on the population risk (the ODE without the noise term).
     *
     * @param k              teacher units
     * @param p              student units
     * @param dimension      d of every simulation (also of the random initial overlaps)
     * @param learningRates  γ values, at least 2, each in (0, 1]
     * @param seeds          SGD runs per γ, at least 2
     * @param simulationTime end T of the simulated window
     * @param theoryTime     end of the theory curves drawn (≥ T)
     * @param points         recorded times of the simulations (log grid, t = 0 included)
     * @param longWindow     longer simulations at the largest γ values (through the plateau), or
     *                       {@link LongWindow#none()}
     */
    public record Classical(int k, int p, int dimension, double[] learningRates, int seeds, double simulationTime,
                            double theoryTime, int points, LongWindow longWindow) {
        public Classical {
            requireSizes("classical", k, p, dimension, seeds, simulationTime, theoryTime, points);
            learningRates = requireValues("classical.learningRates", learningRates, 0, 1);
            longWindow.require("classical.longWindow", learningRates.length, simulationTime, theoryTime);
        }

        @Override
        public double[] learningRates() {
            return learningRates.clone();
        }
    }

    /**
     * High-dimensional regime: erf, k teacher and p student units, fixed γ, simulations at growing d (one
     * initial Ω for all d), compared with the d → ∞ ODE including the noise term.
     *
     * @param dimensions     d values, ascending, at least 2
     * @param seeds          SGD runs per d (same length as dimensions), each ≥ 2
     * @param simulationTime end T of the simulated window
     * @param theoryTime     end of the theory curves drawn (≥ T)
     * @param points         recorded times of the simulations (log grid, t = 0 included)
     * @param initialDimension d₀ of the random initial overlaps shared by every d (|M| ~ d₀^(−½): the smaller
     *                       d₀, the larger the initial symmetry breaking and the earlier the escape from the
     *                       Saad–Solla plateau); at least p + k + 1
     * @param longWindow     longer simulations at the smallest dimensions (into the plateau and through the
     *                       specialisation), or {@link LongWindow#none()}
     */
    public record HighDimensional(int k, int p, double learningRate, int[] dimensions, int[] seeds,
                                  double simulationTime, double theoryTime, int points, int initialDimension,
                                  LongWindow longWindow) {
        public HighDimensional {
            requireSizes("highDimensional", k, p, dimensions.length == 0 ? 0 : dimensions[0],
                    seeds.length == 0 ? 0 : Arrays.stream(seeds).min().getAsInt(), simulationTime, theoryTime, points);
            requireDimensionsAndSeeds("highDimensional", dimensions, seeds, p + k + 1);
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("highDimensional.learningRate: " + learningRate + "; must be > 0");
            }
            if (initialDimension < p + k + 1) {
                throw new IllegalArgumentException("highDimensional.initialDimension: " + initialDimension
                        + "; must be >= p + k + 1 = " + (p + k + 1));
            }
            longWindow.require("highDimensional.longWindow", dimensions.length, simulationTime, theoryTime);
            dimensions = dimensions.clone();
            seeds = seeds.clone();
        }

        @Override
        public int[] dimensions() {
            return dimensions.clone();
        }

        @Override
        public int[] seeds() {
            return seeds.clone();
        }
    }

    /**
     * A longer simulated window at the cheapest leading parameter values of a regime (the largest γ of the
     * classical regime, the smallest d of the high-dimensional one), so that the simulations reach the
     * Saad–Solla plateau and the specialisation the short window misses. Its gaps are a separate trend,
     * computed over this window only.
     *
     * @param seeds          SGD runs at each of the first {@code seeds.length} parameter values (each ≥ 2; empty
     *                       for no long window)
     * @param simulationTime end of the long window (above the short window's end, at most the theory time)
     * @param points         recorded times (log grid, t = 0 included), ≥ 3
     */
    public record LongWindow(int[] seeds, double simulationTime, int points) {
        public LongWindow {
            seeds = seeds.clone();
            for (int s : seeds) {
                if (s < 2) {
                    throw new IllegalArgumentException("longWindow.seeds: " + Arrays.toString(seeds)
                            + "; each must be >= 2 (for standard errors)");
                }
            }
            if (seeds.length > 0 && points < 3) {
                throw new IllegalArgumentException("longWindow.points: " + points + "; must be >= 3");
            }
        }

        /** No long window. */
        public static LongWindow none() {
            return new LongWindow(new int[0], 0, 0);
        }

        @Override
        public int[] seeds() {
            return seeds.clone();
        }

        /** Number of leading parameter values simulated on the long window (0 for none). */
        public int values() {
            return seeds.length;
        }

        void require(String field, int available, double shortTime, double theoryTime) {
            if (seeds.length > available) {
                throw new IllegalArgumentException(field + ".seeds: " + seeds.length + " values; at most " + available
                        + " (one per parameter value)");
            }
            if (seeds.length > 0 && !(simulationTime > shortTime && simulationTime <= theoryTime)) {
                throw new IllegalArgumentException(field + ".simulationTime: " + simulationTime + "; must lie in ("
                        + shortTime + ", " + theoryTime + "]");
            }
        }
    }

    /**
     * Overparametrised (mean-field) regime: erf, k = 1, fixed γ and d. For each width p the particle system
     * (mean-field closure) and SGD simulations at dimension d are compared with the full p×p overlap ODE.
     * The particle system alone is also run at the widths in {@code particleOnlyWidths} (too wide for the
     * full ODE), the widest of which gives the density snapshots.
     *
     * @param widths              p values with full ODE, particles and simulations, ascending, at least 2
     * @param particleOnlyWidths  wider p values run with the particle system only (may be empty)
     * @param learningRate        γ (g = γ/p)
     * @param dimension           d of the simulations and of the random initial particles
     * @param seeds               SGD runs per width, ≥ 2
     * @param simulationTime      end of the simulated window (and of the full-ODE and particle curves)
     * @param theoryTime          end of the curves of the particle-only widths (≥ simulationTime)
     * @param points              recorded times (log grid, t = 0 included)
     * @param snapshotTimes       times of the density snapshots (each in [0, simulationTime])
     * @param pdeCells            cells (in ξ = asinh(m/s), in q⊥) of the density PDE of the strict p → ∞ limit
     *                            (docs/theory.md §5; k = 1), or {0, 0} for none
     */
    public record MeanField(int[] widths, int[] particleOnlyWidths, double learningRate, int dimension, int seeds,
                            double simulationTime, double theoryTime, int points, double[] snapshotTimes,
                            int[] pdeCells) {
        public MeanField {
            requireSizes("meanField", 1, widths.length == 0 ? 0 : widths[0], dimension, seeds, simulationTime,
                    theoryTime, points);
            if (widths.length < 2) {
                throw new IllegalArgumentException("meanField.widths: " + Arrays.toString(widths) + "; need at least 2");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("meanField.learningRate: " + learningRate + "; must be > 0");
            }
            widths = widths.clone();
            particleOnlyWidths = particleOnlyWidths.clone();
            snapshotTimes = snapshotTimes.clone();
            if (pdeCells.length != 2 || pdeCells[0] < 0 || pdeCells[1] < 0 || (pdeCells[0] == 0) != (pdeCells[1] == 0)) {
                throw new IllegalArgumentException("meanField.pdeCells: " + Arrays.toString(pdeCells)
                        + "; need {xi cells, q cells}, both > 0, or {0, 0} for no PDE");
            }
            pdeCells = pdeCells.clone();
            for (double t : snapshotTimes) {
                if (!(t >= 0 && t <= simulationTime)) {
                    throw new IllegalArgumentException("meanField.snapshotTimes: " + t + "; must lie in [0, "
                            + simulationTime + "]");
                }
            }
        }

        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public int[] particleOnlyWidths() {
            return particleOnlyWidths.clone();
        }

        @Override
        public double[] snapshotTimes() {
            return snapshotTimes.clone();
        }

        @Override
        public int[] pdeCells() {
            return pdeCells.clone();
        }

        /** Whether the density PDE is solved. */
        public boolean solvesPde() {
            return pdeCells[0] > 0;
        }

        /** The widest width run (the snapshot width). */
        public int widestWidth() {
            int w = widths[widths.length - 1];
            for (int q : particleOnlyWidths) {
                w = Math.max(w, q);
            }
            return w;
        }
    }

    /**
     * Multi-pass regime (docs/dmft.md): ridge regression, a linear teacher y = h* + σζ with ρ = ‖w*‖²/d = 1,
     * full-batch gradient descent on one data set of n = round(α d) Gaussian samples from w(0) = v ⟂ w* with
     * ‖v‖²/d = q_v (m(0) = 0), simulated at growing d for fixed α and compared with the exact DMFT closure of the
     * limit d → ∞ at fixed α (deterministic: no sampling in the theory).
     *
     * @param alpha       sample ratio α = n/d, finite and &gt; 0
     * @param stepSize    η, multiplying the sum over the n samples (t = step·η); below the stability limit
     *                    2/((1 + √α)² + λ) of the Marchenko–Pastur spectrum's top edge
     * @param steps       T gradient steps: the window is t ≤ Tη (T in [2, 2000]: the exact closure costs T³)
     * @param ridge       λ ≥ 0
     * @param labelNoise  label-noise variance σ² ≥ 0
     * @param initialNorm q_v = ‖w(0)‖²/d ≥ 0
     * @param dimensions  d values, ascending, at least 2, each ≥ 2
     * @param seeds       data sets (and runs) per d, same length as dimensions, each ≥ 2
     * @param points      recorded steps, log-spaced in [1, T] (coinciding roundings merged; step 0 added), ≥ 3
     */
    public record MultiPass(double alpha, double stepSize, int steps, double ridge, double labelNoise,
                            double initialNorm, int[] dimensions, int[] seeds, int points) {
        /** The largest number of steps (the exact closure is O(T³) in time, O(T²) in memory). */
        public static final int MAX_STEPS = 2000;

        public MultiPass {
            requireFinite("multiPass.alpha", alpha, 0, false);
            requireFinite("multiPass.ridge", ridge, 0, true);
            requireFinite("multiPass.labelNoise", labelNoise, 0, true);
            requireFinite("multiPass.initialNorm", initialNorm, 0, true);
            double limit = stabilityLimit(alpha, ridge);
            if (!(stepSize > 0 && stepSize < limit)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "multiPass.stepSize: %s; "
                        + "must lie in (0, %.4g) (gradient descent is stable for eta ((1 + sqrt(alpha))^2 + ridge) < 2)",
                        stepSize, limit));
            }
            if (steps < 2 || steps > MAX_STEPS) {
                throw new IllegalArgumentException("multiPass.steps: " + steps + "; must be an integer in [2, "
                        + MAX_STEPS + "]");
            }
            requireDimensionsAndSeeds("multiPass", dimensions, seeds, 2);
            int largest = dimensions[dimensions.length - 1];
            long n = Math.max(1, Math.round(alpha * largest));
            if (n * largest > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("multiPass.dimensions: d = " + largest + " at alpha = " + alpha
                        + " gives a data set of " + n + " x " + largest + " values, more than one array holds");
            }
            if (points < 3 || points > steps) {
                throw new IllegalArgumentException("multiPass.points: " + points + "; must be an integer in [3, "
                        + "steps = " + steps + "]");
            }
            dimensions = dimensions.clone();
            seeds = seeds.clone();
        }

        /** 2/((1 + √α)² + λ): gradient descent on the limiting spectrum diverges at or above this step size. */
        public static double stabilityLimit(double alpha, double ridge) {
            double top = (1 + Math.sqrt(alpha)) * (1 + Math.sqrt(alpha));
            return 2 / (top + ridge);
        }

        /** End of the window, t = Tη. */
        public double simulationTime() {
            return steps * stepSize;
        }

        @Override
        public int[] dimensions() {
            return dimensions.clone();
        }

        @Override
        public int[] seeds() {
            return seeds.clone();
        }
    }

    /** The defaults of {@code sgdlimits regimes}: about 2 minutes on 2 idle cores. */
    public static RegimeStudySettings defaults() {
        return new RegimeStudySettings(
                new Classical(2, 10, 100, new double[] {0.05, 0.0125, 0.003125}, 8, 2, 1e4, 25,
                        new LongWindow(new int[] {4, 2}, 200, 31)),
                new HighDimensional(4, 8, 0.1, new int[] {200, 800, 3200}, new int[] {12, 6, 3}, 4, 1e4, 25, 25,
                        new LongWindow(new int[] {4, 2}, 500, 31)),
                new MeanField(new int[] {4, 8, 16, 32}, new int[] {256, 1024}, 0.5, 100, 6, 4, 4, 25,
                        new double[] {0, 1, 2, 4}, new int[] {100, 40}),
                new MultiPass(2, 0.2, 50, 0.01, 0.25, 1, new int[] {250, 500, 1000, 2000}, new int[] {48, 24, 16, 12},
                        25),
                1L, Runtime.getRuntime().availableProcessors());
    }

    /** {@code --quick}: the same study at smaller sizes, under a minute. */
    public static RegimeStudySettings quick() {
        return new RegimeStudySettings(
                new Classical(2, 10, 100, new double[] {0.05, 0.0125, 0.003125}, 4, 1, 100, 17, LongWindow.none()),
                new HighDimensional(4, 8, 0.1, new int[] {100, 400, 1600}, new int[] {6, 3, 2}, 4, 1e3, 17, 25,
                        LongWindow.none()),
                new MeanField(new int[] {4, 8, 16}, new int[] {256}, 0.5, 100, 3, 3, 3, 17,
                        new double[] {0, 1, 3}, new int[] {60, 12}),
                new MultiPass(2, 0.2, 50, 0.01, 0.25, 1, new int[] {250, 500, 1000}, new int[] {16, 8, 4}, 17),
                1L, Runtime.getRuntime().availableProcessors());
    }

    /** Smallest sizes that still show every trend (end-to-end tests). */
    public static RegimeStudySettings tiny() {
        return new RegimeStudySettings(
                new Classical(2, 10, 100, new double[] {0.05, 0.003125}, 3, 0.5, 100, 11,
                        new LongWindow(new int[] {2}, 20, 11)),
                new HighDimensional(4, 8, 0.1, new int[] {100, 1600}, new int[] {4, 2}, 2, 100, 11, 100,
                        new LongWindow(new int[] {2}, 50, 11)),
                new MeanField(new int[] {4, 16}, new int[] {64}, 0.5, 100, 2, 3, 3, 11, new double[] {0, 3},
                        new int[] {30, 8}),
                new MultiPass(2, 0.2, 20, 0.01, 0.25, 1, new int[] {100, 800}, new int[] {8, 4}, 11),
                1L, Runtime.getRuntime().availableProcessors());
    }

    /** The same sizes with another base seed. */
    public RegimeStudySettings withSeed(long newSeed) {
        return new RegimeStudySettings(classical, highDimensional, meanField, multiPass, newSeed, threads);
    }

    /** The same sizes on another number of threads. */
    public RegimeStudySettings withThreads(int n) {
        return new RegimeStudySettings(classical, highDimensional, meanField, multiPass, seed, n);
    }

    private static void requireSizes(String field, int k, int p, int dimension, int seeds, double simulationTime,
                                     double theoryTime, int points) {
        if (k < 1 || p < 1) {
            throw new IllegalArgumentException(field + ": k = " + k + ", p = " + p + "; both must be >= 1");
        }
        if (dimension < p + k + 1) {
            throw new IllegalArgumentException(field + ".dimension: " + dimension + "; must be >= p + k + 1 = "
                    + (p + k + 1));
        }
        if (seeds < 2) {
            throw new IllegalArgumentException(field + ".seeds: " + seeds + "; must be >= 2 (for standard errors)");
        }
        if (!(simulationTime > 0) || !(theoryTime >= simulationTime)) {
            throw new IllegalArgumentException(field + ": simulation time " + simulationTime + ", theory time "
                    + theoryTime + "; need 0 < simulation time <= theory time");
        }
        if (points < 3) {
            throw new IllegalArgumentException(field + ".points: " + points + "; must be >= 3");
        }
    }

    /**
     * The d values of a regime simulated at growing dimension: at least 2, ascending, each ≥ {@code minimum},
     * with one seed count ≥ 2 each.
     */
    private static void requireDimensionsAndSeeds(String field, int[] dimensions, int[] seeds, int minimum) {
        if (dimensions.length < 2 || seeds.length != dimensions.length) {
            throw new IllegalArgumentException(field + ".dimensions: " + Arrays.toString(dimensions) + " with seeds "
                    + Arrays.toString(seeds) + "; need at least 2 dimensions and one seed count each");
        }
        for (int i = 0; i < dimensions.length; i++) {
            if (dimensions[i] < minimum || (i > 0 && dimensions[i] <= dimensions[i - 1])) {
                throw new IllegalArgumentException(field + ".dimensions: " + Arrays.toString(dimensions)
                        + "; must be ascending, each >= " + minimum);
            }
            if (seeds[i] < 2) {
                throw new IllegalArgumentException(field + ".seeds: " + Arrays.toString(seeds)
                        + "; each must be >= 2 (for standard errors)");
            }
        }
    }

    private static void requireFinite(String field, double x, double lower, boolean inclusive) {
        if (!Double.isFinite(x) || (inclusive ? x < lower : x <= lower)) {
            throw new IllegalArgumentException(field + ": " + x + "; must be a finite number " + (inclusive ? ">= " : "> ")
                    + RegimeStudyWriter.parameter(lower));
        }
    }

    private static double[] requireValues(String field, double[] v, double lower, double upper) {
        if (v.length < 2) {
            throw new IllegalArgumentException(field + ": " + Arrays.toString(v) + "; need at least 2 values");
        }
        for (double x : v) {
            if (!(x > lower && x <= upper)) {
                throw new IllegalArgumentException(field + ": " + x + "; each must lie in (" + lower + ", " + upper + "]");
            }
        }
        return v.clone();
    }
}
