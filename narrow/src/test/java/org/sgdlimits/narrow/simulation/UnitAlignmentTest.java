package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Seeds whose students specialised onto the teacher units in different orders average to the ODE's M once
 * their units are aligned (and do not without it); the assignment is the exact optimum.
 */
class UnitAlignmentTest {

    /** The Saad–Solla plateau start of examples/saad-solla-plateau.json: erf, p = k = 2, γ = 0.5. */
    static Overlaps plateauStart() {
        return Overlaps.of(new double[] {0.25, 0.001, 0.001, 0.20}, new double[] {0.0020, 0.0012, 0.0009, 0.0021},
                new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {1, 1});
    }

    static SgdSettings plateauSettings() {
        return SgdSettings.of(StandardActivation.ERF, StandardActivation.ERF, 0.5);
    }

    @Test
    void assignmentIsTheOptimumOfAnExhaustiveSearch() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + trial % 6;
            double[][] score = new double[n][n];
            for (double[] row : score) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            int[] pi = LinearAssignment.maximising(score);
            boolean[] seen = new boolean[n];
            for (int j : pi) {
                assertTrue(!seen[j], "a permutation");
                seen[j] = true;
            }
            assertEquals(bruteForceBest(score, new int[n], new boolean[n], 0), total(score, pi), 1e-12);
        }
    }

    @Test
    void hundredUnitsRecoverAHiddenPermutation() {
        int n = 100;
        Random random = new Random(3);
        int[] hidden = shuffled(n, random);
        double[][] score = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                score[i][j] = 0.3 * random.nextDouble() + (hidden[i] == j ? 1.0 : 0.0);
            }
        }
        assertArrayEquals(hidden, LinearAssignment.maximising(score));
    }

    @Test
    void permutedCopiesOfTheOdeAverageToTheOdeOnlyAfterAlignment() {
        TimeGrid grid = TimeGrid.log(1000, 40);
        Trajectory ode = MatchingOde.of(plateauSettings(), Regime.HIGH_DIMENSIONAL, 0).solve(plateauStart(), grid)
                .trajectory();
        int last = ode.size() - 1;
        assertTrue(ode.value(last, "M_0_0") > 0.9 && Math.abs(ode.value(last, "M_0_1")) < 0.1,
                "the ODE specialises unit 0 onto teacher 0");
        List<SimulationRun> runs = new ArrayList<>();
        Random random = new Random(5);
        int swapped = 0;
        for (int s = 0; s < 8; s++) {
            boolean swap = s % 3 == 1;
            swapped += swap ? 1 : 0;
            Trajectory seed = swap ? UnitAlignment.relabelled(ode, new int[] {1, 0}) : ode;
            runs.add(new SimulationRun(perturbed(seed, 1e-3, random), null, 0));
        }
        Trajectory plain = MultiSeedSimulation.reduce(runs);
        assertTrue(Math.abs(plain.value(last, "M_0_0") - ode.value(last, "M_0_0")) > 0.2,
                "without alignment the mean mixes the two units");
        UnitAlignment.AlignedEnsemble aligned = UnitAlignment.align(new EnsembleResult(plain, runs), ode);
        assertEquals(swapped, aligned.permutedSeeds());
        Trajectory mean = aligned.ensemble().trajectory();
        for (String c : ode.columns()) {
            for (int i = 0; i < ode.size(); i++) {
                assertEquals(ode.value(i, c), mean.value(i, c), 2e-3, c + " at t = " + ode.time(i));
            }
        }
    }

    @Test
    void simulatedSeedsThatSpecialiseInEitherOrderLandOnTheOdeAfterAlignment() {
        TimeGrid grid = TimeGrid.log(400, 30);
        SgdSettings settings = plateauSettings();
        Trajectory ode = MatchingOde.of(settings, Regime.HIGH_DIMENSIONAL, 0).solve(plateauStart(), grid)
                .trajectory();
        int d = 200;
        EnsembleResult sim = new MultiSeedSimulation(EngineKind.EXPLICIT.create(settings), 8, 3).run(plateauStart(),
                d, grid, SimulationProgress.NONE);
        UnitAlignment.AlignedEnsemble aligned = UnitAlignment.align(sim, ode);
        int last = ode.size() - 1;
        assertTrue(aligned.permutedSeeds() >= 1 && aligned.permutedSeeds() <= 7,
                "at d = 200 the plateau's tiny asymmetry does not decide the order: " + aligned.permutedSeeds()
                        + " of 8 seeds permuted");
        double plainGap = Math.abs(sim.trajectory().value(last, "M_0_0") - ode.value(last, "M_0_0"));
        Trajectory mean = aligned.ensemble().trajectory();
        assertTrue(plainGap > 0.1, "unaligned mean M_0_0 is off by " + plainGap);
        for (String c : List.of("M_0_0", "M_0_1", "M_1_0", "M_1_1", "Q_0_0", "Q_0_1", "Q_1_1")) {
            double gap = Math.abs(mean.value(last, c) - ode.value(last, c));
            assertTrue(gap <= 4 * mean.value(last, c + "_sem") + 0.05, c + ": aligned gap " + gap);
        }
    }

    private static Trajectory perturbed(Trajectory t, double size, Random random) {
        double[][] rows = new double[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            rows[i] = t.row(i);
            for (int c = 0; c < rows[i].length; c++) {
                rows[i][c] += size * (2 * random.nextDouble() - 1);
            }
        }
        return new Trajectory(t.columns(), t.times(), rows, t.status());
    }

    private static int[] shuffled(int n, Random random) {
        int[] pi = new int[n];
        for (int i = 0; i < n; i++) {
            pi[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = pi[i];
            pi[i] = pi[j];
            pi[j] = tmp;
        }
        return pi;
    }

    private static double total(double[][] score, int[] pi) {
        double s = 0;
        for (int i = 0; i < pi.length; i++) {
            s += score[i][pi[i]];
        }
        return s;
    }

    private static double bruteForceBest(double[][] score, int[] pi, boolean[] used, int row) {
        if (row == pi.length) {
            return total(score, pi);
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < pi.length; j++) {
            if (!used[j]) {
                used[j] = true;
                pi[row] = j;
                best = Math.max(best, bruteForceBest(score, pi, used, row + 1));
                used[j] = false;
            }
        }
        return best;
    }
}
