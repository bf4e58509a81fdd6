package org.sgdlimits.ode;

/**
 * A first-order system dy/dt = F(t, y) as the engines see it: allocation-free right-hand side into a
 * caller-supplied buffer, and a name for every state component (used in divergence messages).
 *
 * <p>An instance belongs to one integration run (it may hold scratch buffers); engines create a fresh one per
 * run, which keeps the engines themselves thread-safe.
 */
public interface OdeSystem {

    /** Number of state components. */
    int dimension();

    /**
     * Writes F(t, y) into {@code yDot} (length {@link #dimension()}). Must not keep references to the arrays.
     * Non-finite values are allowed: the integrator treats them as a failed evaluation (see
     * {@link TrajectoryIntegrator}).
     */
    void derivatives(double t, double[] y, double[] yDot);

    /** Human-readable name of state component {@code index}, e.g. {@code "Q_0_1"}. */
    String componentName(int index);
}
