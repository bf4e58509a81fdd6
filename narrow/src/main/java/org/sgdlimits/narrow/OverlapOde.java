package org.sgdlimits.narrow;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.sgdlimits.trajectory.Engine;
import java.util.List;
import java.util.Objects;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.MeanShiftedMoments;
import org.sgdlimits.ode.DivergenceBound;
import org.sgdlimits.ode.IntegrationResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.Observables;
import org.sgdlimits.ode.OdeSystem;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.ode.OverlapStateLayout;
import org.sgdlimits.ode.TrajectoryEvent;
import org.sgdlimits.ode.TrajectoryIntegrator;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalDrift;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRate;
import org.sgdlimits.schedule.SecondLayerLearningRate;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The deterministic overlap ODEs of a two-layer network (p student units, k teacher units) trained by
 * one-pass SGD (docs/theory.md §2–3, Saad &amp; Solla 1995; Arnaboldi et al. 2023), in ODE time t = νγ/(pd).
 *
 * <p>With Ψ = −a_i E[eσ'(λ_i)λ*_r], G = −a_iE[eσ'(λ_i)λ_j] − a_jE[eσ'(λ_j)λ_i], N = a_i a_j E[e²σ'σ'] (label
 * noise included) and H = −E[eσ(λ_i)] from {@link PopulationDrift}, g = γ/p, s = s(t) the schedule factor,
 * B the batch size and λ the weight decay:
 * <pre>
 *   dM/dt = s (Ψ − λ M)
 *   dQ/dt = s (c_G G − c_Q Q) + n s² (g/B) N
 *   da/dt = s (γ_a/γ) H                (trained second layer only)
 * </pre>
 * with, by regime: classical n = 0, c_G = 1, c_Q = 2λ; high-dimensional n = 1, c_G = 1, c_Q = 2λ;
 * finite-dimensional (d) c_G = 1 − s g λ/d, c_Q = 2λ − s g λ²/d and the noise term with the exact factor
 * E[|x|²/d · h] ({@link PopulationDrift#withFiniteDimension}); c_G and c_Q come from expanding
 * Q' = ((1 − sgλ/d) w + u)·((1 − sgλ/d) w + u)/d for one SGD step, dM has no 1/d correction. The finite-d
 * noise term for mini-batches B &gt; 1 adds the cross-sample term (1 − 1/B)(g/d) E[h_iλ]ᵀΩ⁺E[h_jλ],
 * h_i = e a_i σ'(λ_i) ({@link PopulationDrift#withMiniBatch}, docs/theory.md §3.8). The schedule multiplies γ and γ_a alike (the simulator's convention).
 * Spherical SGD (docs/theory.md §2) replaces (dQ/dt, dM/dt) = (Φ, Ψ') by Φ − ½Q∘(diagΦ 1ᵀ + 1 diagΦᵀ) and
 * Ψ' − ½ diag(Φ) M; it needs Q_ii = 1 initially and then keeps it.
 *
 * <p>Biases (docs/theory.md §3.11, {@link Builder#biases}): λ_i = w_i·x/√d + b_i, λ*_r = w*_r·x/√d + b*_r. The
 * drift is then taken with field means (b, b*) ({@link PopulationDrift#withBiases}); fixed biases enter only
 * the moments, trained ones ({@link Builder#trainBias}) follow db_i/dt = s (γ_b/γ) D_i with
 * D_i = −a_i E[e σ'(λ_i)] (the time convention of the second layer) and are recorded as columns b_i.
 *
 * <p>Phase retrieval (σ = σ* = x², k = 1, fixed second layer a_i = 1 for all i, a* = 1, any P, Δ, g, B, weight
 * decay, schedule, plain or spherical; classical or high-dimensional regime) takes the closed matrix-polynomial
 * drift of {@link PhaseRetrievalDrift} (O(p³) per right-hand side, no quadrature) instead of the generic
 * four-point Gaussian moments (O(p⁴) quadratures); the two agree to round-off. Everything else (another
 * activation, a trained or non-unit second layer, k &gt; 1, the finite-dimensional regime, or a moment provider
 * given to {@link Builder#moments}) goes through {@link PopulationDrift}. See {@link Equations#closedForm()}.
 *
 * <p>Configured once through {@link #builder}; immutable and thread-safe ({@link #solve} may run concurrently:
 * each call has its own buffers and integrator).
 */
public final class OverlapOde {
    private final Activation studentActivation;
    private final Activation teacherActivation;
    private final GaussianMoments moments;
    private final double learningRate;
    private final boolean trainSecondLayer;
    private final double secondLayerLearningRate;
    private final double labelNoise;
    private final double weightDecay;
    private final int batchSize;
    private final Regime regime;
    private final double dimension;
    private final LearningRateSchedule schedule;
    private final boolean spherical;
    private final IntegratorSettings integratorSettings;
    private final double divergenceBound;
    /** Square student and teacher with the automatic moments: runs with a = a* = 1, k = 1 use the closed form. */
    private final boolean squarePair;
    /** Teacher biases b* (length k) of a model with biases, else null. */
    private final double[] teacherBias;
    /** Initial (or fixed) student biases b (length p) of a model with biases, else null. */
    private final double[] studentBias;
    private final boolean trainBias;
    private final double biasLearningRate;

    private OverlapOde(Builder b) {
        this.studentActivation = b.studentActivation;
        this.teacherActivation = b.teacherActivation;
        this.moments = b.moments != null ? b.moments : GaussianMoments.forPair(b.studentActivation, b.teacherActivation);
        this.learningRate = b.learningRate.value();
        this.trainSecondLayer = b.trainSecondLayer;
        this.secondLayerLearningRate = b.secondLayerLearningRate;
        this.labelNoise = b.labelNoise;
        this.weightDecay = b.weightDecay;
        this.batchSize = b.batchSize;
        this.regime = b.regime;
        this.dimension = b.dimension;
        this.schedule = b.schedule;
        this.spherical = b.spherical;
        this.integratorSettings = b.integratorSettings;
        this.divergenceBound = b.divergenceBound;
        this.teacherBias = b.teacherBias;
        this.studentBias = b.studentBias;
        this.trainBias = b.trainBias;
        this.biasLearningRate = b.biasLearningRate;
        this.squarePair = b.moments == null && b.studentActivation == StandardActivation.SQUARE
                && b.teacherActivation == StandardActivation.SQUARE && !b.trainSecondLayer
                && b.regime != Regime.FINITE_DIMENSIONAL && b.teacherBias == null;
    }

    /** The same engine with another learning-rate schedule s(t) (everything else, moments included, shared). */
    public OverlapOde withSchedule(LearningRateSchedule newSchedule) {
        return new OverlapOde(this, java.util.Objects.requireNonNull(newSchedule, "schedule"));
    }

    private OverlapOde(OverlapOde o, LearningRateSchedule newSchedule) {
        this.studentActivation = o.studentActivation;
        this.teacherActivation = o.teacherActivation;
        this.moments = o.moments;
        this.learningRate = o.learningRate;
        this.trainSecondLayer = o.trainSecondLayer;
        this.secondLayerLearningRate = o.secondLayerLearningRate;
        this.labelNoise = o.labelNoise;
        this.weightDecay = o.weightDecay;
        this.batchSize = o.batchSize;
        this.regime = o.regime;
        this.dimension = o.dimension;
        this.schedule = newSchedule;
        this.spherical = o.spherical;
        this.integratorSettings = o.integratorSettings;
        this.divergenceBound = o.divergenceBound;
        this.teacherBias = o.teacherBias;
        this.studentBias = o.studentBias;
        this.trainBias = o.trainBias;
        this.biasLearningRate = o.biasLearningRate;
        this.squarePair = o.squarePair;
    }

    /** A builder for the given student activation σ and teacher activation σ*. */
    public static Builder builder(Activation student, Activation teacher) {
        return new Builder(student, teacher);
    }

    public Activation studentActivation() { return studentActivation; }
    public Activation teacherActivation() { return teacherActivation; }
    /** Learning rate γ of the first layer. */
    public double learningRate() { return learningRate; }
    /** g = γ/p, the effective noise strength of the d → ∞ equations, for width p. */
    public double effectiveLearningRate(int p) { return learningRate / p; }
    public boolean trainSecondLayer() { return trainSecondLayer; }
    /** γ_a (0 when the second layer is fixed). */
    public double secondLayerLearningRate() { return secondLayerLearningRate; }
    /** Δ, the label-noise variance. */
    public double labelNoise() { return labelNoise; }
    /** λ_wd. */
    public double weightDecay() { return weightDecay; }
    public int batchSize() { return batchSize; }
    public Regime regime() { return regime; }
    /** Input dimension d (only used in the finite-dimensional regime; +∞ otherwise). */
    public double dimension() { return dimension; }
    public LearningRateSchedule schedule() { return schedule; }
    public boolean spherical() { return spherical; }
    public IntegratorSettings integratorSettings() { return integratorSettings; }
    public double divergenceBound() { return divergenceBound; }
    /** Whether the model has biases ({@link Builder#biases}). */
    public boolean hasBiases() { return teacherBias != null; }
    /** Copy of the teacher biases b* (null without biases). */
    public double[] teacherBias() { return teacherBias == null ? null : teacherBias.clone(); }
    /** Copy of the initial (or fixed) student biases b (null without biases). */
    public double[] studentBias() { return studentBias == null ? null : studentBias.clone(); }
    /** Whether the student biases are trained. */
    public boolean trainBias() { return trainBias; }
    /** γ_b (0 when the biases are fixed). */
    public double biasLearningRate() { return biasLearningRate; }

    /**
     * This ODE from {@code initial} over {@code grid} as an {@link Engine} (the one engine contract); progress
     * is the fraction of {@code grid.end()} reached.
     *
     * @throws IllegalArgumentException if the initial overlaps do not fit the settings (see {@link #solve})
     */
    public Engine<OverlapOdeResult> engine(Overlaps initial, TimeGrid grid, List<? extends TrajectoryEvent> events) {
        requireFitting(Objects.requireNonNull(initial, "initial"));
        Objects.requireNonNull(grid, "grid");
        List<TrajectoryEvent> kept = List.copyOf(events);
        return progress -> solve(initial, grid, kept, t -> progress.reached(grid.end() > 0 ? t / grid.end() : 1));
    }

    /** Same as {@link #solve(Overlaps, TimeGrid, List)} without user events. */
    public OverlapOdeResult solve(Overlaps initial, TimeGrid grid) {
        return solve(initial, grid, List.of());
    }

    /**
     * Integrates the overlap ODEs from {@code initial} at t = 0 over {@code grid}.
     *
     * @param initial validated initial overlaps (they also fix the teacher: P and a*)
     * @param grid    recorded times
     * @param events  extra events (e.g. {@code ThresholdCrossing.below("risk", 1e-3)}, a {@code PlateauExit});
     *                a {@link DivergenceBound} at {@link #divergenceBound()} is always added
     * @return the trajectory (docs/theory.md §7 columns), status, events, final overlaps and integrator statistics
     * @throws IllegalArgumentException if the initial overlaps do not fit the settings (spherical needs Q_ii = 1)
     */
    public OverlapOdeResult solve(Overlaps initial, TimeGrid grid, List<? extends TrajectoryEvent> events) {
        return solve(initial, grid, events, null);
    }

    /**
     * Same as {@link #solve(Overlaps, TimeGrid, List)}, reporting progress to {@code progress}: the ODE time of
     * the last accepted step at most every 100 ms of wall time, then the final time once when the run ends
     * (see {@link TrajectoryIntegrator#integrate(org.sgdlimits.ode.OdeSystem, double[], TimeGrid,
     * org.sgdlimits.ode.Observables, List, java.util.function.DoubleConsumer)}).
     *
     * @param progress progress hook (cheap, must not throw, called on the integrating thread), or null for none
     */
    public OverlapOdeResult solve(Overlaps initial, TimeGrid grid, List<? extends TrajectoryEvent> events,
                                  java.util.function.DoubleConsumer progress) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(grid, "grid");
        requireFitting(initial);
        Equations system = newSystem(initial);
        List<TrajectoryEvent> all = new java.util.ArrayList<>(events);
        all.add(new DivergenceBound(divergenceBound));
        IntegrationResult r = new TrajectoryIntegrator(integratorSettings).integrate(system,
                system.initialState(initial), grid, system.observables(), all, progress);
        Overlaps last = system.overlapsOf(r.finalState());
        return new OverlapOdeResult(r.trajectory(), r.events(), r.finalTime(), last, r.statistics());
    }

    private void requireFitting(Overlaps initial) {
        if (spherical) {
            for (int i = 0; i < initial.studentWidth(); i++) {
                double qii = initial.studentOverlap(i, i);
                if (Math.abs(qii - 1) > 1e-9) {
                    throw new InvalidFieldException(FieldPath.parse("initial.Q"), "Q_" + i + "_" + i + " = " + qii
                            + "; spherical SGD needs unit-norm student rows (Q_ii = 1)");
                }
            }
        }
    }

    /**
     * The right-hand side for one run with the teacher of {@code initial} (P, a*) and widths taken from it:
     * exposed for benchmarks, the mean-field comparison and tests. Not thread-safe (scratch buffers).
     */
    public Equations newSystem(Overlaps initial) {
        return new Equations(initial);
    }

    /**
     * The overlap ODE as an {@link OdeSystem} on the packed state of {@link OverlapStateLayout}, with the docs/theory.md §7
     * observables. One instance per run.
     */
    public final class Equations implements OdeSystem {
        private final int p;
        private final int k;
        private final OverlapStateLayout layout;
        private final PopulationDrift drift;
        private final DriftTerms terms;
        private final double[] teacherOverlap;
        private final double[] teacherSecondLayer;
        private final double[] fixedA;
        private final double[] q;
        private final double[] m;
        private final double[] a;
        private final double[] dM;
        private final double[] dQ;
        private final double[] da;
        private final double[] fixedB;
        private final double[] b;
        private final double[] db;
        private final double biasRatio;
        private final double g;
        private final double secondLayerRatio;
        /** The closed-form phase-retrieval drift, or null (generic path). */
        private final PhaseRetrievalDrift closedForm;
        private final PhaseRetrievalDrift.Workspace closedFormWorkspace;

        private Equations(Overlaps initial) {
            this.p = initial.studentWidth();
            this.k = initial.teacherWidth();
            if (teacherBias != null) {
                Biases.fixed(teacherBias, studentBias).requireWidths(p, k);
            }
            this.layout = new OverlapStateLayout(p, k, trainSecondLayer, trainBias);
            this.fixedB = studentBias == null ? new double[p] : studentBias.clone();
            this.b = new double[p];
            this.db = new double[p];
            this.biasRatio = trainBias ? biasLearningRate / learningRate : 0.0;
            this.teacherOverlap = initial.teacherOverlapMatrix();
            this.teacherSecondLayer = initial.teacherSecondLayer();
            this.fixedA = initial.studentSecondLayer();
            this.drift = createDrift();
            this.terms = drift.newTerms(p);
            this.q = new double[p * p];
            this.m = new double[p * k];
            this.a = new double[p];
            this.dM = new double[p * k];
            this.dQ = new double[p * p];
            this.da = new double[p];
            this.g = learningRate / p;
            this.secondLayerRatio = trainSecondLayer ? secondLayerLearningRate / learningRate : 0.0;
            this.closedForm = coveredByClosedForm() ? new PhaseRetrievalDrift(new PhaseRetrievalModel(p,
                    teacherOverlap[0], 0.0, labelNoise, false)) : null;
            this.closedFormWorkspace = closedForm == null ? null : closedForm.newWorkspace();
        }

        /** σ = σ* = x² (automatic moments, fixed layer, not finite-d, no biases), k = 1, every a_i = 1, a* = 1. */
        private boolean coveredByClosedForm() {
            if (!squarePair || k != 1 || teacherSecondLayer[0] != 1.0) {
                return false;
            }
            for (double ai : fixedA) {
                if (ai != 1.0) {
                    return false;
                }
            }
            return true;
        }

        /** Whether this run uses the closed-form phase-retrieval drift (see the class comment). */
        public boolean closedForm() {
            return closedForm != null;
        }

        /** Fills {@link #terms} (dM, dQGradient, dQNoise when needed) and returns nothing; ε via the same path. */
        private void evaluateDrift(double[] qs, double[] ms, double[] as, double[] bs) {
            if (closedForm != null) {
                terms.excessRisk = closedForm.populationTerms(qs, ms, closedFormWorkspace, terms.dQGradient,
                        terms.dQNoise, terms.dM, regime != Regime.CLASSICAL);
            } else {
                drift.evaluate(qs, ms, as, bs, terms);
            }
        }

        private double excessRisk(double[] qs, double[] ms, double[] as, double[] bs) {
            return closedForm != null ? PhaseRetrievalDrift.excessRisk(qs, ms, p, teacherOverlap[0])
                    : drift.excessRisk(qs, ms, as, bs);
        }

        private PopulationDrift createDrift() {
            PopulationDrift d = new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise);
            if (teacherBias != null) {
                d = d.withBiases(teacherBias);
            }
            return regime == Regime.FINITE_DIMENSIONAL ? d.withFiniteDimension(dimension).withMiniBatch(batchSize) : d;
        }

        /** The packed initial state: the overlaps of {@code initial} and the initial student biases. */
        public double[] initialState(Overlaps initial) {
            return layout.pack(initial, fixedB);
        }

        /** Whether the recorded rows carry the b_i columns (a model with biases). */
        public boolean hasBiases() {
            return teacherBias != null;
        }

        public OverlapStateLayout layout() { return layout; }

        @Override
        public int dimension() { return layout.dimension(); }

        @Override
        public String componentName(int index) { return layout.componentName(index); }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            derivativesAtFactor(schedule.factor(t), y, yDot);
        }

        /**
         * The right-hand side at schedule factor s instead of s(t) (the drift does not depend on t otherwise):
         * the control-affine-quadratic form s·A(y) + s²·B(y) that the schedule optimiser differentiates
         * (docs/theory.md §3.9). Same buffers and conventions as {@link #derivatives}.
         */
        public void derivativesAtFactor(double s, double[] y, double[] yDot) {
            layout.unpackM(y, m);
            layout.unpackQ(y, q);
            layout.unpackA(y, fixedA, a);
            layout.unpackB(y, fixedB, b);
            evaluateDrift(q, m, a, teacherBias == null ? null : b);
            double lambda = weightDecay;
            // docs/theory.md §3: dM/dt = s(Ψ − λM)
            for (int idx = 0; idx < p * k; idx++) {
                dM[idx] = s * (terms.dM[idx] - lambda * m[idx]);
            }
            double gradientFactor = 1.0;
            double decayFactor = 2 * lambda;
            double noiseFactor = 0.0;
            if (regime != Regime.CLASSICAL) {
                noiseFactor = s * s * g / batchSize;
            }
            if (regime == Regime.FINITE_DIMENSIONAL) {
                gradientFactor = 1 - s * g * lambda / dimension;
                decayFactor = 2 * lambda - s * g * lambda * lambda / dimension;
            }
            // docs/theory.md §3: dQ/dt = s(c_G G − c_Q Q) + s²(g/B) N
            for (int idx = 0; idx < p * p; idx++) {
                dQ[idx] = s * (gradientFactor * terms.dQGradient[idx] - decayFactor * q[idx])
                        + noiseFactor * terms.dQNoise[idx];
            }
            if (trainSecondLayer) {
                for (int i = 0; i < p; i++) {
                    da[i] = s * secondLayerRatio * terms.da[i];
                }
            }
            if (trainBias) {
                // docs/theory.md §3.11: db/dt = s (γ_b/γ) (−a_i E[e σ'(λ_i)])
                for (int i = 0; i < p; i++) {
                    db[i] = s * biasRatio * terms.db[i];
                }
            }
            if (spherical) {
                SphericalProjection.apply(q, m, p, k, dQ, dM);
            }
            layout.packDerivative(dM, dQ, da, yDot);
            layout.packBiasDerivative(db, yDot);
        }

        /** The excess risk ε of a packed state (the risk is ε + Δ/2). */
        public double excessRisk(double[] y) {
            layout.unpackM(y, m);
            layout.unpackQ(y, q);
            layout.unpackA(y, fixedA, a);
            layout.unpackB(y, fixedB, b);
            return excessRisk(q, m, a, teacherBias == null ? null : b);
        }

        /** The recorded docs/theory.md §7 row: risk R = ε + Δ/2, ε, M, Q (full), a, and b with biases. */
        public Observables observables() {
            boolean biased = teacherBias != null;
            List<String> columns = biased ? OverlapColumns.namesWithBiases(p, k) : OverlapColumns.names(p, k);
            double[] qo = new double[p * p];
            double[] mo = new double[p * k];
            double[] ao = new double[p];
            double[] bo = new double[p];
            return new Observables() {
                @Override
                public List<String> columns() {
                    return columns;
                }

                @Override
                public void evaluate(double t, double[] y, double[] row) {
                    layout.unpackM(y, mo);
                    layout.unpackQ(y, qo);
                    layout.unpackA(y, fixedA, ao);
                    layout.unpackB(y, fixedB, bo);
                    double eps = excessRisk(qo, mo, ao, biased ? bo : null);
                    OverlapColumns.fill(eps + 0.5 * labelNoise, eps, mo, qo, ao, row);
                    if (biased) {
                        OverlapColumns.fillBiases(k, bo, row);
                    }
                }
            };
        }

        /** Student biases b of a packed state (the fixed ones when they are not trained). */
        public double[] biasesOf(double[] y) {
            double[] bo = new double[p];
            layout.unpackB(y, fixedB, bo);
            return bo;
        }

        /** Overlaps of a packed state (unchecked: no PSD test). */
        public Overlaps overlapsOf(double[] y) {
            double[] qo = new double[p * p];
            double[] mo = new double[p * k];
            double[] ao = new double[p];
            layout.unpackM(y, mo);
            layout.unpackQ(y, qo);
            layout.unpackA(y, fixedA, ao);
            return Overlaps.unchecked(p, k, qo, mo, teacherOverlap, ao, teacherSecondLayer);
        }
    }

    /**
     * Mutable builder of an {@link OverlapOde}. Defaults: γ = 0.1, fixed second layer, Δ = 0, λ_wd = 0, B = 1,
     * high-dimensional regime, constant schedule, plain (not spherical) SGD, {@link IntegratorSettings#defaults()},
     * divergence bound 1e6.
     */
    public static final class Builder {
        private final Activation studentActivation;
        private final Activation teacherActivation;
        private GaussianMoments moments;
        private LearningRate learningRate = new LearningRate(0.1);
        private boolean trainSecondLayer;
        private double secondLayerLearningRate;
        private double labelNoise;
        private double weightDecay;
        private int batchSize = 1;
        private Regime regime = Regime.HIGH_DIMENSIONAL;
        private double dimension = Double.POSITIVE_INFINITY;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private boolean spherical;
        private IntegratorSettings integratorSettings = IntegratorSettings.defaults();
        private double divergenceBound = 1e6;
        private double[] teacherBias;
        private double[] studentBias;
        private boolean trainBias;
        private double biasLearningRate;

        private Builder(Activation student, Activation teacher) {
            if (student == null) {
                throw new InvalidFieldException(FieldPath.parse("student.activation"), "missing");
            }
            if (teacher == null) {
                throw new InvalidFieldException(FieldPath.parse("teacher.activation"), "missing");
            }
            this.studentActivation = student;
            this.teacherActivation = teacher;
        }

        /**
         * Use this moment provider instead of {@link GaussianMoments#forPair} (it must match the activations). An
         * explicit provider is always used: it also turns off the closed-form phase-retrieval drift.
         */
        public Builder moments(GaussianMoments m) {
            if (m.student() != studentActivation || m.teacher() != teacherActivation) {
                throw new InvalidFieldException(FieldPath.parse("moments"), "provider is for (" + m.student().id() + ", "
                        + m.teacher().id() + "), the model has (" + studentActivation.id() + ", "
                        + teacherActivation.id() + ")");
            }
            this.moments = m;
            return this;
        }

        /** γ, the first-layer learning rate (t = νγ/(pd)), validated by {@link LearningRate}. */
        public Builder learningRate(LearningRate gamma) {
            this.learningRate = java.util.Objects.requireNonNull(gamma, "learningRate");
            return this;
        }

        /**
         * γ &gt; 0 as a number: {@code learningRate(new LearningRate(gamma))}.
         *
         * @throws InvalidFieldException (field {@code learningRate}) unless γ is a finite number &gt; 0
         */
        public Builder learningRate(double gamma) {
            return learningRate(new LearningRate(gamma));
        }

        /**
         * Trains the second layer with learning rate γ_a (da/dt = −(γ_a/γ) E[eσ(λ_i)]), validated by
         * {@link SecondLayerLearningRate}.
         */
        public Builder trainSecondLayer(SecondLayerLearningRate gammaA) {
            this.trainSecondLayer = true;
            this.secondLayerLearningRate = java.util.Objects.requireNonNull(gammaA, "secondLayerLearningRate").value();
            return this;
        }

        /**
         * γ_a &gt; 0 as a number: {@code trainSecondLayer(new SecondLayerLearningRate(gammaA))}.
         *
         * @throws InvalidFieldException (field {@code secondLayerLearningRate}) unless γ_a is a finite number &gt; 0
         */
        public Builder trainSecondLayer(double gammaA) {
            return trainSecondLayer(new SecondLayerLearningRate(gammaA));
        }

        /**
         * Pre-activations with biases (docs/theory.md §3.11): λ*_r = w*_r·x/√d + b*_r (teacher, fixed) and
         * λ_i = w_i·x/√d + b_i (student, the initial value when trained). Lengths k and p are checked against
         * the initial overlaps at solve time; relu paired with another activation is refused (no moments with
         * means; relu–relu is supported through {@code ReluShiftedMoments}).
         *
         * @throws IllegalArgumentException naming the field for a missing or non-finite entry
         */
        public Builder biases(double[] teacherBias, double[] studentBias) {
            Biases checked = Biases.fixed(teacherBias, studentBias);
            this.teacherBias = checked.teacher();
            this.studentBias = checked.student();
            return this;
        }

        /**
         * The validated biases {@code b} (docs/theory.md §3.11): b* and b, and γ_b when b is trained, taken as
         * {@link Biases} checked them.
         */
        public Builder biases(Biases b) {
            this.teacherBias = b.teacher();
            this.studentBias = b.student();
            this.trainBias = b.trained();
            this.biasLearningRate = b.learningRate();
            return this;
        }

        /**
         * Trains the student biases with learning rate γ_b: db_i/dt = −(γ_b/γ) a_i E[e σ'(λ_i)].
         *
         * @throws InvalidFieldException (field {@code biasLearningRate}) unless γ_b is a finite number &gt; 0
         *                               ({@link Biases#requireRate}, the one home of that rule)
         */
        public Builder trainBias(double gammaB) {
            this.trainBias = true;
            this.biasLearningRate = Biases.requireRate(gammaB);
            return this;
        }

        /** Keeps the second layer fixed (the default). */
        public Builder fixedSecondLayer() {
            this.trainSecondLayer = false;
            this.secondLayerLearningRate = 0;
            return this;
        }

        /** Δ ≥ 0, label-noise variance. */
        public Builder labelNoise(double delta) {
            requireNonNegative("noise", delta);
            this.labelNoise = delta;
            return this;
        }

        /** λ_wd ≥ 0 (SGD step −(γ/(pd)) λ_wd w_i). */
        public Builder weightDecay(double lambda) {
            requireNonNegative("weightDecay", lambda);
            this.weightDecay = lambda;
            return this;
        }

        /** Mini-batch size B ≥ 1 (noise term / B). */
        public Builder batchSize(int b) {
            if (b < 1) {
                throw new InvalidFieldException(FieldPath.parse("batchSize"), b + "; must be an integer >= 1");
            }
            this.batchSize = b;
            return this;
        }

        /** Classical or high-dimensional regime; for finite-dimensional use {@link #finiteDimension}. */
        public Builder regime(Regime r) {
            if (r == null) {
                throw new InvalidFieldException(FieldPath.parse("regime"), "missing; allowed: classical, high-dimensional, finite-dimensional");
            }
            if (r == Regime.FINITE_DIMENSIONAL && !Double.isFinite(dimension)) {
                throw new InvalidFieldException(FieldPath.parse("regime"), "finite-dimensional needs a dimension: use finiteDimension(d)");
            }
            this.regime = r;
            return this;
        }

        /** Finite-dimensional regime at input dimension d &gt; 0. */
        public Builder finiteDimension(double d) {
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new InvalidFieldException(FieldPath.parse("dimension"), d + "; must be a finite number > 0");
            }
            this.dimension = d;
            this.regime = Regime.FINITE_DIMENSIONAL;
            return this;
        }

        /** Learning-rate schedule s(t) (drift × s, noise × s²). */
        public Builder schedule(LearningRateSchedule s) {
            if (s == null) {
                throw new InvalidFieldException(FieldPath.parse("schedule"), "missing");
            }
            this.schedule = s;
            return this;
        }

        /** Spherical (projected) SGD of docs/theory.md §2. */
        public Builder spherical(boolean on) {
            this.spherical = on;
            return this;
        }

        public Builder integrator(IntegratorSettings settings) {
            if (settings == null) {
                throw new InvalidFieldException(FieldPath.parse("integrator"), "missing");
            }
            this.integratorSettings = settings;
            return this;
        }

        /** The run ends as diverged when a state component exceeds this in absolute value (&gt; 0). */
        public Builder divergenceBound(double bound) {
            if (!(bound > 0)) {
                throw new InvalidFieldException(FieldPath.parse("divergenceBound"), bound + "; must be > 0");
            }
            this.divergenceBound = bound;
            return this;
        }

        /** @throws IllegalArgumentException when the settings are inconsistent or the activation pair has no moments */
        public OverlapOde build() {
            if (trainBias && teacherBias == null) {
                throw new InvalidFieldException(FieldPath.parse("student.trainBias"), "trained biases need student.bias and "
                        + "teacher.bias");
            }
            if (teacherBias != null) {
                // fail now for a pair without moments with means (relu)
                MeanShiftedMoments.forPair(studentActivation, teacherActivation);
            }
            OverlapOde ode = new OverlapOde(this);
            if (regime == Regime.FINITE_DIMENSIONAL) {
                // fail now, not at solve time, when the pair has no exact finite-d factor (e.g. erf)
                new PopulationDrift(ode.moments, new double[] {1}, new double[] {1}, labelNoise)
                        .withFiniteDimension(dimension);
            }
            return ode;
        }

        private static void requireNonNegative(String field, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new InvalidFieldException(FieldPath.parse(field), v + "; must be a finite number >= 0");
            }
        }
    }
}
