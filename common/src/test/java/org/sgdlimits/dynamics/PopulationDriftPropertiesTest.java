package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ErfMoments;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.PolynomialMoments;
import org.sgdlimits.overlap.Overlaps;

class PopulationDriftPropertiesTest {

    private static DriftTerms evaluate(PopulationDrift drift, DriftFixtures fx) {
        DriftTerms terms = drift.newTerms(fx.p);
        drift.evaluate(fx.q, fx.m, fx.a, terms);
        return terms;
    }

    private static void assertBitIdentical(DriftTerms expected, DriftTerms actual) {
        assertArrayEquals(expected.dM, actual.dM);
        assertArrayEquals(expected.dQGradient, actual.dQGradient);
        assertArrayEquals(expected.dQNoise, actual.dQNoise);
        assertArrayEquals(expected.da, actual.da);
        assertEquals(expected.excessRisk, actual.excessRisk);
    }

    @Test
    void resultsAreBitIdenticalWhateverTheNumberOfThreads() {
        DriftFixtures fx = DriftFixtures.random(21, 40, 3, 60, 1.0, true);
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.05);
        DriftTerms one = evaluate(drift.withThreads(1), fx);
        for (int threads : new int[] {2, 3, 8}) {
            PopulationDrift multi = drift.withThreads(threads);
            DriftTerms reused = multi.newTerms(fx.p);
            for (int repeat = 0; repeat < 3; repeat++) {
                multi.evaluate(fx.q, fx.m, fx.a, reused);
                assertBitIdentical(one, reused);
            }
        }
        // the generic path too (polynomial moments, parallel above a much lower work threshold)
        DriftFixtures small = DriftFixtures.random(22, 12, 2, 30, 0.5, true);
        PopulationDrift poly = new PopulationDrift(new PolynomialMoments(StandardActivation.SQUARE,
                StandardActivation.SQUARE), small.teacherOverlap, small.aStar, 0.1);
        assertBitIdentical(evaluate(poly.withThreads(1), small), evaluate(poly.withThreads(4), small));
    }

    @Test
    void excessRiskAndGradientDriftVanishAtPerfectRecovery() {
        DriftFixtures fx = DriftFixtures.perfectRecovery(31, 4);
        for (GaussianMoments moments : new GaussianMoments[] {ErfMoments.INSTANCE,
                new PolynomialMoments(StandardActivation.SQUARE, StandardActivation.SQUARE),
                new PolynomialMoments(StandardActivation.LINEAR, StandardActivation.LINEAR)}) {
            PopulationDrift drift = new PopulationDrift(moments, fx.teacherOverlap, fx.aStar, 0.0);
            for (PopulationDrift path : new PopulationDrift[] {drift, drift.withGenericPath()}) {
                DriftTerms t = evaluate(path, fx);
                String what = moments + (path.usesErfFastPath() ? " fast" : " generic");
                assertEquals(0.0, t.excessRisk, 1e-14, what + " excess risk");
                assertEquals(0.0, path.excessRisk(fx.q, fx.m, fx.a), 1e-14, what + " excessRisk()");
                for (double v : t.dM) {
                    assertEquals(0.0, v, 1e-13, what + " dM");
                }
                for (double v : t.dQGradient) {
                    assertEquals(0.0, v, 1e-13, what + " dQGradient");
                }
                for (double v : t.da) {
                    assertEquals(0.0, v, 1e-13, what + " da");
                }
                for (double v : t.dQNoise) {
                    assertEquals(0.0, v, 1e-13, what + " dQNoise (Δ = 0)");
                }
            }
        }
    }

    @Test
    void labelNoiseEntersOnlyTheNoiseTermAsDeltaTimesJ2() {
        DriftFixtures fx = DriftFixtures.random(41, 4, 3, 20, 1.0, true);
        double delta = 0.7;
        PopulationDrift clean = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.0);
        PopulationDrift noisy = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, delta);
        DriftTerms c = evaluate(clean, fx);
        DriftTerms y = evaluate(noisy, fx);
        assertArrayEquals(c.dM, y.dM);
        assertArrayEquals(c.dQGradient, y.dQGradient);
        assertArrayEquals(c.da, y.da);
        assertEquals(c.excessRisk, y.excessRisk);
        assertEquals(y.excessRisk + delta / 2, noisy.risk(fx.q, fx.m, fx.a), 1e-15);
        for (int i = 0; i < fx.p; i++) {
            for (int j = 0; j < fx.p; j++) {
                // E[e² σ'σ'] = E[(f − f*)² σ'σ'] + Δ J2(i, j)   (docs/theory.md §3)
                double expected = delta * fx.a[i] * fx.a[j]
                        * ErfMoments.j2(fx.q[i * fx.p + i], fx.q[i * fx.p + j], fx.q[j * fx.p + j]);
                assertEquals(expected, y.dQNoise[i * fx.p + j] - c.dQNoise[i * fx.p + j], 1e-14);
            }
        }
    }

    @Test
    void studentOverlapDriftsAreExactlySymmetric() {
        DriftFixtures fx = DriftFixtures.random(51, 7, 4, 30, 1.2, true);
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.1);
        for (PopulationDrift path : new PopulationDrift[] {drift, drift.withGenericPath()}) {
            DriftTerms t = evaluate(path, fx);
            for (int i = 0; i < fx.p; i++) {
                for (int j = 0; j < fx.p; j++) {
                    assertEquals(t.dQGradient[i * fx.p + j], t.dQGradient[j * fx.p + i]);
                    assertEquals(t.dQNoise[i * fx.p + j], t.dQNoise[j * fx.p + i]);
                }
                assertTrue(t.dQNoise[i * fx.p + i] >= 0, "noise diagonal a_i² E[e² σ'²] must be >= 0");
            }
        }
    }

    @Test
    void overlapsConvenienceMatchesArraysAndRejectsAnotherTeacher() {
        DriftFixtures fx = DriftFixtures.random(61, 3, 2, 15, 1.0, false);
        Overlaps o = Overlaps.of(fx.q, fx.m, fx.teacherOverlap, fx.a, fx.aStar);
        PopulationDrift drift = PopulationDrift.forTeacherOf(ErfMoments.INSTANCE, o, 0.2);
        DriftTerms fromOverlaps = drift.newTerms(3);
        drift.evaluate(o, fromOverlaps);
        assertBitIdentical(evaluate(drift, fx), fromOverlaps);
        assertEquals(drift.excessRisk(fx.q, fx.m, fx.a) + 0.1, drift.risk(o), 1e-15);
        double[] otherAStar = {fx.aStar[0] + 0.5, fx.aStar[1]};
        Overlaps other = Overlaps.of(fx.q, fx.m, fx.teacherOverlap, fx.a, otherAStar);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> drift.risk(other));
        assertTrue(e.getMessage().contains("a*[0]"), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithTheFieldNamed() {
        DriftFixtures fx = DriftFixtures.random(71, 3, 2, 15, 1.0, false);
        assertMessage("labelNoise", () -> new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, -1));
        assertMessage("P:", () -> new PopulationDrift(ErfMoments.INSTANCE, new double[3], fx.aStar, 0));
        assertMessage("P: not symmetric",
                () -> new PopulationDrift(ErfMoments.INSTANCE, new double[] {1, 0.5, 0.1, 1}, fx.aStar, 0));
        assertMessage("aStar[1]", () -> new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap,
                new double[] {1, Double.NaN}, 0));
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0);
        DriftTerms t = drift.newTerms(3);
        assertMessage("Q:", () -> drift.evaluate(new double[8], fx.m, fx.a, t));
        assertMessage("M:", () -> drift.evaluate(fx.q, new double[5], fx.a, t));
        assertMessage("out:", () -> drift.evaluate(fx.q, fx.m, fx.a, drift.newTerms(2)));
        assertMessage("threads", () -> drift.withThreads(0));
        assertMessage("dimension", () -> drift.withFiniteDimension(Double.NaN));
        assertMessage("dimension", () -> new PopulationDrift(new PolynomialMoments(StandardActivation.LINEAR,
                StandardActivation.LINEAR), fx.teacherOverlap, fx.aStar, 0).withFiniteDimension(-3));
    }

    private static void assertMessage(String fragment, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should name " + fragment);
    }

    @Test
    void scaleDerivativeCorrectionReproducesTheExactHomogeneousFactors() {
        DriftFixtures fx = DriftFixtures.random(81, 3, 2, 15, 0.8, true);
        for (StandardActivation[] pair : new StandardActivation[][] {
                {StandardActivation.SQUARE, StandardActivation.SQUARE},
                {StandardActivation.LINEAR, StandardActivation.SQUARE},
                {StandardActivation.LINEAR, StandardActivation.LINEAR}}) {
            PopulationDrift drift = new PopulationDrift(new PolynomialMoments(pair[0], pair[1]), fx.teacherOverlap,
                    fx.aStar, 0.4);
            double d = 7;
            DriftTerms exact = evaluate(drift.withFiniteDimension(d), fx);
            DriftTerms numeric = evaluate(drift.withFiniteDimensionByScaleDerivative(d), fx);
            DriftTerms infinite = evaluate(drift, fx);
            for (int idx = 0; idx < exact.dQNoise.length; idx++) {
                double correction = exact.dQNoise[idx] - infinite.dQNoise[idx];
                assertEquals(correction, numeric.dQNoise[idx] - infinite.dQNoise[idx],
                        1e-10 * Math.abs(exact.dQNoise[idx]) + 1e-14, pair[0] + "/" + pair[1] + " [" + idx + "]");
            }
            assertArrayEquals(exact.dQGradient, numeric.dQGradient);
        }
    }
}
