package org.sgdlimits.ode;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.ODEEventDetector;
import org.sgdlimits.trajectory.RunStatus;

/**
 * Ends the run as {@code diverged} when some state component leaves [−bound, bound]; the status names the
 * component and gives the (located) time. Event function: bound − max_i |y_i|. Non-finite states are always
 * caught by {@link TrajectoryIntegrator}, with or without this event. Immutable.
 */
public final class DivergenceBound extends TrajectoryEvent {
    private final double bound;

    /** @param bound the largest allowed |y_i|, &gt; 0 (may be +∞ to disable) */
    public DivergenceBound(double bound) {
        requirePositive("divergenceBound", bound);
        this.bound = bound;
    }

    public double bound() {
        return bound;
    }

    @Override
    public String name() {
        return "state beyond |y| = " + bound;
    }

    @Override
    ODEEventDetector createDetector(RunContext ctx) {
        return new Detector(Double.POSITIVE_INFINITY) {
            @Override
            public double g(ODEStateAndDerivative s) {
                double[] y = s.getPrimaryState();
                return bound - Math.abs(y[argMaxAbs(y)]);
            }

            @Override
            public Action eventOccurred(ODEStateAndDerivative s, ODEEventDetector detector, boolean increasing) {
                if (increasing) {
                    return Action.CONTINUE;
                }
                double[] y = s.getPrimaryState();
                int i = argMaxAbs(y);
                String cause = "|" + ctx.system().componentName(i) + "| reached the divergence bound " + bound
                        + " (value " + y[i] + ")";
                ctx.monitor().events.add(new EventOccurrence(name(), s.getTime(), y[i], true));
                ctx.monitor().terminate(RunStatus.diverged(s.getTime(), cause));
                return Action.STOP;
            }
        };
    }

    private static int argMaxAbs(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[best])) {
                best = i;
            }
        }
        return best;
    }
}
