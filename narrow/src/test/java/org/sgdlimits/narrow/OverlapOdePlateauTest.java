package org.sgdlimits.narrow;

import org.sgdlimits.fixtures.ErfCommitteeCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.fixtures.ErfCommitteeCases.ERF;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.ode.EventAction;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.PlateauExit;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** The Saad–Solla phenomenology of the erf soft committee, asserted on measurable features. */
class OverlapOdePlateauTest {

    @Test
    void erfCommitteeShowsALongSymmetricPlateauThenSpecialises() {
        for (int p : new int[] {2, 3}) {
            Overlaps init = ErfCommitteeCases.smallInitialOverlaps(p, p, 11 + p);
            OverlapOde ode = OverlapOde.builder(ERF, ERF).learningRate(0.5).build();
            double end = 1500;
            OverlapOdeResult result = ode.solve(init, TimeGrid.linear(end, 1501),
                    List.of(PlateauExit.of("risk", 1e-2, 30).withAction(EventAction.RECORD)));
            Trajectory tr = result.trajectory();
            assertEquals(RunStatus.Outcome.COMPLETED, tr.status().outcome());
            double[] t = tr.times();
            double[] risk = tr.column("risk");

            // plateau: longest stretch with relative rate |d ln R/dt| < 2e-3, by central differences, where R is well above round-off
            int longestStart = -1;
            int longestEnd = -1;
            int start = -1;
            for (int i = 1; i < t.length - 1 && risk[i + 1] > 1e-8; i++) {
                double rate = Math.abs(Math.log(risk[i + 1] / risk[i - 1])) / (t[i + 1] - t[i - 1]);
                if (rate < 2e-3) {
                    if (start < 0) {
                        start = i;
                    }
                    if (i - start > longestEnd - longestStart) {
                        longestStart = start;
                        longestEnd = i;
                    }
                } else {
                    start = -1;
                }
            }
            double plateauLength = t[longestEnd] - t[longestStart];
            assertTrue(plateauLength >= 50, "p = " + p + ": plateau lasts only " + plateauLength);
            int mid = (longestStart + longestEnd) / 2;
            double plateauRisk = risk[mid];
            assertTrue(risk[longestEnd] / risk[longestStart] > 0.7, "p = " + p + ": risk not flat on the plateau "
                    + t[longestStart] + ".." + t[longestEnd] + ": " + risk[longestStart] + " -> " + risk[longestEnd]);
            // unspecialised: every student unit has nearly the same overlap with every teacher unit
            for (int i = 0; i < p; i++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < p; r++) {
                    double v = tr.value(mid, "M_" + i + "_" + r);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                assertTrue(hi - lo < 0.1 * hi, "p = " + p + " unit " + i + " specialised already on the plateau: "
                        + lo + " .. " + hi);
            }
            // then specialisation: one teacher per student (a permutation), risk down by orders of magnitude
            int last = tr.size() - 1;
            boolean[] taken = new boolean[p];
            for (int i = 0; i < p; i++) {
                int best = 0;
                for (int r = 1; r < p; r++) {
                    if (tr.value(last, "M_" + i + "_" + r) > tr.value(last, "M_" + i + "_" + best)) {
                        best = r;
                    }
                }
                assertFalse(taken[best], "two students specialised on teacher " + best);
                taken[best] = true;
                for (int r = 0; r < p; r++) {
                    double v = tr.value(last, "M_" + i + "_" + r);
                    assertEquals(r == best ? 1.0 : 0.0, v, 0.02, "M_" + i + "_" + r + " at the end");
                }
            }
            assertTrue(risk[last] < 1e-4 * plateauRisk, "final risk " + risk[last] + " vs plateau " + plateauRisk);
            // the plateau-exit event fires after the plateau and before the risk has dropped tenfold
            List<EventOccurrence> exits = result.events();
            assertFalse(exits.isEmpty(), "plateau exit not detected");
            double tExit = exits.get(exits.size() - 1).time();
            int tenfold = longestEnd;
            while (risk[tenfold] > 0.1 * plateauRisk) {
                tenfold++;
            }
            assertTrue(tExit > t[longestStart] + 30 && tExit < t[tenfold], "exit at " + tExit + ", plateau "
                    + t[longestStart] + ".." + t[longestEnd] + ", tenfold drop at " + t[tenfold]);
        }
    }

    @Test
    void defaultTolerancesGiveTheRiskToOneInAMillionThroughPlateauAndSpecialisation() {
        Overlaps init = ErfCommitteeCases.smallInitialOverlaps(3, 3, 2);
        TimeGrid grid = TimeGrid.log(1000, 61);
        OverlapOde.Builder b = OverlapOde.builder(ERF, ERF).learningRate(0.5).labelNoise(1e-4);
        double[] risk = b.build().solve(init, grid).trajectory().column("risk");
        double[] reference = b.integrator(IntegratorSettings.defaults().withTolerances(1e-15, 1e-14)).build()
                .solve(init, grid).trajectory().column("risk");
        double worst = 0;
        for (int i = 0; i < risk.length; i++) {
            worst = Math.max(worst, Math.abs(risk[i] - reference[i]) / reference[i]);
        }
        assertTrue(worst < 1e-6, "largest relative risk error " + worst);
        assertTrue(reference[risk.length - 1] < 0.1 * reference[1], "the run should include specialisation");
    }

    @Test
    void classicalRiskNeverIncreases() {
        IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-13, 1e-12);
        for (boolean trained : new boolean[] {false, true}) {
            for (int[] pk : new int[][] {{2, 2}, {3, 2}}) {
                OverlapOde.Builder b = OverlapOde.builder(ERF, ERF).learningRate(0.5).regime(Regime.CLASSICAL)
                        .labelNoise(1e-2).integrator(tight);
                if (trained) {
                    b.trainSecondLayer(0.5);
                }
                Overlaps init = ErfCommitteeCases.smallInitialOverlaps(pk[0], pk[1], 5);
                Trajectory tr = b.build().solve(init, TimeGrid.linear(600, 1201)).trajectory();
                assertEquals(RunStatus.Outcome.COMPLETED, tr.status().outcome());
                double[] risk = tr.column("risk");
                for (int i = 1; i < risk.length; i++) {
                    assertTrue(risk[i] <= risk[i - 1] + 1e-12, "p,k = " + pk[0] + "," + pk[1] + " trained = "
                            + trained + ": risk rose from " + risk[i - 1] + " to " + risk[i] + " at t = " + tr.time(i));
                }
                assertTrue(risk[risk.length - 1] < 0.5 * risk[0]);
            }
        }
    }

    @Test
    void mixedActivationPairThroughGenericMomentsAlsoDescendsInTheClassicalRegime() {
        // student linear, teacher square (generic GaussianMoments path): gradient flow still lowers the risk
        Activation linear = Activation.named("linear");
        Activation square = Activation.named("square");
        Overlaps init = ErfCommitteeCases.smallInitialOverlaps(2, 1, 9);
        Trajectory tr = OverlapOde.builder(linear, square).regime(Regime.CLASSICAL).trainSecondLayer(0.3)
                .integrator(IntegratorSettings.defaults().withTolerances(1e-13, 1e-12)).build()
                .solve(init, TimeGrid.linear(50, 201)).trajectory();
        double[] risk = tr.column("risk");
        for (int i = 1; i < risk.length; i++) {
            assertTrue(risk[i] <= risk[i - 1] + 1e-12, "risk rose at t = " + tr.time(i));
        }
        assertTrue(risk[risk.length - 1] < risk[0]);
    }

    @Test
    void highDimensionalLateRiskGrowsWithTheLearningRate() {
        double delta = 1e-3;
        double previous = 0;
        Overlaps init = ErfCommitteeCases.nearlySpecialised(2, 0.8);
        for (double gamma : new double[] {0.1, 0.3, 1.0}) {
            Trajectory tr = OverlapOde.builder(ERF, ERF).learningRate(gamma).labelNoise(delta).build()
                    .solve(init, TimeGrid.linear(400, 41)).trajectory();
            double late = tr.value(40, "risk");
            assertEquals(late, tr.value(35, "risk"), 1e-6 * late, "not stationary at gamma = " + gamma);
            assertTrue(late > delta / 2, "risk below the label-noise floor");
            assertTrue(late > previous, "late risk " + late + " at gamma = " + gamma + " not above " + previous);
            previous = late;
            // the classical regime reaches the noise floor Δ/2 whatever γ
            Trajectory classical = OverlapOde.builder(ERF, ERF).learningRate(gamma).labelNoise(delta)
                    .regime(Regime.CLASSICAL).build().solve(init, TimeGrid.linear(400, 41)).trajectory();
            assertEquals(delta / 2, classical.value(40, "risk"), 1e-9);
        }
    }
}
