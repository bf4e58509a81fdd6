package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.KinkedActivation;
import org.sgdlimits.fixtures.DriftFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ErfMoments;
import org.sgdlimits.gauss.GaussianMoments;

/**
 * The population drift with biases (docs/theory.md §3.11): every term, db included, against a direct Monte Carlo
 * of its per-sample quantity (fields with means, centred input direction), for erf and polynomial pairs, over
 * the Gaussian fields and over real finite-d inputs; zero biases reproduce the drift without biases.
 */
@Tag("statistical")
class PopulationDriftBiasTest {
    private static final double SIGMAS = 5.0;

    private static void check(String what, double[] exact, double[] mean, double[] error) {
        for (int idx = 0; idx < exact.length; idx++) {
            assertTrue(Math.abs(exact[idx] - mean[idx]) <= SIGMAS * error[idx] + 1e-12,
                    what + "[" + idx + "]: drift " + exact[idx] + " vs Monte Carlo " + mean[idx] + " ± " + error[idx]);
        }
    }

    private static void assertMatches(DriftTerms t, DriftSampler mc) {
        check("dM", t.dM, mc.dM, mc.dMError);
        check("dQGradient", t.dQGradient, mc.dQGradient, mc.dQGradientError);
        check("dQNoise", t.dQNoise, mc.dQNoise, mc.dQNoiseError);
        check("da", t.da, mc.da, mc.daError);
        check("db", t.db, mc.db, mc.dbError);
        assertTrue(Math.abs(t.excessRisk - mc.excessRisk) <= SIGMAS * mc.excessRiskError + 1e-12,
                "excessRisk " + t.excessRisk + " vs " + mc.excessRisk + " ± " + mc.excessRiskError);
    }

    private static double[] concat(double[] b, double[] bStar) {
        double[] out = Arrays.copyOf(b, b.length + bStar.length);
        System.arraycopy(bStar, 0, out, b.length, bStar.length);
        return out;
    }

    private static DriftTerms evaluate(PopulationDrift drift, DriftFixtures fx, double[] b) {
        DriftTerms terms = drift.newTerms(fx.p);
        drift.evaluate(fx.q, fx.m, fx.a, b, terms);
        return terms;
    }

    @Test
    void erfDriftWithBiasesMatchesMonteCarlo() {
        DriftFixtures fx = DriftFixtures.random(501, 3, 2, 12, 1.2, true);
        double[] b = {0.4, -0.7, 0.2};
        double[] bStar = {-0.5, 0.9};
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.2)
                .withBiases(bStar);
        DriftSampler mc = DriftSampler.overCovariance(fx, StandardActivation.ERF, StandardActivation.ERF, 0.2,
                concat(b, bStar), 200_000, 502);
        DriftTerms terms = evaluate(drift, fx, b);
        assertMatches(terms, mc);
        // the biases matter at this sample size: the drift without them is far from the biased Monte Carlo
        DriftTerms plain = evaluate(new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0.2),
                fx, null);
        double worst = 0;
        for (int i = 0; i < fx.p; i++) {
            worst = Math.max(worst, Math.abs(plain.da[i] - mc.da[i]) / mc.daError[i]);
        }
        assertTrue(worst > 20, "biases should be visible in da; worst z " + worst);
    }

    @Test
    void polynomialAndTanhDriftsWithBiasesMatchMonteCarlo() {
        Activation[][] pairs = {{StandardActivation.SQUARE, StandardActivation.LINEAR},
                {StandardActivation.LINEAR, StandardActivation.LINEAR},
                {StandardActivation.TANH, StandardActivation.ERF}};
        long seed = 510;
        for (Activation[] pair : pairs) {
            DriftFixtures fx = DriftFixtures.random(seed++, 2, 2, 12, 0.6, true);
            double[] b = {0.3, -0.6};
            double[] bStar = {0.8, -0.2};
            PopulationDrift drift = new PopulationDrift(GaussianMoments.forPair(pair[0], pair[1]), fx.teacherOverlap,
                    fx.aStar, 0.3).withBiases(bStar);
            DriftSampler mc = DriftSampler.overCovariance(fx, pair[0], pair[1], 0.3, concat(b, bStar), 200_000,
                    seed);
            assertMatches(evaluate(drift, fx, b), mc);
        }
    }

    @Test
    void finiteDimensionNoiseWithBiasesMatchesMonteCarloOverRealInputs() {
        int d = 5;
        double[] b = {0.6, -0.4};
        double[] bStar = {-0.3, 0.7};
        Activation[][] pairs = {{StandardActivation.ERF, StandardActivation.ERF},
                {StandardActivation.SQUARE, StandardActivation.SQUARE}};
        long seed = 520;
        for (Activation[] pair : pairs) {
            DriftFixtures fx = DriftFixtures.random(seed++, 2, 2, d, 1.0, true);
            PopulationDrift drift = new PopulationDrift(GaussianMoments.forPair(pair[0], pair[1]), fx.teacherOverlap,
                    fx.aStar, 0.1).withBiases(bStar);
            DriftSampler mc = DriftSampler.overInputs(fx, pair[0], pair[1], 0.1, concat(b, bStar), 400_000, seed);
            assertMatches(evaluate(drift.withFiniteDimension(d), fx, b), mc);
            DriftTerms infinite = evaluate(drift, fx, b);
            double worst = 0;
            for (int idx = 0; idx < infinite.dQNoise.length; idx++) {
                worst = Math.max(worst, Math.abs(infinite.dQNoise[idx] - mc.dQNoise[idx]) / mc.dQNoiseError[idx]);
            }
            assertTrue(worst > 10, pair[0] + ": the d → ∞ noise should be distinguishable; worst z " + worst);
        }
    }

    @Test
    void zeroBiasesReproduceTheDriftWithoutBiases() {
        DriftFixtures fx = DriftFixtures.random(530, 3, 2, 12, 1.5, true);
        for (Activation act : new Activation[] {StandardActivation.ERF, StandardActivation.SQUARE}) {
            GaussianMoments moments = GaussianMoments.forPair(act, act);
            PopulationDrift plain = new PopulationDrift(moments, fx.teacherOverlap, fx.aStar, 0.2);
            PopulationDrift biased = plain.withBiases(new double[fx.k]);
            for (double d : new double[] {Double.POSITIVE_INFINITY, 40}) {
                DriftTerms x = evaluate(plain.withFiniteDimension(d), fx, null);
                DriftTerms y = evaluate(biased.withFiniteDimension(d), fx, new double[fx.p]);
                double tolerance = d == 40 ? 1e-12 : 1e-13;
                assertArrayClose(x.dM, y.dM, tolerance);
                assertArrayClose(x.dQGradient, y.dQGradient, tolerance);
                assertArrayClose(x.dQNoise, y.dQNoise, tolerance);
                assertArrayClose(x.da, y.da, tolerance);
                assertEquals(x.excessRisk, y.excessRisk, tolerance);
            }
        }
    }

    @Test
    void biasesAreRefusedForReluWithAnotherKinkAndOnADriftWithoutBiases() {
        DriftFixtures fx = DriftFixtures.random(540, 2, 1, 12, 1.0, false);
        PopulationDrift relu = new PopulationDrift(GaussianMoments.forPair(StandardActivation.RELU,
                KinkedActivation.ABS), fx.teacherOverlap, fx.aStar, 0);
        assertThrows(IllegalArgumentException.class, () -> relu.withBiases(new double[] {0.1}));
        PopulationDrift erf = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(erf, fx, new double[] {0.1, 0}));
        assertTrue(e.getMessage().startsWith("b:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> erf.withBiases(new double[] {0.1, 0.2}));
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }
}
