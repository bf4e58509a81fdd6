package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.Trajectory;

/**
 * DMFT against finite-d multi-pass SGD on explicit data sets (docs/dmft.md §6): the root-mean-square gap over
 * steps 1 … T of training loss, m and q shrinks as d grows (by √10 expected from 250 to 2500 at equal seeds), and
 * at the largest d the differences are of the size of the combined standard errors (root-mean-square z &lt; 3;
 * the standard errors come from 4 simulator seeds and 4 sweeps, so single z values have heavy tails).
 */
class SimulatorAgreementTest {
    private static final int[] DIMENSIONS = {250, 1000, 2500};
    private static final int SIM_SEEDS = 4;
    private static final String[] COLUMNS = {"train_loss", "m", "q"};

    @Test
    void ridgeGradientDescent() {
        DmftModel model = ExactClosureTest.ridge(2.0, 0.2, 0.05, 0.0, 0.5, 0.5, 10);
        check(model, DmftEngine.exact(model));
    }

    @Test
    void bernoulliSgd() {
        DmftModel model = ExactClosureTest.ridge(2.0, 0.2, 0.05, 0.0, 0.5, 0.5, 10)
                .withSelection(SelectionProcess.bernoulli(0.3));
        check(model, DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(20000, 4, 1L, false, true)));
    }

    @Test
    void logisticGradientDescentOnASignTeacher() {
        DmftModel model = new DmftModel(1.5, 1.0, new TeacherMap.Sign(0.0), StandardLoss.LOGISTIC, 0.01,
                DmftModel.constantSteps(0.5, 10), SelectionProcess.FULL_BATCH, Momentum.NONE, 0.0, 0.5);
        check(model, DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(20000, 4, 1L, false, true)));
    }

    @Test
    void randomReshufflingWithHeavyBallMomentum() {
        DmftModel model = new DmftModel(2.0, 1.0, new TeacherMap.Linear(0.5), StandardLoss.SQUARE, 0.05,
                DmftModel.constantSteps(0.15, 12), SelectionProcess.reshuffle(3),
                new Momentum(Momentum.Kind.HEAVY_BALL, 0.5), 0.0, 0.5);
        check(model, DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(20000, 4, 2L, false, true)),
                SMALL_DIMENSIONS);
    }

    @Test
    void stochasticGradientFlowWithNesterovOnLogistic() {
        DmftModel model = new DmftModel(2.0, 1.0, new TeacherMap.Sign(0.0), StandardLoss.LOGISTIC, 0.01,
                DmftModel.constantSteps(0.3, 10), SelectionProcess.gaussian(0.05),
                new Momentum(Momentum.Kind.NESTEROV, 0.4), 0.0, 0.5);
        check(model, DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(20000, 4, 3L, false, true)),
                SMALL_DIMENSIONS);
    }

    private static void check(DmftModel model, Trajectory theory) {
        check(model, theory, DIMENSIONS);
    }

    /** Smaller data sets for the extra algorithms (test time): expected gap ratio 1/2 from 250 to 1000. */
    private static final int[] SMALL_DIMENSIONS = {250, 1000};

    private static void check(DmftModel model, Trajectory theory, int[] dimensions) {
        double[] gaps = new double[dimensions.length];
        double rmsZ = 0;
        for (int k = 0; k < dimensions.length; k++) {
            Trajectory sim = MultiPassSimulator.simulate(model, dimensions[k], SIM_SEEDS, 17L + k);
            double z2 = 0;
            int count = 0;
            for (String c : COLUMNS) {
                for (int i = 1; i < theory.size(); i++) {
                    double gap = Math.abs(sim.value(i, c) - theory.value(i, c));
                    gaps[k] += gap * gap;
                    double se = Math.hypot(sim.value(i, c + "_sem"),
                            theory.hasColumn(c + "_sem") ? theory.value(i, c + "_sem") : 0.0);
                    z2 += gap * gap / (se * se);
                    count++;
                }
            }
            rmsZ = Math.sqrt(z2 / count);
            gaps[k] = Math.sqrt(gaps[k] / count);
        }
        int last = dimensions.length - 1;
        String what = "rms gaps " + java.util.Arrays.toString(gaps) + ", rms z at d = " + dimensions[last] + ": "
                + rmsZ;
        assertTrue(gaps[last] < (last == 2 ? 0.6 : 0.8) * gaps[0], "gap must shrink with d: " + what);
        assertTrue(rmsZ < 3, "agreement within the combined standard errors at the largest d: " + what);
    }
}
