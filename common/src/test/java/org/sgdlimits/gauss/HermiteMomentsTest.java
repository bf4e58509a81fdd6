package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;
import org.sgdlimits.activation.PolynomialActivation;
import org.sgdlimits.activation.StandardActivation;

/** Exact Wick moments of Hermite and general polynomial activations (docs/theory.md §3.7). */
class HermiteMomentsTest {

    @Test
    void hermiteCoefficientsMatchTheTextbookPolynomials() {
        assertArrayEquals(new double[] {-1, 0, 1}, PolynomialActivation.hermiteCoefficients(2));
        assertArrayEquals(new double[] {0, -3, 0, 1}, PolynomialActivation.hermiteCoefficients(3));
        assertArrayEquals(new double[] {3, 0, -6, 0, 1}, PolynomialActivation.hermiteCoefficients(4));
        assertArrayEquals(new double[] {-15, 0, 45, 0, -15, 0, 1}, PolynomialActivation.hermiteCoefficients(6));
        Activation he3 = Activation.named("he3");
        assertEquals(2.0 * 2.0 * 2.0 - 3 * 2.0, he3.value(2.0), 1e-15);
        assertEquals(3 * 4.0 - 3, he3.derivative(2.0), 1e-15);
        assertEquals(6 * 2.0, he3.secondDerivative(2.0), 1e-15);
        assertEquals(Parity.ODD, he3.parity());
        assertEquals(Parity.EVEN, Activation.named("he4").parity());
        assertTrue(he3.homogeneityDegree().isEmpty());
        assertEquals(1, Activation.named("he1").homogeneityDegree().getAsInt());
        assertEquals(Parity.NONE, PolynomialActivation.of(1, 1, 1).parity());
        assertEquals(3, PolynomialActivation.of(0, 0, 0, 2).homogeneityDegree().getAsInt());
    }

    @Test
    void hermitePolynomialsAreOrthogonalWithWeightKFactorialRhoToTheK() {
        // E[He_j(u) He_k(v)] = δ_jk k! ρ^k for unit-variance (u, v) with correlation ρ.
        for (double rho : new double[] {-0.7, 0.0, 0.35, 0.9}) {
            for (int j = 1; j <= 6; j++) {
                for (int k = 1; k <= 6; k++) {
                    PolynomialMoments m = new PolynomialMoments(PolynomialActivation.hermite(j),
                            PolynomialActivation.hermite(k));
                    double expected = j == k ? factorial(k) * Math.pow(rho, k) : 0.0;
                    assertEquals(expected, m.i2(Role.STUDENT, Role.TEACHER, 1, rho, 1), 1e-12 * factorial(6),
                            "He" + j + " He" + k + " rho " + rho);
                }
            }
        }
    }

    @Test
    void hermiteAndPolynomialMixesMatchExactGaussHermiteQuadrature() {
        // Per axis the integrand of I4 for degree ≤ 6 factors has degree ≤ 22 ≤ 2·12 − 1: 12 nodes are exact.
        GaussHermiteQuadrature exact = new GaussHermiteQuadrature(12);
        SplittableRandom rng = new SplittableRandom(21);
        Activation[][] pairs = {
            {Activation.named("he3"), Activation.named("he3")},
            {Activation.named("he2"), Activation.named("he6")},
            {PolynomialActivation.of(0.5, -1, 0.25, 0.1), Activation.named("he4")},
            {StandardActivation.SQUARE, Activation.named("he5")},
        };
        for (Activation[] pair : pairs) {
            PolynomialMoments m = new PolynomialMoments(pair[0], pair[1]);
            GaussHermiteMoments q = new GaussHermiteMoments(pair[0], pair[1], exact);
            for (int trial = 0; trial < 4; trial++) {
                double[] c = RandomCovariances.wishart(rng, 4, 6, 0.6);
                for (Role a : Role.values()) {
                    for (Role b : Role.values()) {
                        double want = q.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
                        assertEquals(want, m.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                                1e-10 * (1 + Math.abs(want)), pair[0] + "/" + pair[1]);
                        double want2 = q.i2(a, b, c[0], c[1], c[5]);
                        assertEquals(want2, m.i2(a, b, c[0], c[1], c[5]), 1e-11 * (1 + Math.abs(want2)));
                    }
                    double want3 = q.i3(a, c[0], c[1], c[2], c[5], c[6], c[10]);
                    assertEquals(want3, m.i3(a, c[0], c[1], c[2], c[5], c[6], c[10]), 1e-11 * (1 + Math.abs(want3)));
                }
                double wantJ = q.j2(c[0], c[1], c[5]);
                assertEquals(wantJ, m.j2(c[0], c[1], c[5]), 1e-11 * (1 + Math.abs(wantJ)));
            }
        }
    }

    @Test
    void hermiteI4MatchesMonteCarloWithinFiveStandardErrors() {
        Activation he3 = Activation.named("he3");
        Activation he2 = Activation.named("he2");
        double[] c = {1.0, 0.3, 0.2, -0.1, 0.8, 0.25, 0.1, 1.1, 0.4, 0.9};
        double[] full = {c[0], c[1], c[2], c[3], c[1], c[4], c[5], c[6], c[2], c[5], c[7], c[8], c[3], c[6], c[8], c[9]};
        MonteCarloEstimate mc = MonteCarloMoments.expectation(
                new Activation.Function[] {he3::derivative, he3::derivative, he3::value, he2::value}, full,
                400_000, 5L);
        double exact = new PolynomialMoments(he3, he2).i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[4],
                c[5], c[6], c[7], c[8], c[9]);
        assertTrue(mc.isConsistentWith(exact, 5, 0), mc + " vs " + exact);
    }

    @Test
    void eulerExpectationWeightsEachMonomialByItsDegree() {
        // p(u) = 1 + u + u², q(v) = v²: E[(u·∇)(p q)] = 2 E[v²] + 3·0 + 4 E[u² v²] with the monomial degrees.
        double c11 = 1.3;
        double c12 = 0.4;
        double c22 = 0.7;
        double got = GaussianPolynomialExpectation.eulerExpectation(new double[][] {{1, 1, 1}, {0, 0, 1}},
                new double[] {c11, c12, c12, c22});
        assertEquals(2 * c22 + 4 * (c11 * c22 + 2 * c12 * c12), got, 1e-14);
    }

    @Test
    void badPolynomialsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.of(1, 0));
        assertTrue(e.getMessage().startsWith("activation.polynomial: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.of(1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.of(0, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialActivation.of(new double[10]));
        assertThrows(IllegalArgumentException.class, () -> Activation.named("he7"));
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
