package org.sgdlimits.dynamics;

import org.sgdlimits.gauss.GaussianMoments;

/**
 * The population drift of one-pass SGD (SPEC §3), written once and used by every engine.
 * (Being implemented: see the foundation issue.)
 */
public final class PopulationDrift {
    private final GaussianMoments moments;

    public PopulationDrift(GaussianMoments moments) {
        this.moments = moments;
    }

    public GaussianMoments moments() {
        return moments;
    }
}
