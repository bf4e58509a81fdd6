package org.sgdlimits.ode;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;

/**
 * An immutable description of an event watched during a run: {@link ThresholdCrossing},
 * {@link DivergenceBound} or {@link PlateauExit}. Each run turns it into a fresh Hipparchus detector, so one
 * description can be shared by concurrent runs.
 *
 * <p>Events watch a {@link RowObservable} of the run's recorded row: a column (e.g. {@code "risk"},
 * {@code "M_0_1"}) or any function of the columns; {@link DivergenceBound} watches the raw state. Event times are located to {@link #TIME_ACCURACY} (absolute) by a
 * bracketing Brent solver; the sign of the event function is checked at least every
 * {@code maxCheckInterval} ODE time units inside each step.
 */
public abstract class TrajectoryEvent {
    /** Absolute accuracy of located event times. */
    public static final double TIME_ACCURACY = 1e-9;

    TrajectoryEvent() {
    }

    /** A short description used in statuses and {@link EventOccurrence#event()}. */
    public abstract String name();

    /** A new single-run detector. */
    abstract ODEEventDetector createDetector(RunContext context);

    /** What a detector may use during one run. */
    record RunContext(OdeSystem system, Observables observables, RunMonitor monitor) {
        /** A fresh row buffer for one detector, after checking that the observable fits the columns. */
        RecordedRow rowFor(RowObservable observable) {
            observable.validate(observables.columns());
            return new RecordedRow(observables.columns());
        }

        /** The observable at time t and state y, using the detector's row buffer. */
        double evaluate(RowObservable observable, RecordedRow row, double t, double[] y) {
            observables.evaluate(t, y, row.values);
            return observable.value(row);
        }
    }

    /** Common detector plumbing: check interval, solver, handler. */
    abstract static class Detector implements ODEEventDetector, ODEEventHandler {
        private final AdaptableInterval maxCheck;
        private final BracketedUnivariateSolver<UnivariateFunction> solver =
                new BracketingNthOrderBrentSolver(1e-14, TIME_ACCURACY, 1e-15, 5);

        Detector(double maxCheckInterval) {
            this.maxCheck = AdaptableInterval.of(maxCheckInterval);
        }

        @Override public AdaptableInterval getMaxCheckInterval() { return maxCheck; }
        @Override public int getMaxIterationCount() { return 200; }
        @Override public BracketedUnivariateSolver<UnivariateFunction> getSolver() { return solver; }
        @Override public ODEEventHandler getHandler() { return this; }
    }

    static void requirePositive(String field, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(field + ": " + v + "; must be > 0");
        }
    }
}
