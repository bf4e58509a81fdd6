package org.sgdlimits.ode;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;

/**
 * An immutable description of an event watched during a run: {@link ThresholdCrossing},
 * {@link DivergenceBound} or {@link PlateauExit}. Each run turns it into a fresh Hipparchus detector, so one
 * description can be shared by concurrent runs.
 *
 * <p>Events watch either a recorded column of the run's {@link Observables} (e.g. {@code "risk"},
 * {@code "M_0_1"}) or the raw state. Event times are located to {@link #TIME_ACCURACY} (absolute) by a
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
        /** Index of a recorded column. @throws IllegalArgumentException naming the known columns */
        int column(String name) {
            int c = observables.columns().indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("event observable: unknown column '" + name + "'; known: "
                        + observables.columns());
            }
            return c;
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

        /** Evaluates one column of the observables row. */
        static double column(RunContext ctx, double[] row, int c, ODEStateAndDerivative s) {
            ctx.observables().evaluate(s.getTime(), s.getPrimaryState(), row);
            return row[c];
        }
    }

    static void requirePositive(String field, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(field + ": " + v + "; must be > 0");
        }
    }
}
