package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.Trajectory;

/**
 * {@link MultiPassSimulator#ensemble} keeps every seed's run: their mean and standard error are the columns of
 * {@link MultiPassSimulator#simulate}, and seed 0 is the single-seed simulation of the same base seed.
 */
class MultiPassEnsembleTest {

    @Test
    void theMeanOfTheKeptRunsIsTheSimulatedMeanAndSeedZeroIsTheSingleSeedRun() {
        DmftModel model = new DmftModel(2.0, 1.0, new TeacherMap.Linear(0.5), StandardLoss.SQUARE, 0.01,
                DmftModel.constantSteps(0.2, 6), SelectionProcess.FULL_BATCH, Momentum.NONE, 0.0, 1.0);
        int seeds = 3;
        MultiPassSimulator.Ensemble e = MultiPassSimulator.ensemble(model, 40, seeds, 5L);
        Trajectory mean = MultiPassSimulator.simulate(model, 40, seeds, 5L);
        Trajectory single = MultiPassSimulator.simulate(model, 40, 1, 5L);
        assertEquals(seeds, e.runs().size());
        for (int i = 0; i < mean.size(); i++) {
            for (String c : new String[] {GlmObservables.M, GlmObservables.Q, GlmObservables.TEST_RISK,
                GlmObservables.TRAIN_LOSS}) {
                double s = 0;
                for (Trajectory r : e.runs()) {
                    s += r.value(i, c);
                }
                double m = s / seeds;
                double ss = 0;
                for (Trajectory r : e.runs()) {
                    ss += (r.value(i, c) - m) * (r.value(i, c) - m);
                }
                double se = Math.sqrt(ss / (seeds - 1) / seeds);
                assertEquals(mean.value(i, c), e.mean().value(i, c), 0.0, c + " at step " + i);
                assertEquals(m, mean.value(i, c), 1e-14 * Math.max(1, Math.abs(m)), c + " mean at step " + i);
                assertEquals(se, mean.value(i, c + "_sem"), 1e-12 * Math.max(1e-3, Math.abs(m)), c + " SE at step " + i);
                assertEquals(single.value(i, c), e.runs().get(0).value(i, c), 0.0, c + " seed 0 at step " + i);
            }
        }
        assertNotEquals(e.runs().get(0).value(3, GlmObservables.TEST_RISK),
                e.runs().get(1).value(3, GlmObservables.TEST_RISK), "independent data sets");
    }
}
