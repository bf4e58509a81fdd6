package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

class GaussianMomentsFactoryTest {

    @Test
    void closedFamiliesGetClosedFormsAndEverythingElseQuadrature() {
        assertInstanceOf(ErfMoments.Provider.class, GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.ERF));
        assertInstanceOf(ReluMoments.class, GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.RELU));
        for (StandardActivation a : new StandardActivation[] {StandardActivation.LINEAR, StandardActivation.SQUARE}) {
            for (StandardActivation b : new StandardActivation[] {StandardActivation.LINEAR, StandardActivation.SQUARE}) {
                assertInstanceOf(PolynomialMoments.class, GaussianMoments.forPair(a, b));
            }
        }
        assertInstanceOf(ScaleMixtureMoments.class, GaussianMoments.forPair(StandardActivation.TANH, StandardActivation.TANH));
        assertInstanceOf(KinkMoments.class, GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.RELU));
        assertInstanceOf(KinkMoments.class, GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.LINEAR));
        Activation custom = Activation.custom("softsign", x -> x / (1 + Math.abs(x)),
                x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))), x -> -2 * Math.signum(x) / Math.pow(1 + Math.abs(x), 3));
        assertInstanceOf(ReducedHermiteMoments.class, GaussianMoments.forPair(custom, StandardActivation.ERF));
        assertThrows(IllegalArgumentException.class, () -> GaussianMoments.forPair(null, StandardActivation.ERF));
    }

    @Test
    void rolesSelectTeacherOrStudentActivation() {
        // Student erf, teacher linear: I2(TEACHER, TEACHER) = C12 exactly, I2(STUDENT, TEACHER) = E[erf(u/√2) v].
        GaussianMoments m = GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.LINEAR);
        assertEquals(0.3, m.i2(Role.TEACHER, Role.TEACHER, 1, 0.3, 2), 1e-13);
        // E[erf(u/√2) v] = C12 E[σ'(u)] = C12 √(2/π)/√(1 + C11) by Stein.
        assertEquals(0.3 * Math.sqrt(2 / Math.PI) / Math.sqrt(2), m.i2(Role.STUDENT, Role.TEACHER, 1, 0.3, 2), 1e-12);
        assertEquals(m.student(), StandardActivation.ERF);
        assertEquals(m.teacher(), StandardActivation.LINEAR);
    }

    @Test
    void i4IsSymmetricInUVAndInWZForEveryProviderWhenRolesMatch() {
        double[] c = RandomCovariances.wishart(new java.util.SplittableRandom(31), 4, 6, 1.0);
        GaussianMoments[] providers = {
            GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.ERF),
            GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.RELU),
            GaussianMoments.forPair(StandardActivation.SQUARE, StandardActivation.LINEAR),
            new GaussHermiteMoments(StandardActivation.TANH, StandardActivation.ERF, new GaussHermiteQuadrature(16)),
        };
        for (GaussianMoments m : providers) {
            for (Role r : Role.values()) {
                double v = m.i4(r, r, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
                double swapUV = m.i4(r, r, c[5], c[1], c[6], c[7], c[0], c[2], c[3], c[10], c[11], c[15]);
                double swapWZ = m.i4(r, r, c[0], c[1], c[3], c[2], c[5], c[7], c[6], c[15], c[11], c[10]);
                assertEquals(v, swapUV, 1e-12 * (1 + Math.abs(v)), m + " u<->v");
                assertEquals(v, swapWZ, 1e-12 * (1 + Math.abs(v)), m + " w<->z");
            }
        }
    }

    @Test
    void mixedPairAgreesWithMonteCarlo() {
        GaussianMoments m = GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.RELU);
        MonteCarloMoments mc = new MonteCarloMoments(StandardActivation.ERF, StandardActivation.RELU, 200_000, 12L);
        double[] c = {1.0, 0.3, 0.5, 0.2, 0.3, 0.8, 0.1, 0.4, 0.5, 0.1, 1.2, 0.3, 0.2, 0.4, 0.3, 0.9};
        MonteCarloEstimate e = mc.i3Estimate(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]);
        double v = m.i3(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]);
        // KinkMoments integrates across the kink exactly (≲ 1e-10), so 5 standard errors with no slack.
        assertTrue(e.isConsistentWith(v, 5, 0), v + " vs " + e);
        // Smooth mixed pair (tanh student, erf teacher): no kink, the quadrature is accurate.
        GaussianMoments smooth = GaussianMoments.forPair(StandardActivation.TANH, StandardActivation.ERF);
        MonteCarloMoments mcSmooth = new MonteCarloMoments(StandardActivation.TANH, StandardActivation.ERF, 200_000, 13L);
        MonteCarloEstimate e4 = mcSmooth.i4Estimate(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6],
                c[7], c[10], c[11], c[15]);
        double v4 = smooth.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
        assertTrue(e4.isConsistentWith(v4, 5, 1e-12), v4 + " vs " + e4);
    }
}
