package org.sgdlimits.narrow.phaseretrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The d → ∞ overlap ODE of phase retrieval (SPEC §6) with the closed-form {@link PhaseRetrievalDrift},
 * integrated by Hipparchus' Dormand–Prince 8(5,3) with escape detection as an integrator event: the escape
 * function of the {@link EscapeCriterion} is located by a bracketing Brent solver on the dense output to
 * {@link #eventTimeAccuracy()} in time.
 *
 * <p>State layout: M (p values), then the upper triangle of Q row by row. Time is the ODE time of SPEC §2.
 * The engine is immutable and thread-safe; each call builds its own right-hand side and buffers.
 * Divergence (a non-finite state, or the mean norm S = tr Q/p above {@link #DIVERGENCE_BOUND}·ρ, which
 * happens when g exceeds the plateau's existence limit) ends a run with a DIVERGED status naming time and
 * cause.
 */
public final class PhaseRetrievalOde {
    /** Mean student norm S/ρ beyond which the run is declared divergent. */
    public static final double DIVERGENCE_BOUND = 1e4;
    /** Widths up to this value record the full M and Q in trajectories; wider models omit them. */
    public static final int MATRIX_COLUMN_LIMIT = 16;

    private final PhaseRetrievalModel model;
    private final PhaseRetrievalDrift drift;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final double eventTimeAccuracy;
    private final boolean symmetric;
    private final SymmetricPhaseRetrievalDrift symmetricDrift;

    /** Engine with tolerances 1e-11 relative, 1e-14 absolute, events located to 1e-10 in time. */
    public PhaseRetrievalOde(PhaseRetrievalModel model) {
        this(model, 1e-11, 1e-14, 1e-10, false);
    }

    /**
     * The engine on the permutation-symmetric subspace (M = m·1, Q = (s − c)I + cJ; state of 3 numbers, any p):
     * exact for initial overlaps of that form, such as {@link PhaseRetrievalInitialCondition#typical}; other
     * initial overlaps are rejected. Trajectories record no matrices.
     */
    public static PhaseRetrievalOde symmetric(PhaseRetrievalModel model) {
        return new PhaseRetrievalOde(model, 1e-11, 1e-14, 1e-10, true);
    }

    private PhaseRetrievalOde(PhaseRetrievalModel model, double rtol, double atol, double eventAccuracy,
                              boolean symmetric) {
        this.model = Objects.requireNonNull(model, "model");
        this.drift = new PhaseRetrievalDrift(model);
        this.symmetric = symmetric;
        this.symmetricDrift = new SymmetricPhaseRetrievalDrift(model);
        if (!(rtol > 0) || !(atol > 0) || !(eventAccuracy > 0)) {
            throw new IllegalArgumentException("tolerances: relative " + rtol + ", absolute " + atol
                    + ", event time " + eventAccuracy + "; all must be > 0");
        }
        this.relativeTolerance = rtol;
        this.absoluteTolerance = atol;
        this.eventTimeAccuracy = eventAccuracy;
    }

    /** The same engine with other integrator tolerances. */
    public PhaseRetrievalOde withTolerances(double relative, double absolute, double eventTime) {
        return new PhaseRetrievalOde(model, relative, absolute, eventTime, symmetric);
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /** Accuracy in ODE time to which escape events are located. */
    public double eventTimeAccuracy() {
        return eventTimeAccuracy;
    }

    /**
     * The first time the criterion is met, integrating from {@code initial} up to {@code maxTime}.
     *
     * @param initial overlaps with p = model width, k = 1 and P = ρ (second layers are ignored: a = a* = 1)
     */
    public EscapeResult escapeTime(Overlaps initial, EscapeCriterion criterion, double maxTime) {
        requireCompatible(initial);
        StateLayout layout = newLayout();
        Run run = new Run(layout.initialState(initial), layout, criterion, maxTime, null);
        return run.result;
    }

    /**
     * Escape time of another representation of this model's dynamics (e.g. the reduced particle ODE of the
     * mean-field module), with the same integrator, escape events and divergence check.
     *
     * @param dynamics     one fresh instance per call (it holds buffers)
     * @param initialState its initial state vector
     */
    public EscapeResult escapeTime(EscapeDynamics dynamics, double[] initialState, EscapeCriterion criterion,
                                   double maxTime) {
        if (initialState.length != dynamics.getDimension()) {
            throw new IllegalArgumentException("initial state: " + initialState.length + " values; the dynamics has "
                    + dynamics.getDimension());
        }
        return new Run(initialState.clone(), dynamics, criterion, maxTime, null).result;
    }

    /**
     * Escape time from the typical start m_i = √ρ d^(−1/2), Q = I (SPEC §6). The symmetric engine never forms
     * p×p matrices here, so any width p &lt; d − 1 is affordable.
     */
    public EscapeResult escapeTimeFromTypicalStart(double dimension, EscapeCriterion criterion, double maxTime) {
        StateLayout layout = newLayout();
        return new Run(typicalState(dimension, layout), layout, criterion, maxTime, null).result;
    }

    /** Trajectory from the typical start (see {@link #escapeTimeFromTypicalStart}); stops at escape if asked. */
    public Trajectory integrateFromTypicalStart(double dimension, TimeGrid grid, EscapeCriterion stopAt) {
        Recorder recorder = new Recorder(grid.times(), newLayout(), model.noise());
        Run run = new Run(typicalState(dimension, recorder.layout), recorder.layout, stopAt, grid.end(), recorder);
        return recorder.builder.build(run.result.status());
    }

    private double[] typicalState(double dimension, StateLayout layout) {
        int p = model.width();
        if (!(dimension > p + 1) || !Double.isFinite(dimension)) {
            throw new IllegalArgumentException("dimension d: " + dimension + "; must be finite and > p + 1 = "
                    + (p + 1));
        }
        if (symmetric) {
            return new double[] {Math.sqrt(model.teacherNorm() / dimension), 1.0, 0.0};
        }
        return layout.initialState(PhaseRetrievalInitialCondition.typical(p, dimension, model.teacherNorm()));
    }

    /** The trajectory on a time grid (no escape stop). Columns: see {@link #columns(int)}. */
    public Trajectory integrate(Overlaps initial, TimeGrid grid) {
        return integrate(initial, grid, null);
    }

    /**
     * The trajectory on a time grid, stopped at escape when {@code stopAt} is not null (the escape time is then
     * the last recorded time and the status is STOPPED_BY_EVENT).
     */
    public Trajectory integrate(Overlaps initial, TimeGrid grid, EscapeCriterion stopAt) {
        Recorder recorder = new Recorder(grid.times(), newLayout(), model.noise());
        requireCompatible(initial);
        Run run = new Run(recorder.layout.initialState(initial), recorder.layout, stopAt, grid.end(), recorder);
        return recorder.builder.build(run.result.status());
    }

    /**
     * Column names of recorded trajectories: {@code risk, excess_risk, mean_m2, mean_q}, then for
     * p ≤ {@link #MATRIX_COLUMN_LIMIT} {@code M_i_0} and {@code Q_i_j} (0-based, full matrix).
     */
    public static List<String> columns(int p) {
        return columns(p, p <= MATRIX_COLUMN_LIMIT);
    }

    /** Whether this engine's trajectories carry the M and Q columns. */
    public boolean recordsMatrices() {
        return !symmetric && model.width() <= MATRIX_COLUMN_LIMIT;
    }

    private static List<String> columns(int p, boolean matrices) {
        List<String> names = new ArrayList<>(List.of("risk", "excess_risk", "mean_m2", "mean_q"));
        if (matrices) {
            for (int i = 0; i < p; i++) {
                names.add("M_" + i + "_0");
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    names.add("Q_" + i + "_" + j);
                }
            }
        }
        return names;
    }

    /** Packs (Q, M) into the state vector. */
    static double[] pack(double[] q, double[] m, int p) {
        double[] y = new double[p + p * (p + 1) / 2];
        System.arraycopy(m, 0, y, 0, p);
        int c = p;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                y[c++] = q[i * p + j];
            }
        }
        return y;
    }

    /** Unpacks the state vector into full Q (p×p) and M (p). */
    static void unpack(double[] y, int p, double[] q, double[] m) {
        System.arraycopy(y, 0, m, 0, p);
        int c = p;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double v = y[c++];
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
        }
    }

    private void requireCompatible(Overlaps initial) {
        int p = model.width();
        if (initial.studentWidth() != p || initial.teacherWidth() != 1) {
            throw new IllegalArgumentException("initial overlaps: p = " + initial.studentWidth() + ", k = "
                    + initial.teacherWidth() + "; the phase-retrieval model needs p = " + p + " and k = 1");
        }
        double rho = initial.teacherOverlap(0, 0);
        if (Math.abs(rho - model.teacherNorm()) > 1e-12 * model.teacherNorm()) {
            throw new IllegalArgumentException("initial overlaps: P = " + rho + "; the model has rho = "
                    + model.teacherNorm());
        }
    }

    private StateLayout newLayout() {
        return symmetric ? new SymmetricLayout() : new FullLayout();
    }

    /** How a run's state vector encodes the overlaps; one instance per run (holds buffers). */
    private interface StateLayout extends EscapeDynamics {
        /** The state vector of validated initial overlaps. */
        double[] initialState(Overlaps initial);

        /** Whether {@link #matrices} is available. */
        boolean recordsMatrices();

        /** M then Q (full, row-major) into {@code row} from {@code offset}. */
        void matrices(double[] y, double[] row, int offset);
    }

    /** Full state: M (p), upper triangle of Q; closed-form O(p³) drift. */
    private final class FullLayout implements StateLayout {
        private final int p = model.width();
        private final double rho = model.teacherNorm();
        private final double[] q = new double[p * p];
        private final double[] m = new double[p];
        private final double[] dQ = new double[p * p];
        private final double[] dM = new double[p];
        private final PhaseRetrievalDrift.Workspace ws = drift.newWorkspace();

        @Override
        public int getDimension() {
            return p + p * (p + 1) / 2;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            unpack(y, p, q, m);
            drift.evaluate(q, m, ws, dQ, dM);
            return pack(dQ, dM, p);
        }

        @Override
        public double[] initialState(Overlaps initial) {
            return pack(initial.studentOverlapMatrix(), initial.studentTeacherOverlapMatrix(), p);
        }

        @Override
        public double meanSquaredOverlap(double[] y) {
            return PhaseRetrievalDrift.meanSquaredOverlap(y, p, rho); // M occupies the first p entries
        }

        @Override
        public double excessRisk(double[] y) {
            unpack(y, p, q, m);
            return PhaseRetrievalDrift.excessRisk(q, m, p, rho);
        }

        @Override
        public double meanNorm(double[] y) {
            double s = 0.0;
            int c = p;
            for (int i = 0; i < p; i++) {
                s += y[c];
                c += p - i;
            }
            return s / p;
        }

        @Override
        public boolean recordsMatrices() {
            return p <= MATRIX_COLUMN_LIMIT;
        }

        @Override
        public void matrices(double[] y, double[] row, int offset) {
            unpack(y, p, q, m);
            System.arraycopy(m, 0, row, offset, p);
            System.arraycopy(q, 0, row, offset + p, p * p);
        }
    }

    /** Symmetric state (m, s, c): M = m·1, Q = (s − c)I + cJ. */
    private final class SymmetricLayout implements StateLayout {
        private final int p = model.width();
        private final double rho = model.teacherNorm();

        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double[] out = new double[3];
            symmetricDrift.evaluate(y[0], y[1], y[2], out);
            return out;
        }

        @Override
        public double[] initialState(Overlaps initial) {
            double m = initial.studentTeacherOverlap(0, 0);
            double s = initial.studentOverlap(0, 0);
            double c = p > 1 ? initial.studentOverlap(0, 1) : 0.0;
            double tol = 1e-12 * (Math.abs(s) + Math.abs(m) + Math.abs(c) + 1e-300);
            for (int i = 0; i < p; i++) {
                if (Math.abs(initial.studentTeacherOverlap(i, 0) - m) > tol) {
                    throw new IllegalArgumentException("initial overlaps: M_" + i + "_0 = "
                            + initial.studentTeacherOverlap(i, 0) + " differs from M_0_0 = " + m
                            + "; the symmetric engine needs all units equal (use the full engine)");
                }
                for (int j = 0; j < p; j++) {
                    double expected = i == j ? s : c;
                    if (Math.abs(initial.studentOverlap(i, j) - expected) > tol) {
                        throw new IllegalArgumentException("initial overlaps: Q_" + i + "_" + j + " = "
                                + initial.studentOverlap(i, j) + "; the symmetric engine needs Q = (s - c)I + cJ with s = "
                                + s + ", c = " + c + " (use the full engine)");
                    }
                }
            }
            return new double[] {m, s, c};
        }

        @Override
        public double meanSquaredOverlap(double[] y) {
            return y[0] * y[0] / rho;
        }

        @Override
        public double excessRisk(double[] y) {
            return SymmetricPhaseRetrievalDrift.excessRisk(y[0], y[1], y[2], p, rho);
        }

        @Override
        public double meanNorm(double[] y) {
            return y[1];
        }

        @Override
        public boolean recordsMatrices() {
            return false;
        }

        @Override
        public void matrices(double[] y, double[] row, int offset) {
            throw new UnsupportedOperationException("the symmetric engine records no matrices");
        }
    }

    /** Generic stopping detector: g given by a function of the state, STOP when it crosses zero. */
    private final class StopDetector implements ODEEventDetector, ODEEventHandler {
        private final java.util.function.ToDoubleFunction<double[]> function;
        private final BracketedUnivariateSolver<UnivariateFunction> solver =
                new BracketingNthOrderBrentSolver(0.0, eventTimeAccuracy, 0.0, 5);
        private final double maxCheck;
        boolean triggered;
        double time = Double.NaN;

        StopDetector(java.util.function.ToDoubleFunction<double[]> function, double maxCheck) {
            this.function = function;
            this.maxCheck = maxCheck;
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return AdaptableInterval.of(maxCheck);
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return solver;
        }

        @Override
        public ODEEventHandler getHandler() {
            return this;
        }

        @Override
        public double g(ODEStateAndDerivative state) {
            return function.applyAsDouble(state.getPrimaryState());
        }

        @Override
        public Action eventOccurred(ODEStateAndDerivative state, ODEEventDetector detector, boolean increasing) {
            if (!increasing) {
                return Action.CONTINUE;
            }
            triggered = true;
            time = state.getTime();
            return Action.STOP;
        }
    }

    /** One integration (escape and/or recording). */
    private final class Run {
        final EscapeResult result;

        Run(double[] y0, EscapeDynamics layout, EscapeCriterion criterion, double maxTime, Recorder recorder) {
            if (!(maxTime > 0) || !Double.isFinite(maxTime)) {
                throw new IllegalArgumentException("maximum time: " + maxTime + "; must be finite and > 0");
            }
            double halfNoise = 0.5 * model.noise();
            double initialRisk = layout.excessRisk(y0) + halfNoise;
            DormandPrince853Integrator integrator =
                    new DormandPrince853Integrator(1e-12, maxTime, absoluteTolerance, relativeTolerance);
            StopDetector escape = null;
            if (criterion != null) {
                escape = new StopDetector(y -> criterion.escapeFunction(layout.meanSquaredOverlap(y),
                        layout.excessRisk(y) + halfNoise, initialRisk), 0.25);
                if (escape.function.applyAsDouble(y0) >= 0) {
                    throw new IllegalArgumentException("initial condition already meets the escape criterion "
                            + criterion + " (escape function " + escape.function.applyAsDouble(y0) + " >= 0)");
                }
                integrator.addEventDetector(escape);
            }
            double bound = DIVERGENCE_BOUND * model.teacherNorm();
            StopDetector divergence = new StopDetector(y -> layout.meanNorm(y) - bound, 1.0);
            integrator.addEventDetector(divergence);
            FiniteCheck finite = new FiniteCheck();
            integrator.addStepHandler(finite);
            if (recorder != null) {
                integrator.addStepHandler(recorder);
            }
            EscapeResult outcome;
            try {
                ODEStateAndDerivative end = integrator.integrate(layout, new ODEState(0.0, y0), maxTime);
                if (escape != null && escape.triggered) {
                    outcome = EscapeResult.escapedAt(escape.time, criterion.toString());
                } else if (divergence.triggered) {
                    outcome = EscapeResult.notEscaped(RunStatus.diverged(divergence.time,
                            "mean student norm tr(Q)/p exceeded " + bound + " (norms blow up: g too large; beyond "
                                    + "PlateauTheory.maximalReducedRate there is no plateau, and near it the escape "
                                    + "itself can diverge)"));
                } else if (finite.badTime >= 0) {
                    outcome = EscapeResult.notEscaped(RunStatus.diverged(finite.badTime, "non-finite state"));
                } else {
                    outcome = EscapeResult.notEscaped(RunStatus.completed(end.getTime()));
                }
            } catch (MathIllegalStateException e) {
                double t = integrator.getStepStart() == null ? 0.0 : integrator.getStepStart().getTime();
                outcome = EscapeResult.notEscaped(RunStatus.diverged(t, "integrator failure: " + e.getMessage()));
            }
            if (recorder != null) {
                recorder.finish(outcome);
            }
            result = outcome;
        }
    }

    /** Flags the first non-finite state (then the integrator is stopped by its own step-size failure). */
    private static final class FiniteCheck implements ODEStepHandler {
        double badTime = -1;

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            if (badTime >= 0) {
                return;
            }
            for (double v : interpolator.getCurrentState().getPrimaryState()) {
                if (!Double.isFinite(v)) {
                    badTime = interpolator.getPreviousState().getTime();
                    return;
                }
            }
        }
    }

    /** Records observables at the grid times reached (and at the stop time when a run ends early). */
    private static final class Recorder implements ODEStepHandler {
        final Trajectory.Builder builder;
        final StateLayout layout;
        private final double[] times;
        private final double noise;
        private int next;
        private double[] lastState;
        private double lastTime;

        Recorder(double[] times, StateLayout layout, double noise) {
            this.times = times;
            this.layout = layout;
            this.noise = noise;
            this.builder = new Trajectory.Builder(columns(widthOf(layout), layout.recordsMatrices()));
        }

        private static int widthOf(StateLayout layout) {
            return layout instanceof FullLayout full ? full.p : 1;
        }

        @Override
        public void init(ODEStateAndDerivative initialState, double finalTime) {
            next = 0;
            record(initialState.getTime(), initialState.getPrimaryState());
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            double t1 = interpolator.getCurrentState().getTime();
            while (next < times.length && times[next] <= t1) {
                record(times[next], interpolator.getInterpolatedState(times[next]).getPrimaryState());
            }
            lastState = interpolator.getCurrentState().getPrimaryState();
            lastTime = t1;
        }

        void finish(EscapeResult outcome) {
            if (outcome.status().outcome() != RunStatus.Outcome.COMPLETED && lastState != null
                    && (builder.size() == 0 || lastTime > times[next - 1])) {
                record(lastTime, lastState);
            }
        }

        private void record(double t, double[] y) {
            while (next < times.length && times[next] <= t) {
                next++;
            }
            double eps = layout.excessRisk(y);
            double[] row = new double[builder.columns().size()];
            row[0] = eps + 0.5 * noise;
            row[1] = eps;
            row[2] = layout.meanSquaredOverlap(y);
            row[3] = layout.meanNorm(y);
            if (layout.recordsMatrices()) {
                layout.matrices(y, row, 4);
            }
            builder.add(t, row);
        }
    }
}
