package org.sgdlimits.meanfield.pde;

import java.util.List;

/**
 * The drift φ(·; μ) of the continuity equation ∂_t μ + ∇·(μ φ) = 0 (docs/theory.md §5), evaluated at the cell centres
 * of a {@link StretchedGrid} from the current cell masses: φ = (dm/dt, dq⊥/dt). In the mean-field problem φ
 * is the particle drift with the cells acting as weighted particles (weights = cell masses); tests use
 * synthetic fields with exact solutions.
 *
 * <p>Scalar state: a field may carry a few scalars advanced by their own ODE alongside the density (the corrected
 * closure's off-diagonal coefficient h, docs/closure.md §6). Such a field names them ({@link #scalarNames}),
 * gives their initial values ({@link #initialScalars}) and implements the evaluation with scalars; the solver
 * advances them with the same SSP-RK3 stages as the masses and records them as extra trajectory columns. A
 * stateless field (the default) has none.
 *
 * <p>Only cells with positive mass carry flux, so an implementation may leave the velocity of empty cells at
 * zero. Implementations must be thread-safe (the same field may drive several runs at once).
 */
public interface VelocityField {

    /**
     * Fills the drift at every cell centre.
     *
     * @param grid   the cells (centres {@link StretchedGrid#mCentre}, {@link StretchedGrid#qCentre})
     * @param t      ODE time (docs/theory.md §2), for schedules
     * @param masses cell masses, flat index {@link StretchedGrid#index}, Σ = 1 (read only)
     * @param mDot   output: dm/dt at each cell centre
     * @param qDot   output: dq⊥/dt at each cell centre
     * @return the excess risk ε = ½E[(f − f*)²] of the density {@code masses}, or NaN if this field does not
     *         define one
     */
    double evaluate(StretchedGrid grid, double t, double[] masses, double[] mDot, double[] qDot);

    /**
     * The drift and the scalars' time derivatives for density {@code masses} and scalars {@code scalars}. The
     * default (no scalars) is {@link #evaluate(StretchedGrid, double, double[], double[], double[])}.
     *
     * @param scalars   current scalar state, length {@code scalarNames().size()} (read only)
     * @param scalarDot output: d/dt of each scalar
     * @return as {@link #evaluate(StretchedGrid, double, double[], double[], double[])}
     */
    default double evaluate(StretchedGrid grid, double t, double[] masses, double[] scalars, double[] mDot,
                            double[] qDot, double[] scalarDot) {
        return evaluate(grid, t, masses, mDot, qDot);
    }

    /** Names of the scalars carried with the density (trajectory columns), empty for a stateless field. */
    default List<String> scalarNames() {
        return List.of();
    }

    /** The scalars' values at t = 0 (a fresh array of length {@code scalarNames().size()}). */
    default double[] initialScalars() {
        return new double[0];
    }

    /** Label-noise variance Δ (risk R = ε + Δ/2, docs/theory.md §1); 0 unless the field says otherwise. */
    default double labelNoise() {
        return 0.0;
    }

    /** The solver options this field is meant to run with ({@link ContinuityPde#ContinuityPde(VelocityField)}). */
    default ContinuityPde.Options defaultOptions() {
        return ContinuityPde.Options.defaults();
    }
}
