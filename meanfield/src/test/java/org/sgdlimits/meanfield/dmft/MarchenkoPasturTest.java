package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MarchenkoPasturTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 1.0, 1.7, 3.0, 10.0})
    void massMeanAndSecondMomentMatchTheLaw(double alpha) {
        MarchenkoPastur law = new MarchenkoPastur(alpha, 64);
        assertEquals(1.0, law.integrate(a -> 1.0), 1e-13, "mass");
        assertEquals(alpha, law.integrate(a -> a), 1e-13 * alpha, "mean");
        assertEquals(alpha + alpha * alpha, law.integrate(a -> a * a), 1e-12 * (1 + alpha * alpha), "second moment");
        // third moment of Marchenko-Pastur (ratio alpha): alpha^3 + 3 alpha^2 + alpha
        assertEquals(alpha * alpha * alpha + 3 * alpha * alpha + alpha, law.integrate(a -> a * a * a),
                1e-12 * (1 + alpha * alpha * alpha), "third moment");
    }

    @Test
    void atomCarriesTheMissingMassBelowAlphaOne() {
        MarchenkoPastur law = new MarchenkoPastur(0.25, 32);
        assertEquals(0.0, law.node(0));
        assertEquals(0.75, law.weight(0), 1e-13);
        assertEquals(0.25, law.integrate(a -> a > 0 ? 1.0 : 0.0), 1e-13, "continuous part has mass alpha");
        MarchenkoPastur above = new MarchenkoPastur(4.0, 32);
        assertEquals(0.0, above.weight(0), 1e-13, "no atom above alpha = 1");
    }

    @Test
    void handCheckOfTheClosedFormAfterOneStep() {
        // alpha = 3, eta = 0.1, lambda = 0.5, c0 = 0.2, rho = 1, qv = 0.96, sigma = 0:
        // m(1) = 0.95*0.2 - 0.3*(0.2 - 1) = 0.43.
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(3.0, 64), 1.0, 0.0, 0.2, 0.96, 0.5);
        assertEquals(0.43, form.gradientDescent(0.1, 1).m(), 1e-14);
        // q(1) = E[(eta a + c0 k)^2] + qv E[k^2], k = 1 - eta (a + lambda): polynomial moments of the law.
        double eta = 0.1;
        double lam = 0.5;
        double ea = 3.0;
        double ea2 = 3.0 + 9.0;
        double k0 = 1 - eta * lam;
        double ek = k0 - eta * ea;
        double ek2 = k0 * k0 - 2 * k0 * eta * ea + eta * eta * ea2;
        double eak = k0 * ea - eta * ea2;
        double q1 = eta * eta * ea2 + 2 * eta * 0.2 * eak + 0.04 * ek2 + 0.96 * ek2;
        assertEquals(q1, form.gradientDescent(eta, 1).q(), 1e-14);
        assertEquals(0.2 * 1 + 0.0, form.gradientDescent(eta, 0).m(), 1e-15);
        assertEquals(ek * 0.2 + eta * ea, form.gradientDescent(eta, 1).m(), 1e-14);
    }

    @Test
    void initialTrainingLossIsHalfTheDistanceSeenThroughTheData() {
        // t = 0: train = [rho (c0-1)^2 E a + qv E a]/(2 alpha) + sigma^2/2 = [rho (c0-1)^2 + qv]/2 + sigma^2/2
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(0.6, 64), 1.3, 0.25, 0.4, 0.7, 0.0);
        assertEquals((1.3 * 0.36 + 0.7) / 2 + 0.125, form.gradientDescent(0.2, 0).trainLoss(), 1e-13);
        assertEquals(form.gradientDescent(0.2, 0).trainLoss(), form.gradientFlow(0.0).trainLoss(), 1e-14);
    }

    @Test
    void gradientDescentApproachesGradientFlowAtFirstOrder() {
        RidgeClosedForm form = new RidgeClosedForm(new MarchenkoPastur(0.7, 128), 1.0, 0.3, 0.1, 0.5, 0.0);
        double time = 2.0;
        RidgeClosedForm.Overlaps flow = form.gradientFlow(time);
        double e1 = Math.abs(form.gradientDescent(0.02, 100).trainLoss() - flow.trainLoss());
        double e2 = Math.abs(form.gradientDescent(0.01, 200).trainLoss() - flow.trainLoss());
        assertEquals(2.0, e1 / e2, 0.05, "error halves with eta");
    }
}
