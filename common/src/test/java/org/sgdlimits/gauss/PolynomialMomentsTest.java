package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

class PolynomialMomentsTest {

    private static final Activation LIN = StandardActivation.LINEAR;
    private static final Activation SQ = StandardActivation.SQUARE;

    @Test
    void linearMomentsAreCovarianceEntries() {
        PolynomialMoments m = new PolynomialMoments(LIN, LIN);
        assertEquals(0.3, m.i2(Role.STUDENT, Role.TEACHER, 1, 0.3, 2), 1e-15);
        assertEquals(0.7, m.i3(Role.TEACHER, 1, 0.3, 0.2, 2, 0.7, 1.5), 1e-15);
        assertEquals(0.4, m.i4(Role.STUDENT, Role.TEACHER, 1, .1, .2, .3, 2, .1, .2, 1.5, 0.4, 1), 1e-15);
        assertEquals(1.0, m.j2(1, 0.3, 2), 1e-15);
    }

    @Test
    void squareMomentsMatchHandIsserlis() {
        PolynomialMoments m = new PolynomialMoments(SQ, SQ);
        double c11 = 1.2;
        double c12 = 0.3;
        double c13 = -0.4;
        double c22 = 0.9;
        double c23 = 0.25;
        double c33 = 1.7;
        assertEquals(c11 * c22 + 2 * c12 * c12, m.i2(Role.STUDENT, Role.STUDENT, c11, c12, c22), 1e-15);
        assertEquals(4 * c12, m.j2(c11, c12, c22), 1e-15);
        // E[2u v w²] = 2 (C12 C33 + 2 C13 C23)
        assertEquals(2 * (c12 * c33 + 2 * c13 * c23), m.i3(Role.TEACHER, c11, c12, c13, c22, c23, c33), 1e-15);
    }

    @Test
    void allLinearSquareMixesMatchExactQuadrature() {
        // Gauss–Hermite with 6 nodes is exact for these polynomials (degree ≤ 8 per axis ≤ 2·6 − 1).
        GaussHermiteQuadrature exact = new GaussHermiteQuadrature(6);
        SplittableRandom rng = new SplittableRandom(8);
        Activation[] fams = {LIN, SQ};
        for (Activation s : fams) {
            for (Activation t : fams) {
                PolynomialMoments m = new PolynomialMoments(s, t);
                GaussHermiteMoments q = new GaussHermiteMoments(s, t, exact);
                for (int trial = 0; trial < 10; trial++) {
                    double[] c = trial == 9 ? RandomCovariances.nearlySingular(rng, 4, 1e-8)
                            : RandomCovariances.wishart(rng, 4, 5, 1.5);
                    for (Role a : Role.values()) {
                        for (Role b : Role.values()) {
                            double w = GaussHermiteQuadratureTest.i4(q, c);
                            assertEquals(q.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                                    m.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                                    1e-12 * (1 + Math.abs(w)), s + "/" + t);
                            assertEquals(q.i2(a, b, c[0], c[1], c[5]), m.i2(a, b, c[0], c[1], c[5]), 1e-12);
                        }
                        assertEquals(q.i3(a, c[0], c[1], c[2], c[5], c[6], c[10]),
                                m.i3(a, c[0], c[1], c[2], c[5], c[6], c[10]), 1e-12);
                    }
                    assertEquals(q.j2(c[0], c[1], c[5]), m.j2(c[0], c[1], c[5]), 1e-12);
                }
            }
        }
    }

    @Test
    void squareI4AgreesWithMonteCarlo() {
        MonteCarloMoments mc = new MonteCarloMoments(SQ, LIN, 400_000, 9L);
        PolynomialMoments m = new PolynomialMoments(SQ, LIN);
        double[] c = RandomCovariances.wishart(new SplittableRandom(10), 4, 6, 1.0);
        MonteCarloEstimate e = mc.i4Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7],
                c[10], c[11], c[15]);
        double v = m.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
        assertTrue(e.isConsistentWith(v, 5, 1e-12), v + " vs " + e);
    }

    @Test
    void rejectsNonPolynomialActivations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolynomialMoments(StandardActivation.ERF, LIN));
        assertTrue(e.getMessage().contains("student") && e.getMessage().contains("erf"), e.getMessage());
    }
}
