package org.sgdlimits.study.informationexponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitted exponents of the escape time in d follow the information exponent (docs/theory.md §6.1): small
 * sizes (a few seconds).
 */
class InformationExponentStudyTest {

    @Test
    void fittedExponentsFollowTheInformationExponent() {
        List<ExponentResult> results = new InformationExponentStudy(InformationExponentSettings.tiny()
                .withSeeds(8)).run();
        assertEquals(4, results.size());
        double[] ode = new double[4];
        double[] gram = new double[4];
        for (int i = 0; i < 4; i++) {
            ExponentResult r = results.get(i);
            assertEquals(i + 1, r.exponent());
            ode[i] = r.odeFit().slope();
            gram[i] = r.simulatedFit().slope();
            System.out.printf("k = %d: ODE %.3f, Gram chain %.3f%n", r.exponent(), ode[i], gram[i]);
            for (EscapePoint p : r.simulated()) {
                assertEquals(p.runs(), p.escaped(), "every run escapes within the horizon: k = " + r.exponent()
                        + ", d = " + p.dimension());
            }
        }
        // ODE, d = 256 .. 4096: O(1), log d (local slope 1/ln(c d) ~ 0.2), d^1, d^2
        assertTrue(Math.abs(ode[0]) < 0.1, "k = 1: O(1), got " + ode[0]);
        assertTrue(ode[1] > 0.05 && ode[1] < 0.35, "k = 2: log d, local slope about 0.2, got " + ode[1]);
        assertEquals(1.0, ode[2], 0.1, "k = 3: d^1");
        assertEquals(2.0, ode[3], 0.1, "k = 4: d^2");
        // Gram chain at small d (noisy, but the ordering in k is clear): k = 1, 2 well below k = 3, below k = 4
        assertTrue(gram[0] < 0.5 && gram[1] < 0.7, "k = 1, 2: at most logarithmic growth, got " + gram[0] + ", "
                + gram[1]);
        assertTrue(gram[2] > 0.5, "k = 3 grows at least like d^0.5, got " + gram[2]);
        assertTrue(gram[3] > gram[2], "k = 4 grows faster than k = 3: " + gram[3] + " vs " + gram[2]);
    }
}
