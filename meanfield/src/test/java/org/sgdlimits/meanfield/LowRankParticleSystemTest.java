package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** The particle engine with the corrected closure against the full overlap ODE (phase retrieval, fixed g). */
class LowRankParticleSystemTest {

    private static ParticleDrift squareDrift(ParticleDriftSettings settings) {
        return new ParticleDrift(StandardActivation.SQUARE, StandardActivation.SQUARE, new double[] {1.0},
                new double[] {1.0}, settings);
    }

    private static Particles start(int p) {
        double[][] s = PhaseRetrievalLowRankDriftTest.onManifoldStart(p);
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        return Particles.of(a, s[0], s[1], new double[] {1.0}, new double[] {1.0});
    }

    @Test
    void correctedEngineFollowsTheFullOdeWherePlainDoesNot() {
        int p = 32;
        double g = 0.1;
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g);
        IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-12, 1e-12);
        ParticleSystem corrected = ParticleSystem.lowRank(squareDrift(settings),
                new PhaseRetrievalLowRankDrift(1.0, settings), tight, LearningRateSchedule.constant());
        ParticleSystem plain = new ParticleSystem(squareDrift(settings), tight, LearningRateSchedule.constant());
        TimeGrid grid = TimeGrid.linear(1.6, 17);
        ParticleRun low = corrected.run(start(p), grid);
        ParticleRun pl = plain.run(start(p), grid);
        double[] full = PhaseRetrievalLowRankDriftTest.fullOdeExcessRisk(p, g);
        Trajectory t = low.trajectory();
        assertEquals(ParticleSystem.LOW_RANK_COLUMNS, t.columns());
        assertEquals(0.0, t.value(0, "h"));
        double errLow = 0;
        double errPlain = 0;
        for (int i = 1; i < grid.points(); i++) {
            errLow = Math.max(errLow, Math.abs(t.value(i, "excess_risk") - full[i - 1]));
            errPlain = Math.max(errPlain, Math.abs(pl.trajectory().value(i, "excess_risk") - full[i - 1]));
        }
        assertTrue(errLow < 1e-5, "corrected engine: max |d eps| = " + errLow);
        assertTrue(errPlain > 0.05, "plain engine: max |d eps| = " + errPlain);
        assertTrue(t.value(1, "h") > 0, "the SGD noise builds up h > 0");
        assertTrue(low.warnings().stream().noneMatch(w -> w.startsWith("g/B")), low.warnings().toString());
        assertTrue(pl.warnings().stream().anyMatch(w -> w.startsWith("g/B")));
    }

    @Test
    void lowRankNeedsPhaseRetrieval() {
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(4).withNoiseCoefficient(0.1);
        ParticleDrift erf = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1.0},
                new double[] {1.0}, settings);
        assertThrows(IllegalArgumentException.class, () -> ParticleSystem.lowRank(erf,
                new PhaseRetrievalLowRankDrift(1.0, settings), IntegratorSettings.defaults(),
                LearningRateSchedule.constant()));
    }
}
