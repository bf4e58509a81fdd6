package org.sgdlimits.narrow.phaseretrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class PhaseRetrievalOdeTest {

    @Test
    void plateauNormAndGrowthRateMatchDirectIntegration() {
        for (int p : new int[] {1, 3, 8}) {
            for (double g : new double[] {0.0, 0.05, 0.1}) {
                for (double delta : new double[] {0.0, 0.5}) {
                    PlateauTheory theory = PlateauTheory.of(p, g, delta);
                    PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, g, delta));
                    // d huge so that m stays ≪ 1 while q relaxes: measure on the plateau at t in [2.5, 3]
                    double t1 = 2.5;
                    double t2 = 3.0;
                    Trajectory tr = ode.integrate(PhaseRetrievalInitialCondition.typical(p, 1e16, 1.0),
                            TimeGrid.linear(t2, 7));
                    String where = "p=" + p + " g=" + g + " delta=" + delta;
                    assertEquals(theory.plateauNorm(), tr.value(6, "mean_q"), 1e-4, where);
                    double rate = Math.log(tr.value(6, "mean_m2") / tr.value(5, "mean_m2")) / (t2 - t1);
                    assertEquals(theory.growthRate(), rate, 1e-3 * theory.growthRate(), where);
                    assertTrue(tr.value(6, "mean_m2") < 1e-4, where);
                }
            }
        }
    }

    @Test
    void escapeTimeFollowsTheLogDimensionLawWithSlopeOneOverGrowthRate() {
        double threshold = 0.5;
        for (int p : new int[] {1, 2, 8}) {
            double g = 0.01;
            PlateauTheory theory = PlateauTheory.of(p, g, 0.0);
            PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, g, 0.0));
            EscapeCriterion criterion = EscapeCriterion.overlap(threshold);
            double t1000 = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, 1000, 1), criterion, 100).time();
            double t3000 = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, 3000, 1), criterion, 100).time();
            double slopeError = t3000 - t1000 - Math.log(3) / theory.growthRate();
            assertEquals(0.0, slopeError, 1e-3, "p=" + p);
            // the residual is the q-relaxation tail, O(d^(−κ/c*)) ≈ O(d^(−1/2)): it shrinks further at larger d
            double t1e5 = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, 1e5, 1), criterion, 100).time();
            double t3e5 = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, 3e5, 1), criterion, 100).time();
            double farError = t3e5 - t1e5 - Math.log(3) / theory.growthRate();
            assertTrue(Math.abs(farError) < Math.abs(slopeError) / 5, "p=" + p + ": " + farError + " vs " + slopeError);
        }
    }

    @Test
    void smallThresholdEscapeTimeMatchesTheAsymptoticFormula() {
        // t_typ = (ln d + ln T + K_q)/c*, neglected: saturation O(T) and relaxation tail O((Td)^(−κ/c*))
        double threshold = 0.01;
        double d = 1e10;
        for (int p : new int[] {1, 4, 16}) {
            for (double g : new double[] {0.0, 0.08}) {
                PlateauTheory theory = PlateauTheory.of(p, g, 0.2);
                PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, g, 0.2));
                double t = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, d, 1),
                        EscapeCriterion.overlap(threshold), 100).time();
                double predicted = theory.typicalEscapeTime(d, threshold);
                double tolerance = (3 * threshold + 3 / Math.sqrt(threshold * d)) / theory.growthRate();
                assertEquals(predicted, t, tolerance, "p=" + p + " g=" + g);
            }
        }
    }

    @Test
    void escapeEventIsLocatedToIntegratorAccuracy() {
        int p = 3;
        PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, 0.05, 0.1));
        Overlaps start = PhaseRetrievalInitialCondition.typical(p, 5000, 1);
        EscapeCriterion overlap = EscapeCriterion.overlap(0.3);
        Trajectory tr = ode.integrate(start, TimeGrid.linear(10, 101), overlap);
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, tr.status().outcome());
        int last = tr.size() - 1;
        double escape = ode.escapeTime(start, overlap, 10).time();
        assertEquals(escape, tr.time(last), 1e-9);
        assertEquals(0.3, tr.value(last, "mean_m2"), 1e-8);
        assertTrue(tr.value(last - 1, "mean_m2") < 0.3);

        EscapeCriterion risk = EscapeCriterion.risk(0.6);
        Trajectory byRisk = ode.integrate(start, TimeGrid.linear(10, 101), risk);
        int end = byRisk.size() - 1;
        assertEquals(0.4 * byRisk.value(0, "risk"), byRisk.value(end, "risk"), 1e-8);
        assertEquals(byRisk.value(0, "excess_risk") + 0.05, byRisk.value(0, "risk"), 1e-14);
    }

    @Test
    void sphericalRunKeepsUnitNormsAndMatchesTheSmallThresholdRiskFormula() {
        double threshold = 0.02;
        double d = 1e6;
        for (int p : new int[] {1, 2, 6}) {
            double g = 0.1;
            PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.spherical(p, g, 0.0));
            Overlaps start = PhaseRetrievalInitialCondition.typical(p, d, 1);
            Trajectory tr = ode.integrate(start, TimeGrid.linear(10, 101), EscapeCriterion.risk(threshold));
            for (int i = 0; i < tr.size(); i++) {
                assertEquals(1.0, tr.value(i, "mean_q"), 1e-9);
            }
            double t = tr.time(tr.size() - 1);
            double exact = PlateauTheory.sphericalRiskEscapeTime(p, d, g, 0.0, threshold);
            double talks = PlateauTheory.sphericalRiskEscapeTimeFromTalks(p, d, g, 0.0, threshold);
            double rate = PlateauTheory.sphericalGrowthRate(p, g, 0.0);
            assertEquals(exact, t, 2 * threshold / rate, "p=" + p);
            assertEquals(exact, talks, 2.0 / (threshold * d) / rate + 1e-12, "p=" + p);
        }
    }

    @Test
    void learningRateBeyondThePlateauLimitMakesTheNormsDiverge() {
        int p = 2;
        double gMax = PlateauTheory.maximalReducedRate(p, 0.0);
        PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, 1.2 * gMax, 0.0));
        EscapeResult r = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, 1e6, 1),
                EscapeCriterion.overlap(0.5), 1000);
        assertFalse(r.escaped());
        assertTrue(r.status().diverged(), r.status().toString());
        assertTrue(r.status().cause().contains("norm"), r.status().cause());
        // well below the limit the plateau exists and the run escapes (close to it, 0.9 g_max at p = 2, the
        // plateau exists but the norms still blow up during the escape, before mean m² reaches 0.5)
        PhaseRetrievalOde below = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, 0.5 * gMax, 0.0));
        assertTrue(below.escapeTime(PhaseRetrievalInitialCondition.typical(p, 1e6, 1),
                EscapeCriterion.overlap(0.5), 1000).escaped());
    }

    @Test
    void symmetricEngineReproducesTheFullEngineOnTheTypicalInitialCondition() {
        for (boolean spherical : new boolean[] {false, true}) {
            for (int p : new int[] {1, 2, 7}) {
                PhaseRetrievalModel model = new PhaseRetrievalModel(p, 1.0, 0.06, 0.3, spherical);
                Overlaps start = PhaseRetrievalInitialCondition.typical(p, 1e4, 1);
                for (EscapeCriterion criterion : new EscapeCriterion[] {EscapeCriterion.overlap(0.4),
                    EscapeCriterion.risk(0.45)}) {
                    double full = new PhaseRetrievalOde(model).escapeTime(start, criterion, 100).time();
                    double sym = PhaseRetrievalOde.symmetric(model).escapeTime(start, criterion, 100).time();
                    assertEquals(full, sym, 1e-8, "p=" + p + " spherical=" + spherical + " " + criterion);
                }
                Trajectory a = new PhaseRetrievalOde(model).integrate(start, TimeGrid.linear(1.5, 16));
                Trajectory b = PhaseRetrievalOde.symmetric(model).integrate(start, TimeGrid.linear(1.5, 16));
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.value(i, "risk"), b.value(i, "risk"), 1e-8);
                    assertEquals(a.value(i, "mean_q"), b.value(i, "mean_q"), 1e-8);
                }
            }
        }
        // the symmetric engine refuses states outside its subspace
        Overlaps random = PhaseRetrievalInitialCondition.random(3, 1000, 1.0,
                org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(3L));
        assertThrows(IllegalArgumentException.class, () -> PhaseRetrievalOde.symmetric(PhaseRetrievalModel.plain(3, 0, 0))
                .escapeTime(random, EscapeCriterion.overlap(0.5), 10));
    }

    @Test
    void wrongInitialOverlapsAreRejected() {
        PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(2, 0.0, 0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ode.escapeTime(PhaseRetrievalInitialCondition.typical(3, 100, 1), EscapeCriterion.overlap(0.5), 1));
        assertTrue(e.getMessage().contains("p = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EscapeCriterion.overlap(1.0));
        assertTrue(e.getMessage().contains("threshold T: 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EscapeCriterion.risk(0.0));
        assertThrows(IllegalArgumentException.class, () -> PhaseRetrievalInitialCondition.typical(4, 5, 1));
    }
}
