package org.sgdlimits.narrow.phaseretrieval;

import org.sgdlimits.trajectory.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.ode.IntegrationResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.Observables;
import org.sgdlimits.ode.OdeSystem;
import org.sgdlimits.ode.OverlapStateLayout;
import org.sgdlimits.ode.ThresholdCrossing;
import org.sgdlimits.ode.TrajectoryEvent;
import org.sgdlimits.ode.TrajectoryIntegrator;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The d → ∞ overlap ODE of phase retrieval (docs/theory.md §6) with the closed-form {@link PhaseRetrievalDrift},
 * integrated on the shared ODE plumbing ({@link TrajectoryIntegrator}: Hipparchus Dormand–Prince 8(5,3), grid
 * recording on the dense output) with escape detection as an integrator event: the {@link EscapeCriterion} is a
 * {@link ThresholdCrossing} of {@code mean_m2} or {@code risk}, located on the dense output to
 * {@link #eventTimeAccuracy()} in time.
 *
 * <p>State layout: M (p values), then the upper triangle of Q row by row. Time is the ODE time of docs/theory.md §2.
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
    private final boolean symmetric;
    private final SymmetricPhaseRetrievalDrift symmetricDrift;

    /** Engine with tolerances 1e-11 relative, 1e-14 absolute (events located to {@link #eventTimeAccuracy()}). */
    public PhaseRetrievalOde(PhaseRetrievalModel model) {
        this(model, 1e-11, 1e-14, false);
    }

    /**
     * The engine on the permutation-symmetric subspace (M = m·1, Q = (s − c)I + cJ; state of 3 numbers, any p):
     * exact for initial overlaps of that form, such as {@link PhaseRetrievalInitialCondition#typical}; other
     * initial overlaps are rejected. Trajectories record no matrices.
     */
    public static PhaseRetrievalOde symmetric(PhaseRetrievalModel model) {
        return new PhaseRetrievalOde(model, 1e-11, 1e-14, true);
    }

    private PhaseRetrievalOde(PhaseRetrievalModel model, double rtol, double atol, boolean symmetric) {
        this.model = Objects.requireNonNull(model, "model");
        this.drift = new PhaseRetrievalDrift(model);
        this.symmetric = symmetric;
        this.symmetricDrift = new SymmetricPhaseRetrievalDrift(model);
        if (!(rtol > 0) || !(atol > 0)) {
            throw new IllegalArgumentException("tolerances: relative " + rtol + ", absolute " + atol
                    + "; both must be > 0");
        }
        this.relativeTolerance = rtol;
        this.absoluteTolerance = atol;
    }

    /** The same engine with other integrator tolerances. */
    public PhaseRetrievalOde withTolerances(double relative, double absolute) {
        return new PhaseRetrievalOde(model, relative, absolute, symmetric);
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /** Accuracy in ODE time to which escape events are located (that of the shared event plumbing). */
    public double eventTimeAccuracy() {
        return TrajectoryEvent.TIME_ACCURACY;
    }

    /**
     * The first time the criterion is met, integrating from {@code initial} up to {@code maxTime}.
     *
     * @param initial overlaps with p = model width, k = 1 and P = ρ (second layers are ignored: a = a* = 1)
     */
    public EscapeResult escapeTime(Overlaps initial, EscapeCriterion criterion, double maxTime) {
        requireCompatible(initial);
        StateLayout layout = newLayout();
        return new Run(layout.initialState(initial), layout, criterion, escapeGrid(maxTime), false).result;
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
        return new Run(initialState.clone(), dynamics, criterion, escapeGrid(maxTime), false).result;
    }

    /**
     * Escape time from the typical start m_i = √ρ d^(−1/2), Q = I (docs/theory.md §6). The symmetric engine never forms
     * p×p matrices here, so any width p &lt; d − 1 is affordable.
     */
    public EscapeResult escapeTimeFromTypicalStart(double dimension, EscapeCriterion criterion, double maxTime) {
        StateLayout layout = newLayout();
        return new Run(typicalState(dimension, layout), layout, criterion, escapeGrid(maxTime), false).result;
    }

    private static TimeGrid escapeGrid(double maxTime) {
        if (!(maxTime > 0) || !Double.isFinite(maxTime)) {
            throw new IllegalArgumentException("maximum time: " + maxTime + "; must be finite and > 0");
        }
        return TimeGrid.linear(maxTime, 2);
    }

    /** Trajectory from the typical start (see {@link #escapeTimeFromTypicalStart}); stops at escape if asked. */
    public Trajectory integrateFromTypicalStart(double dimension, TimeGrid grid, EscapeCriterion stopAt) {
        StateLayout layout = newLayout();
        return new Run(typicalState(dimension, layout), layout, stopAt, grid, true).trajectory;
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

    /**
     * {@link #integrate(Overlaps, TimeGrid, EscapeCriterion)} as an {@link Engine} (the one engine contract);
     * progress is reported once, at the end.
     *
     * @param stopAt escape criterion that ends the run, or null to integrate over the whole grid
     */
    public Engine<Trajectory> engine(Overlaps initial, TimeGrid grid, EscapeCriterion stopAt) {
        requireCompatible(initial);
        return progress -> {
            Trajectory t = integrate(initial, grid, stopAt);
            progress.reached(1);
            return t;
        };
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
        requireCompatible(initial);
        StateLayout layout = newLayout();
        return new Run(layout.initialState(initial), layout, stopAt, grid, true).trajectory;
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
        /** M first, then the upper triangle of Q row by row: the overlap ODE's layout at k = 1, fixed a. */
        private final OverlapStateLayout layout = new OverlapStateLayout(p, 1, false);

        @Override
        public int getDimension() {
            return layout.dimension();
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double[] yDot = new double[getDimension()];
            derivatives(t, y, yDot);
            return yDot;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            unpack(y);
            drift.evaluate(q, m, ws, dQ, dM);
            layout.packDerivative(dM, dQ, null, yDot);
        }

        @Override
        public double[] initialState(Overlaps initial) {
            return layout.pack(initial);
        }

        /** Full Q (p×p) and M (p) from the state into this layout's buffers. */
        private void unpack(double[] y) {
            layout.unpackM(y, m);
            layout.unpackQ(y, q);
        }

        @Override
        public double meanSquaredOverlap(double[] y) {
            return PhaseRetrievalDrift.meanSquaredOverlap(y, p, rho); // M occupies the first p entries
        }

        @Override
        public double excessRisk(double[] y) {
            unpack(y);
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
        public String componentName(int index) {
            if (index < p) {
                return "M_" + index + "_0";
            }
            int c = index - p;
            for (int i = 0; i < p; i++) {
                if (c < p - i) {
                    return "Q_" + i + "_" + (i + c);
                }
                c -= p - i;
            }
            return "y_" + index;
        }

        @Override
        public void matrices(double[] y, double[] row, int offset) {
            unpack(y);
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

    /** The recorded row: risk, excess risk, mean m², mean norm, and (optionally) M and Q. */
    private final class Row implements Observables {
        private final EscapeDynamics dynamics;
        private final StateLayout matrices;
        private final List<String> names;
        private final double halfNoise = 0.5 * model.noise();

        Row(EscapeDynamics dynamics, boolean withMatrices) {
            this.dynamics = dynamics;
            this.matrices = withMatrices && dynamics instanceof StateLayout l && l.recordsMatrices() ? l : null;
            this.names = PhaseRetrievalOde.columns(model.width(), this.matrices != null);
        }

        @Override
        public List<String> columns() {
            return names;
        }

        @Override
        public void evaluate(double t, double[] y, double[] row) {
            double eps = dynamics.excessRisk(y);
            row[0] = eps + halfNoise;
            row[1] = eps;
            row[2] = dynamics.meanSquaredOverlap(y);
            row[3] = dynamics.meanNorm(y);
            if (matrices != null) {
                matrices.matrices(y, row, 4);
            }
        }
    }

    /** The shared plumbing's view of the equations. */
    private static final class Equations implements OdeSystem {
        private final EscapeDynamics dynamics;

        Equations(EscapeDynamics dynamics) {
            this.dynamics = dynamics;
        }

        @Override
        public int dimension() {
            return dynamics.getDimension();
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            dynamics.derivatives(t, y, yDot);
        }

        @Override
        public String componentName(int index) {
            return dynamics.componentName(index);
        }
    }

    /**
     * One integration on the shared ODE plumbing (common/ode): grid recording, the escape event (a threshold
     * crossing of mean_m2 or risk, STOP) and the divergence event (mean_q above the bound, reported as DIVERGED).
     */
    private final class Run {
        final EscapeResult result;
        final Trajectory trajectory;

        Run(double[] y0, EscapeDynamics dynamics, EscapeCriterion criterion, TimeGrid grid, boolean record) {
            double halfNoise = 0.5 * model.noise();
            Row row = new Row(dynamics, record);
            List<TrajectoryEvent> events = new ArrayList<>();
            String escapeName = null;
            if (criterion != null) {
                double initialRisk = dynamics.excessRisk(y0) + halfNoise;
                double value = criterion.escapeFunction(dynamics.meanSquaredOverlap(y0), initialRisk, initialRisk);
                if (value >= 0) {
                    throw new IllegalArgumentException("initial condition already meets the escape criterion "
                            + criterion + " (escape function " + value + " >= 0)");
                }
                ThresholdCrossing escape = criterion.kind() == EscapeCriterion.Kind.OVERLAP
                        ? ThresholdCrossing.above("mean_m2", criterion.threshold())
                        : ThresholdCrossing.below("risk", (1 - criterion.threshold()) * initialRisk);
                escape = escape.withMaxCheckInterval(0.25);
                escapeName = escape.name();
                events.add(escape);
            }
            double bound = DIVERGENCE_BOUND * model.teacherNorm();
            ThresholdCrossing divergence = ThresholdCrossing.above("mean_q", bound).withMaxCheckInterval(1.0);
            events.add(divergence);
            IntegratorSettings settings = new IntegratorSettings(IntegratorSettings.Method.DORMAND_PRINCE_853,
                    absoluteTolerance, relativeTolerance, 0.0, grid.end(), 10_000_000);
            IntegrationResult r = new TrajectoryIntegrator(settings).integrate(new Equations(dynamics), y0, grid, row,
                    events);
            EscapeResult outcome = EscapeResult.notEscaped(r.trajectory().status());
            RunStatus status = r.trajectory().status();
            for (EventOccurrence e : r.events()) {
                if (!e.stoppedRun()) {
                    continue;
                }
                if (e.event().equals(escapeName)) {
                    outcome = EscapeResult.escapedAt(e.time(), criterion.toString());
                } else if (e.event().equals(divergence.name())) {
                    status = RunStatus.diverged(e.time(), "mean student norm tr(Q)/p exceeded " + bound
                            + " (norms blow up: g too large; beyond PlateauTheory.maximalReducedRate there is no "
                            + "plateau, and near it the escape itself can diverge)");
                    outcome = EscapeResult.notEscaped(status);
                }
            }
            result = outcome;
            trajectory = record ? withStopRow(r, row, status) : null;
        }

        // the plumbing records grid times only: add the row at the stop time (escape or divergence)
        private Trajectory withStopRow(IntegrationResult r, Row row, RunStatus status) {
            Trajectory t = r.trajectory();
            int n = t.size();
            boolean stopped = status.outcome() != RunStatus.Outcome.COMPLETED;
            if (!stopped || (n > 0 && r.finalTime() <= t.time(n - 1))) {
                return t.withStatus(status);
            }
            double[] times = java.util.Arrays.copyOf(t.times(), n + 1);
            double[][] rows = new double[n + 1][];
            for (int i = 0; i < n; i++) {
                rows[i] = t.row(i);
            }
            times[n] = r.finalTime();
            rows[n] = new double[row.columns().size()];
            row.evaluate(r.finalTime(), r.finalState(), rows[n]);
            return new Trajectory(row.columns(), times, rows, status);
        }
    }
}
