package org.sgdlimits.narrow.schedule;

import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.overlap.Overlaps;

/**
 * An autonomous ODE dy/dt = f(y, s) controlled by the learning-rate factor s ≥ 0, with the excess risk ε(y) as
 * the quantity to minimise (docs/theory.md §3.9). For the overlap ODE f(y, s) = s A(y) + s² B(y), so a central
 * difference in s is exact up to round-off. Not thread-safe (an instance may hold scratch buffers).
 */
public interface ControlledDynamics {

    /** Number of state components. */
    int dimension();

    /** Writes f(y, s) into {@code yDot}. */
    void derivatives(double s, double[] y, double[] yDot);

    /** The excess risk ε(y) (the risk is ε + Δ/2). */
    double excessRisk(double[] y);

    /**
     * The overlap ODE of {@code ode} with the teacher and widths of {@code initial} (its schedule is ignored:
     * s is the control).
     */
    static ControlledDynamics of(OverlapOde ode, Overlaps initial) {
        OverlapOde.Equations eq = ode.newSystem(initial);
        return new ControlledDynamics() {
            @Override public int dimension() { return eq.dimension(); }
            @Override public void derivatives(double s, double[] y, double[] yDot) {
                eq.derivativesAtFactor(s, y, yDot);
            }
            @Override public double excessRisk(double[] y) { return eq.excessRisk(y); }
        };
    }
}
