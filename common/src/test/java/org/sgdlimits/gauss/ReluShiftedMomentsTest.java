package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.activation.StandardNormal;

/**
 * The relu moments with means (docs/theory.md §3.11.1): closed forms against an independent nested adaptive
 * Gauss–Kronrod quadrature with breakpoints at the kinks (to 1e-10), I4 against the same quadrature in the
 * reverse conditioning order (w, z first; to 1e-10), everything against Monte Carlo (five standard errors),
 * zero means against {@link ReluMoments} and coincident fields against the one-variable forms.
 */
class ReluShiftedMomentsTest {
    private static final ReluShiftedMoments RELU = ReluShiftedMoments.INSTANCE;
    private static final Role S = Role.STUDENT;
    private static final Role T = Role.TEACHER;
    private static final DoubleUnaryOperator RELU_F = x -> Math.max(x, 0);
    private static final DoubleUnaryOperator STEP_F = x -> x > 0 ? 1 : 0;
    private static final double TOL = 1e-13;

    /** ∫ φ(t) f(t) dt over [−9, 9], split at the kink when inside. */
    private static double gaussianIntegral(DoubleUnaryOperator f, double kink) {
        AdaptiveGaussKronrod.Integrand g = t -> StandardNormal.density(t) * f.applyAsDouble(t);
        if (kink > -9 && kink < 9) {
            return AdaptiveGaussKronrod.integrate(g, new double[] {-9, kink, 9}, TOL);
        }
        return AdaptiveGaussKronrod.integrate(g, -9, 9, TOL);
    }

    /** E[f(u + m1) g(v + m2)] by nested quadrature: u = √c11 t, v = a t + b s. */
    private static double nested2(DoubleUnaryOperator f, DoubleUnaryOperator g, double c11, double c12, double c22,
                                  double m1, double m2) {
        double s1 = Math.sqrt(c11);
        double a = c12 / s1;
        double b = Math.sqrt(c22 - a * a);
        return gaussianIntegral(t -> f.applyAsDouble(s1 * t + m1)
                * gaussianIntegral(s -> g.applyAsDouble(a * t + b * s + m2), -(m2 + a * t) / b), -m1 / s1);
    }

    private static double[] means(SplittableRandom rng) {
        return new double[] {RandomCovariances.gaussian(rng), RandomCovariances.gaussian(rng),
                RandomCovariances.gaussian(rng), RandomCovariances.gaussian(rng)};
    }

    @Test
    void twoPointFormsMatchNestedQuadratureTo1eMinus10() {
        SplittableRandom rng = new SplittableRandom(31);
        double worst = 0;
        for (int trial = 0; trial < 12; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
            double[] m = means(rng);
            worst = Math.max(worst, Math.abs(nested2(RELU_F, RELU_F, c[0], c[1], c[5], m[0], m[1])
                    - RELU.i2(S, T, c[0], c[1], c[5], m[0], m[1])));
            worst = Math.max(worst, Math.abs(nested2(STEP_F, RELU_F, c[0], c[1], c[5], m[0], m[1])
                    - RELU.k2(T, c[0], c[1], c[5], m[0], m[1])));
            worst = Math.max(worst, Math.abs(nested2(STEP_F, STEP_F, c[0], c[1], c[5], m[0], m[1])
                    - RELU.j2(c[0], c[1], c[5], m[0], m[1])));
            // I3 = E[step(u+m1) E[v | u, w] relu(w+m3)], E[v | u, w] = β1 u + β3 w
            double det = c[0] * c[10] - c[2] * c[2];
            double b1 = (c[1] * c[10] - c[6] * c[2]) / det;
            double b3 = (c[6] * c[0] - c[1] * c[2]) / det;
            double s1 = Math.sqrt(c[0]);
            double a = c[2] / s1;
            double b = Math.sqrt(c[10] - a * a);
            double i3 = gaussianIntegral(t -> STEP_F.applyAsDouble(s1 * t + m[0]) * gaussianIntegral(s -> {
                double w = a * t + b * s;
                return (b1 * s1 * t + b3 * w) * RELU_F.applyAsDouble(w + m[2]);
            }, -(m[2] + a * t) / b), -m[0] / s1);
            worst = Math.max(worst, Math.abs(i3 - RELU.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2])));
        }
        System.out.println("relu with means: max |I2, K2, J2, I3 − nested quadrature| = " + worst);
        assertTrue(worst < 1e-10, "max |closed form − nested quadrature| = " + worst);
    }

    /** I4 conditioning on (w, z) first, then the closed orthant probability of (u, v) given (w, z). */
    private static double i4Reversed(double[] c, double[] m) {
        // reorder to (w, z, u, v)
        int[] o = {2, 3, 0, 1};
        double[][] k = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                k[i][j] = c[4 * o[i] + o[j]];
            }
        }
        double sw = Math.sqrt(k[0][0]);
        double az = k[0][1] / sw;
        double bz = Math.sqrt(k[1][1] - az * az);
        // Cholesky rows of u and v on (t, s): u = cu t + du s + ..., v likewise
        double cu = k[0][2] / sw;
        double du = (k[1][2] - az * cu) / bz;
        double cv = k[0][3] / sw;
        double dv = (k[1][3] - az * cv) / bz;
        double ruu = k[2][2] - cu * cu - du * du;
        double ruv = k[2][3] - cu * cv - du * dv;
        double rvv = k[3][3] - cv * cv - dv * dv;
        return gaussianIntegral(t -> RELU_F.applyAsDouble(sw * t + m[2]) * gaussianIntegral(s -> RELU_F.applyAsDouble(
                az * t + bz * s + m[3]) * ReluShiftedMoments.j2Of(ruu, ruv, rvv, m[0] + cu * t + du * s,
                m[1] + cv * t + dv * s), -(m[3] + az * t) / bz), -m[2] / sw);
    }

    @Test
    void fourPointFormMatchesReverseOrderQuadratureTo1eMinus10() {
        SplittableRandom rng = new SplittableRandom(32);
        double worst = 0;
        for (int trial = 0; trial < 4; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
            double[] m = means(rng);
            double closed = RELU.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15],
                    m[0], m[1], m[2], m[3]);
            worst = Math.max(worst, Math.abs(closed - i4Reversed(c, m)));
            if (trial == 0) {
                for (int rep = 0; rep < 5; rep++) { // warm-up
                    RELU.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], m[0], m[1], m[2],
                            m[3]);
                }
                long t0 = System.nanoTime();
                for (int rep = 0; rep < 20; rep++) {
                    RELU.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], m[0], m[1], m[2],
                            m[3]);
                }
                long t1 = System.nanoTime();
                for (int rep = 0; rep < 20; rep++) { // u = v, the diagonal of the noise term
                    RELU.i4(S, T, c[0], c[0], c[2], c[3], c[0], c[2], c[3], c[10], c[11], c[15], m[0], m[0], m[2],
                            m[3]);
                }
                System.out.println("relu with means: I4 " + (t1 - t0) / 20e3 + " µs per call, u = v "
                        + (System.nanoTime() - t1) / 20e3 + " µs (indicative only, loaded machine)");
            }
        }
        System.out.println("relu with means: max |I4 − reverse-order quadrature| = " + worst);
        assertTrue(worst < 1e-10, "max |I4 − reverse-order quadrature| = " + worst);
    }

    @Test
    void zeroMeansReproduceReluMoments() {
        SplittableRandom rng = new SplittableRandom(33);
        ReluMoments zero = ReluMoments.INSTANCE;
        for (int trial = 0; trial < 10; trial++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 2.0);
            assertEquals(zero.i2(S, T, c[0], c[1], c[5]), RELU.i2(S, T, c[0], c[1], c[5], 0, 0), 1e-14);
            assertEquals(zero.j2(c[0], c[1], c[5]), RELU.j2(c[0], c[1], c[5], 0, 0), 1e-14);
            assertEquals(zero.i3(T, c[0], c[1], c[2], c[5], c[6], c[10]),
                    RELU.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], 0, 0), 1e-14);
            assertEquals(zero.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
                    RELU.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], 0, 0, 0, 0),
                    1e-10);
            // K2 at zero means: E[H(u) relu(v)] = (c12/√c11 + √c22)/(2√(2π))
            assertEquals((c[1] / Math.sqrt(c[0]) + Math.sqrt(c[5])) / (2 * Math.sqrt(2 * Math.PI)),
                    RELU.k2(T, c[0], c[1], c[5], 0, 0), 1e-14);
        }
    }

    @Test
    void coincidentFieldsReduceToOneVariableForms() {
        double c = 1.7;
        for (double m : new double[] {-1.3, -0.2, 0.4, 2.1}) {
            double s = Math.sqrt(c);
            double h = m / s;
            double second = (c + m * m) * BivariateNormal.normalCdf(h) + m * s * StandardNormal.density(h);
            double first = m * BivariateNormal.normalCdf(h) + s * StandardNormal.density(h);
            assertEquals(second, RELU.i2(S, S, c, c, c, m, m), 1e-13, "E[relu(u+m)²]");
            assertEquals(first, RELU.k2(S, c, c, c, m, m), 1e-13, "E[H(u+m) relu(u+m)]");
            assertEquals(BivariateNormal.normalCdf(h), RELU.j2(c, c, c, m, m), 1e-13, "E[H(u+m)²]");
            assertEquals(second, RELU.i4(S, S, c, c, c, c, c, c, c, c, c, c, m, m, m, m), 1e-12,
                    "E[H H relu relu] on one field");
            // I3 with u = w: E[H(u+m) v relu(u+m)] = c_uv E[H(u+m) H(u+m)] + c_uv E[δ(u+m) relu(u+m)] = c_uv Φ(h)
            assertEquals(0.3 * BivariateNormal.normalCdf(h), RELU.i3(S, c, 0.3, c, 1.0, 0.3, c, m, m), 1e-13);
        }
    }

    @Test
    void allMomentsAgreeWithMonteCarloIncludingADuplicatedField() {
        SplittableRandom rng = new SplittableRandom(34);
        MomentIntegrands factors = new MomentIntegrands(StandardActivation.RELU, StandardActivation.RELU);
        double[] m = {0.6, -0.5, 0.9, -0.7};
        int n = 400_000;
        for (double[] c : new double[][] {RandomCovariances.wishart(rng, 4, 5, 1.5),
                RandomCovariances.withDuplicate(rng, 4)}) {
            MonteCarloEstimate i4 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                    factors.i4(S, T), m), c, n, 5);
            assertTrue(i4.isConsistentWith(RELU.i4(S, T, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                    c[15], m[0], m[1], m[2], m[3]), 5, 1e-12), "I4 " + i4);
            double[] c3 = {c[0], c[1], c[2], c[4], c[5], c[6], c[8], c[9], c[10]};
            MonteCarloEstimate i3 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                    factors.i3(T), m[0], 0, m[2]), c3, n, 6);
            assertTrue(i3.isConsistentWith(RELU.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]), 5, 1e-12),
                    "I3 " + i3);
            double[] c2 = {c[0], c[1], c[4], c[5]};
            MonteCarloEstimate k2 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                    QuadratureShiftedMoments.k2Factors(factors, T), m[0], m[1]), c2, n, 8);
            assertTrue(k2.isConsistentWith(RELU.k2(T, c[0], c[1], c[5], m[0], m[1]), 5, 1e-12), "K2 " + k2);
        }
    }
}
