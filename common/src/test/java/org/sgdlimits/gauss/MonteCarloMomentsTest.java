package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

class MonteCarloMomentsTest {

    private static final Activation.Function ID = x -> x;

    @Test
    void estimatesAreReproducibleForAGivenSeed() {
        double[] c = {1, 0.5, 0.5, 2};
        MonteCarloEstimate a = MonteCarloMoments.expectation(new Activation.Function[] {ID, ID}, c, 10_000, 3L);
        MonteCarloEstimate b = MonteCarloMoments.expectation(new Activation.Function[] {ID, ID}, c, 10_000, 3L);
        assertEquals(a, b);
    }

    @Test
    void standardErrorMatchesTheKnownVarianceAndShrinksAsOneOverRootN() {
        // E[u v] = C12; Var(u v) = C11 C22 + C12².
        double[] c = {1, 0.5, 0.5, 2};
        double sd = Math.sqrt(1 * 2 + 0.25);
        for (int n : new int[] {10_000, 160_000}) {
            MonteCarloEstimate e = MonteCarloMoments.expectation(new Activation.Function[] {ID, ID}, c, n, 9L);
            assertEquals(sd / Math.sqrt(n), e.standardError(), 0.05 * sd / Math.sqrt(n));
            assertTrue(e.isConsistentWith(0.5, 5, 0), e.toString());
        }
    }

    @Test
    void singularCovarianceSamplesTheDegenerateDistribution() {
        // v = u exactly (rank 1).
        double[] c = {0.7, 0.7, 0.7, 0.7};
        MonteCarloEstimate diff = MonteCarloMoments.expectation(
                new Activation.Function[] {x -> x, x -> -x}, c, 1000, 1L);
        // u·(−v) = −u² : mean −C11, SE from Var(u²) = 2 C11².
        assertTrue(diff.isConsistentWith(-0.7, 5, 0), diff.toString());
        MonteCarloMoments mc = new MonteCarloMoments(StandardActivation.LINEAR, StandardActivation.LINEAR, 1000, 2L);
        assertEquals(1.0, mc.j2(0.7, 0.7, 0.7), 0.0);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class,
                () -> new MonteCarloMoments(StandardActivation.ERF, StandardActivation.ERF, 1, 0L));
        assertThrows(IllegalArgumentException.class,
                () -> MonteCarloMoments.expectation(new Activation.Function[0], new double[0], 100, 0L));
        assertThrows(IllegalArgumentException.class,
                () -> MonteCarloMoments.expectation(new Activation.Function[] {ID, ID}, new double[] {1, 3, 3, 1}, 100, 0L));
    }
}
