package org.sgdlimits.narrow.simulation;

import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.narrow.OverlapOde;

/**
 * The overlap ODE (docs/theory.md §3) of the same training protocol as a simulation: same activations, γ, γ_a, Δ, λ_wd,
 * B, schedule, spherical option and biases (docs/theory.md §3.11), in a chosen regime. Used to compare theory with simulation.
 */
public final class MatchingOde {
    private MatchingOde() {
    }

    /**
     * @param settings  the simulation's settings
     * @param regime    classical (no noise term), high-dimensional (d → ∞) or finite-dimensional
     * @param dimension d, used only for the finite-dimensional regime
     */
    public static OverlapOde.Builder builder(SgdSettings settings, Regime regime, int dimension) {
        OverlapOde.Builder b = OverlapOde.builder(settings.student(), settings.teacher())
                .learningRate(settings.rate())
                .labelNoise(settings.labelNoise())
                .weightDecay(settings.weightDecay())
                .batchSize(settings.batchSize())
                .schedule(settings.schedule())
                .spherical(settings.spherical());
        if (settings.updatesSecondLayer()) {
            b.trainSecondLayer(settings.secondLayerRate());
        } else {
            b.fixedSecondLayer();
        }
        if (settings.hasBiases()) {
            b.biases(settings.biases());
        }
        if (regime == Regime.FINITE_DIMENSIONAL) {
            b.finiteDimension(dimension);
        } else {
            b.regime(regime);
        }
        return b;
    }

    /** {@link #builder} built with default integrator settings. */
    public static OverlapOde of(SgdSettings settings, Regime regime, int dimension) {
        return builder(settings, regime, dimension).build();
    }
}
