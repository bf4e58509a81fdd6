package org.sgdlimits.meanfield;

import java.util.List;
import java.util.Map;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.fixtures.EngineContractTest;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.TimeGrid;

/** The engine contract for the mean-field particles: 16 erf particles, k = 1, g = 0.05; phase retrieval (square) at g = 2 diverges. */
class ParticleSystemContractTest extends EngineContractTest {
    private static final Particles START = ParticleFixtures.random(16, 1, 0.1, 0.5, 3);

    private static Engine<?> engine(String activation, double g) {
        Activation act = Activation.named(activation);
        ParticleDrift drift = new ParticleDrift(act, act, START.teacherOverlap(), START.teacherSecondLayer(),
                ParticleDriftSettings.ofWidth(16).withNoiseCoefficient(g).withLabelNoise(0.01));
        return new ParticleSystem(drift, IntegratorSettings.defaults(), LearningRateSchedule.constant())
                .engine(START, TimeGrid.linear(10, 6), new double[] {0, 10}, List.of());
    }

    @Override
    protected Engine<?> stableEngine() {
        return engine("erf", 0.05);
    }

    @Override
    protected Engine<?> divergingEngine() {
        return engine("square", 2);
    }

    @Override
    protected Map<String, Double> initialObservables() {
        return Map.of("mean_m2", START.meanTeacherAlignment(), "mean_qperp", START.meanOrthogonalNorm());
    }
}
