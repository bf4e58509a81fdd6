package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Hermite-polynomial teachers (exact Wick moments, docs/theory.md §3.7): the Gram-chain simulation at a small d
 * follows the finite-d overlap ODE (whose noise term uses the exact Euler-weighted correction for the
 * non-homogeneous He_k), and the explicit network agrees with both.
 */
class HermiteSimulationVersusOdeTest {

    private static void assertFollowsFiniteDimensionalOde(String student, String teacher, double gamma,
                                                          double end, int d, EngineKind engine, int seeds,
                                                          boolean finiteDimensionResolved) {
        Activation s = Activation.named(student);
        Activation t = Activation.named(teacher);
        // a unit started at overlap m = 0.6 with the teacher (norm Q = 1): the learning phase, away from the
        // equator where fluctuations are amplified (the escape itself is the subject of the information-exponent study)
        Overlaps start = Overlaps.of(new double[] {1.0}, new double[] {0.6}, new double[] {1.0}, new double[] {1.0},
                new double[] {1.0});
        SgdSettings settings = SgdSettings.of(s, t, gamma).withLabelNoise(0.01);
        TimeGrid grid = TimeGrid.linear(end, 5);
        Trajectory finite = MatchingOde.of(settings, Regime.FINITE_DIMENSIONAL, d).solve(start, grid).trajectory();
        Trajectory infinite = SimulationVersusOdeTest.ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        EnsembleResult sim = SimulationVersusOdeTest.simulate(engine, settings, start, d, seeds, grid, 77);
        double excess = SimulationVersusOdeTest.worstExcess(finite, sim.trajectory(), d);
        double gapFinite = SimulationVersusOdeTest.rmsGap(finite, sim.trajectory());
        double gapInfinite = SimulationVersusOdeTest.rmsGap(infinite, sim.trajectory());
        System.out.printf("%s/%s %s d = %d: rms gap to finite-d ODE %.3e, to d -> infinity ODE %.3e%n", student,
                teacher, engine, d, gapFinite, gapInfinite);
        assertTrue(excess <= 0, student + "/" + teacher + ": simulation vs finite-d ODE beyond 4 sem + 1/d by "
                + excess);
        assertTrue(!finiteDimensionResolved || gapFinite < 0.6 * gapInfinite, "the finite-d ODE must be closer than the d -> infinity one: "
                + gapFinite + " vs " + gapInfinite);
    }

    @Test
    void he2TeacherGramChainFollowsTheFiniteDimensionalOde() {
        assertFollowsFiniteDimensionalOde("he2", "he2", 0.05, 1.0, 40, EngineKind.GRAM, 400, true);
    }

    @Test
    void he3TeacherGramChainFollowsTheFiniteDimensionalOde() {
        assertFollowsFiniteDimensionalOde("he3", "he3", 0.002, 1.0, 200, EngineKind.GRAM, 50, true);
    }

    @Test
    void he3TeacherExplicitNetworkFollowsTheFiniteDimensionalOde() {
        assertFollowsFiniteDimensionalOde("he3", "he3", 0.002, 1.0, 200, EngineKind.EXPLICIT, 30, false);
    }
}
