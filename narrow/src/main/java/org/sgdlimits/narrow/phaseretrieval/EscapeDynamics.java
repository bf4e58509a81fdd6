package org.sgdlimits.narrow.phaseretrieval;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * A phase-retrieval overlap ODE in some state representation, as seen by the escape detection of
 * {@link PhaseRetrievalOde}: the right-hand side plus the three observables the criteria and the divergence
 * check need. Implementations hold per-run buffers and are not thread-safe; create one per run.
 * Examples: the full (M, Q) state, the symmetric (m, s, c) state, the reduced particle state (m_i, q⊥_i) of the
 * mean-field module.
 */
public interface EscapeDynamics extends OrdinaryDifferentialEquation {

    /**
     * The right-hand side written into {@code yDot} (the escape integration calls this; engines whose state
     * packing can write in place override it to avoid the array {@link #computeDerivatives} returns).
     */
    default void derivatives(double t, double[] y, double[] yDot) {
        System.arraycopy(computeDerivatives(t, y), 0, yDot, 0, yDot.length);
    }

    /** Mean over units of m_i²/ρ (criterion (a) of docs/theory.md §6). */
    double meanSquaredOverlap(double[] y);

    /** Excess risk ε = ½ E[(f − f*)²] (the risk is ε + Δ/2). */
    double excessRisk(double[] y);

    /** Mean student norm tr Q/p (divergence check). */
    double meanNorm(double[] y);

    /** Name of state component {@code index} (for divergence messages). */
    default String componentName(int index) {
        return "y_" + index;
    }
}
