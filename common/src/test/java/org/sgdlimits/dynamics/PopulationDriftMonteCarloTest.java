package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ErfMoments;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.PolynomialMoments;

/**
 * The drift terms against a direct Monte Carlo of their defining per-sample quantities (docs/theory.md §3), with a
 * tolerance of {@value #SIGMAS} standard errors. The sampler knows nothing of the moment formulas.
 */
@Tag("statistical")
class PopulationDriftMonteCarloTest {
    private static final double SIGMAS = 5.0;

    /** Largest |drift − mean|/SE seen, printed for the record. */
    private static double checkAll(String what, double[] exact, double[] mean, double[] error) {
        double worst = 0;
        for (int idx = 0; idx < exact.length; idx++) {
            worst = Math.max(worst, Math.abs(exact[idx] - mean[idx]) / (error[idx] + 1e-15));
            assertTrue(Math.abs(exact[idx] - mean[idx]) <= SIGMAS * error[idx] + 1e-12,
                    what + "[" + idx + "]: drift " + exact[idx] + " vs Monte Carlo " + mean[idx] + " ± "
                            + error[idx]);
        }
        return worst;
    }

    private static void assertMatches(DriftTerms terms, DriftSampler mc) {
        double worst = checkAll("dM", terms.dM, mc.dM, mc.dMError);
        worst = Math.max(worst, checkAll("dQGradient", terms.dQGradient, mc.dQGradient, mc.dQGradientError));
        worst = Math.max(worst, checkAll("dQNoise", terms.dQNoise, mc.dQNoise, mc.dQNoiseError));
        worst = Math.max(worst, checkAll("da", terms.da, mc.da, mc.daError));
        System.out.printf("drift vs Monte Carlo: largest deviation %.2f standard errors%n", worst);
        assertTrue(Math.abs(terms.excessRisk - mc.excessRisk) <= SIGMAS * mc.excessRiskError + 1e-12,
                "excessRisk " + terms.excessRisk + " vs " + mc.excessRisk + " ± " + mc.excessRiskError);
    }

    private static DriftTerms evaluate(PopulationDrift drift, DriftFixtures fx) {
        DriftTerms terms = drift.newTerms(fx.p);
        drift.evaluate(fx.q, fx.m, fx.a, terms);
        return terms;
    }

    @Test
    void erfDriftMatchesMonteCarloOverRandomCovariance() {
        DriftFixtures fx = DriftFixtures.random(101, 3, 2, 12, 1.5, true);
        double labelNoise = 0.2;
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, labelNoise);
        DriftSampler mc = DriftSampler.overCovariance(fx, StandardActivation.ERF, StandardActivation.ERF,
                labelNoise, 200_000, 7);
        assertMatches(evaluate(drift, fx), mc);
        assertMatches(evaluate(drift.withGenericPath(), fx), mc);
    }

    @Test
    void polynomialDriftMatchesMonteCarloOverRandomCovariance() {
        Activation[][] pairs = {{StandardActivation.SQUARE, StandardActivation.SQUARE},
                {StandardActivation.LINEAR, StandardActivation.SQUARE},
                {StandardActivation.SQUARE, StandardActivation.LINEAR}};
        long seed = 200;
        for (Activation[] pair : pairs) {
            DriftFixtures fx = DriftFixtures.random(seed++, 3, 2, 12, 0.6, true);
            GaussianMoments moments = new PolynomialMoments(pair[0], pair[1]);
            PopulationDrift drift = new PopulationDrift(moments, fx.teacherOverlap, fx.aStar, 0.3);
            DriftSampler mc = DriftSampler.overCovariance(fx, pair[0], pair[1], 0.3, 200_000, seed);
            assertMatches(evaluate(drift, fx), mc);
        }
    }

    @Test
    void finiteDimensionNoiseFactorMatchesMonteCarloOverRealInputs() {
        Activation[][] pairs = {{StandardActivation.SQUARE, StandardActivation.SQUARE},
                {StandardActivation.LINEAR, StandardActivation.LINEAR},
                {StandardActivation.SQUARE, StandardActivation.LINEAR}};
        long seed = 300;
        for (Activation[] pair : pairs) {
            int d = 6;
            DriftFixtures fx = DriftFixtures.random(seed++, 2, 1, d, 0.8, true);
            double labelNoise = 0.25;
            PopulationDrift drift = new PopulationDrift(new PolynomialMoments(pair[0], pair[1]), fx.teacherOverlap,
                    fx.aStar, labelNoise);
            DriftSampler mc = DriftSampler.overInputs(fx, pair[0], pair[1], labelNoise, 300_000, seed);
            assertMatches(evaluate(drift.withFiniteDimension(d), fx), mc);
            // the d → ∞ noise term is visibly wrong at this d: the test can tell the factors apart
            DriftTerms infinite = evaluate(drift, fx);
            for (int i = 0; i < fx.p; i++) {
                int ii = i * fx.p + i;
                assertTrue(Math.abs(infinite.dQNoise[ii] - mc.dQNoise[ii]) > 10 * mc.dQNoiseError[ii],
                        pair[0] + "/" + pair[1] + ": d → ∞ noise " + infinite.dQNoise[ii] + " indistinguishable from "
                                + mc.dQNoise[ii] + " ± " + mc.dQNoiseError[ii]);
            }
        }
    }

    @Test
    void finiteDimensionNoiseForErfMatchesMonteCarloOverRealInputs() {
        int d = 5;
        DriftFixtures fx = DriftFixtures.random(400, 2, 2, d, 2.0, true);
        double labelNoise = 0.1;
        PopulationDrift drift = new PopulationDrift(ErfMoments.INSTANCE, fx.teacherOverlap, fx.aStar, labelNoise);
        DriftSampler mc = DriftSampler.overInputs(fx, StandardActivation.ERF, StandardActivation.ERF, labelNoise,
                400_000, 401);
        assertMatches(evaluate(drift.withFiniteDimension(d), fx), mc);
        DriftTerms infinite = evaluate(drift, fx);
        double worst = 0;
        for (int idx = 0; idx < infinite.dQNoise.length; idx++) {
            worst = Math.max(worst, Math.abs(infinite.dQNoise[idx] - mc.dQNoise[idx]) / mc.dQNoiseError[idx]);
        }
        System.out.printf("erf at d = %d: the d → ∞ noise is off by %.1f standard errors%n", d, worst);
        assertTrue(worst > 10, "the d → ∞ noise should be distinguishable at d = " + d + "; worst z " + worst);
    }
}
