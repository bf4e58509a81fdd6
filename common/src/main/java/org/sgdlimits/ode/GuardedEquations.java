package org.sgdlimits.ode;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.sgdlimits.trajectory.RunStatus;

/**
 * Adapts an {@link OdeSystem} to Hipparchus, counts evaluations and turns non-finite derivatives into step
 * rejections: each non-finite entry is replaced by a huge finite value, so the embedded error estimate
 * rejects the step and the integrator retries with a smaller one. A trial step that merely overshot into an
 * invalid region (for instance a covariance that is no longer positive semi-definite) is thus retried;
 * if {@link RunMonitor#NON_FINITE_EVALUATION_LIMIT} evaluations in a row fail without an accepted step, the
 * run ends as diverged at the last accepted time, naming the first non-finite component.
 */
final class GuardedEquations implements OrdinaryDifferentialEquation {
    private static final double REJECTING_DERIVATIVE = 1e100;

    private final OdeSystem system;
    private final RunMonitor monitor;

    GuardedEquations(OdeSystem system, RunMonitor monitor) {
        this.system = system;
        this.monitor = monitor;
    }

    @Override
    public int getDimension() {
        return system.dimension();
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        double[] yDot = new double[y.length];
        system.derivatives(t, y, yDot);
        monitor.evaluations++;
        int firstBad = -1;
        for (int i = 0; i < yDot.length; i++) {
            if (!Double.isFinite(yDot[i])) {
                if (firstBad < 0) {
                    firstBad = i;
                }
                yDot[i] = REJECTING_DERIVATIVE;
            }
        }
        if (firstBad >= 0) {
            monitor.nonFiniteSinceAccept++;
            if (monitor.nonFiniteSinceAccept == 1) {
                monitor.lastNonFiniteCause = "non-finite derivative of " + system.componentName(firstBad)
                        + " near t = " + t + " (state " + system.componentName(firstBad) + " = " + y[firstBad] + ")";
            }
            if (monitor.nonFiniteSinceAccept > RunMonitor.NON_FINITE_EVALUATION_LIMIT) {
                monitor.terminate(RunStatus.diverged(monitor.lastAcceptedTime, monitor.lastNonFiniteCause));
                throw new RunMonitor.Abort();
            }
        }
        return yDot;
    }
}
