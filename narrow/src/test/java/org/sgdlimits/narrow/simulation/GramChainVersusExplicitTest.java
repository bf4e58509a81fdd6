package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The exact Gram chain and the explicit network are the same Markov chain for Ω (docs/theory.md §4): at a small d, where
 * finite-d effects are largest, both give the same trajectory means and the same seed-to-seed spread, with every
 * option on (label noise, mini-batch, weight decay, trained second layer, schedule).
 */
@Tag("statistical")
class GramChainVersusExplicitTest {

    @Test
    void gramChainAndExplicitNetworkHaveTheSameTrajectoryStatistics() {
        Activation tanh = StandardActivation.TANH;
        Overlaps start = TestOverlaps.nearOrigin(3, 2, 0.6, 0.3, 21);
        SgdSettings settings = SgdSettings.of(tanh, tanh, 1.5).withLabelNoise(0.1).withBatchSize(2)
                .withWeightDecay(0.2).withSecondLayerLearningRate(1.0)
                .withSchedule(LearningRateSchedule.piecewiseConstant(new double[] {1.0}, new double[] {1.0, 0.5}))
                .withHeldOutSamples(0);
        int d = 60;
        int seeds = 24;
        TimeGrid grid = TimeGrid.linear(2.0, 5);
        Trajectory explicit = new MultiSeedSimulation(new SgdSimulator(settings), seeds, 1)
                .run(start, d, grid, SimulationProgress.NONE).trajectory();
        Trajectory gram = new MultiSeedSimulation(new GramChainSimulator(settings), seeds, 2)
                .run(start, d, grid, SimulationProgress.NONE).trajectory();
        double worstZ = 0;
        double smallestRatio = Double.POSITIVE_INFINITY;
        double largestRatio = 0;
        for (String c : explicit.columns()) {
            if (c.endsWith("_sem")) {
                continue;
            }
            for (int i = 1; i < explicit.size(); i++) {
                double se = Math.hypot(explicit.value(i, c + "_sem"), gram.value(i, c + "_sem"));
                worstZ = Math.max(worstZ, Math.abs(explicit.value(i, c) - gram.value(i, c)) / se);
            }
            int last = explicit.size() - 1;
            double ratio = explicit.value(last, c + "_sem") / gram.value(last, c + "_sem");
            smallestRatio = Math.min(smallestRatio, ratio);
            largestRatio = Math.max(largestRatio, ratio);
        }
        // 30 observables × 4 times: the largest of ~120 (correlated) |z| stays below ~3.5 for one law
        assertTrue(worstZ < 4.5, "means differ by " + worstZ + " combined standard errors");
        // with 24 seeds each standard deviation is known to ~15%
        assertTrue(smallestRatio > 0.5 && largestRatio < 2.0, "spread ratio explicit/gram in [" + smallestRatio
                + ", " + largestRatio + "]");
    }
}
