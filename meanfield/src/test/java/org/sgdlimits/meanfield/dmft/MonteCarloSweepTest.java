package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.Trajectory;

/** The Monte Carlo sweep against the exact closure and its limits (docs/dmft.md §3). */
class MonteCarloSweepTest {

    private static final DmftModel RIDGE = ExactClosureTest.ridge(0.7, 0.3, 0.05, 0.2, 0.6, 0.5, 25);

    @Test
    void monteCarloAgreesWithTheExactClosureWithinFourStandardErrors() {
        Trajectory exact = DmftEngine.exact(RIDGE);
        Trajectory mc = DmftEngine.monteCarlo(RIDGE, new DmftEngine.MonteCarloSettings(4000, 6, 11L, false, true));
        int worst = 0;
        for (String c : new String[] {"m", "q", "train_loss", "test_risk"}) {
            for (int i = 1; i < exact.size(); i++) {
                double se = mc.value(i, c + "_sem");
                double gap = Math.abs(mc.value(i, c) - exact.value(i, c));
                assertTrue(se > 0 && se < 0.05, c + " standard error " + se + " at step " + i);
                assertTrue(gap < 4 * se + 1e-12, c + " at step " + i + ": MC " + mc.value(i, c) + " exact "
                        + exact.value(i, c) + " (" + gap / se + " SE)");
            }
        }
    }

    @Test
    void standardErrorFallsLikeOneOverRootPaths() {
        int steps = RIDGE.steps();
        double[] spread = new double[2];
        int[] paths = {1000, 4000};
        for (int k = 0; k < 2; k++) {
            Trajectory mc = DmftEngine.monteCarlo(RIDGE, new DmftEngine.MonteCarloSettings(paths[k], 12, 5L, false,
                    true));
            double s = 0;
            for (int i = 1; i <= steps; i++) {
                s += mc.value(i, "train_loss_sem") + mc.value(i, "q_sem");
            }
            spread[k] = s;
        }
        // ratio 2 expected; with 12 seeds the SE of an SE is ~20 %, averaged over 50 values much less
        assertEquals(2.0, spread[0] / spread[1], 0.4, "SE ratio for 4x the paths");
    }

    @Test
    void bernoulliWithFullBatchIsGradientDescent() {
        DmftModel bern = RIDGE.withSelection(SelectionProcess.bernoulli(1.0));
        DmftSweep.SweepResult gd = DmftEngine.sweep(RIDGE, 2000, 3L, true);
        DmftSweep.SweepResult b1 = DmftEngine.sweep(bern, 2000, 3L, true);
        assertArrayEquals(gd.trainLoss(), b1.trainLoss(), 0.0);
        assertArrayEquals(gd.q(), b1.q(), 0.0);
    }

    @Test
    void stochasticGradientFlowAtZeroTemperatureLimitIsGradientDescent() {
        // common random numbers: SGF draws its normals at every temperature; tau = 0 is s = 1, i.e. GD
        DmftSweep.SweepResult gd = DmftEngine.sweep(RIDGE.withSelection(SelectionProcess.gaussian(0.0)), 2000, 3L, true);
        DmftSweep.SweepResult cold = DmftEngine.sweep(RIDGE.withSelection(SelectionProcess.gaussian(1e-12)), 2000,
                3L, true);
        DmftSweep.SweepResult warm = DmftEngine.sweep(RIDGE.withSelection(SelectionProcess.gaussian(0.05)), 2000,
                3L, true);
        int last = RIDGE.steps();
        // the noise factor's diagonal moves like sqrt(tau) where late GD makes C_g nearly singular
        assertEquals(gd.trainLoss()[last], cold.trainLoss()[last], 1e-3 * gd.trainLoss()[last]);
        assertEquals(gd.q()[last], cold.q()[last], 1e-3 * gd.q()[last]);
        Trajectory exact = DmftEngine.exact(RIDGE);
        assertEquals(exact.value(last, "train_loss"), gd.trainLoss()[last], 0.1 * exact.value(last, "train_loss"));
        assertTrue(Math.abs(warm.trainLoss()[last] - gd.trainLoss()[last]) > 1e-2 * gd.trainLoss()[last],
                "a finite temperature changes the training loss");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        DmftModel logistic = new DmftModel(1.5, 1.0, new TeacherMap.Sign(0.0), StandardLoss.LOGISTIC, 0.01,
                DmftModel.constantSteps(0.5, 12), SelectionProcess.bernoulli(0.3), Momentum.NONE, 0.0, 0.5);
        DmftSweep.SweepResult serial = DmftEngine.sweep(logistic, 3000, 9L, false);
        DmftSweep.SweepResult parallel = DmftEngine.sweep(logistic, 3000, 9L, true);
        assertArrayEquals(serial.trainLoss(), parallel.trainLoss(), 0.0);
        assertArrayEquals(serial.m(), parallel.m(), 0.0);
    }

    @Test
    void noiseWithoutItsCrossTimeCovarianceMovesTheTrainingLoss() {
        // docs/dmft.md §3 pitfall: u(t) redrawn with the right one-time variance keeps m but not the training loss
        DmftModel model = ExactClosureTest.ridge(0.6, 0.4, 0.0, 0.0, 1.0, 0.6, 25);
        Trajectory exact = DmftEngine.exact(model);
        int last = model.steps();
        double sum = 0;
        double sum2 = 0;
        int seeds = 4;
        for (int k = 0; k < seeds; k++) {
            MonteCarloEnsemble e = new MonteCarloEnsemble(model, 4000, 100L + k, true, false);
            double v = DmftSweep.run(model, e).trainLoss()[last];
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / seeds;
        double se = Math.sqrt(Math.max(0, sum2 / seeds - mean * mean) / (seeds - 1));
        double gap = Math.abs(mean - exact.value(last, "train_loss"));
        assertTrue(gap > 10 * se && gap > 0.3 * exact.value(last, "train_loss"), "redrawn noise: train " + mean + " vs exact " + exact.value(last, "train_loss")
                + " (SE " + se + ")");
    }

    @Test
    void longGradientDescentStaysOnTheExactClosure() {
        // late GD makes C_g ill-conditioned; the QR-built noise factor must stay stable (docs/dmft.md §3)
        DmftModel model = ExactClosureTest.ridge(2.0, 0.25, 0.0, 0.0, 1.0, 0.3, 120);
        Trajectory exact = DmftEngine.exact(model);
        Trajectory mc = DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(3000, 4, 21L, false, true));
        int last = model.steps();
        for (String c : new String[] {"q", "train_loss"}) {
            double se = mc.value(last, c + "_sem");
            assertTrue(Math.abs(mc.value(last, c) - exact.value(last, c)) < 4 * se + 1e-9,
                    c + ": MC " + mc.value(last, c) + " exact " + exact.value(last, c) + " SE " + se);
        }
    }
}
