package org.sgdlimits.narrow.schedule;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The objective J of a schedule and, for piecewise-constant schedules, its exact gradient by the adjoint method
 * (docs/theory.md §3.9). The state is integrated forward piece by piece (Hipparchus, dense output kept); the
 * costate λ obeys dλ/dt = −(∂f/∂y)ᵀλ backwards from λ(t_end) = ∂J/∂y(t_end), and
 * ∂J/∂s_j = ∫ over piece j of λᵀ ∂f/∂s dt, integrated alongside λ. ∂f/∂y is taken by central differences
 * (2·dim right-hand sides per costate evaluation), ∂f/∂s by a central difference in s, exact for the
 * control-quadratic overlap drift. A run whose state leaves the divergence bound or stops being finite has
 * J = +∞ and no gradient. Not thread-safe (scratch buffers; one instance per optimisation).
 */
public final class ScheduleCost {
    private static final int CROSSING_SAMPLES = 32;

    private final ControlledDynamics dynamics;
    private final double[] initial;
    private final ScheduleGrid grid;
    private final ScheduleObjective objective;
    private final IntegratorSettings settings;
    private final double divergenceBound;
    private final int n;
    private final double[] fPlus;
    private final double[] fMinus;
    private final double[] yShift;
    private long forwardSolves;
    private long backwardSolves;

    /**
     * @param dynamics        the controlled ODE
     * @param initial         the state at t = 0 (copied)
     * @param grid            the pieces of the schedule
     * @param objective       final risk or time to risk
     * @param settings        integrator tolerances for the forward and the backward pass
     * @param divergenceBound a state component beyond this in absolute value counts as divergence (&gt; 0)
     */
    public ScheduleCost(ControlledDynamics dynamics, double[] initial, ScheduleGrid grid, ScheduleObjective objective,
                        IntegratorSettings settings, double divergenceBound) {
        this.dynamics = Objects.requireNonNull(dynamics, "dynamics");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(divergenceBound > 0)) {
            throw new IllegalArgumentException("divergenceBound: " + divergenceBound + "; must be > 0");
        }
        this.divergenceBound = divergenceBound;
        this.n = dynamics.dimension();
        if (initial.length != n) {
            throw new IllegalArgumentException("initial: " + initial.length + " components; the ODE has " + n);
        }
        this.initial = initial.clone();
        this.fPlus = new double[n];
        this.fMinus = new double[n];
        this.yShift = new double[n];
    }

    public ScheduleGrid grid() { return grid; }
    public ScheduleObjective objective() { return objective; }
    /** Excess risk at t = 0. */
    public double initialExcessRisk() { return dynamics.excessRisk(initial); }
    /** Forward integrations so far. */
    public long forwardSolves() { return forwardSolves; }
    /** Backward (adjoint) integrations so far. */
    public long backwardSolves() { return backwardSolves; }

    /**
     * The objective and (if asked) its gradient.
     *
     * @param value       J (+∞ when the run diverged)
     * @param gradient    ∂J/∂s_j, or null when not asked or diverged
     * @param endTime     the time the objective looks at: τ when the target was reached, else T
     * @param endExcessRisk ε at {@code endTime}
     */
    public record Evaluation(double value, double[] gradient, double endTime, double endExcessRisk) {
        /** Whether the run stayed finite and bounded. */
        public boolean finite() { return Double.isFinite(value); }
    }

    /** J for piece values {@code factors} (length N, ≥ 0), with the gradient when {@code withGradient}. */
    public Evaluation evaluate(double[] factors, boolean withGradient) {
        if (factors.length != grid.pieces()) {
            throw new IllegalArgumentException("factors: " + factors.length + " values for " + grid.pieces()
                    + " pieces");
        }
        Forward fw = forward(j -> t -> factors[j]);
        if (fw == null) {
            return new Evaluation(Double.POSITIVE_INFINITY, null, Double.NaN, Double.NaN);
        }
        double[] gradient = withGradient ? backward(fw, factors) : null;
        return new Evaluation(fw.value, gradient, fw.endTime, fw.endExcessRisk);
    }

    /** J of an arbitrary schedule s(t) on [0, T] (no gradient): for the reference families. */
    public Evaluation evaluate(LearningRateSchedule schedule) {
        Forward fw = forward(j -> schedule::factor);
        return fw == null ? new Evaluation(Double.POSITIVE_INFINITY, null, Double.NaN, Double.NaN)
                : new Evaluation(fw.value, null, fw.endTime, fw.endExcessRisk);
    }

    /** The control on piece j, as a function of t. */
    private interface PieceControl {
        DoubleUnaryOperator on(int piece);
    }

    /** A finished forward pass. */
    private static final class Forward {
        final DenseOutputModel[] pieces;
        int lastPiece;
        double endTime;
        double[] endState;
        double endExcessRisk;
        double value;
        boolean reached;

        Forward(int count) {
            pieces = new DenseOutputModel[count];
        }
    }

    /** Thrown from the right-hand side when the state leaves the divergence bound (caught below). */
    private static final class Diverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Diverged() {
            super(null, null, false, false);
        }
    }

    private Forward forward(PieceControl control) {
        forwardSolves++;
        Forward fw = new Forward(grid.pieces());
        double[] y = initial.clone();
        double target = objective instanceof ScheduleObjective.TimeToRisk ttr ? ttr.targetExcessRisk() : Double.NaN;
        try {
            for (int j = 0; j < grid.pieces(); j++) {
                DoubleUnaryOperator u = control.on(j);
                double t0 = grid.start(j);
                double t1 = grid.start(j + 1);
                DenseOutputModel model = new DenseOutputModel();
                AdaptiveStepsizeIntegrator integrator = settings.createIntegrator();
                integrator.addStepHandler(model);
                ODEStateAndDerivative end = integrator.integrate(stateEquation(u), new ODEState(t0, y), t1);
                fw.pieces[j] = model;
                y = end.getPrimaryState();
                if (!bounded(y)) {
                    return null;
                }
                if (!Double.isNaN(target)) {
                    double tau = crossing(model, t0, t1, target);
                    if (!Double.isNaN(tau)) {
                        fw.reached = true;
                        fw.lastPiece = j;
                        fw.endTime = tau;
                        fw.endState = model.getInterpolatedState(tau).getPrimaryState();
                        fw.endExcessRisk = dynamics.excessRisk(fw.endState);
                        fw.value = tau;
                        return fw;
                    }
                }
            }
        } catch (Diverged | MathIllegalStateException | MathIllegalArgumentException e) {
            return null;
        }
        fw.lastPiece = grid.pieces() - 1;
        fw.endTime = grid.horizon();
        fw.endState = y;
        fw.endExcessRisk = dynamics.excessRisk(y);
        fw.value = Double.isNaN(target) ? fw.endExcessRisk : grid.horizon() * fw.endExcessRisk / target;
        return Double.isFinite(fw.value) ? fw : null;
    }

    /** The first t in [t0, t1] with ε ≤ target (sampled, then bisected on the dense output), or NaN. */
    private double crossing(DenseOutputModel model, double t0, double t1, double target) {
        double previous = t0;
        for (int i = 1; i <= CROSSING_SAMPLES; i++) {
            double t = i == CROSSING_SAMPLES ? t1 : t0 + (t1 - t0) * i / CROSSING_SAMPLES;
            if (excessRiskAt(model, t) <= target) {
                if (excessRiskAt(model, previous) <= target) {
                    return previous; // only at t0 = 0 (a target at or above ε(0) is rejected by the callers)
                }
                double lo = previous;
                double hi = t;
                for (int b = 0; b < 60 && hi - lo > 1e-14 * Math.max(1, hi); b++) {
                    double mid = 0.5 * (lo + hi);
                    if (excessRiskAt(model, mid) <= target) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return hi;
            }
            previous = t;
        }
        return Double.NaN;
    }

    private double excessRiskAt(DenseOutputModel model, double t) {
        return dynamics.excessRisk(model.getInterpolatedState(t).getPrimaryState());
    }

    private double[] backward(Forward fw, double[] factors) {
        backwardSolves++;
        double[] gradient = new double[grid.pieces()];
        double[] z = new double[n + 1];
        double[] gradEps = riskGradient(fw.endState);
        double terminalScale;
        if (objective instanceof ScheduleObjective.TimeToRisk ttr) {
            if (fw.reached) {
                // dτ/dθ = −(∂ε(y(τ))/∂θ)/(dε/dt at τ)
                dynamics.derivatives(factors[fw.lastPiece], fw.endState, fPlus);
                double rate = dot(gradEps, fPlus);
                terminalScale = rate < 0 ? -1.0 / rate : Double.NaN;
            } else {
                terminalScale = grid.horizon() / ttr.targetExcessRisk();
            }
        } else {
            terminalScale = 1.0;
        }
        if (!Double.isFinite(terminalScale)) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            z[i] = terminalScale * gradEps[i];
        }
        try {
            for (int j = fw.lastPiece; j >= 0; j--) {
                double tEnd = j == fw.lastPiece ? fw.endTime : grid.start(j + 1);
                double tStart = grid.start(j);
                z[n] = 0;
                if (tEnd > tStart) {
                    AdaptiveStepsizeIntegrator integrator = settings.createIntegrator();
                    z = integrator.integrate(adjointEquation(fw.pieces[j], factors[j]), new ODEState(tEnd, z), tStart)
                            .getPrimaryState();
                }
                gradient[j] = -z[n];
            }
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            return null;
        }
        return gradient;
    }

    private OrdinaryDifferentialEquation stateEquation(DoubleUnaryOperator control) {
        return new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return n; }
            @Override public double[] computeDerivatives(double t, double[] y) {
                if (!bounded(y)) {
                    throw new Diverged();
                }
                double[] yDot = new double[n];
                dynamics.derivatives(control.applyAsDouble(t), y, yDot);
                return yDot;
            }
        };
    }

    /** (λ, G): dλ/dt = −(∂f/∂y)ᵀλ, dG/dt = λᵀ∂f/∂s, with y(t) from the forward pass. */
    private OrdinaryDifferentialEquation adjointEquation(DenseOutputModel states, double s) {
        return new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return n + 1; }
            @Override public double[] computeDerivatives(double t, double[] z) {
                double[] y = states.getInterpolatedState(t).getPrimaryState();
                double[] zDot = new double[n + 1];
                for (int i = 0; i < n; i++) {
                    double h = 1e-6 * Math.max(1.0, Math.abs(y[i]));
                    System.arraycopy(y, 0, yShift, 0, n);
                    yShift[i] = y[i] + h;
                    dynamics.derivatives(s, yShift, fPlus);
                    yShift[i] = y[i] - h;
                    dynamics.derivatives(s, yShift, fMinus);
                    double column = 0;
                    for (int r = 0; r < n; r++) {
                        column += z[r] * (fPlus[r] - fMinus[r]);
                    }
                    zDot[i] = -column / (2 * h);
                }
                double ds = 1e-3 * Math.max(1.0, s);
                dynamics.derivatives(s + ds, y, fPlus);
                dynamics.derivatives(s - ds, y, fMinus);
                double g = 0;
                for (int r = 0; r < n; r++) {
                    g += z[r] * (fPlus[r] - fMinus[r]);
                }
                zDot[n] = g / (2 * ds);
                return zDot;
            }
        };
    }

    /** ∇ε(y) by central differences. */
    private double[] riskGradient(double[] y) {
        double[] grad = new double[n];
        double[] shifted = y.clone();
        for (int i = 0; i < n; i++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(y[i]));
            shifted[i] = y[i] + h;
            double plus = dynamics.excessRisk(shifted);
            shifted[i] = y[i] - h;
            double minus = dynamics.excessRisk(shifted);
            shifted[i] = y[i];
            grad[i] = (plus - minus) / (2 * h);
        }
        return grad;
    }

    private boolean bounded(double[] y) {
        for (double v : y) {
            if (!(Math.abs(v) <= divergenceBound)) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
