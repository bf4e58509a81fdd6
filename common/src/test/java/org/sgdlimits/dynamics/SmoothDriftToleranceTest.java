package org.sgdlimits.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ReducedHermiteMoments;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

/**
 * The tanh committee's population drift (one overlap-ODE right-hand side, noise term included) with moments at
 * the looser tolerance 1e-9 (the cheaper setting for trajectories) agrees with the accurate default (1e-13,
 * ≈ 1e-11 per moment, docs/theory.md §3.10) to 1e-6 relative in every term and in the risk.
 */
class SmoothDriftToleranceTest {

    @Test
    void looseToleranceDriftAgreesWithTheAccurateOneToOneInAMillion() {
        int p = 2;
        int k = 2;
        UniformRandomProvider rng = RandomOverlaps.generator(20261206L);
        double[] a = {0.8, 1.1};
        double[] aStar = {1.0, 0.7};
        Overlaps omega = RandomOverlaps.wishart(rng, 4 * (p + k), 1.0, a, aStar);
        DriftTerms accurate = evaluate(omega, aStar, ReducedHermiteMoments.DEFAULT_TOLERANCE, p);
        DriftTerms loose = evaluate(omega, aStar, 1e-9, p);
        double worst = Math.abs(loose.excessRisk - accurate.excessRisk) / Math.abs(accurate.excessRisk);
        for (double[][] pair : new double[][][] {{loose.dM, accurate.dM}, {loose.dQGradient, accurate.dQGradient},
            {loose.dQNoise, accurate.dQNoise}}) {
            double scale = 0;
            for (double x : pair[1]) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < pair[0].length; i++) {
                worst = Math.max(worst, Math.abs(pair[0][i] - pair[1][i]) / scale);
            }
        }
        System.out.printf("tanh p = k = 2 drift, moments at 1e-9 vs 1e-13: largest relative difference %.1e%n", worst);
        assertTrue(worst < 1e-6, "largest relative difference " + worst);
    }

    private static DriftTerms evaluate(Overlaps omega, double[] aStar, double tolerance, int p) {
        PopulationDrift drift = new PopulationDrift(new ReducedHermiteMoments(StandardActivation.TANH,
                StandardActivation.TANH, tolerance), omega.teacherOverlapMatrix(), aStar, 0.01);
        DriftTerms terms = drift.newTerms(p);
        drift.evaluate(omega.studentOverlapMatrix(), omega.studentTeacherOverlapMatrix(), omega.studentSecondLayer(),
                terms);
        return terms;
    }
}
