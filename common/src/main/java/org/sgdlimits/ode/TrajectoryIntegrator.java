package org.sgdlimits.ode;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Integrates an {@link OdeSystem} from t = 0 over a {@link TimeGrid} with an adaptive Runge–Kutta scheme
 * (Hipparchus; {@link IntegratorSettings}), records the {@link Observables} at every grid time from the dense
 * output, watches {@link TrajectoryEvent}s and returns the trajectory with its status and statistics.
 *
 * <p>How a run ends ({@link RunStatus}):
 * <ul>
 *   <li>{@code completed} at the grid's end time;</li>
 *   <li>{@code stopped_by_event} at a {@link ThresholdCrossing} or {@link PlateauExit} with action STOP, or
 *       when the evaluation budget is exhausted (the cause says so);</li>
 *   <li>{@code diverged}: at a {@link DivergenceBound}; or when the state, a recorded value or the
 *       right-hand side becomes non-finite and shrinking the step does not help (see
 *       {@link GuardedEquations}); or when the step would fall below {@code minStep}. The time is the last
 *       accepted (finite) time and the cause names the quantity. No row after that time is recorded.</li>
 * </ul>
 * A singularity is located only to the integrator's accuracy: the last accepted step may lie a few
 * tolerances past it.
 *
 * <p>Immutable and thread-safe: every call builds its own Hipparchus integrator.
 */
public final class TrajectoryIntegrator {
    private final IntegratorSettings settings;

    public TrajectoryIntegrator(IntegratorSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("integrator settings: missing");
        }
        this.settings = settings;
    }

    public IntegratorSettings settings() {
        return settings;
    }

    /**
     * Integrates from (t = 0, y0) to {@code grid.end()}.
     *
     * @param system      the equations (a fresh instance for this run)
     * @param y0          initial state, finite, length {@code system.dimension()}
     * @param grid        the recorded times
     * @param observables the recorded row (a fresh instance for this run)
     * @param events      events to watch (may be empty)
     */
    public IntegrationResult integrate(OdeSystem system, double[] y0, TimeGrid grid, Observables observables,
                                       List<? extends TrajectoryEvent> events) {
        return integrate(system, y0, grid, observables, events, null);
    }

    /**
     * Same as {@link #integrate(OdeSystem, double[], TimeGrid, Observables, List)}, reporting progress: while
     * the run goes on, {@code progress} receives the ODE time t of the last accepted step, at most once every
     * 100 ms of wall time (increasing times, on the integrating thread); when the run ends it receives the final
     * time once more (the grid's end for a completed run, else the time the run stopped or diverged). The hook
     * must be cheap and must not throw; it is called from the integration loop.
     *
     * @param progress the progress hook, or null for none
     */
    public IntegrationResult integrate(OdeSystem system, double[] y0, TimeGrid grid, Observables observables,
                                       List<? extends TrajectoryEvent> events, DoubleConsumer progress) {
        return integrate(system, y0, grid, observables, events, progress, ProgressReporter.DEFAULT_INTERVAL_NANOS);
    }

    /** The progress variant with a chosen minimum wall time between progress calls (tests). */
    IntegrationResult integrate(OdeSystem system, double[] y0, TimeGrid grid, Observables observables,
                                List<? extends TrajectoryEvent> events, DoubleConsumer progress,
                                long progressIntervalNanos) {
        long start = System.nanoTime();
        if (y0.length != system.dimension()) {
            throw new IllegalArgumentException("initial state: length " + y0.length + "; the system has dimension "
                    + system.dimension());
        }
        for (int i = 0; i < y0.length; i++) {
            if (!Double.isFinite(y0[i])) {
                throw new IllegalArgumentException("initial state: " + system.componentName(i) + " = " + y0[i]
                        + "; must be finite");
            }
        }
        RunMonitor monitor = new RunMonitor();
        Trajectory.Builder builder = new Trajectory.Builder(observables.columns());
        AdaptiveStepsizeIntegrator integrator = settings.createIntegrator();
        integrator.addStepHandler(new GridRecorder(grid, observables, builder, monitor, system));
        if (progress != null) {
            integrator.addStepHandler(new ProgressReporter(progress, progressIntervalNanos));
        }
        TrajectoryEvent.RunContext context = new TrajectoryEvent.RunContext(system, observables, monitor);
        for (TrajectoryEvent e : events) {
            integrator.addEventDetector(e.createDetector(context));
        }
        double finalTime;
        double[] finalState;
        try {
            ODEStateAndDerivative end = integrator.integrate(new GuardedEquations(system, monitor),
                    new ODEState(0.0, y0.clone()), grid.end());
            finalTime = end.getTime();
            finalState = end.getPrimaryState();
        } catch (RunMonitor.Abort abort) {
            finalTime = monitor.lastAcceptedTime;
            finalState = monitor.lastAcceptedState;
        } catch (MathIllegalStateException failure) {
            if (failure.getSpecifier() == LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION) {
                String why = monitor.nonFiniteSinceAccept > 0 ? monitor.lastNonFiniteCause
                        : "NaN appeared in the integrator's error estimate after t = " + monitor.lastAcceptedTime
                        + "; largest state component then: " + largest(system, monitor.lastAcceptedState);
                monitor.terminate(RunStatus.diverged(monitor.lastAcceptedTime, why));
            } else {
                monitor.terminate(RunStatus.stoppedByEvent(monitor.lastAcceptedTime, "evaluation budget of "
                        + settings.maxEvaluations() + " right-hand sides exhausted at t = "
                        + monitor.lastAcceptedTime + " (" + failure.getMessage() + ")"));
            }
            finalTime = monitor.lastAcceptedTime;
            finalState = monitor.lastAcceptedState;
        } catch (MathIllegalArgumentException stepTooSmall) {
            String why = monitor.nonFiniteSinceAccept > 0 ? monitor.lastNonFiniteCause
                    : "step size fell below minStep = " + settings.minStep() + "; largest state component: "
                    + largest(system, monitor.lastAcceptedState);
            monitor.terminate(RunStatus.diverged(monitor.lastAcceptedTime, why + " (" + stepTooSmall.getMessage()
                    + ")"));
            finalTime = monitor.lastAcceptedTime;
            finalState = monitor.lastAcceptedState;
        }
        RunStatus status = monitor.terminal != null ? monitor.terminal : RunStatus.completed(finalTime);
        if (progress != null) {
            progress.accept(finalTime);
        }
        Trajectory trajectory = builder.build(status);
        IntegratorStatistics stats = new IntegratorStatistics(monitor.evaluations, monitor.acceptedSteps,
                System.nanoTime() - start);
        return new IntegrationResult(trajectory, monitor.events, finalTime,
                finalState == null ? y0.clone() : finalState, stats);
    }

    private static String largest(OdeSystem system, double[] y) {
        if (y == null || y.length == 0) {
            return "none";
        }
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (!(Math.abs(y[i]) <= Math.abs(y[best]))) {
                best = i;
            }
        }
        return system.componentName(best) + " = " + y[best];
    }
}
