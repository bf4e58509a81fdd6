package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.gauss.KinkSplitQuadrature.IDENTITY;
import static org.sgdlimits.gauss.KinkSplitQuadrature.RELU;
import static org.sgdlimits.gauss.KinkSplitQuadrature.STEP;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;

/**
 * {@link KinkMoments} (ReLU mixed with a smooth activation) against independent references: the exact
 * kink-split quadrature of piecewise-linear factors (relu × linear), nested adaptive Gauss–Kronrod split at the
 * kink times the erf closed forms (relu × erf), and Monte Carlo (relu × tanh, sigmoid).
 */
class KinkMomentsTest {

    static final double TOLERANCE = 1e-10;

    private static double[] covariance(SplittableRandom rng, int n, int k) {
        return k % 3 == 1 ? RandomCovariances.withDuplicate(rng, n) : RandomCovariances.wishart(rng, n, n + 2, 1.0);
    }

    private static void close(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, TOLERANCE * scale, what + ": " + actual + " vs " + expected
                + " (relative " + Math.abs(actual - expected) / scale + ")");
    }

    /** Every moment, both orientations, of relu × linear against the exact piecewise-polynomial reference. */
    @Test
    void reluLinearMatchesExactKinkSplitQuadrature() {
        KinkSplitQuadrature q = new KinkSplitQuadrature(10, 1.0);
        SplittableRandom rng = new SplittableRandom(7);
        for (boolean studentRelu : new boolean[] {true, false}) {
            var s = studentRelu ? StandardActivation.RELU : StandardActivation.LINEAR;
            var t = studentRelu ? StandardActivation.LINEAR : StandardActivation.RELU;
            GaussianMoments m = GaussianMoments.forPair(s, t);
            assertInstanceOf(KinkMoments.class, m);
            KinkSplitQuadrature.Factor fs = studentRelu ? RELU : IDENTITY;
            KinkSplitQuadrature.Factor ft = studentRelu ? IDENTITY : RELU;
            KinkSplitQuadrature.Factor d = studentRelu ? STEP : new KinkSplitQuadrature.Factor(1, 0, 1, 0);
            for (int k = 0; k < 3; k++) {
                double[] c2 = covariance(rng, 2, k);
                double scale2 = Math.sqrt(c2[0] * c2[3]);
                for (Role a : Role.values()) {
                    for (Role b : Role.values()) {
                        var fa = a == Role.STUDENT ? fs : ft;
                        var fb = b == Role.STUDENT ? fs : ft;
                        close(q.expectation(new KinkSplitQuadrature.Factor[] {fa, fb}, c2),
                                m.i2(a, b, c2[0], c2[1], c2[3]), scale2, "I2 " + a + b + " " + m);
                    }
                }
                double[] c3 = covariance(rng, 3, k);
                for (Role b : Role.values()) {
                    var fb = b == Role.STUDENT ? fs : ft;
                    close(q.expectation(new KinkSplitQuadrature.Factor[] {d, IDENTITY, fb}, c3),
                            m.i3(b, c3[0], c3[1], c3[2], c3[4], c3[5], c3[8]), Math.sqrt(c3[4] * c3[8]),
                            "I3 " + b + " " + m);
                }
                double[] c = covariance(rng, 4, k);
                for (Role a : Role.values()) {
                    for (Role b : Role.values()) {
                        var fa = a == Role.STUDENT ? fs : ft;
                        var fb = b == Role.STUDENT ? fs : ft;
                        close(q.expectation(new KinkSplitQuadrature.Factor[] {d, d, fa, fb}, c),
                                m.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                                Math.sqrt(c[10] * c[15]), "I4 " + a + b + " k=" + k + " " + m);
                    }
                }
            }
        }
    }
}
