package org.sgdlimits.meanfield.pde;

/**
 * The drift φ(·; μ) of the continuity equation ∂_t μ + ∇·(μ φ) = 0 (docs/theory.md §5), evaluated at the cell centres
 * of a {@link StretchedGrid} from the current cell masses: φ = (dm/dt, dq⊥/dt). In the mean-field problem φ
 * is the particle drift with the cells acting as weighted particles (weights = cell masses); tests use
 * synthetic fields with exact solutions.
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

    /** Label-noise variance Δ (risk R = ε + Δ/2, docs/theory.md §1); 0 unless the field says otherwise. */
    default double labelNoise() {
        return 0.0;
    }

    /** The solver options this field is meant to run with ({@link ContinuityPde#ContinuityPde(VelocityField)}). */
    default ContinuityPde.Options defaultOptions() {
        return ContinuityPde.Options.defaults();
    }
}
