package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.gauss.KinkReferences.halfLine;
import static org.sgdlimits.gauss.KinkReferences.permute;
import static org.sgdlimits.gauss.KinkReferences.twoKinks;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;

/**
 * {@link KinkMoments} with means (ReLU mixed with a smooth activation, biases; docs/theory.md §3.11.2): every
 * moment of the bias ODE (I2, K2, J2, I3, I4, all roles, both orientations) for relu × erf against an independent
 * nested adaptive Gauss–Kronrod quadrature split at the kinks times the erf closed forms with means (and the
 * smooth–smooth products against those closed forms), to 1e-10 relative; relu × tanh against Monte Carlo.
 */
class KinkShiftedMomentsTest {
    private static final double TOLERANCE = 1e-10;
    private static final Role S = Role.STUDENT;
    private static final Role T = Role.TEACHER;
    /** erf(x/√2) is exactly 1 in double precision here: a factor σ(z + FAR) of a dummy variable is 1. */
    private static final double FAR = 40;

    /** The largest relative deviation seen by {@link #close} (printed for docs/theory.md §3.11.2). */
    private double worst;

    private void close(double expected, double actual, double scale, String what) {
        worst = Math.max(worst, Math.abs(actual - expected) / scale);
        assertEquals(expected, actual, TOLERANCE * scale, what + ": " + actual + " vs " + expected
                + " (relative " + Math.abs(actual - expected) / scale + ")");
    }

    /** E[relu(u + m1) σ(w + m2)], σ = erf(x/√2): u = √c11 x over its half-line, w | u from the erf closed form. */
    private static double reluErf(double c11, double c12, double c22, double m1, double m2) {
        double su = Math.sqrt(c11);
        double slope = c12 / c11;
        double cw = c22 - c12 * slope;
        return halfLine(-m1 / su, x -> (su * x + m1) * ErfShiftedMoments.mean(cw, slope * su * x + m2));
    }

    private static double i4(MeanShiftedMoments m, Role a, Role b, double[] c, double[] mu) {
        return m.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], mu[0], mu[1], mu[2], mu[3]);
    }

    /** Relu student, erf teacher: every moment with means against nested Gauss–Kronrod and the erf closed forms. */
    @Test
    void reluStudentErfTeacherMatchesKinkSplitQuadrature() {
        MeanShiftedMoments k = MeanShiftedMoments.forPair(StandardActivation.RELU, StandardActivation.ERF);
        assertInstanceOf(KinkMoments.class, k);
        SplittableRandom rng = new SplittableRandom(41);
        for (int trial = 0; trial < 3; trial++) {
            double[] c = trial == 2 ? permute(RandomCovariances.withDuplicate(rng, 4), 2, 3, 0, 1)
                    : RandomCovariances.wishart(rng, 4, 6, 1.0);
            double[] m = {0.8 * RandomCovariances.gaussian(rng), 0.8 * RandomCovariances.gaussian(rng),
                    0.8 * RandomCovariances.gaussian(rng), 0.8 * RandomCovariances.gaussian(rng)};
            String at = " trial " + trial;
            double scale = Math.sqrt(c[0] * c[10]) + Math.abs(m[0] * m[2]);
            double i2 = reluErf(c[0], c[2], c[10], m[0], m[2]);
            close(i2, k.i2(S, T, c[0], c[2], c[10], m[0], m[2]), scale, "I2(S,T)" + at);
            close(i2, k.i2(T, S, c[10], c[2], c[0], m[2], m[0]), scale, "I2(T,S)" + at);
            close(ErfShiftedMoments.i2(c[10], c[11], c[15], m[2], m[3]), k.i2(T, T, c[10], c[11], c[15], m[2], m[3]),
                    1, "I2(T,T)" + at);
            double su = Math.sqrt(c[0]);
            double slope = c[2] / c[0];
            double cw = c[10] - c[2] * slope;
            // K2 = E[step(u + m1) σ(w + m2)]
            close(halfLine(-m[0] / su, x -> ErfShiftedMoments.mean(cw, slope * su * x + m[2])),
                    k.k2(T, c[0], c[2], c[10], m[0], m[2]), 1, "K2(T)" + at);
            // I3 = E[step(u+m1) v σ(w+m3)]; (v, w) | u Gaussian, Stein: m_v E[σ] + C'_vw E[σ']
            double cvw = c[6] - c[1] * c[2] / c[0];
            double i3 = halfLine(-m[0] / su, x -> {
                double u = su * x;
                double mw = slope * u + m[2];
                return c[1] / c[0] * u * ErfShiftedMoments.mean(cw, mw) + cvw * ErfShiftedMoments.derivativeMean(cw, mw);
            });
            close(i3, k.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]), Math.sqrt(c[5] * c[10]), "I3(T)" + at);
            // I4(T,T) = E[step(u+m1) step(v+m2) σ(w+m3) σ(z+m4)]
            double i4tt = twoKinks(c, m[0], m[1], x -> 1, x -> 1,
                    (c33, c34, c44, a3, a4) -> ErfShiftedMoments.i2(c33, c34, c44, a3 + m[2], a4 + m[3]));
            close(i4tt, i4(k, T, T, c, m), 1, "I4(T,T)" + at);
            if (trial == 1) {
                continue; // the triple Gauss–Kronrod reference below is slow: a regular and a duplicated case
            }
            // I4(S,T) = E[step step relu(w+m3) σ(z+m4)]: the inner relu × erf pair by one more Gauss–Kronrod level
            double i4st = twoKinks(c, m[0], m[1], x -> 1, x -> 1,
                    (c33, c34, c44, a3, a4) -> reluErf(c33, c34, c44, a3 + m[2], a4 + m[3]));
            close(i4st, i4(k, S, T, c, m), Math.sqrt(c[10]) + Math.abs(m[2]), "I4(S,T)" + at);
        }
        System.out.println("relu/erf with means: largest relative deviation from the references " + worst);
    }

    /** Erf student, relu teacher: the mixed moments against nested Gauss–Kronrod, the smooth ones closed. */
    @Test
    void erfStudentReluTeacherMatchesKinkSplitQuadratureAndErfClosedForms() {
        MeanShiftedMoments k = MeanShiftedMoments.forPair(StandardActivation.ERF, StandardActivation.RELU);
        assertInstanceOf(KinkMoments.class, k);
        SplittableRandom rng = new SplittableRandom(43);
        for (int trial = 0; trial < 3; trial++) {
            double[] c = trial == 2 ? RandomCovariances.withDuplicate(rng, 4) : RandomCovariances.wishart(rng, 4, 6, 1.0);
            double[] m = {0.8 * RandomCovariances.gaussian(rng), 0.8 * RandomCovariances.gaussian(rng),
                    0.8 * RandomCovariances.gaussian(rng), 0.8 * RandomCovariances.gaussian(rng)};
            String at = " trial " + trial;
            // smooth-only products: the erf closed forms
            close(ErfShiftedMoments.i2(c[0], c[1], c[5], m[0], m[1]), k.i2(S, S, c[0], c[1], c[5], m[0], m[1]), 1,
                    "I2(S,S)" + at);
            close(ErfShiftedMoments.k2(c[0], c[1], c[5], m[0], m[1]), k.k2(S, c[0], c[1], c[5], m[0], m[1]), 1,
                    "K2(S)" + at);
            close(ErfShiftedMoments.j2Of(c[0], c[1], c[5], m[0], m[1]), k.j2(c[0], c[1], c[5], m[0], m[1]), 1,
                    "J2" + at);
            close(ErfShiftedMoments.i3(c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]),
                    k.i3(S, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]), Math.sqrt(c[5]), "I3(S)" + at);
            close(ErfShiftedMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15], m[0], m[1], m[2],
                    m[3]), i4(k, S, S, c, m), 1, "I4(S,S)" + at);
            // mixed two-point moments: the relu variable w = √c33 x outer
            double scale = Math.sqrt(c[0] * c[10]) + Math.abs(m[0] * m[2]);
            close(reluErf(c[10], c[2], c[0], m[2], m[0]), k.i2(S, T, c[0], c[2], c[10], m[0], m[2]), scale,
                    "I2(S,T)" + at);
            double sw = Math.sqrt(c[10]);
            double au = c[2] / c[10];
            double av = c[6] / c[10];
            double cuu = c[0] - c[2] * au;
            double cuv = c[1] - c[2] * av;
            // K2 = E[σ'(u + m1) relu(w + m2)], E[σ'(u + m1) | w] closed
            close(halfLine(-m[2] / sw, x -> (sw * x + m[2]) * ErfShiftedMoments.derivativeMean(cuu, au * sw * x + m[0])),
                    k.k2(T, c[0], c[2], c[10], m[0], m[2]), scale, "K2(T)" + at);
            // I3 = E[σ'(u+m1) v relu(w+m3)]: given w, tilting by σ'(u+m1) shifts v by −C'_uv (μ_u + m1)/(1 + C'_uu)
            double i3 = halfLine(-m[2] / sw, x -> {
                double w = sw * x;
                double mu = au * w + m[0];
                return (w + m[2]) * ErfShiftedMoments.derivativeMean(cuu, mu) * (av * w - cuv * mu / (1 + cuu));
            });
            close(i3, k.i3(T, c[0], c[1], c[2], c[5], c[6], c[10], m[0], m[2]), Math.sqrt(c[5]) * scale, "I3(T)" + at);
            // I4(T,T) = E[σ'(u+m1) σ'(v+m2) relu(w+m3) relu(z+m4)]: (w, z) outer, the erf J2 closed inside
            double[] p = permute(c, 2, 3, 0, 1);
            double i4tt = twoKinks(p, m[2], m[3], x -> x + m[2], x -> x + m[3],
                    (c11, c12, c22, a1, a2) -> ErfShiftedMoments.j2Of(c11, c12, c22, a1 + m[0], a2 + m[1]));
            double scale4 = Math.sqrt(c[10] * c[15]) + Math.abs(m[2] * m[3]);
            close(i4tt, i4(k, T, T, c, m), scale4, "I4(T,T)" + at);
            // I4(S,T) = E[σ'(u+m1) σ'(v+m2) σ(w+m3) relu(z+m4)]: z outer; given z the erf closed form of
            // E[σ'σ'σ] (a fourth factor σ(FAR) = 1 of a dummy variable)
            double sz = Math.sqrt(c[15]);
            double[] b = {c[3] / c[15], c[7] / c[15], c[11] / c[15]};
            double[] cc = new double[9];
            int[] idx = {0, 1, 2};
            int[] col = {3, 7, 11};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cc[i * 3 + j] = c[idx[i] * 4 + idx[j]] - c[col[i]] * c[col[j]] / c[15];
                }
            }
            double i4st = halfLine(-m[3] / sz, x -> {
                double z = sz * x;
                return (z + m[3]) * ErfShiftedMoments.i4(cc[0], cc[1], cc[2], 0, cc[4], cc[5], 0, cc[8], 0, 0,
                        b[0] * z + m[0], b[1] * z + m[1], b[2] * z + m[2], FAR);
            });
            close(i4st, i4(k, S, T, c, m), Math.sqrt(c[15]) + Math.abs(m[3]), "I4(S,T)" + at);
        }
        System.out.println("erf/relu with means: largest relative deviation from the references " + worst);
    }

    /** Every moment with means of relu × tanh and tanh × relu within 5 standard errors of Monte Carlo. */
    @Test
    void reluTanhWithMeansAgreesWithMonteCarlo() {
        SplittableRandom rng = new SplittableRandom(47);
        double[] mu = {0.5, -0.4, 0.7, -0.6};
        int n = 200_000;
        for (double[] c : new double[][] {RandomCovariances.wishart(rng, 4, 6, 1.0),
                RandomCovariances.withDuplicate(rng, 4)}) {
            for (boolean studentRelu : new boolean[] {true, false}) {
                var s = studentRelu ? StandardActivation.RELU : StandardActivation.TANH;
                var t = studentRelu ? StandardActivation.TANH : StandardActivation.RELU;
                MeanShiftedMoments k = MeanShiftedMoments.forPair(s, t);
                assertInstanceOf(KinkMoments.class, k);
                MomentIntegrands f = new MomentIntegrands(s, t);
                double[] c2 = {c[0], c[2], c[8], c[10]};
                double[] c3 = {c[0], c[1], c[2], c[4], c[5], c[6], c[8], c[9], c[10]};
                long seed = 1;
                for (Role a : Role.values()) {
                    for (Role b : Role.values()) {
                        MonteCarloEstimate e = MonteCarloMoments.expectation(
                                QuadratureShiftedMoments.shifted(f.i4(a, b), mu), c, n, seed++);
                        double v = i4(k, a, b, c, mu);
                        assertTrue(e.isConsistentWith(v, 5, 1e-12), "I4 " + a + b + " " + k + ": " + v + " vs " + e);
                        MonteCarloEstimate e2 = MonteCarloMoments.expectation(
                                QuadratureShiftedMoments.shifted(f.i2(a, b), mu[0], mu[2]), c2, n, seed++);
                        double v2 = k.i2(a, b, c[0], c[2], c[10], mu[0], mu[2]);
                        assertTrue(e2.isConsistentWith(v2, 5, 1e-12), "I2 " + a + b + " " + k + ": " + v2 + " vs " + e2);
                    }
                    MonteCarloEstimate e3 = MonteCarloMoments.expectation(
                            QuadratureShiftedMoments.shifted(f.i3(a), mu[0], 0, mu[2]), c3, n, seed++);
                    double v3 = k.i3(a, c[0], c[1], c[2], c[5], c[6], c[10], mu[0], mu[2]);
                    assertTrue(e3.isConsistentWith(v3, 5, 1e-12), "I3 " + a + " " + k + ": " + v3 + " vs " + e3);
                    MonteCarloEstimate k2 = MonteCarloMoments.expectation(QuadratureShiftedMoments.shifted(
                            QuadratureShiftedMoments.k2Factors(f, a), mu[0], mu[2]), c2, n, seed++);
                    double vk = k.k2(a, c[0], c[2], c[10], mu[0], mu[2]);
                    assertTrue(k2.isConsistentWith(vk, 5, 1e-12), "K2 " + a + " " + k + ": " + vk + " vs " + k2);
                }
                MonteCarloEstimate j = MonteCarloMoments.expectation(
                        QuadratureShiftedMoments.shifted(f.j2(), mu[0], mu[1]), new double[] {c[0], c[1], c[4], c[5]},
                        n, seed);
                double vj = k.j2(c[0], c[1], c[5], mu[0], mu[1]);
                assertTrue(j.isConsistentWith(vj, 5, 1e-12), "J2 " + k + ": " + vj + " vs " + j);
            }
        }
    }
}
