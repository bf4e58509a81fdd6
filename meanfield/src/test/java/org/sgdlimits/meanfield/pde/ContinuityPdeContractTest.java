package org.sgdlimits.meanfield.pde;

import java.util.Map;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The engine contract for the density PDE: erf, the law of a random start at d = 400 on a coarse default-shaped
 * grid, g = 1e-3; phase retrieval (square) at g = 2 diverges.
 */
class ContinuityPdeContractTest extends EngineContractTest {
    private static final DensityGrid START = DensityGrid.randomInitialisation(
            PdeGridDefaults.forRandomStart(400, 1.0, 1.0, 24, 8), 400, 1.0, 1.0);

    private static Engine<?> engine(String activation, double g) {
        Activation act = Activation.named(activation);
        ParticleDrift drift = new ParticleDrift(act, act, new double[] {1}, new double[] {1},
                ParticleDriftSettings.ofWidth(1000).withNoiseCoefficient(g).withLabelNoise(1e-3));
        return new ContinuityPde(new ParticleDriftField(drift, 1.0)).engine(START, TimeGrid.linear(4, 5),
                new double[] {4});
    }

    @Override
    protected Engine<?> stableEngine() {
        return engine("erf", 1e-3);
    }

    @Override
    protected Engine<?> divergingEngine() {
        return engine("square", 2);
    }

    @Override
    protected Map<String, Double> initialObservables() {
        return Map.of("mean_m2", START.meanNormalisedM2(1.0), "mean_qperp", START.meanQPerp());
    }
}
