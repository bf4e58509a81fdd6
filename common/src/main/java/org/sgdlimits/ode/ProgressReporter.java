package org.sgdlimits.ode;

import java.util.function.DoubleConsumer;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Step handler that passes the time of the last accepted step to a progress hook, at most once per
 * {@code intervalNanos} of wall time (the first accepted step after each interval), so that a display can follow
 * a long integration. {@link TrajectoryIntegrator} also calls the hook once with the final time when the run
 * ends. Allocation-free: per step one {@link System#nanoTime()} and, when due, one {@code accept(double)}.
 */
final class ProgressReporter implements ODEStepHandler {
    /** Default minimum wall time between two calls of the hook: 100 ms. */
    static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

    private final DoubleConsumer hook;
    private final long intervalNanos;
    private long lastCall;

    /**
     * @param hook          receives the ODE time t of the last accepted step
     * @param intervalNanos minimum wall time between two calls, ≥ 0 (0: every accepted step)
     */
    ProgressReporter(DoubleConsumer hook, long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("progress interval: " + intervalNanos + " ns; must be >= 0");
        }
        this.hook = hook;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void init(ODEStateAndDerivative initialState, double finalTime) {
        lastCall = System.nanoTime();
    }

    @Override
    public void handleStep(ODEStateInterpolator interpolator) {
        long now = System.nanoTime();
        if (now - lastCall >= intervalNanos) {
            lastCall = now;
            hook.accept(interpolator.getCurrentState().getTime());
        }
    }
}
