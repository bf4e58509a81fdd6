package org.sgdlimits.meanfield;

import org.sgdlimits.trajectory.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sgdlimits.ode.IntegrationResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.Observables;
import org.sgdlimits.ode.OdeSystem;
import org.sgdlimits.ode.TrajectoryEvent;
import org.sgdlimits.ode.TrajectoryIntegrator;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The mean-field particle engine (docs/theory.md §5): integrates the particle ODE of {@link ParticleDrift} for p equally
 * weighted particles with the common Hipparchus plumbing ({@link TrajectoryIntegrator}) and records the docs/theory.md §7
 * mean-field columns {@code risk, excess_risk, mean_m2, mean_qperp} (risk = ε + Δ/2, mean_m2 = mean of
 * m_i P⁻¹ m_iᵀ), each in O(p), plus particle snapshots.
 *
 * <p>State vector (length p(k + 2)): [a_0..a_{p−1} | m_00..m_{p−1,k−1} (row-major) | q⊥_0..q⊥_{p−1}].
 * q⊥ stays ≥ 0 analytically (its gradient part vanishes linearly as q⊥ → 0, its noise part is ≥ 0); a
 * negative integrator overshoot is clamped to 0 when the drift is evaluated.
 *
 * <p>Validity: the closure Q⊥_ij = 0 (i ≠ j) is exact as p → ∞ only when g = γ/p → 0; with a noise coefficient
 * g/B above {@value #NOISE_WARNING_THRESHOLD} the run carries a warning naming the full overlap ODE
 * ({@code org.sgdlimits.narrow.OverlapOde}) as the reference.
 *
 * <p>Corrected closure (phase retrieval, docs/closure.md): built with {@link #lowRank}, the state gains one
 * scalar h (Q⊥_ij = h m_i m_j for i ≠ j, h(0) = 0), the drift is {@link PhaseRetrievalLowRankDrift} and the
 * trajectory gains the column {@value #CORRECTION_COLUMN}; no closure warning is given (the correction is exact
 * at fixed g as p grows).
 *
 * <p>Immutable and thread-safe: every run builds its own equations and buffers.
 */
public final class ParticleSystem {
    /** g/B above which a run warns that the closure is biased. */
    public static final double NOISE_WARNING_THRESHOLD = 0.05;
    /** Column names (docs/theory.md §7). */
    public static final List<String> COLUMNS = List.of("risk", "excess_risk", "mean_m2", "mean_qperp");
    /** Extra column of the corrected closure: the off-diagonal coefficient h. */
    public static final String CORRECTION_COLUMN = "h";
    /** Columns of the corrected closure. */
    public static final List<String> LOW_RANK_COLUMNS = List.of("risk", "excess_risk", "mean_m2", "mean_qperp",
            CORRECTION_COLUMN);

    private final ParticleDrift drift;
    private final IntegratorSettings integrator;
    private final LearningRateSchedule schedule;
    /** The corrected closure's drift, or null for the plain closure. */
    private final PhaseRetrievalLowRankDrift correction;
    /** The corrected closure of any activation (O(p), latent Gaussians), or null. */
    private final LinearCostLowRankClosure latent;
    /** Initial particle biases b_i (docs/theory.md §3.11), or null without biases. */
    private final double[] initialBias;
    /** γ_b/γ of trained biases (0: fixed). */
    private final double biasRate;
    /** Extra column of a system with biases: the mean particle bias. */
    public static final String BIAS_COLUMN = "mean_b";

    /**
     * @param drift      the particle drift (its settings' width should equal the number of particles run, for
     *                   the finite-p system; +∞ for the strict limit)
     * @param integrator integrator settings
     * @param schedule   learning-rate schedule s(t)
     */
    public ParticleSystem(ParticleDrift drift, IntegratorSettings integrator, LearningRateSchedule schedule) {
        this.drift = Objects.requireNonNull(drift, "drift");
        this.integrator = Objects.requireNonNull(integrator, "integrator");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.correction = null;
        this.latent = null;
        this.initialBias = null;
        this.biasRate = 0;
    }

    private ParticleSystem(ParticleSystem base, double[] initialBias, double biasRate) {
        this.drift = base.drift;
        this.integrator = base.integrator;
        this.schedule = base.schedule;
        this.correction = base.correction;
        this.latent = base.latent;
        this.initialBias = initialBias;
        this.biasRate = biasRate;
    }

    private ParticleSystem(ParticleDrift drift, PhaseRetrievalLowRankDrift correction, IntegratorSettings integrator,
                           LearningRateSchedule schedule) {
        this.drift = Objects.requireNonNull(drift, "drift");
        this.correction = Objects.requireNonNull(correction, "correction");
        this.integrator = Objects.requireNonNull(integrator, "integrator");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.latent = null;
        this.initialBias = null;
        this.biasRate = 0;
    }

    private ParticleSystem(ParticleDrift drift, LinearCostLowRankClosure latent, IntegratorSettings integrator,
                           LearningRateSchedule schedule) {
        this.drift = Objects.requireNonNull(drift, "drift");
        this.correction = null;
        this.latent = Objects.requireNonNull(latent, "latent");
        this.integrator = Objects.requireNonNull(integrator, "integrator");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.initialBias = null;
        this.biasRate = 0;
    }

    /**
     * The corrected (low-rank) closure of any activation in O(p) ({@link LinearCostLowRankClosure}, docs/closure.md
     * §5): {@code drift} is the plain drift of the same network (k = 1, fixed second layer), used for the checks
     * and the warnings; the run integrates (a fixed, m, q⊥, H) with {@code closure} and records the columns
     * H_a_b. The initial particles' second layer must be the closure's.
     */
    public static ParticleSystem lowRank(ParticleDrift drift, LinearCostLowRankClosure closure,
                                         IntegratorSettings integrator, LearningRateSchedule schedule) {
        if (drift.teacherWidth() != 1 || drift.settings().secondLayerRate() != 0
                || drift.teacherOverlap()[0] != closure.teacherOverlap()) {
            throw new IllegalArgumentException("closure: the low-rank correction needs k = 1, a fixed second layer "
                    + "and the drift's P");
        }
        return new ParticleSystem(drift, closure, integrator, schedule);
    }

    /**
     * The corrected (low-rank) closure of phase retrieval: {@code drift} must be the plain drift of σ = σ* = x²,
     * k = 1, a* = 1, fixed second layer (it checks the initial particles and names the teacher); the run
     * integrates {@code correction}, whose settings must equal the drift's. Every particle must have a = 1.
     */
    public static ParticleSystem lowRank(ParticleDrift drift, PhaseRetrievalLowRankDrift correction,
                                         IntegratorSettings integrator, LearningRateSchedule schedule) {
        if (drift.teacherWidth() != 1 || !correction.settings().equals(drift.settings())
                || drift.teacherOverlap()[0] != correction.teacherNorm() || drift.teacherSecondLayer()[0] != 1.0
                || drift.moments().activation() != org.sgdlimits.activation.StandardActivation.SQUARE
                || drift.teacher() != org.sgdlimits.activation.StandardActivation.SQUARE
                || drift.settings().secondLayerRate() != 0) {
            throw new IllegalArgumentException("closure: the low-rank correction needs the phase-retrieval drift "
                    + "(square student, k = 1, a* = 1) with the same settings and P");
        }
        return new ParticleSystem(drift, correction, integrator, schedule);
    }

    /**
     * The same system for particles with a bias each (docs/theory.md §3.11): {@code drift} must have biases
     * ({@link ParticleDrift#ParticleDrift(ConditionalMoments, org.sgdlimits.activation.Activation, double[],
     * double[], ParticleDriftSettings, double[])}); particle i starts at b_i = {@code initialBias[i]} and, when
     * {@code rateRatio} = γ_b/γ &gt; 0, follows db_i/dt = s (γ_b/γ) (−a_i E[e σ'(λ_i)]). The recorded columns gain
     * {@value #BIAS_COLUMN}; the state components are named b_i.
     *
     * @throws IllegalArgumentException for a drift without biases, the corrected closure, a non-finite bias or
     *                                  a negative rate
     */
    public ParticleSystem withBiases(double[] initialBias, double rateRatio) {
        if (!drift.hasBiases() || correction != null || latent != null) {
            throw new IllegalArgumentException("bias: particle biases need a drift with biases (and the plain closure)");
        }
        if (!(rateRatio >= 0) || !Double.isFinite(rateRatio)) {
            throw new IllegalArgumentException("biasLearningRate: ratio " + rateRatio + "; must be finite and >= 0");
        }
        return new ParticleSystem(this, org.sgdlimits.overlap.Biases.fixed(new double[] {0}, initialBias).student(),
                rateRatio);
    }

    /** Whether this system integrates the corrected (low-rank) closure. */
    public boolean corrected() {
        return correction != null || latent != null;
    }

    /** The recorded columns: {@link #COLUMNS}, plus {@value #CORRECTION_COLUMN} for the corrected closure. */
    public List<String> columns() {
        if (initialBias != null) {
            List<String> out = new ArrayList<>(COLUMNS);
            out.add(BIAS_COLUMN);
            return java.util.Collections.unmodifiableList(out);
        }
        return latent != null ? latent.columns() : correction == null ? COLUMNS : LOW_RANK_COLUMNS;
    }

    /** With the default integrator and a constant learning rate. */
    public ParticleSystem(ParticleDrift drift) {
        this(drift, IntegratorSettings.defaults(), LearningRateSchedule.constant());
    }

    public ParticleDrift drift() { return drift; }

    /** The warnings a run of these particles would carry (empty when none). */
    public List<String> warnings(Particles particles) {
        List<String> w = new ArrayList<>();
        double g = drift.settings().noiseCoefficient();
        if (g > NOISE_WARNING_THRESHOLD && !corrected()) {
            w.add(String.format(Locale.ROOT, "g/B = %.4g > %.2g: the mean-field closure (Q_perp_ij = 0 for i != j) "
                    + "is biased by O(g) when g = gamma/p is not small (docs/theory.md §5); the full overlap ODE "
                    + "(org.sgdlimits.narrow.OverlapOde, engine 'full') is the reference", g, NOISE_WARNING_THRESHOLD));
        }
        double width = drift.settings().width();
        if (Double.isFinite(width) && Math.abs(width - particles.count()) > 0.5) {
            w.add("self-interaction width p = " + width + " differs from the number of particles "
                    + particles.count() + " (intended only when particles sample a wider network)");
        }
        return w;
    }

    /**
     * Integrates from the given particles over the grid.
     *
     * @param initial       particles at t = 0 (teacher must match the drift's)
     * @param grid          recorded times
     * @param snapshotTimes times at which to keep the particle state (each taken at the nearest grid time);
     *                      may be empty
     * @param events        events on the recorded columns (may be empty)
     */
    public ParticleRun run(Particles initial, TimeGrid grid, double[] snapshotTimes,
                           List<? extends TrajectoryEvent> events) {
        Objects.requireNonNull(initial, "initial");
        if (initial.teacherWidth() != drift.teacherWidth()) {
            throw new IllegalArgumentException("initial: teacher width " + initial.teacherWidth()
                    + " but the drift has k = " + drift.teacherWidth());
        }
        double[] dp = drift.teacherOverlap();
        double[] ip = initial.teacherOverlap();
        for (int i = 0; i < dp.length; i++) {
            if (Math.abs(dp[i] - ip[i]) > 1e-12 * Math.max(1, Math.abs(dp[i]))) {
                throw new IllegalArgumentException("initial: teacher overlap P differs from the drift's P");
            }
        }
        double[] times = grid.times();
        double[] requested = snapshotTimes == null ? new double[0] : snapshotTimes.clone();
        int[] snapshotRow = new int[requested.length];
        for (int s = 0; s < requested.length; s++) {
            if (!(requested[s] >= 0) || !(requested[s] <= grid.end())) {
                throw new IllegalArgumentException("snapshots: time " + requested[s] + "; must lie in [0, "
                        + grid.end() + "]");
            }
            int best = 0;
            for (int i = 1; i < times.length; i++) {
                if (Math.abs(times[i] - requested[s]) < Math.abs(times[best] - requested[s])) {
                    best = i;
                }
            }
            snapshotRow[s] = best;
        }
        if (correction != null) {
            for (int i = 0; i < initial.count(); i++) {
                if (initial.secondLayer(i) != 1.0) {
                    throw new IllegalArgumentException("initial: a_" + i + " = " + initial.secondLayer(i)
                            + "; the phase-retrieval low-rank closure needs a = 1");
                }
            }
        }
        if (latent != null) {
            double[] want = latent.secondLayer();
            for (int i = 0; i < initial.count(); i++) {
                if (i >= want.length || initial.secondLayer(i) != want[i] || initial.count() != want.length) {
                    throw new IllegalArgumentException("initial: a_" + i + " = " + initial.secondLayer(i)
                            + "; the low-rank closure was built for " + want.length + " units with its own a_i");
                }
            }
        }
        if (initialBias != null && initialBias.length != initial.count()) {
            throw new IllegalArgumentException("student.bias: length " + initialBias.length
                    + " is not allowed; must be the particle count " + initial.count());
        }
        ParticleEquations equations = new ParticleEquations(drift, correction, latent, schedule, initial,
                initialBias, biasRate);
        List<String> columns = columns();
        ParticleSnapshot[] snaps = new ParticleSnapshot[requested.length];
        Observables observables = new Observables() {
            @Override
            public List<String> columns() {
                return columns;
            }

            @Override
            public void evaluate(double t, double[] y, double[] out) {
                equations.observables(y, out);
                // events may evaluate the observables between grid times: match snapshots by time
                for (int s = 0; s < requested.length; s++) {
                    double target = times[snapshotRow[s]];
                    if (snaps[s] == null && Math.abs(t - target) <= 1e-12 * Math.max(1.0, target)) {
                        snaps[s] = new ParticleSnapshot(requested[s], t, equations.particles(y));
                    }
                }
            }
        };
        IntegrationResult result = new TrajectoryIntegrator(integrator).integrate(equations, equations.pack(initial),
                grid, observables, events == null ? List.of() : events);
        List<ParticleSnapshot> kept = new ArrayList<>();
        for (ParticleSnapshot s : snaps) {
            if (s != null) {
                kept.add(s);
            }
        }
        return new ParticleRun(result.trajectory(), kept, equations.particles(result.finalState()),
                warnings(initial), result.statistics());
    }

    /**
     * {@link #run(Particles, TimeGrid, double[], List)} as an {@link Engine} (the one engine contract); progress
     * is reported once, at the end.
     */
    public Engine<ParticleRun> engine(Particles initial, TimeGrid grid, double[] snapshotTimes,
                                      List<? extends TrajectoryEvent> events) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(grid, "grid");
        double[] snaps = snapshotTimes == null ? new double[0] : snapshotTimes.clone();
        List<TrajectoryEvent> kept = events == null ? List.of() : List.copyOf(events);
        return progress -> {
            ParticleRun r = run(initial, grid, snaps, kept);
            progress.reached(1);
            return r;
        };
    }

    /** {@link #run(Particles, TimeGrid, double[], List)} without snapshots or events. */
    public ParticleRun run(Particles initial, TimeGrid grid) {
        return run(initial, grid, new double[0], List.of());
    }

    /** The particle ODE as an {@link OdeSystem}; one instance per run (holds the buffers). */
    static final class ParticleEquations implements OdeSystem {
        private final ParticleDrift drift;
        private final PhaseRetrievalLowRankDrift correction;
        private final LinearCostLowRankClosure latent;
        private final double[] latentState;
        private final double[] latentRate;
        private final LearningRateSchedule schedule;
        private final Particles template;
        private final int p;
        private final int k;
        private final double[] a;
        private final double[] m;
        private final double[] q;
        private final ParticleDriftTerms terms;
        private final double halfLabelNoise;
        /** Initial biases (null: none), current biases, γ_b/γ and the offset of b in the state. */
        private final double[] initialBias;
        private final double[] b;
        private final double biasRate;
        private final int biasOffset;

        ParticleEquations(ParticleDrift drift, PhaseRetrievalLowRankDrift correction, LearningRateSchedule schedule,
                          Particles template) {
            this(drift, correction, null, schedule, template, null, 0);
        }

        ParticleEquations(ParticleDrift drift, PhaseRetrievalLowRankDrift correction, LinearCostLowRankClosure latent,
                          LearningRateSchedule schedule, Particles template, double[] initialBias, double biasRate) {
            this.drift = drift;
            this.correction = correction;
            this.latent = latent;
            this.latentState = latent == null ? null : new double[latent.dimension()];
            this.latentRate = latent == null ? null : new double[latent.dimension()];
            this.schedule = schedule;
            this.template = template;
            this.p = template.count();
            this.k = template.teacherWidth();
            this.a = new double[p];
            this.m = new double[p * k];
            this.q = new double[p];
            this.terms = new ParticleDriftTerms(p, k);
            this.halfLabelNoise = 0.5 * drift.settings().labelNoise();
            this.initialBias = initialBias;
            this.b = initialBias == null ? null : new double[p];
            this.biasRate = biasRate;
            this.biasOffset = p * (k + 2) + (correction != null ? 1 : latent != null ? latent.rank() * latent.rank() : 0);
        }

        @Override
        public int dimension() {
            return biasOffset + (initialBias == null ? 0 : p);
        }

        double[] pack(Particles particles) {
            double[] y = new double[dimension()];
            System.arraycopy(particles.secondLayer(), 0, y, 0, p);
            System.arraycopy(particles.studentTeacherOverlaps(), 0, y, p, p * k);
            System.arraycopy(particles.orthogonalNorms(), 0, y, p + p * k, p);
            // corrected closure: h(0) = 0, the particles carry no off-diagonal orthogonal overlaps
            if (initialBias != null) {
                System.arraycopy(initialBias, 0, y, biasOffset, p);
            }
            return y;
        }

        private void unpack(double[] y) {
            System.arraycopy(y, 0, a, 0, p);
            System.arraycopy(y, p, m, 0, p * k);
            int off = p + p * k;
            for (int i = 0; i < p; i++) {
                q[i] = Math.max(0.0, y[off + i]);
            }
            if (b != null) {
                System.arraycopy(y, biasOffset, b, 0, p);
            }
        }

        Particles particles(double[] y) {
            unpack(y);
            return template.withState(a, m, q);
        }

        /** (m, q⊥, H) of the latent closure from the packed state (k = 1). */
        private void loadLatent(double[] y) {
            int off = p + p * k;
            System.arraycopy(y, p, latentState, 0, p);
            System.arraycopy(y, off, latentState, p, p);
            System.arraycopy(y, off + p, latentState, 2 * p, latentState.length - 2 * p);
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            unpack(y);
            if (latent != null) {
                loadLatent(y);
                latent.derivatives(latentState, schedule.factor(t), latentRate);
                java.util.Arrays.fill(yDot, 0, p, 0.0); // fixed second layer
                int off = p + p * k;
                System.arraycopy(latentRate, 0, yDot, p, p);
                System.arraycopy(latentRate, p, yDot, off, p);
                System.arraycopy(latentRate, 2 * p, yDot, off + p, latentRate.length - 2 * p);
                return;
            }
            if (correction != null) {
                java.util.Arrays.fill(yDot, 0, p, 0.0); // a = 1 fixed
                int off = p + p * k;
                yDot[off + p] = correction.evaluate(p, m, q, null, y[off + p], schedule.factor(t), terms.dm,
                        terms.dqPerp);
                System.arraycopy(terms.dm, 0, yDot, p, p);
                System.arraycopy(terms.dqPerp, 0, yDot, off, p);
                return;
            }
            double s = schedule.factor(t);
            drift.evaluate(p, a, m, q, null, b, s, terms);
            System.arraycopy(terms.da, 0, yDot, 0, p);
            System.arraycopy(terms.dm, 0, yDot, p, p * k);
            System.arraycopy(terms.dqPerp, 0, yDot, p + p * k, p);
            if (b != null) {
                // db_i/dt = s (γ_b/γ) (−a_i E[e σ'(λ_i)])   (docs/theory.md §3.11)
                for (int i = 0; i < p; i++) {
                    yDot[biasOffset + i] = s * biasRate * terms.biasGradient[i];
                }
            }
        }

        void observables(double[] y, double[] row) {
            unpack(y);
            double h = correction == null ? 0.0 : y[p + p * k + p];
            double eps;
            if (latent != null) {
                loadLatent(y);
                eps = latent.excessRisk(latentState);
            } else {
                eps = correction == null ? drift.excessRisk(p, a, m, q, null, b, terms)
                        : correction.excessRisk(p, m, q, null, h);
            }
            Particles now = template.withState(a, m, q);
            row[0] = eps + halfLabelNoise;
            row[1] = eps;
            row[2] = now.meanTeacherAlignment();
            row[3] = now.meanOrthogonalNorm();
            if (correction != null) {
                row[4] = h;
            }
            if (latent != null) {
                System.arraycopy(y, p + p * k + p, row, 4, latent.rank() * latent.rank());
            }
            if (b != null) {
                double sum = 0;
                for (double bi : b) {
                    sum += bi;
                }
                row[4] = sum / p;
            }
        }

        @Override
        public String componentName(int index) {
            if (initialBias != null && index >= biasOffset) {
                return "b_" + (index - biasOffset);
            }
            if (index < p) {
                return "a_" + index;
            }
            if (index < p + p * k) {
                int j = index - p;
                return "m_" + (j / k) + "_" + (j % k);
            }
            if (latent != null && index >= p * (k + 2)) {
                int j = index - p * (k + 2);
                return "H_" + j / latent.rank() + "_" + j % latent.rank();
            }
            if (index == p * (k + 2)) {
                return CORRECTION_COLUMN;
            }
            return "qperp_" + (index - p - p * k);
        }
    }
}
