package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;

/**
 * The erf closed forms against the exact Gaussian tilting identity (docs/theory.md §3):
 * E[σ'(u1)σ'(u2) h] = (2/π) det(I + C D)^(−1/2) E_{C'}[h], C' = C − C_{:,S}(I + C_{SS})^{−1} C_{S,:}
 * (the Woodbury form of (C⁻¹ + D)⁻¹, valid for singular C too), D the projector on the tilted slots S.
 * With h = σ(w)σ(z) the right side is (2/π) det(...)^(−1/2) I2(C'); with one tilted slot and h = v σ(w) it is
 * √(2/π) (1 + C11)^(−1/2) C'23 √(2/π)/√(1 + C'33) by Stein's lemma.
 */
class ErfMomentsTest {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /** C' and det(I + C_SS) after tilting the first m variables by exp(−u_s²/2). */
    private static double[] tilt(double[] c, int n, int m, double[] detOut) {
        DMatrixRMaj cm = new DMatrixRMaj(n, n, true, c);
        DMatrixRMaj css = CommonOps_DDRM.extract(cm, 0, m, 0, m);
        for (int i = 0; i < m; i++) {
            css.add(i, i, 1.0);
        }
        DMatrixRMaj cs = CommonOps_DDRM.extract(cm, 0, n, 0, m);
        DMatrixRMaj x = new DMatrixRMaj(m, n);
        CommonOps_DDRM.solve(css, CommonOps_DDRM.transpose(cs, null), x);
        DMatrixRMaj correction = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(cs, x, correction);
        detOut[0] = CommonOps_DDRM.det(css);
        double[] out = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            out[i] = c[i] - correction.data[i];
        }
        return out;
    }

    private static void checkI4AndJ2(double[] c) {
        double[] det = new double[1];
        double[] cp = tilt(c, 4, 2, det);
        double expectedI4 = (2 / Math.PI) / Math.sqrt(det[0]) * ErfMoments.i2(cp[10], cp[11], cp[15]);
        double i4 = ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
        assertEquals(expectedI4, i4, 1e-14, "I4 vs tilting");
        double expectedJ2 = (2 / Math.PI) / Math.sqrt(det[0]);
        assertEquals(expectedJ2, ErfMoments.j2(c[0], c[1], c[5]), 1e-14, "J2 vs tilting");
    }

    private static void checkI3(double[] c) {
        double[] det = new double[1];
        double[] cp = tilt(c, 3, 1, det);
        double expected = SQRT_2_OVER_PI / Math.sqrt(det[0]) * cp[5] * SQRT_2_OVER_PI / Math.sqrt(1 + cp[8]);
        double i3 = ErfMoments.i3(c[0], c[1], c[2], c[4], c[5], c[8]);
        assertEquals(expected, i3, 1e-14, "I3 vs tilting");
    }

    @Test
    void closedFormsMatchGaussianTiltingOnRandomCovariances() {
        SplittableRandom rng = new SplittableRandom(20261201L);
        for (int trial = 0; trial < 200; trial++) {
            double scale = 0.1 + 3 * rng.nextDouble();
            checkI4AndJ2(RandomCovariances.wishart(rng, 4, 4 + rng.nextInt(4), scale));
            checkI3(RandomCovariances.wishart(rng, 3, 3 + rng.nextInt(4), scale));
        }
    }

    @Test
    void closedFormsMatchGaussianTiltingOnNearlySingularCovariances() {
        SplittableRandom rng = new SplittableRandom(7L);
        for (int trial = 0; trial < 100; trial++) {
            checkI4AndJ2(RandomCovariances.nearlySingular(rng, 4, 1e-8));
            checkI4AndJ2(RandomCovariances.withDuplicate(rng, 4));
            checkI3(RandomCovariances.nearlySingular(rng, 3, 1e-8));
            checkI3(RandomCovariances.withDuplicate(rng, 3));
        }
    }

    @Test
    void closedFormsAgreeWithMonteCarloWithinFiveStandardErrors() {
        MonteCarloMoments mc = new MonteCarloMoments(StandardActivation.ERF, StandardActivation.ERF, 200_000, 42L);
        SplittableRandom rng = new SplittableRandom(99L);
        for (int trial = 0; trial < 8; trial++) {
            double[] c = trial % 4 == 3 ? RandomCovariances.nearlySingular(rng, 4, 1e-8)
                    : RandomCovariances.wishart(rng, 4, 4 + trial, 0.3 + trial * 0.3);
            MonteCarloEstimate i4 = mc.i4Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6],
                    c[7], c[10], c[11], c[15]);
            double exact = ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
            assertTrue(i4.isConsistentWith(exact, 5, 1e-12), "I4 " + exact + " vs " + i4);
            MonteCarloEstimate i3 = mc.i3Estimate(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]);
            double exact3 = ErfMoments.i3(c[0], c[1], c[2], c[5], c[6], c[10]);
            assertTrue(i3.isConsistentWith(exact3, 5, 1e-12), "I3 " + exact3 + " vs " + i3);
            MonteCarloEstimate i2 = mc.i2Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[5]);
            double exact2 = ErfMoments.i2(c[0], c[1], c[5]);
            assertTrue(i2.isConsistentWith(exact2, 5, 1e-12), "I2 " + exact2 + " vs " + i2);
            MonteCarloEstimate j2 = mc.j2Estimate(c[0], c[1], c[5]);
            double exactJ = ErfMoments.j2(c[0], c[1], c[5]);
            assertTrue(j2.isConsistentWith(exactJ, 5, 1e-12), "J2 " + exactJ + " vs " + j2);
        }
    }

    @Test
    void i4IsSymmetricUnderSwappingUVAndWZ() {
        SplittableRandom rng = new SplittableRandom(3L);
        for (int trial = 0; trial < 50; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
            double i4 = ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
            // swap u <-> v: indices 1<->2
            double swapUV = ErfMoments.i4(c[5], c[1], c[6], c[7], c[0], c[2], c[3], c[10], c[11], c[15]);
            // swap w <-> z: indices 3<->4
            double swapWZ = ErfMoments.i4(c[0], c[1], c[3], c[2], c[5], c[7], c[6], c[15], c[11], c[10]);
            assertEquals(i4, swapUV, 1e-15);
            assertEquals(i4, swapWZ, 1e-15);
        }
    }

    @Test
    void knownValuesAtIdentityAndPerfectCorrelation() {
        // I2 with u = v, C11 = 1: (2/π) asin(1/2) = 1/3.
        assertEquals(1.0 / 3.0, ErfMoments.i2(1, 1, 1), 1e-15);
        // J2 at C = I: (2/π)/2.
        assertEquals(1 / Math.PI, ErfMoments.j2(1, 0, 1), 1e-15);
        // Perfect correlation must not produce NaN through rounding (argument clamped).
        double x = 0.1 + 0.2;
        assertTrue(Double.isFinite(ErfMoments.i2(x, x * (1 + 1e-16), x)));
    }

    @Test
    void factoryReturnsClosedFormForErfPair() {
        GaussianMoments m = GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.ERF);
        assertSame(ErfMoments.INSTANCE, m);
        assertEquals(ErfMoments.i4(1, .2, .3, .1, 1.5, .4, .2, 2, .5, 1),
                m.i4(Role.STUDENT, Role.TEACHER, 1, .2, .3, .1, 1.5, .4, .2, 2, .5, 1), 0.0);
    }
}
