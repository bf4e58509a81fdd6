package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

class GaussHermiteQuadratureTest {

    private static final StandardActivation ERF = StandardActivation.ERF;

    @Test
    void oneDimensionalRuleIntegratesNormalMomentsExactly() {
        for (int n : new int[] {1, 2, 5, 20, 40, 100, 200}) {
            GaussHermiteRule rule = new GaussHermiteRule(n);
            double doubleFactorial = 1; // (2k − 1)!!
            for (int k = 0; 2 * k <= 2 * n - 1 && k <= 8; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += rule.weights[i] * Math.pow(rule.nodes[i], 2 * k);
                }
                assertEquals(doubleFactorial, s, 1e-13 * doubleFactorial, "n=" + n + " moment " + 2 * k);
                doubleFactorial *= 2 * k + 1;
            }
        }
    }

    @Test
    void erfMomentsAtDefaultNodesMatchClosedFormsToDocumentedAccuracy() {
        GaussHermiteMoments gh = new GaussHermiteMoments(ERF, ERF);
        SplittableRandom rng = new SplittableRandom(1);
        double maxErrUnit = 0;
        double maxErrLarge = 0;
        for (int t = 0; t < 4; t++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0); // variances up to ~2
            maxErrUnit = Math.max(maxErrUnit, Math.abs(i4(gh, c) - erfI4(c)));
            double[] big = RandomCovariances.wishart(rng, 4, 6, 2.0); // variances up to ~4
            maxErrLarge = Math.max(maxErrLarge, Math.abs(i4(gh, big) - erfI4(big)));
            assertEquals(ErfMoments.i3(c[0], c[1], c[2], c[5], c[6], c[10]),
                    gh.i3(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]), 1e-11);
            assertEquals(ErfMoments.i2(c[0], c[1], c[5]), gh.i2(Role.STUDENT, Role.TEACHER, c[0], c[1], c[5]), 1e-12);
            assertEquals(ErfMoments.j2(c[0], c[1], c[5]), gh.j2(c[0], c[1], c[5]), 1e-11);
        }
        assertTrue(maxErrUnit < 1e-11, "I4 error at variance <~2: " + maxErrUnit);
        assertTrue(maxErrLarge < 2e-7, "I4 error at variance <~4: " + maxErrLarge);
    }

    @Test
    void singularAndNearlySingularCovariancesGiveFiniteAccurateValues() {
        GaussHermiteMoments gh = new GaussHermiteMoments(ERF, ERF, new GaussHermiteQuadrature(32));
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 3; t++) {
            double[] dup = RandomCovariances.withDuplicate(rng, 4);
            dup = scaled(dup, 0.5);
            assertEquals(erfI4(dup), i4(gh, dup), 1e-11);
            double[] near = scaled(RandomCovariances.nearlySingular(rng, 4, 1e-8), 0.5);
            assertEquals(erfI4(near), i4(gh, near), 1e-11);
        }
        // Zero covariance: the product of the factors at zero.
        assertEquals(ERF.derivative(0) * ERF.derivative(0), gh.j2(0, 0, 0), 1e-15);
    }

    @Test
    void polynomialProductsMatchIsserlis() {
        GaussHermiteQuadrature q = new GaussHermiteQuadrature(8);
        double[] c = RandomCovariances.wishart(new SplittableRandom(3), 4, 5, 1.0);
        Activation.Function id = x -> x;
        Activation.Function sq = x -> x * x;
        // E[u v w z] = C12 C34 + C13 C24 + C14 C23
        double expected = c[1] * c[11] + c[2] * c[7] + c[3] * c[6];
        assertEquals(expected, q.expectation(new Activation.Function[] {id, id, id, id}, c), 1e-13);
        // E[u² v²] = C11 C22 + 2 C12²
        double[] c2 = {c[0], c[1], c[4], c[5]};
        assertEquals(c[0] * c[5] + 2 * c[1] * c[1], q.expectation(new Activation.Function[] {sq, sq}, c2), 1e-13);
    }

    @Test
    void tanhAndMixedPairsAgreeWithMonteCarlo() {
        Activation relu = StandardActivation.RELU;
        Activation tanh = StandardActivation.TANH;
        GaussHermiteMoments gh = new GaussHermiteMoments(tanh, ERF, new GaussHermiteQuadrature(24));
        MonteCarloMoments mc = new MonteCarloMoments(tanh, ERF, 200_000, 5L);
        double[] c = RandomCovariances.wishart(new SplittableRandom(4), 4, 6, 1.0);
        MonteCarloEstimate e = mc.i4Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7],
                c[10], c[11], c[15]);
        double v = gh.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
        assertTrue(e.isConsistentWith(v, 5, 1e-12), v + " vs " + e);
        MonteCarloEstimate e3 = mc.i3Estimate(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]);
        assertTrue(e3.isConsistentWith(gh.i3(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]), 5, 1e-12));
        GaussHermiteMoments mixed = new GaussHermiteMoments(tanh, relu, new GaussHermiteQuadrature(40));
        MonteCarloMoments mcMixed = new MonteCarloMoments(tanh, relu, 200_000, 6L);
        MonteCarloEstimate e2 = mcMixed.i2Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[5]);
        assertTrue(e2.isConsistentWith(mixed.i2(Role.STUDENT, Role.TEACHER, c[0], c[1], c[5]), 5, 1e-4));
    }

    @Test
    void rejectsBadInput() {
        GaussHermiteQuadrature q = new GaussHermiteQuadrature(4);
        Activation.Function id = x -> x;
        assertThrows(IllegalArgumentException.class, () -> new GaussHermiteQuadrature(0));
        assertThrows(IllegalArgumentException.class, () -> new GaussHermiteQuadrature(201));
        assertThrows(IllegalArgumentException.class,
                () -> q.expectation(new Activation.Function[] {id, id, id, id, id}, new double[25]));
        assertThrows(IllegalArgumentException.class,
                () -> q.expectation(new Activation.Function[] {id, id}, new double[] {1, 2, 2, 1}));
    }

    static double[] scaled(double[] c, double s) {
        double[] out = c.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }

    static double i4(GaussianMoments m, double[] c) {
        return m.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
    }

    static double erfI4(double[] c) {
        return ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
    }
}
