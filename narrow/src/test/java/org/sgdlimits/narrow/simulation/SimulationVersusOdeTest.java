package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The real network trained by SGD lands on the overlap ODE (issue 3 "What must be shown"): per observable and
 * recorded time, |simulation mean − ODE| ≤ 4 standard errors + 1/d (the mean of the finite-d process differs
 * from the d → ∞ ODE by O(1/d); its fluctuations, O(1/√d) per seed, are what the standard error measures);
 * the gap closes as d grows; and the noise term is what makes the ODE right at large γ.
 */
@Tag("statistical")
public class SimulationVersusOdeTest {

    static Trajectory ode(SgdSettings settings, Regime regime, Overlaps start, TimeGrid grid) {
        return MatchingOde.of(settings, regime, 0).solve(start, grid).trajectory();
    }

    static EnsembleResult simulate(EngineKind engine, SgdSettings settings, Overlaps start, int d, int seeds,
                                   TimeGrid grid, long seed) {
        return new MultiSeedSimulation(engine.create(settings), seeds, seed).run(start, d, grid,
                SimulationProgress.NONE);
    }

    /** max over observables and times of |sim − ode| − 4·sem − 1/d (≤ 0 means agreement). */
    public static double worstExcess(Trajectory theory, Trajectory sim, int d) {
        double worst = Double.NEGATIVE_INFINITY;
        for (String c : theory.columns()) {
            for (int i = 0; i < theory.size(); i++) {
                double gap = Math.abs(sim.value(i, c) - theory.value(i, c));
                worst = Math.max(worst, gap - 4 * sim.value(i, c + "_sem") - 1.0 / d);
            }
        }
        return worst;
    }

    /** Root-mean-square of sim − ode over all observables and recorded times after t = 0. */
    static double rmsGap(Trajectory theory, Trajectory sim) {
        double s = 0;
        int count = 0;
        for (String c : theory.columns()) {
            for (int i = 1; i < theory.size(); i++) {
                double gap = sim.value(i, c) - theory.value(i, c);
                s += gap * gap;
                count++;
            }
        }
        return Math.sqrt(s / count);
    }

    private static void assertAgrees(Activation sigma, int p, int k, double gamma, double noise, double q0, int d,
                                     int seeds, double end) {
        Overlaps start = TestOverlaps.nearOrigin(p, k, q0, 0.3, 11);
        SgdSettings settings = SgdSettings.of(sigma, sigma, gamma).withLabelNoise(noise);
        TimeGrid grid = TimeGrid.linear(end, 6);
        Trajectory theory = ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        EnsembleResult sim = simulate(EngineKind.EXPLICIT, settings, start, d, seeds, grid, 21);
        ComparisonSummary summary = ComparisonSummary.of(theory, sim.trajectory());
        double excess = worstExcess(theory, sim.trajectory(), d);
        assertTrue(excess <= 0, sigma + ": simulation vs ODE beyond 4 sem + 1/d by " + excess
                + "; largest gap " + summary.largestGap() + " (" + summary.largestGapInSem() + " sem)");
    }

    @Test
    void erfStudentOfWidthFourLearnsTeacherOfWidthTwoAsTheOdePredicts() {
        assertAgrees(StandardActivation.ERF, 4, 2, 0.5, 0.01, 0.5, 300, 8, 3.0);
    }

    @Test
    void reluStudentFollowsTheOde() {
        // p = k = 2: the ReLU ODE's four-point moments (adaptive quadrature) cost ~0.1 s per right-hand side at p = 4
        assertAgrees(StandardActivation.RELU, 2, 2, 0.3, 0.01, 0.5, 300, 8, 2.0);
    }

    @Test
    void squareStudentFollowsTheOde() {
        assertAgrees(StandardActivation.SQUARE, 4, 2, 0.1, 0.0, 0.5, 300, 8, 1.0);
    }

    @Test
    void trainingOptionsFollowTheOde() {
        // trained second layer, weight decay, mini-batch and a learning-rate schedule, through the Gram chain
        // (same law as the explicit network, tested in GramChainVersusExplicitTest) at a large d
        Activation erf = StandardActivation.ERF;
        Overlaps start = TestOverlaps.nearOrigin(3, 2, 0.5, 0.3, 14);
        SgdSettings settings = SgdSettings.of(erf, erf, 1.0).withLabelNoise(0.05).withSecondLayerLearningRate(0.5)
                .withWeightDecay(0.1).withBatchSize(2)
                .withSchedule(LearningRateSchedule.powerLaw(1.0, 0.5));
        TimeGrid grid = TimeGrid.linear(3.0, 7);
        int d = 2000;
        Trajectory theory = ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        EnsembleResult sim = simulate(EngineKind.GRAM, settings, start, d, 12, grid, 51);
        double excess = worstExcess(theory, sim.trajectory(), d);
        assertTrue(excess <= 0, "options: simulation vs ODE beyond 4 sem + 1/d by " + excess);
        assertTrue(Math.abs(sim.trajectory().value(6, "a_0") - 1.0) > 0.01, "the second layer moved");
    }

    @Test
    void smallLearningRateMatchesClassicalOdeAndLargeOneNeedsTheNoiseTerm() {
        Activation erf = StandardActivation.ERF;
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, 13);
        TimeGrid grid = TimeGrid.linear(3.0, 4);
        int d = 200;

        SgdSettings small = SgdSettings.of(erf, erf, 0.05).withLabelNoise(0.1);
        EnsembleResult slow = simulate(EngineKind.EXPLICIT, small, start, d, 8, grid, 41);
        assertTrue(worstExcess(ode(small, Regime.CLASSICAL, start, grid), slow.trajectory(), d) <= 0,
                "small gamma: the classical ODE (no noise term) must match");

        SgdSettings large = SgdSettings.of(erf, erf, 4.0).withLabelNoise(0.1);
        EnsembleResult fast = simulate(EngineKind.EXPLICIT, large, start, d, 8, grid, 42);
        assertTrue(worstExcess(ode(large, Regime.HIGH_DIMENSIONAL, start, grid), fast.trajectory(), d) <= 0,
                "large gamma: the high-dimensional ODE (with noise term) must match");
        ComparisonSummary classical = ComparisonSummary.of(ode(large, Regime.CLASSICAL, start, grid),
                fast.trajectory());
        assertTrue(classical.gap("risk").largestGapInSem() > 10, "large gamma: the classical ODE must be rejected, gap "
                + classical.gap("risk").largestGapInSem() + " sem");
    }
}
