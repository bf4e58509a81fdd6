package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.GramChainSimulator;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** The particle system against finite-d SGD (the exact Gram chain of the simulator helper). */
@Tag("statistical")
class ParticleSystemSimulationTest {

    @Test
    void particleSystemAgreesWithSgdSimulationAsDimensionGrows() {
        // p = 1: the closure is exact, so the particle system is the d → ∞ limit of the SGD mean (g = γ = 0.5)
        double gamma = 0.5;
        Overlaps one = Overlaps.of(new double[] {0.8}, new double[] {0.3}, new double[] {1.0}, new double[] {1.0},
                new double[] {1.0});
        TimeGrid grid = TimeGrid.linear(2.0, 5);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1},
                new double[] {1}, ParticleDriftSettings.ofWidth(1).withNoiseCoefficient(gamma));
        Trajectory particles = new ParticleSystem(drift).run(Particles.fromOverlaps(one), grid).trajectory();
        int[] dims = {100, 1600};
        double[] largestGap = new double[dims.length];
        for (int n = 0; n < dims.length; n++) {
            EnsembleResult sim = new MultiSeedSimulation(new GramChainSimulator(SgdSettings.of(StandardActivation.ERF,
                    StandardActivation.ERF, gamma)), 64, 11).run(one, dims[n], grid, SimulationProgress.NONE);
            Trajectory s = sim.trajectory();
            for (int i = 1; i < grid.points(); i++) {
                double gap = Math.abs(s.value(i, "risk") - particles.value(i, "risk"));
                double se = s.value(i, "risk_sem");
                // fluctuations O(√(g/d)) per run, mean bias O(1/d): within 4 standard errors at both d
                assertTrue(gap < 4 * se, "d=" + dims[n] + " t=" + grid.times()[i] + ": gap " + gap + ", se " + se);
                largestGap[n] = Math.max(largestGap[n], gap);
            }
        }
        // measured (64 seeds): 2.0e-3 at d = 100, 3.6e-4 at d = 1600
        assertTrue(largestGap[1] < 0.5 * largestGap[0], "gap must shrink with d: " + largestGap[0] + " -> "
                + largestGap[1]);
    }
}
