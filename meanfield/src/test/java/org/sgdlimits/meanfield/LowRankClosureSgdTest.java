package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.GramChainSimulator;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Finite-d SGD (exact Gram chain) at a learning rate γ = g p growing with p: phase retrieval, p = 16, g = 0.1,
 * d = 4000, from the closure's own start (Q = m mᵀ + diag(1 − m²)). Where the plain particle closure misses
 * SGD by many standard errors, the corrected (low-rank) closure agrees within its standard errors.
 */
class LowRankClosureSgdTest {

    @Test
    void sgdAgreesWithTheCorrectedClosureWhereItDisagreesWithThePlainOne() throws java.io.IOException {
        int p = 16;
        double g = 0.1;
        int d = 4000;
        double[][] s = PhaseRetrievalLowRankDriftTest.onManifoldStart(p);
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        double[] q = PhaseRetrievalLowRankDriftTest.ansatz(s[0], s[1], 0.0, 1.0);
        Overlaps start = Overlaps.unchecked(p, 1, q, s[0], new double[] {1.0}, a, new double[] {1.0});
        TimeGrid grid = TimeGrid.linear(1.2, 7);
        SgdSettings sgd = SgdSettings.of(StandardActivation.SQUARE, StandardActivation.SQUARE, g * p)
                .withHeldOutSamples(0);
        EnsembleResult ens = new MultiSeedSimulation(new GramChainSimulator(sgd), 24, 5).run(start, d, grid,
                SimulationProgress.NONE);

        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g);
        ParticleDrift plainDrift = new ParticleDrift(StandardActivation.SQUARE, StandardActivation.SQUARE,
                new double[] {1.0}, new double[] {1.0}, settings);
        IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-11, 1e-11);
        Particles particles = Particles.of(a, s[0], s[1], new double[] {1.0}, new double[] {1.0});
        Trajectory corrected = ParticleSystem.lowRank(plainDrift, new PhaseRetrievalLowRankDrift(1.0, settings),
                tight, LearningRateSchedule.constant()).run(particles, grid).trajectory();
        Trajectory plain = new ParticleSystem(plainDrift, tight, LearningRateSchedule.constant()).run(particles, grid)
                .trajectory();
        Trajectory sim = ens.trajectory();
        int separated = 0;
        double worstCorrected = 0;
        double worstPlain = 0;
        for (int i = 1; i < grid.points(); i++) {
            double mean = sim.value(i, "excess_risk");
            double se = sim.value(i, "excess_risk_sem");
            double zCorrected = Math.abs(mean - corrected.value(i, "excess_risk")) / se;
            double zPlain = Math.abs(mean - plain.value(i, "excess_risk")) / se;
            System.out.printf("t=%.2f SGD %.5f (se %.2g)  corrected %.5f (z %.2f)  plain %.5f (z %.1f)%n",
                    sim.time(i), mean, se, corrected.value(i, "excess_risk"), zCorrected,
                    plain.value(i, "excess_risk"), zPlain);
            worstCorrected = Math.max(worstCorrected, zCorrected);
            worstPlain = Math.max(worstPlain, zPlain);
            if (zPlain > 8) {
                separated++;
                assertTrue(zCorrected < 3, "t = " + sim.time(i) + ": SGD " + mean + " +- " + se + ", corrected "
                        + corrected.value(i, "excess_risk"));
            }
        }
        assertTrue(separated >= 3, "the plain closure must disagree with SGD somewhere for the test to mean much");
        ReadmeQuotes.assertQuoted("## Corrected mean-field closure", "lies within "
                + ReadmeQuotes.sig(worstCorrected, 1) + " standard errors of the corrected closure at t = 0.2, 0.4, …, 1.2, "
                + "where the plain one is up to " + ReadmeQuotes.sig(worstPlain, 1) + " standard errors off");
    }
}
