package org.sgdlimits.narrow.phaseretrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.sgdlimits.overlap.Overlaps;

class PlateauTheoryTest {

    @Test
    void plateauExistsExactlyBelowTheDiscriminantLimit() {
        for (int p : new int[] {1, 2, 7, 64}) {
            for (double delta : new double[] {0.0, 1.0}) {
                double gMax = PlateauTheory.maximalReducedRate(p, delta);
                PlateauTheory justBelow = PlateauTheory.of(p, gMax * (1 - 1e-9), delta);
                // the two roots merge at g_max
                assertEquals(justBelow.plateauNorm(), justBelow.upperRoot(), 1e-3 * justBelow.plateauNorm());
                assertEquals(0.0, justBelow.normFlow(justBelow.plateauNorm()), 1e-12);
                PlateauTheory half = PlateauTheory.of(p, 0.5 * gMax, delta);
                assertEquals(0.0, half.normFlow(half.plateauNorm()), 1e-13);
                assertEquals(0.0, half.normFlow(half.upperRoot()), 1e-10);
                assertTrue(half.plateauNorm() < half.upperRoot());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> PlateauTheory.of(p, gMax * (1 + 1e-9), delta));
                assertTrue(e.getMessage().startsWith("g (= learning rate / p): "), e.getMessage());
                assertTrue(e.getMessage().contains("0 <= g < " + gMax), e.getMessage());
            }
        }
        // closed values: p = 1, Δ = 0: b = 3, a = 15 → g_max = 9/(2(6 + √360)); p → ∞: 1/(2√(2 + Δ))
        assertEquals(9 / (2 * (6 + Math.sqrt(360))), PlateauTheory.maximalReducedRate(1, 0.0), 1e-15);
        assertEquals(1 / (2 * Math.sqrt(2.5)), PlateauTheory.maximalReducedRate(1 << 24, 0.5), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PlateauTheory.of(3, -0.01, 0));
    }

    @Test
    void gradientFlowPlateauIsOneOverB() {
        for (int p : new int[] {1, 3, 10}) {
            PlateauTheory t = PlateauTheory.of(p, 0.0, 0.0);
            assertEquals(p / (p + 2.0), t.plateauNorm(), 1e-15);
            assertEquals(8.0, t.growthRate(), 1e-14);
            assertEquals(Math.log(1 + 2.0 / p), t.relaxationDelay(1.0), 1e-14);
            assertEquals(Double.POSITIVE_INFINITY, t.upperRoot());
        }
        assertEquals(1.0 / 3.0, PlateauTheory.of(1, 0.0, 0.0).relaxationRiskDrop(), 1e-15);
    }

    @Test
    void relaxationRiskDropMatchesTheOdeRiskOnThePlateau() {
        PlateauTheory t = PlateauTheory.of(3, 0.07, 0.4);
        PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(3, 0.07, 0.4));
        org.sgdlimits.trajectory.Trajectory tr = ode.integrate(PhaseRetrievalInitialCondition.typical(3, 1e16, 1),
                org.sgdlimits.trajectory.TimeGrid.linear(3, 4));
        assertEquals(t.relaxationRiskDrop(), 1 - tr.value(3, "risk") / tr.value(0, "risk"), 1e-5);
    }

    @Test
    void relaxationDelayMatchesTheIntegratedLinearPhase() {
        // K_q = −2 ∫₀^∞ (r(q(s)) − r*) ds along q̇ = 4qF(q), r = 2(3 − bq)
        for (int p : new int[] {1, 5}) {
            for (double g : new double[] {0.03, 0.12}) {
                for (double q0 : new double[] {1.0, 0.4}) {
                    PlateauTheory t = PlateauTheory.of(p, g, 0.3);
                    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                        public int getDimension() { return 2; }

                        public double[] computeDerivatives(double s, double[] y) {
                            return new double[] {4 * y[0] * t.normFlow(y[0]),
                                -2 * (2 * (3 - t.b() * y[0]) - 2 * (3 - t.b() * t.plateauNorm()))};
                        }
                    };
                    double end = 40 / t.relaxationRate();
                    double[] y = new DormandPrince853Integrator(1e-10, 1, 1e-14, 1e-12)
                            .integrate(ode, new ODEState(0, new double[] {q0, 0}), end).getPrimaryState();
                    assertEquals(y[1], t.relaxationDelay(q0), 1e-9, "p=" + p + " g=" + g + " q0=" + q0);
                }
            }
        }
    }

    @Test
    void sgdNoiseRatioReducesToThePlateauValueWhenStartingOnThePlateau() {
        PlateauTheory t = PlateauTheory.of(4, 0.1, 0.2);
        assertEquals(t.plateauSgdNoiseRatio(), t.sgdNoiseRatio(t.plateauNorm()), 1e-8 * t.plateauSgdNoiseRatio());
        assertTrue(t.sgdNoiseRatio(1.0) > 0);
        assertEquals(0.0, PlateauTheory.of(4, 0.0, 0.2).sgdNoiseShift());
    }

    @Test
    void quenchedShiftAndSpreadMatchAnAverageOverRandomInitialConditions() {
        double d = 1e6;
        double threshold = 0.5;
        int samples = 300;
        for (int p : new int[] {1, 4}) {
            double g = 0.02;
            PlateauTheory theory = PlateauTheory.of(p, g, 0.0);
            PhaseRetrievalOde ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, g, 0.0));
            EscapeCriterion criterion = EscapeCriterion.overlap(threshold);
            double typical = ode.escapeTime(PhaseRetrievalInitialCondition.typical(p, d, 1), criterion, 100).time();
            UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12345L + p);
            double sum = 0;
            double sum2 = 0;
            for (int s = 0; s < samples; s++) {
                Overlaps start = PhaseRetrievalInitialCondition.random(p, (long) d, 1.0, rng);
                double t = ode.escapeTime(start, criterion, 100).time();
                sum += t;
                sum2 += t * t;
            }
            double mean = sum / samples;
            double sd = Math.sqrt((sum2 - samples * mean * mean) / (samples - 1));
            double se = sd / Math.sqrt(samples);
            String where = "p=" + p;
            assertEquals(theory.quenchedShift(), mean - typical, 4 * se, where);
            assertEquals(theory.quenchedSpread(), sd, 0.15 * theory.quenchedSpread(), where);
        }
    }

    @Test
    void randomInitialOverlapsHaveTheLawOfRandomUnitVectors() {
        int p = 3;
        long d = 500;
        int samples = 4000;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(7L);
        double m2 = 0;
        double m4 = 0;
        double q2 = 0;
        for (int s = 0; s < samples; s++) {
            Overlaps o = PhaseRetrievalInitialCondition.random(p, d, 2.0, rng);
            for (int i = 0; i < p; i++) {
                assertEquals(1.0, o.studentOverlap(i, i), 0.0);
                double v = o.studentTeacherOverlap(i, 0) * o.studentTeacherOverlap(i, 0) / 2.0 * d;
                m2 += v;
                m4 += v * v;
            }
            q2 += o.studentOverlap(0, 1) * o.studentOverlap(0, 1) * d;
        }
        // E[(u·v)²] = 1/d for independent uniform unit vectors; E[d (u·v)²]² ≈ 3
        double n = samples * p;
        double mean = m2 / n;
        double se = Math.sqrt((m4 / n - mean * mean) / n);
        assertEquals(1.0, mean, 4 * se);
        assertEquals(1.0, q2 / samples, 4 * Math.sqrt(2.0 / samples));
    }

    @Test
    void thresholdsOutsideTheUnitIntervalAreRejected() {
        PlateauTheory t = PlateauTheory.of(2, 0.05, 0.0);
        for (double bad : new double[] {0.0, 1.0, -0.2, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.typicalEscapeTime(1000, bad));
            assertTrue(e.getMessage().contains("threshold T"), e.getMessage());
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> PlateauTheory.sphericalRiskEscapeTimeFromTalks(2, 1000, 0.05, 0, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> PlateauTheory.sphericalGrowthRate(1, 0.2, 0.0));
    }
}
