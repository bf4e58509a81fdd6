package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.gauss.KinkSplitQuadrature.IDENTITY;
import static org.sgdlimits.gauss.KinkSplitQuadrature.RELU;
import static org.sgdlimits.gauss.KinkSplitQuadrature.STEP;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;

/**
 * ReLU closed forms against an independent kink-split quadrature ({@link KinkSplitQuadrature}: exact innermost
 * level, Gauss–Legendre split at the kinks elsewhere) and against Monte Carlo. Measured while writing this
 * test: I4 agrees with the split quadrature (10 nodes per unit panel) to 1e-14..7e-11 on full-rank covariances
 * and to 2e-16 with a duplicated variable (the split quadrature, not the closed form, limits the agreement:
 * with 16 nodes the difference is ~1e-15..1e-17).
 */
class ReluMomentsTest {

    private static final ReluMoments RELU_MOMENTS = ReluMoments.INSTANCE;
    private static final Role S = Role.STUDENT;

    private static double i4(double[] c) {
        return RELU_MOMENTS.i4(S, S, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
    }

    @Test
    void twoPointMomentsMatchKinkSplitQuadrature() {
        // Graded splitting resolves the near-kinks of nearly singular covariances.
        KinkSplitQuadrature q = new KinkSplitQuadrature(30, 0.1, 14);
        SplittableRandom rng = new SplittableRandom(21);
        for (int t = 0; t < 12; t++) {
            double[] c = switch (t % 4) {
                case 0 -> RandomCovariances.nearlySingular(rng, 2, 1e-8);
                case 1 -> RandomCovariances.withDuplicate(rng, 2);
                default -> RandomCovariances.wishart(rng, 2, 2 + t % 3, 0.5 + t * 0.2);
            };
            // With an eigenvalue ~1e-8 the determinant C11 C22 − C12² is itself only known to ~1e-16/1e-8
            // relative (rounding of the entries), which bounds the agreement of any two methods.
            double tol = t % 4 == 0 ? 1e-13 : 1e-14;
            assertEquals(q.expectation(new KinkSplitQuadrature.Factor[] {RELU, RELU}, c),
                    RELU_MOMENTS.i2(S, S, c[0], c[1], c[3]), tol, "I2");
            assertEquals(q.expectation(new KinkSplitQuadrature.Factor[] {STEP, STEP}, c),
                    RELU_MOMENTS.j2(c[0], c[1], c[3]), tol, "J2");
        }
    }

    @Test
    void i3MatchesKinkSplitQuadrature() {
        KinkSplitQuadrature q = new KinkSplitQuadrature(10, 1.0);
        KinkSplitQuadrature graded = new KinkSplitQuadrature(16, 0.25, 12);
        SplittableRandom rng = new SplittableRandom(22);
        for (int t = 0; t < 7; t++) {
            boolean nearlySingular = t == 6;
            double[] c = nearlySingular ? RandomCovariances.nearlySingular(rng, 3, 1e-8)
                    : t % 3 == 1 ? RandomCovariances.withDuplicate(rng, 3)
                    : RandomCovariances.wishart(rng, 3, 3 + t % 3, 0.5 + t * 0.2);
            double reference = (nearlySingular ? graded : q).expectation(
                    new KinkSplitQuadrature.Factor[] {STEP, IDENTITY, RELU}, c);
            assertEquals(reference, RELU_MOMENTS.i3(S, c[0], c[1], c[2], c[4], c[5], c[8]), 1e-12, "I3");
        }
    }

    @Test
    void i4MatchesKinkSplitQuadrature() {
        KinkSplitQuadrature q = new KinkSplitQuadrature(10, 1.0);
        KinkSplitQuadrature.Factor[] f = {STEP, STEP, RELU, RELU};
        SplittableRandom rng = new SplittableRandom(1);
        double[] generic = RandomCovariances.wishart(rng, 4, 6, 0.8);
        double[] duplicate = RandomCovariances.withDuplicate(rng, 4);
        double[] lowRank = RandomCovariances.wishart(rng, 4, 2, 1.0);
        assertEquals(q.expectation(f, generic), i4(generic), 1e-9);
        assertEquals(q.expectation(f, duplicate), i4(duplicate), 1e-12);
        assertEquals(q.expectation(f, lowRank), i4(lowRank), 1e-12);
    }

    /** The 4×4 covariance of (x_map[0], …, x_map[3]) for a covariance b of n variables. */
    private static double[] coincident(double[] b, int n, int... map) {
        double[] c = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                c[4 * i + j] = b[n * map[i] + map[j]];
            }
        }
        return c;
    }

    @Test
    void i4WithCoincidentArgumentsMatchesGradedKinkSplitQuadrature() {
        // u = v (also with w = u or w = z) is the exact three-variable reduction E[H(u) σ(w) σ(z)]; w = z, u = w
        // and u = v = w = z go through the path integral or the reduction. Measured: ≤ 4e-16 relative to
        // √(C33 C44) for every pattern (before the reduction u = v = w was off by up to 1.1e-9). The graded
        // reference is needed: the plain kink split is off by up to 1.6e-7 for some duplicated covariances.
        KinkSplitQuadrature q = new KinkSplitQuadrature(16, 0.5, 6);
        KinkSplitQuadrature.Factor[] f = {STEP, STEP, RELU, RELU};
        int[][] patterns = {{0, 0, 1, 2}, {0, 0, 0, 1}, {0, 0, 1, 1}, {0, 0, 1, 0}, {0, 0, 0, 0},
            {0, 1, 0, 2}, {0, 1, 2, 2}, {0, 1, 0, 1}, {0, 1, 2, 0}, {0, 1, 1, 0}};
        SplittableRandom rng = new SplittableRandom(31);
        for (int[] map : patterns) {
            for (int t = 0; t < 2; t++) {
                double[] b = RandomCovariances.wishart(rng, 3, 3 + t, 0.5 + 0.4 * t);
                double[] c = coincident(b, 3, map);
                double scale = Math.sqrt(c[10] * c[15]);
                assertEquals(q.expectation(f, c) / scale, i4(c) / scale, 1e-13,
                        java.util.Arrays.toString(map) + " " + java.util.Arrays.toString(b));
            }
        }
    }

    @Test
    void i4AtTheDiagonalNoiseTermOfThePopulationDriftMatchesGradedKinkSplitQuadrature() {
        // GenericDriftKernel.noisePair at i = j: (u, v, w, z) = (λ_i, λ_i, λ_i, λ_t) and (λ_i, λ_i, λ_t, λ_t),
        // covariance entries Q_ii, M_it, P_tt. Before the fix the first was off by up to 2e-9 (the mean-field
        // report: 0.35978087131601294 against 0.359780872587819379 from a 30-digit integration).
        KinkSplitQuadrature q = new KinkSplitQuadrature(30, 0.25, 12);
        KinkSplitQuadrature.Factor[] f = {STEP, STEP, RELU, RELU};
        double p = 1.0;
        for (double qii : new double[] {0.1, 0.7, 2.9}) {
            for (double r : new double[] {-0.9, 0.2, 0.6, 0.999}) {
                double m = r * Math.sqrt(qii * p);
                double[] studentTwice = {qii, m, m, p};
                double[] uuuz = coincident(studentTwice, 2, 0, 0, 0, 1);
                double[] uuzz = coincident(studentTwice, 2, 0, 0, 1, 1);
                assertEquals(q.expectation(f, uuuz), i4(uuuz), 1e-13 * Math.sqrt(qii * p), "uuuz " + qii + " " + r);
                assertEquals(q.expectation(f, uuzz), i4(uuzz), 1e-13 * p, "uuzz " + qii + " " + r);
            }
        }
    }

    @Test
    void stepReluReluClosedFormHasItsElementaryValues() {
        // independent: P(u > 0) E[σ(w)]² = 1/(4π); w = z independent of u: E[σ(w)²]/2 = 1/4; u = w = z: 1/2;
        // z = −w: 0.
        assertEquals(1 / (4 * Math.PI), ReluMoments.stepReluRelu(0, 0, 0), 1e-16);
        assertEquals(0.25, ReluMoments.stepReluRelu(0, 0, 1), 1e-16);
        assertEquals(0.5, ReluMoments.stepReluRelu(1, 1, 1), 1e-16);
        assertEquals(0.0, ReluMoments.stepReluRelu(0.3, -0.3, -1), 1e-16);
    }

    @Test
    void allMomentsAgreeWithMonteCarloIncludingSingularCovariances() {
        MonteCarloMoments mc = new MonteCarloMoments(StandardActivation.RELU, StandardActivation.RELU, 250_000, 77L);
        SplittableRandom rng = new SplittableRandom(4);
        for (int t = 0; t < 6; t++) {
            double[] c = switch (t % 3) {
                case 0 -> RandomCovariances.nearlySingular(rng, 4, 1e-8);
                case 1 -> RandomCovariances.withDuplicate(rng, 4);
                default -> RandomCovariances.wishart(rng, 4, 4 + t, 0.5 + t * 0.3);
            };
            MonteCarloEstimate e4 = mc.i4Estimate(S, S, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
            assertTrue(e4.isConsistentWith(i4(c), 5, 1e-12), "I4 " + i4(c) + " vs " + e4);
            double v3 = RELU_MOMENTS.i3(S, c[0], c[1], c[2], c[5], c[6], c[10]);
            assertTrue(mc.i3Estimate(S, c[0], c[1], c[2], c[5], c[6], c[10]).isConsistentWith(v3, 5, 1e-12), "I3");
            assertTrue(mc.i2Estimate(S, S, c[0], c[1], c[5]).isConsistentWith(
                    RELU_MOMENTS.i2(S, S, c[0], c[1], c[5]), 5, 1e-12), "I2");
            assertTrue(mc.j2Estimate(c[0], c[1], c[5]).isConsistentWith(RELU_MOMENTS.j2(c[0], c[1], c[5]), 5, 1e-12), "J2");
        }
    }

    @Test
    void exactlySingularConfigurationsHaveTheirElementaryValues() {
        // u = v = w = z, unit variance: E[H(u) relu(u)²] = E[u² H(u)] = 1/2. (Rank 1 is the worst case for
        // rounding near the end of the path: measured error 2e-13.)
        double[] same = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(0.5, i4(same), 1e-12);
        // Scaled copies: w = 2u, z = 3u: E[H(u) 6 u² H(u)] = 3.
        assertEquals(3.0, RELU_MOMENTS.i4(S, S, 1, 1, 2, 3, 1, 2, 3, 4, 6, 9), 6e-12);
        // z = −w: relu(w) relu(−w) = 0; v = −u: H(u) H(−u) = 0.
        assertEquals(0.0, RELU_MOMENTS.i4(S, S, 1, 0.3, 0.2, -0.2, 1, 0.1, -0.1, 1, -1, 1), 1e-14);
        assertEquals(0.0, RELU_MOMENTS.i4(S, S, 1, -1, 0.2, 0.4, 1, -0.2, -0.4, 1, 0.3, 1), 1e-14);
        // Independent blocks: P(u>0, v>0) E[relu(w) relu(z)].
        double expected = RELU_MOMENTS.j2(1, 0.4, 1) * RELU_MOMENTS.i2(S, S, 1.5, -0.6, 0.8);
        assertEquals(expected, RELU_MOMENTS.i4(S, S, 1, 0.4, 0, 0, 1, 0, 0, 1.5, -0.6, 0.8), 1e-14);
        // A zero variance gives zero (H(0) = 0).
        assertEquals(0.0, RELU_MOMENTS.i4(S, S, 0, 0, 0, 0, 1, 0.1, 0.1, 1, 0.1, 1), 0.0);
        assertEquals(0.0, RELU_MOMENTS.j2(0, 0, 1), 0.0);
    }

    @Test
    void i4IsContinuousAtSingularCovariances() {
        double[] dup = RandomCovariances.withDuplicate(new SplittableRandom(6), 4);
        double base = i4(dup);
        for (double eps : new double[] {1e-6, 1e-8, 1e-10}) {
            double[] c = dup.clone();
            for (int i = 0; i < 4; i++) {
                c[5 * i] += eps;
            }
            assertTrue(Math.abs(i4(c) - base) < 10 * Math.sqrt(eps), "eps=" + eps + ": " + (i4(c) - base));
        }
    }

    @Test
    void i4IsSymmetricUnderSwappingUVAndWZ() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 20; t++) {
            double[] c = t % 5 == 4 ? RandomCovariances.withDuplicate(rng, 4) : RandomCovariances.wishart(rng, 4, 5, 1.0);
            double v = i4(c);
            double swapUV = RELU_MOMENTS.i4(S, S, c[5], c[1], c[6], c[7], c[0], c[2], c[3], c[10], c[11], c[15]);
            double swapWZ = RELU_MOMENTS.i4(S, S, c[0], c[1], c[3], c[2], c[5], c[7], c[6], c[15], c[11], c[10]);
            assertEquals(v, swapUV, 1e-13);
            assertEquals(v, swapWZ, 1e-13);
        }
    }

    @Test
    void nearPerfectCorrelationKeepsTheRiskNonNegative() {
        // E[(relu(u) − relu(v))²] for v ≈ u must be ≥ 0 and match its small exact value.
        for (double delta : new double[] {1e-6, 1e-8, 1e-10}) {
            double c11 = 1;
            double c22 = 1;
            double c12 = 1 - delta;
            double risk = RELU_MOMENTS.i2(S, S, c11, c11, c11) - 2 * RELU_MOMENTS.i2(S, S, c11, c12, c22)
                    + RELU_MOMENTS.i2(S, S, c22, c22, c22);
            // E[(relu(u) − relu(v))²] = 1 − 2 K(ρ) with K(ρ) = (√(1−ρ²) + (π − θ)ρ)/(2π); ≈ (1−ρ)(1 − ...) > 0.
            assertTrue(risk >= 0, "risk " + risk + " at delta " + delta);
            assertEquals(delta, risk, 0.05 * delta);
        }
    }

    @Test
    void factoryReturnsReluClosedForms() {
        assertSame(RELU_MOMENTS, GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.RELU));
    }
}
