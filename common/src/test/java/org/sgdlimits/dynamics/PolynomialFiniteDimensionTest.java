package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.PolynomialActivation;
import org.sgdlimits.gauss.PolynomialMoments;

/**
 * The exact finite-d noise correction for non-homogeneous polynomials (docs/theory.md §3.7): E[λ·∇h] from
 * Euler-weighted Wick moments agrees with the independent route 2 (d/ds) E_{sΩ}[h] (covariance-scale
 * derivative by fourth-order central differences).
 */
class PolynomialFiniteDimensionTest {

    @Test
    void eulerWeightedCorrectionMatchesTheCovarianceScaleDerivative() {
        DriftFixtures fx = DriftFixtures.random(17, 2, 2, 15, 0.7, true);
        Activation[][] pairs = {
            {Activation.named("he2"), Activation.named("he2")},
            {Activation.named("he3"), Activation.named("he3")},
            {Activation.named("he1"), Activation.named("he4")},
            {PolynomialActivation.of(0.3, 1, 0.5), Activation.named("he3")},
        };
        for (Activation[] pair : pairs) {
            PopulationDrift drift = new PopulationDrift(new PolynomialMoments(pair[0], pair[1]), fx.teacherOverlap,
                    fx.aStar, 0.2);
            double d = 5;
            DriftTerms infinite = evaluate(drift, fx);
            DriftTerms euler = evaluate(drift.withFiniteDimension(d), fx);
            DriftTerms numeric = evaluate(drift.withFiniteDimensionByScaleDerivative(d), fx);
            double largest = 0;
            for (int idx = 0; idx < euler.dQNoise.length; idx++) {
                largest = Math.max(largest, Math.abs(euler.dQNoise[idx] - infinite.dQNoise[idx]));
            }
            assertTrue(largest > 1e-3 * maxAbs(infinite.dQNoise), "the correction must matter at d = 5");
            for (int idx = 0; idx < euler.dQNoise.length; idx++) {
                assertEquals(numeric.dQNoise[idx] - infinite.dQNoise[idx], euler.dQNoise[idx] - infinite.dQNoise[idx],
                        1e-7 * largest, pair[0] + "/" + pair[1] + " [" + idx + "]");
            }
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static DriftTerms evaluate(PopulationDrift drift, DriftFixtures fx) {
        DriftTerms terms = drift.newTerms(fx.p);
        drift.evaluate(fx.q, fx.m, fx.a, terms);
        return terms;
    }
}
