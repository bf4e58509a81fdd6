package org.sgdlimits.meanfield.factory;

import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;

/**
 * The mean-field {@code full} engine: the full p×p overlap ODE (docs/theory.md §3) of the same dynamics the
 * particle system integrates, the reference the closure is checked against. The particle drift's SGD-noise term
 * ({@code meanfield.noiseTerm}) is the noise term of the high-dimensional regime, so the term kept means
 * {@link Regime#HIGH_DIMENSIONAL} and the term dropped means {@link Regime#CLASSICAL} (the inverse of
 * {@link ParticleSystemFactory#defaultNoiseTerm}).
 */
public final class FullOdeFactory {
    private FullOdeFactory() {
    }

    /** The regime of the overlap ODE whose noise term is {@code noiseTerm}. */
    public static Regime regime(boolean noiseTerm) {
        return noiseTerm ? Regime.HIGH_DIMENSIONAL : Regime.CLASSICAL;
    }

    /**
     * The full overlap ODE of a validated experiment with the mean-field noise term on or off.
     *
     * @param noiseTerm keep the SGD-noise term (high-dimensional regime) or drop it (classical)
     */
    public static OverlapOde of(Experiment e, boolean noiseTerm) {
        return OverlapOdeFactory.of(e.toBuilder().regime(regime(noiseTerm)).build());
    }
}
