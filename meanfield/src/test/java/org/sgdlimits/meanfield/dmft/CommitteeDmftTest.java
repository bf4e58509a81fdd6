package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The committee block sweep (docs/dmft.md §7): a single linear unit is the GLM sweep with the same random numbers;
 * two erf units against finite-d multi-pass GD and SGD on explicit data sets, the gap shrinking with d and within
 * the combined standard errors at the largest d; b = 1 is GD and the thread count does not matter (bitwise).
 */
class CommitteeDmftTest {

    /** Two erf units learning a two-unit erf teacher from an asymmetric start (M, Q not permutation symmetric). */
    static CommitteeModel twoErfUnits(int steps, double eta, SelectionProcess selection) {
        Overlaps initial = Overlaps.of(new double[]{0.5, 0.1, 0.1, 0.4}, new double[]{0.2, 0.05, 0.0, 0.15},
                new double[]{1, 0, 0, 1}, new double[]{1, 1}, new double[]{1, 1});
        return new CommitteeModel(2.0, initial, StandardActivation.ERF, StandardActivation.ERF, 0.01,
                StandardLoss.SQUARE, 0.01, DmftModel.constantSteps(eta, steps), selection);
    }

    @Test
    void aSingleLinearUnitIsTheGlmSweepWithTheSameRandomNumbers() {
        double c0 = 0.3;
        double qv = 0.5;
        double rho = 1.3;
        DmftModel glm = new DmftModel(2.0, rho, new TeacherMap.OfActivation(StandardActivation.ERF, 0.1),
                StandardLoss.SQUARE, 0.05, DmftModel.constantSteps(0.3, 12), SelectionProcess.bernoulli(0.5),
                Momentum.NONE, c0, qv);
        CommitteeModel one = new CommitteeModel(2.0, Overlaps.of(new double[]{c0 * c0 * rho + qv},
                new double[]{c0 * rho}, new double[]{rho}, new double[]{1}, new double[]{1}),
                StandardActivation.LINEAR, StandardActivation.ERF, 0.01, StandardLoss.SQUARE, 0.05,
                DmftModel.constantSteps(0.3, 12), SelectionProcess.bernoulli(0.5));
        DmftSweep.SweepResult g = DmftEngine.sweep(glm, 3000, 7L, false);
        CommitteeSweep.Result c = CommitteeEngine.sweep(one, 3000, 7L, false);
        assertEquals(g.m().length, c.trainLoss().length);
        double worst = 0;
        for (int t = 0; t < g.m().length; t++) {
            worst = Math.max(worst, Math.abs(g.m()[t] - c.m()[t][0]));
            worst = Math.max(worst, Math.abs(g.q()[t] - c.q()[t][0]));
            worst = Math.max(worst, Math.abs(g.trainLoss()[t] - c.trainLoss()[t]));
        }
        // same draws; only the rounding of the block arithmetic differs
        assertTrue(worst < 1e-8, "p = 1 committee vs GLM sweep, largest difference " + worst);
        assertTrue(Math.abs(g.m()[12] - g.m()[0]) > 0.1, "the run moves");
    }

    @Test
    void fullBatchIsBernoulliWithBatchFractionOneAndThreadsDoNotMatter() {
        CommitteeModel gd = twoErfUnits(6, 1.0, SelectionProcess.FULL_BATCH);
        CommitteeSweep.Result a = CommitteeEngine.sweep(gd, 2000, 3L, false);
        CommitteeSweep.Result b = CommitteeEngine.sweep(gd.withSelection(SelectionProcess.bernoulli(1.0)), 2000, 3L,
                false);
        CommitteeSweep.Result c = CommitteeEngine.sweep(gd, 2000, 3L, true);
        for (int t = 0; t <= 6; t++) {
            assertArrayEquals(a.q()[t], b.q()[t], 0.0);
            assertArrayEquals(a.m()[t], c.m()[t], 0.0);
            assertArrayEquals(a.q()[t], c.q()[t], 0.0);
            assertEquals(a.trainLoss()[t], c.trainLoss()[t], 0.0);
        }
    }

    /** Per-run gap ratio expected √(250/2000) ≈ 0.35 from d = 250 to 2000; asserted below 0.6. */
    @Test
    void twoErfUnitsUnderGradientDescentAgreeWithTheSimulator() {
        CommitteeModel model = twoErfUnits(8, 1.0, SelectionProcess.FULL_BATCH);
        Trajectory theory = CommitteeEngine.monteCarlo(model,
                new DmftEngine.MonteCarloSettings(20000, 4, 1L, true, true));
        check(model, theory, new int[]{250, 1000, 2000}, new int[]{8, 4, 4}, 0.6);
    }

    /** Bernoulli SGD, b = 0.5: per-run gap ratio expected 1/2 from d = 250 to 1000; asserted below 0.75. */
    @Test
    void twoErfUnitsUnderBernoulliSgdAgreeWithTheSimulator() {
        CommitteeModel model = twoErfUnits(8, 0.8, SelectionProcess.bernoulli(0.5));
        Trajectory theory = CommitteeEngine.monteCarlo(model,
                new DmftEngine.MonteCarloSettings(20000, 4, 2L, true, true));
        check(model, theory, new int[]{250, 1000}, new int[]{8, 4}, 0.75);
    }

    /**
     * Each simulated run (one data set) against the DMFT sweep corrected for its finite-S bias (X − X_bias, the
     * Richardson extrapolation in 1/S of docs/dmft.md §2; at S = 20000 the committee's bias is ≈ 1e-3 on Q):
     * the root-mean-square gap per run over steps 1 … T and over train_loss, test_risk, M and Q must shrink with
     * d (a DMFT error would leave it at that error); at the largest d the mean over runs must agree within the
     * combined standard errors (rms z &lt; 3; the sweep's error taken as 1.25 SE, its bias estimate's own noise
     * ≈ 0.75 SE added).
     */
    static void check(CommitteeModel model, Trajectory theory, int[] dimensions, int[] seeds, double ratio) {
        List<String> columns = new ArrayList<>(List.of("train_loss", "test_risk"));
        columns.addAll(CommitteeObservables.overlapColumns(model.p(), model.k()));
        int steps = theory.size() - 1;
        double[] gaps = new double[dimensions.length];
        double rmsZ = 0;
        for (int k = 0; k < dimensions.length; k++) {
            int runs = seeds[k];
            double[][][] values = new double[runs][][];
            for (int r = 0; r < runs; r++) {
                Trajectory sim = CommitteeSimulator.simulate(model, dimensions[k], 1, 1000L * k + 31L + r);
                values[r] = new double[columns.size()][steps + 1];
                for (int c = 0; c < columns.size(); c++) {
                    values[r][c] = sim.column(columns.get(c));
                }
            }
            double z2 = 0;
            int count = 0;
            for (int c = 0; c < columns.size(); c++) {
                String name = columns.get(c);
                for (int i = 1; i <= steps; i++) {
                    double target = theory.value(i, name) - theory.value(i, name + "_bias");
                    double mean = 0;
                    for (int r = 0; r < runs; r++) {
                        double gap = values[r][c][i] - target;
                        gaps[k] += gap * gap;
                        mean += values[r][c][i] / runs;
                    }
                    double var = 0;
                    for (int r = 0; r < runs; r++) {
                        var += (values[r][c][i] - mean) * (values[r][c][i] - mean) / (runs - 1);
                    }
                    double se = Math.hypot(Math.sqrt(var / runs), 1.25 * theory.value(i, name + "_sem"));
                    z2 += (mean - target) * (mean - target) / (se * se);
                    count++;
                }
            }
            rmsZ = Math.sqrt(z2 / count);
            gaps[k] = Math.sqrt(gaps[k] / (count * runs));
        }
        int last = dimensions.length - 1;
        String what = "per-run rms gaps " + java.util.Arrays.toString(gaps) + " at d = "
                + java.util.Arrays.toString(dimensions) + ", rms z of the mean at d = " + dimensions[last] + ": " + rmsZ;
        System.out.println("committee vs simulator: " + what);
        assertTrue(gaps[last] < ratio * gaps[0], "gap must shrink with d: " + what);
        assertTrue(rmsZ < 3, "agreement within the combined standard errors at the largest d: " + what);
    }
}
