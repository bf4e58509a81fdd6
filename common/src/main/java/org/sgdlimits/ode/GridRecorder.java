package org.sgdlimits.ode;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Step handler that samples the integrator's dense output (the continuous Runge–Kutta interpolant, same order
 * as the scheme) at the times of a {@link TimeGrid} and appends one {@link Observables} row per time to a
 * {@link Trajectory.Builder}. Grid times after an event that stopped the run are not recorded. A step whose
 * end state, or a recorded row, is non-finite ends the run as diverged at the last good time, and nothing
 * from that step is recorded.
 */
final class GridRecorder implements ODEStepHandler {
    private final double[] times;
    private final Observables observables;
    private final Trajectory.Builder builder;
    private final RunMonitor monitor;
    private final OdeSystem system;
    private final double[] row;
    private int next;

    GridRecorder(TimeGrid grid, Observables observables, Trajectory.Builder builder, RunMonitor monitor,
                 OdeSystem system) {
        this.times = grid.times();
        this.observables = observables;
        this.builder = builder;
        this.monitor = monitor;
        this.system = system;
        this.row = new double[observables.columns().size()];
    }

    @Override
    public void init(ODEStateAndDerivative initialState, double finalTime) {
        next = 0;
        double t0 = initialState.getTime();
        monitor.lastAcceptedTime = t0;
        monitor.lastAcceptedState = initialState.getPrimaryState();
        while (next < times.length && times[next] <= t0) {
            record(times[next], initialState.getPrimaryState(), t0);
            next++;
        }
    }

    @Override
    public void handleStep(ODEStateInterpolator interpolator) {
        ODEStateAndDerivative current = interpolator.getCurrentState();
        double tEnd = current.getTime();
        double[] yEnd = current.getPrimaryState();
        int bad = firstNonFinite(yEnd);
        if (bad >= 0) {
            monitor.terminate(RunStatus.diverged(monitor.lastAcceptedTime, "non-finite state "
                    + system.componentName(bad) + " = " + yEnd[bad] + " after t = " + monitor.lastAcceptedTime));
            throw new RunMonitor.Abort();
        }
        // Grid times are recorded up to the step end; the final grid time may differ from tEnd by rounding.
        double slack = 1e-12 * Math.max(1.0, Math.abs(tEnd));
        boolean last = next < times.length && Math.abs(times[times.length - 1] - tEnd) <= slack;
        while (next < times.length && (times[next] <= tEnd || (last && next == times.length - 1))) {
            double t = times[next];
            double[] y = Math.abs(t - tEnd) <= slack ? yEnd : interpolator.getInterpolatedState(t).getPrimaryState();
            record(t, y, monitor.lastAcceptedTime);
            next++;
        }
        monitor.accept(tEnd, yEnd);
    }

    private void record(double t, double[] y, double lastGoodTime) {
        observables.evaluate(t, y, row);
        for (int c = 0; c < row.length; c++) {
            if (!Double.isFinite(row[c])) {
                monitor.terminate(RunStatus.diverged(lastGoodTime, "non-finite " + observables.columns().get(c)
                        + " = " + row[c] + " at t = " + t));
                throw new RunMonitor.Abort();
            }
        }
        builder.add(t, row);
    }

    private static int firstNonFinite(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                return i;
            }
        }
        return -1;
    }
}
