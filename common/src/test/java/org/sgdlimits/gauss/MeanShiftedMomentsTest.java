package org.sgdlimits.gauss;

import org.sgdlimits.fixtures.KinkedActivation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Moments with means (docs/theory.md §3.11): the erf closed forms against an independent tensor Gauss–Hermite
 * quadrature of the shifted factors (to 1e-10) and against Monte Carlo (within five standard errors); zero
 * means reproduce {@link ErfMoments} (to 1e-14); the bivariate normal against exact identities; polynomial
 * pairs against hand Isserlis with means; tanh against Monte Carlo.
 */
class MeanShiftedMomentsTest {
    private static final MeanShiftedMoments ERF = ErfShiftedMoments.INSTANCE;
    private static final MeanShiftedMoments ERF_QUADRATURE = new QuadratureShiftedMoments(StandardActivation.ERF,
            StandardActivation.ERF, new GaussHermiteQuadrature(60));
    private static final MomentIntegrands ERF_FACTORS = new MomentIntegrands(StandardActivation.ERF,
            StandardActivation.ERF);
    private static final Role S = Role.STUDENT;
    private static final Role T = Role.TEACHER;

    private static double[] means(SplittableRandom rng, int n) {
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = RandomCovariances.gaussian(rng);
        }
        return m;
    }

    @Test
    void erfClosedFormsMatchShiftedQuadratureTo1eMinus10() {
        SplittableRandom rng = new SplittableRandom(11);
        double worst = 0;
        for (int trial = 0; trial < 25; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
            double[] m = means(rng, 4);
            worst = Math.max(worst, Math.abs(ERF.i2(S, T, c[0], c[1], c[5], m[0], m[1])
                    - ERF_QUADRATURE.i2(S, T, c[0], c[1], c[5], m[0], m[1])));
            worst = Math.max(worst, Math.abs(ERF.k2(T, c[0], c[1], c[5], m[0], m[1])
                    - ERF_QUADRATURE.k2(T, c[0], c[1], c[5], m[0], m[1])));
            worst = Math.max(worst, Math.abs(ERF.j2(c[0], c[1], c[5], m[0], m[1])
                    - ERF_QUADRATURE.j2(c[0], c[1], c[5], m[0], m[1])));
            worst = Math.max(worst, Math.abs(ERF.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2])
                    - ERF_QUADRATURE.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2])));
            worst = Math.max(worst, Math.abs(
                    ERF.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], m[0], m[1], m[2], m[3])
                    - ERF_QUADRATURE.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15],
                    m[0], m[1], m[2], m[3])));
        }
        assertTrue(worst < 1e-10, "max |closed form − quadrature| = " + worst);
    }

    @Test
    void erfClosedFormsOnCoincidentAndNearlySingularArgumentsMatchQuadrature() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 6; trial++) {
            double[] c = RandomCovariances.nearlySingular(rng, 4, 1e-8);
            double[] m = means(rng, 4);
            // u = v (the diagonal of the noise term) and w = z
            double closed = ERF.i4(S, S, c[0], c[0], c[2], c[2], c[0], c[2], c[2], c[10], c[10], c[10],
                    m[0], m[0], m[2], m[2]);
            // rank 2 after the pivoted Cholesky: a 2-D quadrature, converged at 120 nodes (60 give ~2e-8 here)
            double quad = new QuadratureShiftedMoments(StandardActivation.ERF, StandardActivation.ERF,
                    new GaussHermiteQuadrature(120)).i4(S, S, c[0], c[0], c[2], c[2], c[0], c[2], c[2], c[10], c[10], c[10],
                    m[0], m[0], m[2], m[2]);
            assertEquals(quad, closed, 1e-10, "coincident I4");
            assertEquals(ERF_QUADRATURE.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15],
                    m[0], m[1], m[2], m[3]), ERF.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                    c[15], m[0], m[1], m[2], m[3]), 1e-10, "nearly singular I4");
        }
    }

    @Test
    void erfClosedFormsAgreeWithMonteCarlo() {
        SplittableRandom rng = new SplittableRandom(13);
        double[] c = RandomCovariances.wishart(rng, 4, 5, 1.5);
        double[] m = {0.7, -0.4, 1.1, -0.9};
        int n = 400_000;
        MonteCarloEstimate i4 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                ERF_FACTORS.i4(S, T), m), c, n, 5);
        assertTrue(i4.isConsistentWith(ERF.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15],
                m[0], m[1], m[2], m[3]), 5, 0), "I4 " + i4);
        double[] c3 = {c[0], c[1], c[2], c[4], c[5], c[6], c[8], c[9], c[10]};
        MonteCarloEstimate i3 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                ERF_FACTORS.i3(T), m[0], 0, m[2]), c3, n, 6);
        assertTrue(i3.isConsistentWith(ERF.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]), 5, 0),
                "I3 " + i3);
        double[] c2 = {c[0], c[1], c[4], c[5]};
        MonteCarloEstimate i2 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                ERF_FACTORS.i2(S, T), m[0], m[1]), c2, n, 7);
        assertTrue(i2.isConsistentWith(ERF.i2(S, T, c[0], c[1], c[5], m[0], m[1]), 5, 0), "I2 " + i2);
        MonteCarloEstimate k2 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                QuadratureShiftedMoments.k2Factors(ERF_FACTORS, T), m[0], m[1]), c2, n, 8);
        assertTrue(k2.isConsistentWith(ERF.k2(T, c[0], c[1], c[5], m[0], m[1]), 5, 0), "K2 " + k2);
    }

    @Test
    void zeroMeansReproduceTheUnshiftedErfMomentsTo1eMinus14() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 50; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 2.0);
            assertEquals(ErfMoments.i2(c[0], c[1], c[5]), ERF.i2(S, T, c[0], c[1], c[5], 0, 0), 1e-14);
            assertEquals(ErfMoments.j2(c[0], c[1], c[5]), ERF.j2(c[0], c[1], c[5], 0, 0), 1e-14);
            assertEquals(ErfMoments.i3(c[0], c[1], c[2], c[5], c[6], c[10]),
                    ERF.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], 0, 0), 1e-14);
            assertEquals(ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                    ERF.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], 0, 0, 0, 0), 1e-14);
            assertEquals(0.0, ERF.k2(T, c[0], c[1], c[5], 0, 0), 0.0, "erf is odd");
        }
    }

    @Test
    void bivariateNormalSatisfiesExactIdentities() {
        SplittableRandom rng = new SplittableRandom(15);
        for (double rho : new double[] {-0.999, -0.7, -0.2, 0.3, 0.9, 0.9999}) {
            assertEquals(0.25 + Math.asin(rho) / (2 * Math.PI), BivariateNormal.cdf(0, 0, rho), 1e-15);
            for (int trial = 0; trial < 10; trial++) {
                double h = 1.5 * RandomCovariances.gaussian(rng);
                double k = 1.5 * RandomCovariances.gaussian(rng);
                // P(X ≤ h, Y ≤ k) + P(X ≤ h, −Y < −k) = Φ(h), and −Y has correlation −ρ with X
                double sum = BivariateNormal.cdf(h, k, rho) + BivariateNormal.cdf(h, -k, -rho);
                assertEquals(BivariateNormal.normalCdf(h), sum, 1e-14, "h=" + h + " k=" + k + " rho=" + rho);
                assertEquals(BivariateNormal.cdf(h, k, rho), BivariateNormal.cdf(k, h, rho), 1e-15);
            }
        }
        // ρ = 0: independence; ρ → 1: Φ(min(h, k))
        assertEquals(BivariateNormal.normalCdf(0.3) * BivariateNormal.normalCdf(-1.2),
                BivariateNormal.cdf(0.3, -1.2, 0), 0.0);
        assertEquals(BivariateNormal.normalCdf(-0.4), BivariateNormal.cdf(0.8, -0.4, 1 - 1e-12), 1e-6);
    }

    @Test
    void polynomialPairsAreExactIsserlisWithMeans() {
        MeanShiftedMoments linear = MeanShiftedMoments.forPair(StandardActivation.LINEAR, StandardActivation.LINEAR);
        MeanShiftedMoments square = MeanShiftedMoments.forPair(StandardActivation.SQUARE, StandardActivation.SQUARE);
        double c11 = 1.3;
        double c12 = 0.4;
        double c22 = 0.8;
        double m1 = 0.6;
        double m2 = -1.1;
        assertEquals(c12 + m1 * m2, linear.i2(S, T, c11, c12, c22, m1, m2), 1e-13);
        assertEquals(m2, linear.k2(T, c11, c12, c22, m1, m2), 1e-13);
        // square: E[(u+m1)²(v+m2)²] = (c11 + m1²)(c22 + m2²) + 2c12² + 4 m1 m2 c12
        assertEquals((c11 + m1 * m1) * (c22 + m2 * m2) + 2 * c12 * c12 + 4 * m1 * m2 * c12,
                square.i2(S, T, c11, c12, c22, m1, m2), 1e-12);
        // square I3 = E[2(u+m1) v (w+m3)²] = 2[C12 (C33 + m3²) + 2 C13 C23 + 2 m1 m3 C23]
        double c13 = -0.3;
        double c23 = 0.5;
        double c33 = 1.7;
        double m3 = 0.9;
        assertEquals(2 * (c12 * (c33 + m3 * m3) + 2 * c13 * c23 + 2 * m1 * m3 * c23),
                square.i3(T, c11, c12, c13, c22, c23, c33, m1, m3), 1e-12);
        // square J2 = E[4 (u+m1)(v+m2)] = 4 (c12 + m1 m2)
        assertEquals(4 * (c12 + m1 * m2), square.j2(c11, c12, c22, m1, m2), 1e-12);
    }

    @Test
    void tanhWithMeansAgreesWithMonteCarlo() {
        Activation tanh = StandardActivation.TANH;
        MeanShiftedMoments moments = MeanShiftedMoments.forPair(tanh, StandardActivation.ERF);
        SplittableRandom rng = new SplittableRandom(16);
        double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
        double[] m = {0.5, -0.8, 0.3, 1.2};
        MomentIntegrands factors = new MomentIntegrands(tanh, StandardActivation.ERF);
        MonteCarloEstimate i4 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                factors.i4(S, T), m), c, 300_000, 9);
        assertTrue(i4.isConsistentWith(moments.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                c[15], m[0], m[1], m[2], m[3]), 5, 0), "tanh I4 " + i4);
    }

    @Test
    void reluPairedWithAnotherKinkIsRefusedNamingTheField() {
        assertTrue(MeanShiftedMoments.forPair(StandardActivation.RELU, StandardActivation.RELU)
                instanceof ReluShiftedMoments);
        assertTrue(MeanShiftedMoments.forPair(StandardActivation.RELU, StandardActivation.ERF) instanceof KinkMoments);
        assertTrue(MeanShiftedMoments.forPair(StandardActivation.TANH, StandardActivation.RELU) instanceof KinkMoments);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanShiftedMoments.forPair(StandardActivation.RELU, KinkedActivation.ABS));
        assertTrue(e.getMessage().startsWith("bias:"), e.getMessage());
    }
}
