package org.sgdlimits.meanfield.pde;

import org.sgdlimits.trajectory.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Finite-volume solver of the mean-field continuity equation ∂_t μ + ∇·(μ φ(·; μ)) = 0 on (m, q⊥)
 * (docs/theory.md §5, k = 1, fixed second layer), on a {@link StretchedGrid} (m = s·sinh ξ).
 *
 * <h2>Scheme</h2>
 * The state is the vector of cell masses. In the coordinates (ξ, q⊥) the velocity is
 * (v_ξ, v_q) = (ṁ / (s cosh ξ), q̇⊥), evaluated at the CELL CENTRES from the current masses by the
 * {@link VelocityField} (cells act as weighted particles). In both directions the face flux is built by flux-
 * vector splitting of the cell-centre fluxes f± = mass·max/min(v, 0)/Δ (docs/theory.md §5.3: cell-centre velocities,
 * because face-interpolated velocities stall at 2e-3–7e-3 on the moments). In ξ each split flux is
 * reconstructed to the face by MUSCL with a {@link SlopeLimiter} (Koren by default, van Leer
 * on request; docs/theory.md §5.3 compares them), in q⊥ likewise (first order on request, see {@link Options#qLimiter}). The walls (ξ = ±ξmax,
 * q⊥ = 0, q⊥ = qMax) carry zero flux, so the update is a telescoping sum of face fluxes and conserves the
 * total mass to round-off. Time stepping: three-stage SSP-RK3 (Shu–Osher), adaptive step. Scalars a field
 * carries with the density ({@link VelocityField#scalarNames}, e.g. the corrected closure's h) go through the
 * same three stages with the same Δt (u1 = u + Δt L, u2 = ¾u + ¼(u1 + Δt L(u1)), u = ⅓u + ⅔(u2 + Δt L(u2)) for
 * masses and scalars together), so the coupled system is integrated by one SSP-RK3 method; a rejected step
 * restores both.
 *
 * <p>Cost: the step is bounded by the fastest occupied cell in ξ, v_ξ = ṁ/(s cosh ξ) ≈ ṁ(0)/s near m = 0.
 * When the drift does not vanish at m = 0 (erf: units at m = 0 are pushed towards the teacher) a small s
 * costs steps for as long as mass sits near m = 0; s ≈ 0.5·d^(−1/2) resolves the initial spread at dimension
 * d without over-resolving it.
 *
 * <h2>Positivity (CFL bound)</h2>
 * For non-negative f⁺ the limited face value lies in [0, 2 f⁺_c] (and likewise for f⁻), so one forward-
 * Euler stage gives mass_c' ≥ mass_c (1 − 2Δt (|v_ξ,c|/Δξ + |v_q,c|/Δq)): the masses stay non-negative if
 * Δt · max_c 2(|v_ξ,c|/Δξ + |v_q,c|/Δq) ≤ 1. SSP-RK3 is a convex combination of such stages, so the same
 * bound applies to every stage with that stage's velocities. The solver takes Δt = cfl / max-rate at the
 * first stage and REJECTS the step (retrying with the smaller Δt) whenever a later stage's velocities violate
 * the bound. The max runs over cells with mass ≥ {@link #CFL_MASS_THRESHOLD}; lighter cells (far tails, where
 * the stretched coordinate can make v_ξ huge) are protected instead by an outflow limiter: in each stage a
 * cell's outgoing face fluxes are scaled down so that it cannot give away more than it holds. The limiter
 * scales a face flux once, on behalf of the cell it leaves, and the same value enters the neighbour, so the
 * scheme stays exactly conservative; it never acts on cells above the threshold. Together: masses are
 * non-negative for every Δt, and the CFL bound governs accuracy. Reconstructed face values are clamped to
 * [0, 2 f⁺_c] (resp. [2 f⁻_c, 0]) so that rounding cannot break the bound, and masses below
 * {@link #TINY} are flushed to 0 (subnormal arithmetic is not relatively accurate).
 *
 * <p>Configured once, thread-safe: every {@link #solve} and every {@link #stepper} has its own buffers.
 */
public final class ContinuityPde {

    /** Trajectory columns (docs/theory.md §7 mean-field columns without t). */
    public static final List<String> COLUMNS = List.of("risk", "excess_risk", "mean_m2", "mean_qperp");

    /** The trajectory columns of a run of {@code field}: {@link #COLUMNS}, then the field's scalars. */
    public static List<String> columns(VelocityField field) {
        List<String> scalars = field.scalarNames();
        if (scalars.isEmpty()) {
            return COLUMNS;
        }
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(scalars);
        return List.copyOf(all);
    }

    /**
     * @param cfl            fraction of the positivity bound used for the step, in (0, 1)
     * @param teacherOverlap P (k = 1) for mean_m2 = mean m P⁻¹ m
     * @param maxSteps       safety limit on accepted steps per solve
     * @param xiLimiter      MUSCL slope limiter in ξ; default {@link SlopeLimiter#KOREN}: on the exact
     *                       expansion test (ṁ = m, sd 0.01 → 0.2) it gives the mean m² to 1.6e-4 at 400
     *                       cells in ξ where {@link SlopeLimiter#VAN_LEER} gives 1.5e-3
     * @param qLimiter       slope limiter in q⊥; default {@link SlopeLimiter#KOREN}. Against the erf particle
     *                       system (p = 1000, d = 100, t ≤ 40, 400 × 40 cells) it keeps mean q⊥ within
     *                       7e-4, where first-order splitting ({@link SlopeLimiter#NONE}) is off by 7e-3 (and
     *                       3e-3 at 800 × 80: first order). NONE evolves the mean of a field LINEAR in q⊥
     *                       exactly and is unbiased when q⊥ collapses to a point narrower than a cell, where
     *                       a limiter clips; choose it for such collapses
     * @param wallMassLimit  fraction of the mass in the wall cells (m = ±mMax, q⊥ = qMax) beyond which a run ends
     *                       as diverged: the density has left the domain, so the moments no longer describe the
     *                       dynamics (they grow without bound, or the domain is too small); in (0, 1], where 1
     *                       never stops (the default: synthetic fields on coarse grids hold mass in the wall
     *                       cells by design). {@code ParticleDriftField.defaultOptions()} uses
     *                       {@link #PHYSICAL_WALL_MASS_LIMIT}
     */
    public record Options(double cfl, double teacherOverlap, long maxSteps, SlopeLimiter xiLimiter,
                          SlopeLimiter qLimiter, double wallMassLimit) {
        /** The wall-mass limit of the mean-field physics: 10 % of the mass at the walls ends the run. */
        public static final double PHYSICAL_WALL_MASS_LIMIT = 0.1;

        public Options {
            if (!(cfl > 0 && cfl < 1)) {
                throw new IllegalArgumentException("cfl: " + cfl + "; must lie in (0, 1)");
            }
            if (!(teacherOverlap > 0) || !Double.isFinite(teacherOverlap)) {
                throw new IllegalArgumentException("teacherOverlap: " + teacherOverlap
                        + "; must be a finite number > 0");
            }
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps: " + maxSteps + "; must be >= 1");
            }
            Objects.requireNonNull(xiLimiter, "xiLimiter");
            Objects.requireNonNull(qLimiter, "qLimiter");
            if (!(wallMassLimit > 0 && wallMassLimit <= 1)) {
                throw new IllegalArgumentException("wallMassLimit: " + wallMassLimit + "; must lie in (0, 1]");
            }
        }

        /** cfl 0.8, P = 1, at most 10⁷ steps, Koren limiter in ξ and q⊥, no wall-mass limit. */
        public static Options defaults() {
            return new Options(0.8, 1.0, 10_000_000L, SlopeLimiter.KOREN, SlopeLimiter.KOREN, 1.0);
        }

        public Options withCfl(double value) {
            return new Options(value, teacherOverlap, maxSteps, xiLimiter, qLimiter, wallMassLimit);
        }

        public Options withTeacherOverlap(double value) {
            return new Options(cfl, value, maxSteps, xiLimiter, qLimiter, wallMassLimit);
        }

        public Options withMaxSteps(long value) {
            return new Options(cfl, teacherOverlap, value, xiLimiter, qLimiter, wallMassLimit);
        }

        public Options withXiLimiter(SlopeLimiter value) {
            return new Options(cfl, teacherOverlap, maxSteps, value, qLimiter, wallMassLimit);
        }

        public Options withQLimiter(SlopeLimiter value) {
            return new Options(cfl, teacherOverlap, maxSteps, xiLimiter, value, wallMassLimit);
        }

        /**
         * The options of the mean-field physics fields: P = {@code teacherOverlap} for mean_m2 and the physical
         * wall-mass limit {@link #PHYSICAL_WALL_MASS_LIMIT}, the rest default.
         */
        public static Options physical(double teacherOverlap) {
            return defaults().withTeacherOverlap(teacherOverlap).withWallMassLimit(PHYSICAL_WALL_MASS_LIMIT);
        }

        public Options withWallMassLimit(double value) {
            return new Options(cfl, teacherOverlap, maxSteps, xiLimiter, qLimiter, value);
        }
    }

    private static final int MAX_REJECTIONS = 40;

    /** Threshold below which a cell mass is flushed to zero (see {@link #flushTiny}). */
    static final double TINY = 1e-300;

    /**
     * Cells lighter than this do not restrict the time step (their outflow is limited instead, see the
     * class comment): without it a 1e-290 tail mass near m = 0, where v_ξ = ṁ/(s cosh ξ) is largest, would
     * dictate Δt for the whole run.
     */
    public static final double CFL_MASS_THRESHOLD = 1e-13;

    private final VelocityField field;
    private final Options options;

    public ContinuityPde(VelocityField field, Options options) {
        this.field = Objects.requireNonNull(field, "field");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A solver with the field's own default options ({@link VelocityField#defaultOptions()}). */
    public ContinuityPde(VelocityField field) {
        this(field, field.defaultOptions());
    }

    public Options options() { return options; }

    public VelocityField field() { return field; }

    /**
     * {@link #solve(DensityGrid, TimeGrid, double[])} as an {@link Engine} (the one engine contract); progress
     * is reported once, at the end.
     */
    public Engine<PdeSolution> engine(DensityGrid initial, TimeGrid times, double[] snapshotTimes) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(times, "times");
        double[] snaps = snapshotTimes == null ? new double[0] : snapshotTimes.clone();
        return progress -> {
            PdeSolution s = solve(initial, times, snaps);
            progress.reached(1);
            return s;
        };
    }

    /**
     * Evolves {@code initial} from t = 0 to {@code times.end()}, recording the docs/theory.md §7 columns at
     * {@code times.times()} (plus the field's scalars, which start at {@link VelocityField#initialScalars}) and
     * the density at each of {@code snapshotTimes} (each in [0, end]). The run stops
     * early with a DIVERGED status (time and cause) if the velocity becomes non-finite, the step size
     * underflows or {@code maxSteps} is exceeded; everything recorded until then is kept.
     */
    public PdeSolution solve(DensityGrid initial, TimeGrid times, double[] snapshotTimes) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(times, "times");
        double[] snaps = snapshotTimes == null ? new double[0] : snapshotTimes.clone();
        for (int n = 0; n < snaps.length; n++) {
            if (!(snaps[n] >= 0 && snaps[n] <= times.end())) {
                throw new IllegalArgumentException("snapshotTimes[" + n + "]: " + snaps[n] + "; must lie in [0, "
                        + times.end() + "]");
            }
        }
        double[] recordTimes = times.times();
        TreeSet<Double> events = new TreeSet<>();
        TreeSet<Double> recordSet = new TreeSet<>();
        TreeSet<Double> snapSet = new TreeSet<>();
        for (double t : recordTimes) {
            events.add(t);
            recordSet.add(t);
        }
        for (double t : snaps) {
            events.add(t);
            snapSet.add(t);
        }

        StretchedGrid grid = initial.grid();
        Stepper stepper = stepper(grid);
        double[] u = initial.masses();
        double[] scalars = field.initialScalars();
        if (scalars.length != field.scalarNames().size()) {
            throw new IllegalStateException("field: " + scalars.length + " initial scalars for "
                    + field.scalarNames().size() + " names");
        }
        double mass0 = sum(u);
        Trajectory.Builder rows = new Trajectory.Builder(columns(field));
        List<PdeSolution.Snapshot> snapshots = new ArrayList<>();
        double t = 0;
        long steps = 0;
        double maxMassError = 0;
        double minMass = initial.minimumMass();
        double maxWall = wallMass(grid, u);
        RunStatus status = RunStatus.completed(times.end());
        try {
            for (double te : events) {
                while (t < te) {
                    if (steps >= options.maxSteps) {
                        throw new PdeDivergence("maxSteps = " + options.maxSteps + " exceeded before t = " + te);
                    }
                    double dt = stepper.step(u, scalars, t, te - t);
                    t = dt >= te - t ? te : t + dt;
                    steps++;
                    double err = Math.abs(sum(u) - mass0);
                    maxMassError = Math.max(maxMassError, err);
                    for (double v : u) {
                        minMass = Math.min(minMass, v);
                    }
                    maxWall = Math.max(maxWall, wallMass(grid, u));
                    if (maxWall > options.wallMassLimit * mass0) {
                        throw new PdeDivergence(String.format(java.util.Locale.ROOT, "%.3g of the mass reached the "
                                + "walls m = +-mMax or q_perp = qMax: the density left the domain (the dynamics "
                                + "grow without bound, or the domain is too small)", maxWall / mass0));
                    }
                }
                if (recordSet.contains(te)) {
                    double eps = stepper.evaluate(u, scalars, te);
                    DensityGrid now = DensityGrid.ofMasses(grid, u);
                    double[] row = Arrays.copyOf(new double[] {eps + 0.5 * field.labelNoise(), eps,
                            now.meanNormalisedM2(options.teacherOverlap), now.meanQPerp()}, COLUMNS.size()
                            + scalars.length);
                    System.arraycopy(scalars, 0, row, COLUMNS.size(), scalars.length);
                    rows.add(te, row);
                }
                if (snapSet.contains(te)) {
                    snapshots.add(new PdeSolution.Snapshot(te, DensityGrid.ofMasses(grid, u)));
                }
            }
        } catch (PdeDivergence e) {
            status = RunStatus.diverged(t, e.getMessage());
        }
        return new PdeSolution(rows.build(status), snapshots, steps, stepper.rejectedSteps(), maxMassError, minMass,
                maxWall, DensityGrid.ofMasses(grid, u));
    }

    /** A fresh single-run stepper (own buffers; not thread-safe itself) on {@code grid}. */
    public Stepper stepper(StretchedGrid grid) {
        return new Stepper(Objects.requireNonNull(grid, "grid"));
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double wallMass(StretchedGrid g, double[] u) {
        double s = 0;
        int nx = g.xiCells();
        int nq = g.qCells();
        for (int j = 0; j < nq; j++) {
            s += u[g.index(0, j)] + u[g.index(nx - 1, j)];
        }
        for (int i = 1; i < nx - 1; i++) {
            s += u[g.index(i, nq - 1)];
        }
        return s;
    }

    /**
     * Masses below {@link #TINY} in magnitude are set to 0: near the subnormal range rounding is absolute, not
     * relative, and could produce −4.9e-324 where the positivity argument guarantees ≥ 0. Changes the total
     * mass by at most (cell count)·1e-300 per stage.
     */
    static double flushTiny(double x) {
        return Math.abs(x) < TINY ? 0.0 : x;
    }

    /** Thrown inside a run when it cannot continue; turned into a DIVERGED status. */
    private static final class PdeDivergence extends RuntimeException {
        PdeDivergence(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Advances a mass vector one SSP-RK3 step at a time (used by {@link #solve} and by benchmarks). Holds
     * its own buffers; one stepper per thread.
     */
    public final class Stepper {
        private final StretchedGrid grid;
        private final int n;
        private final int nx;
        private final int nq;
        private final double[] mDot;
        private final double[] qDot;
        private final double[] rateXi;
        private final double[] rateQ;
        /** ξ faces: index k·nq + j for the face between columns k and k+1 of row j. */
        private final double[] xPlus;
        private final double[] xMinus;
        /** q⊥ faces: index i·(nq−1) + k for the face between rows k and k+1 of column i. */
        private final double[] qPlus;
        private final double[] qMinus;
        private final double[] outflow;
        private final double[] theta;
        private final double[] u1;
        private final double[] u2;
        private final double[] fe;
        private final double[] plus;
        private final double[] minus;
        private final double[] cachedState;
        private final double[] cachedXPlus;
        private final double[] cachedXMinus;
        private final double[] cachedQPlus;
        private final double[] cachedQMinus;
        private final double[] cachedOutflow;
        /** Scalars carried with the density: count, derivative, stage values, stage-0 cache. */
        private final int ns;
        private final double[] sDot;
        private final double[] s1;
        private final double[] s2;
        private final double[] sNew;
        private final double[] cachedScalars;
        private final double[] cachedSDot;
        private double cachedTime = Double.NaN;
        private double cachedRate;
        private double lastRisk;
        private long rejected;
        private long limitedCells;

        private Stepper(StretchedGrid grid) {
            this.grid = grid;
            this.n = grid.cellCount();
            this.nx = grid.xiCells();
            this.nq = grid.qCells();
            this.mDot = new double[n];
            this.qDot = new double[n];
            this.rateXi = new double[n];
            this.rateQ = new double[n];
            this.xPlus = new double[(nx - 1) * nq];
            this.xMinus = new double[(nx - 1) * nq];
            this.qPlus = new double[nx * (nq - 1)];
            this.qMinus = new double[nx * (nq - 1)];
            this.outflow = new double[n];
            this.theta = new double[n];
            this.u1 = new double[n];
            this.u2 = new double[n];
            this.fe = new double[n];
            int line = Math.max(nx, nq);
            this.plus = new double[line];
            this.minus = new double[line];
            this.cachedState = new double[n];
            this.cachedXPlus = new double[xPlus.length];
            this.cachedXMinus = new double[xMinus.length];
            this.cachedQPlus = new double[qPlus.length];
            this.cachedQMinus = new double[qMinus.length];
            this.cachedOutflow = new double[n];
            this.ns = field.scalarNames().size();
            this.sDot = new double[ns];
            this.s1 = new double[ns];
            this.s2 = new double[ns];
            this.sNew = new double[ns];
            this.cachedScalars = new double[ns];
            this.cachedSDot = new double[ns];
        }

        /** Steps rejected so far (CFL bound violated at a later stage, or a guard tripped). */
        public long rejectedSteps() { return rejected; }

        /**
         * Cell-stages so far in which the outflow limiter had to cut a cell's outgoing flux (only cells
         * below the CFL mass threshold can need it).
         */
        public long limitedCellStages() { return limitedCells; }

        /**
         * Excess risk of the density {@code masses} at time t (one drift evaluation, cached for the next
         * {@link #step} from the same state).
         */
        public double evaluate(double[] masses, double t) {
            return evaluate(masses, noScalars(), t);
        }

        /**
         * As {@link #evaluate(double[], double)} for a field that carries scalars ({@code scalars}: their
         * current values, read only).
         */
        public double evaluate(double[] masses, double[] scalars, double t) {
            requireLength(masses, scalars);
            cachedRate = fluxes(masses, scalars, t);
            System.arraycopy(masses, 0, cachedState, 0, n);
            System.arraycopy(scalars, 0, cachedScalars, 0, ns);
            cacheFluxes();
            cachedTime = t;
            return lastRisk;
        }

        /** Copies the fluxes of the last {@link #fluxes} call (and the scalars' rates) into the stage-0 cache. */
        private void cacheFluxes() {
            System.arraycopy(sDot, 0, cachedSDot, 0, ns);
            System.arraycopy(xPlus, 0, cachedXPlus, 0, xPlus.length);
            System.arraycopy(xMinus, 0, cachedXMinus, 0, xMinus.length);
            System.arraycopy(qPlus, 0, cachedQPlus, 0, qPlus.length);
            System.arraycopy(qMinus, 0, cachedQMinus, 0, qMinus.length);
            System.arraycopy(outflow, 0, cachedOutflow, 0, n);
        }

        /**
         * One SSP-RK3 step of size Δt = min(dtMax, cfl / rate) in place, rate the CFL bound of the current
         * velocities over cells with mass ≥ {@link #CFL_MASS_THRESHOLD} (see the class comment); returns the
         * Δt taken.
         *
         * @throws RuntimeException (a private divergence type, reported by {@link #solve} as DIVERGED) on a
         *                          non-finite velocity or a step-size underflow
         */
        public double step(double[] u, double t, double dtMax) {
            return step(u, noScalars(), t, dtMax);
        }

        /**
         * As {@link #step(double[], double, double)} for a field that carries scalars: {@code scalars} (their
         * values at t) are advanced in place by the same SSP-RK3 stages and Δt as the masses.
         */
        public double step(double[] u, double[] scalars, double t, double dtMax) {
            requireLength(u, scalars);
            if (!(dtMax > 0)) {
                throw new IllegalArgumentException("dtMax: " + dtMax + "; must be > 0");
            }
            boolean cached = cachedTime == t && Arrays.equals(cachedState, u) && Arrays.equals(cachedScalars, scalars);
            cachedTime = Double.NaN;
            double rate0 = cached ? cachedRate : fluxes(u, scalars, t);
            if (!cached) {
                cacheFluxes(); // keep the stage-0 fluxes: a rejected step restarts from them
            }
            double dt = rate0 > 0 ? Math.min(dtMax, options.cfl / rate0) : dtMax;
            for (int attempt = 0; attempt <= MAX_REJECTIONS; attempt++) {
                if (!(dt > 1e-15 * Math.max(1.0, t))) {
                    throw new PdeDivergence("step size underflow (dt = " + dt + ") at t = " + t);
                }
                // stage 1: u1 = u + dt L(u)
                forwardEuler(u, dt, cachedXPlus, cachedXMinus, cachedQPlus, cachedQMinus, cachedOutflow, u1);
                for (int r = 0; r < ns; r++) {
                    s1[r] = scalars[r] + dt * cachedSDot[r];
                }
                double rate1 = fluxes(u1, s1, t + dt);
                if (dt * rate1 > 1) {
                    rejected++;
                    dt = options.cfl / rate1;
                    continue;
                }
                // stage 2: u2 = 3/4 u + 1/4 (u1 + dt L(u1))
                forwardEuler(u1, dt, xPlus, xMinus, qPlus, qMinus, outflow, fe);
                for (int c = 0; c < n; c++) {
                    u2[c] = flushTiny(0.75 * u[c] + 0.25 * fe[c]);
                }
                for (int r = 0; r < ns; r++) {
                    s2[r] = 0.75 * scalars[r] + 0.25 * (s1[r] + dt * sDot[r]);
                }
                double rate2 = fluxes(u2, s2, t + 0.5 * dt);
                if (dt * rate2 > 1) {
                    rejected++;
                    dt = options.cfl / rate2;
                    continue;
                }
                // stage 3: u_new = 1/3 u + 2/3 (u2 + dt L(u2)); written to u1 first so a rejection keeps u
                forwardEuler(u2, dt, xPlus, xMinus, qPlus, qMinus, outflow, fe);
                boolean negative = false;
                for (int c = 0; c < n; c++) {
                    double v = flushTiny((1.0 / 3.0) * u[c] + (2.0 / 3.0) * fe[c]);
                    u1[c] = v;
                    negative |= v < 0;
                }
                if (negative) {
                    rejected++;
                    dt *= 0.5;
                    continue;
                }
                for (int r = 0; r < ns; r++) {
                    sNew[r] = (1.0 / 3.0) * scalars[r] + (2.0 / 3.0) * (s2[r] + dt * sDot[r]);
                }
                System.arraycopy(u1, 0, u, 0, n);
                System.arraycopy(sNew, 0, scalars, 0, ns);
                return dt;
            }
            throw new PdeDivergence("no admissible step after " + MAX_REJECTIONS + " reductions at t = " + t);
        }

        private void requireLength(double[] u, double[] scalars) {
            if (u.length != n) {
                throw new IllegalArgumentException("masses: length " + u.length + "; must equal the cell count "
                        + n + " of " + grid);
            }
            if (scalars.length != ns) {
                throw new IllegalArgumentException("scalars: length " + scalars.length + "; the field carries " + ns
                        + " " + field.scalarNames());
            }
        }

        private double[] noScalars() {
            if (ns != 0) {
                throw new IllegalArgumentException("scalars: the field carries " + field.scalarNames()
                        + "; pass them to evaluate/step");
            }
            return sNew;
        }

        /**
         * dest = src + dt·L(src) with the stored face fluxes, after the outflow limiter: a cell whose total
         * outgoing flux over dt would exceed its mass has its outgoing flux components scaled by
         * θ = (1 − 1e-12)·mass/(dt·outflow). Each face component is scaled by the θ of the cell it leaves and
         * added with the same value to the cell it enters, so the update stays exactly conservative.
         */
        private void forwardEuler(double[] src, double dt, double[] xp, double[] xm, double[] qp, double[] qm,
                                  double[] out, double[] dest) {
            for (int c = 0; c < n; c++) {
                double o = dt * out[c];
                double th = 1.0;
                if (o > src[c]) {
                    th = (1 - 1e-12) * src[c] / o;
                    limitedCells++;
                }
                theta[c] = th;
                dest[c] = 0.0;
            }
            for (int k = 0; k < nx - 1; k++) {
                int left = k * nq;
                int right = left + nq;
                int f = k * nq;
                for (int j = 0; j < nq; j++) {
                    double flux = theta[left + j] * xp[f + j] + theta[right + j] * xm[f + j];
                    dest[left + j] -= flux;
                    dest[right + j] += flux;
                }
            }
            for (int i = 0; i < nx; i++) {
                int base = i * nq;
                int f = i * (nq - 1);
                for (int k = 0; k < nq - 1; k++) {
                    double flux = theta[base + k] * qp[f + k] + theta[base + k + 1] * qm[f + k];
                    dest[base + k] -= flux;
                    dest[base + k + 1] += flux;
                }
            }
            for (int c = 0; c < n; c++) {
                dest[c] = flushTiny(src[c] + dt * dest[c]);
            }
        }

        /**
         * Evaluates the drift and the face flux components (flux-vector splitting + van Leer MUSCL) of
         * {@code u}; returns the CFL rate max 2(|v_ξ|/Δξ + |v_q|/Δq) over cells with mass ≥ the threshold.
         */
        private double fluxes(double[] u, double[] scalars, double t) {
            Arrays.fill(mDot, 0.0);
            Arrays.fill(qDot, 0.0);
            lastRisk = ns == 0 ? field.evaluate(grid, t, u, mDot, qDot)
                    : field.evaluate(grid, t, u, scalars, mDot, qDot, sDot);
            for (int r = 0; r < ns; r++) {
                if (!Double.isFinite(sDot[r])) {
                    throw new PdeDivergence("non-finite d" + field.scalarNames().get(r) + "/dt = " + sDot[r]
                            + " at t = " + t);
                }
            }
            double invDxi = 1.0 / grid.xiSpacing();
            double invDq = 1.0 / grid.qSpacing();
            double maxRate = 0;
            for (int i = 0; i < nx; i++) {
                double toXi = invDxi / grid.mJacobian(i);
                int base = i * nq;
                for (int j = 0; j < nq; j++) {
                    int c = base + j;
                    double rx = mDot[c] * toXi;
                    double rq = qDot[c] * invDq;
                    if (u[c] > 0) {
                        if (!Double.isFinite(rx) || !Double.isFinite(rq)) {
                            throw new PdeDivergence("non-finite velocity (dm/dt = " + mDot[c] + ", dq/dt = "
                                    + qDot[c] + ") at m = " + grid.mCentre(i) + ", q⊥ = " + grid.qCentre(j)
                                    + ", t = " + t);
                        }
                        if (u[c] >= CFL_MASS_THRESHOLD) {
                            maxRate = Math.max(maxRate, 2 * (Math.abs(rx) + Math.abs(rq)));
                        }
                    } else {
                        rx = 0;
                        rq = 0;
                    }
                    rateXi[c] = rx;
                    rateQ[c] = rq;
                    outflow[c] = 0.0;
                }
            }
            for (int j = 0; j < nq; j++) {
                sweep(u, rateXi, j, nq, nx, xPlus, xMinus, j, nq, options.xiLimiter);
            }
            for (int i = 0; i < nx; i++) {
                sweep(u, rateQ, i * nq, 1, nq, qPlus, qMinus, i * (nq - 1), 1, options.qLimiter);
            }
            return maxRate;
        }

        /**
         * One line of cells c = start + stride·k, k = 0..len−1: split fluxes f± = mass·rate±, van Leer face
         * values; face k+1/2 gets the right value of f⁺ from cell k and the left value of f⁻ from cell k+1,
         * stored at faceStart + faceStride·k. The end faces (walls) carry no flux. Accumulates each cell's
         * outgoing flux into {@code outflow}.
         */
        private void sweep(double[] u, double[] rate, int start, int stride, int len, double[] facePlus,
                           double[] faceMinus, int faceStart, int faceStride, SlopeLimiter limiter) {
            for (int k = 0, c = start; k < len; k++, c += stride) {
                double r = rate[c];
                double f = u[c] * r;
                plus[k] = r > 0 ? f : 0.0;
                minus[k] = r < 0 ? f : 0.0;
            }
            for (int k = 0; k < len - 1; k++) {
                double fp = plus[k];
                if (k > 0) {
                    // right face of cell k, flow to the right: upwind side k−1, downwind side k+1
                    fp += 0.5 * limiter.slope(plus[k] - plus[k - 1], plus[k + 1] - plus[k]);
                }
                double fm = minus[k + 1];
                if (k + 2 < len) {
                    // left face of cell k+1, flow to the left: upwind side k+2, downwind side k
                    fm -= 0.5 * limiter.slope(minus[k + 2] - minus[k + 1], minus[k + 1] - minus[k]);
                }
                // the face values lie in [0, 2 f⁺_k] and [2 f⁻_(k+1), 0] in exact arithmetic; clamp so that
                // rounding (relative 1e-16 of a much larger neighbour) cannot flip a tail flux's sign
                fp = Math.min(Math.max(fp, 0.0), 2 * plus[k]);
                fm = Math.max(Math.min(fm, 0.0), 2 * minus[k + 1]);
                int f = faceStart + k * faceStride;
                facePlus[f] = fp;
                faceMinus[f] = fm;
                int c = start + k * stride;
                outflow[c] += fp;
                outflow[c + stride] -= fm;
            }
        }
    }
}
