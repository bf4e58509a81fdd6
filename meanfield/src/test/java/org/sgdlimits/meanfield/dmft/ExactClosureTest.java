package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sweep on Gaussian coefficient vectors against the Marchenko–Pastur closed form (docs/dmft.md §3–4). */
class ExactClosureTest {

    static DmftModel ridge(double alpha, double eta, double lambda, double c0, double qv, double sigma, int steps) {
        return new DmftModel(alpha, 1.0, new TeacherMap.Linear(sigma), StandardLoss.SQUARE, lambda,
                DmftModel.constantSteps(eta, steps), SelectionProcess.FULL_BATCH, Momentum.NONE, c0, qv);
    }

    static DmftSweep.SweepResult exact(DmftModel model) {
        return DmftSweep.run(model, new GaussianCoefficientEnsemble(model));
    }

    @ParameterizedTest
    @CsvSource({
        "3.0, 0.1, 0.5, 0.2, 0.96, 0.0, 40",
        "1.0, 0.2, 0.0, 0.0, 1.0, 0.5, 60",
        "0.5, 0.3, 0.0, 0.1, 0.5, 0.3, 60",
        "0.3, 0.5, 0.0, 0.0, 0.0, 1.0, 50",
        "2.0, 0.05, 0.1, -0.3, 2.0, 0.7, 80",
        "1.5, 0.25, 1.0, 0.5, 0.25, 0.2, 30"})
    void exactClosureEqualsMarchenkoPasturClosedForm(double alpha, double eta, double lambda, double c0, double qv,
                                                     double sigma, int steps) {
        DmftModel model = ridge(alpha, eta, lambda, c0, qv, sigma, steps);
        DmftSweep.SweepResult r = exact(model);
        assertTrue(r.status().outcome() == org.sgdlimits.trajectory.RunStatus.Outcome.COMPLETED);
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(alpha, 4 * steps + 64), 1.0, sigma * sigma,
                c0, qv, lambda);
        for (int t = 0; t <= steps; t++) {
            RidgeClosedForm.Overlaps o = form.gradientDescent(eta, t);
            assertEquals(o.m(), r.m()[t], 1e-12, "m at step " + t);
            assertEquals(o.q(), r.q()[t], 1e-12 * Math.max(1, o.q()), "q at step " + t);
            assertEquals(o.trainLoss(), r.trainLoss()[t], 1e-12 * Math.max(1, o.trainLoss()), "train at step " + t);
        }
    }

    @Test
    void gradientFlowIsReachedAtFirstOrderInTheStepSize() {
        double time = 3.0;
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(0.8, 256), 1.0, 0.09, 0.1, 0.5, 0.05);
        RidgeClosedForm.Overlaps flow = form.gradientFlow(time);
        double[] errors = new double[3];
        int steps = 15;
        for (int k = 0; k < 3; k++) {
            DmftSweep.SweepResult r = exact(ridge(0.8, time / steps, 0.05, 0.1, 0.5, 0.3, steps));
            errors[k] = Math.abs(r.trainLoss()[steps] - flow.trainLoss()) + Math.abs(r.q()[steps] - flow.q());
            steps *= 2;
        }
        assertEquals(2.0, errors[0] / errors[1], 0.15, "first order: error halves with eta");
        assertEquals(2.0, errors[1] / errors[2], 0.08, "first order: error halves with eta");
    }

    @ParameterizedTest
    @CsvSource({"HEAVY_BALL, 0.5, 1.5", "NESTEROV, 0.6, 0.7", "HEAVY_BALL, 0.8, 0.4"})
    void momentumOnTheDSideEqualsThePerEigenvalueRecursion(Momentum.Kind kind, double beta, double alpha) {
        int steps = 40;
        DmftModel model = new DmftModel(alpha, 1.0, new TeacherMap.Linear(0.4), StandardLoss.SQUARE, 0.1,
                DmftModel.constantSteps(0.1, steps), SelectionProcess.FULL_BATCH, new Momentum(kind, beta), 0.3, 0.7);
        DmftSweep.SweepResult r = exact(model);
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(alpha, 4 * steps + 64), 1.0, 0.16, 0.3, 0.7,
                0.1);
        for (int t = 0; t <= steps; t++) {
            RidgeClosedForm.Overlaps o = form.momentum(0.1, model.momentum(), t);
            assertEquals(o.m(), r.m()[t], 1e-12, "m at step " + t);
            assertEquals(o.q(), r.q()[t], 1e-12 * Math.max(1, o.q()), "q at step " + t);
            assertEquals(o.trainLoss(), r.trainLoss()[t], 1e-12 * Math.max(1, o.trainLoss()), "train at " + t);
        }
        RidgeClosedForm.Overlaps plain = form.gradientDescent(0.1, steps);
        assertTrue(Math.abs(plain.q() - r.q()[steps]) > 1e-3, "momentum changes the dynamics");
    }

    @Test
    void exactClosureStaysOnTheClosedFormAtLongTimes() {
        int steps = 300;
        DmftModel model = ridge(3.0, 0.2, 0.0, 0.0, 1.0, 0.5, steps);
        DmftSweep.SweepResult r = exact(model);
        RidgeClosedForm.Overlaps o = new RidgeClosedForm(new MarchenkoPastur(3.0, 4 * steps + 64), 1.0, 0.25, 0.0,
                1.0, 0.0).gradientDescent(0.2, steps);
        assertEquals(o.trainLoss(), r.trainLoss()[steps], 1e-11);
        assertEquals(o.q(), r.q()[steps], 1e-11);
    }

    @Test
    void stepSizeScheduleEqualsThePerEigenvalueRecursion() {
        int steps = 30;
        double[] etas = new double[steps];
        for (int t = 0; t < steps; t++) {
            etas[t] = 0.4 / (1 + 0.2 * t);
        }
        DmftModel model = new DmftModel(0.8, 1.0, new TeacherMap.Linear(0.5), StandardLoss.SQUARE, 0.0, etas,
                SelectionProcess.FULL_BATCH, new Momentum(Momentum.Kind.HEAVY_BALL, 0.3), 0.1, 0.9);
        DmftSweep.SweepResult r = exact(model);
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(0.8, 4 * steps + 64), 1.0, 0.25, 0.1, 0.9,
                0.0);
        for (int t = 0; t <= steps; t++) {
            RidgeClosedForm.Overlaps o = form.momentum(etas, model.momentum(), t);
            assertEquals(o.m(), r.m()[t], 1e-12, "m at step " + t);
            assertEquals(o.q(), r.q()[t], 1e-12 * Math.max(1, o.q()), "q at step " + t);
            assertEquals(o.trainLoss(), r.trainLoss()[t], 1e-12 * Math.max(1, o.trainLoss()), "train at " + t);
        }
    }
}
