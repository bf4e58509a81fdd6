package org.sgdlimits.gauss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.gauss.KinkReferences.halfLine;
import static org.sgdlimits.gauss.KinkReferences.permute;
import static org.sgdlimits.gauss.KinkReferences.twoKinks;
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
            for (int k = 0; k < 2; k++) {
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
                if (k == 0) {
                    continue; // full-rank I4 is checked against the erf closed forms and Monte Carlo (cheaper)
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

    // ---- relu x erf against nested adaptive Gauss–Kronrod split at the kink times the erf closed forms ----

    @Test
    void reluErfMatchesKinkSplitGaussKronrodWithErfClosedForms() {
        SplittableRandom rng = new SplittableRandom(11);
        GaussianMoments reluErf = GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.ERF);
        GaussianMoments erfRelu = GaussianMoments.forPair(StandardActivation.ERF, StandardActivation.RELU);
        for (int k = 0; k < 3; k++) {
            double[] c = RandomCovariances.wishart(rng, 4, 6, 1.0);
            double scale = Math.sqrt(c[10] * c[15]);
            // I2 = E[relu(u) erf(w/√2)]: u = √c11 ξ, w | u ~ N(c13/c11 u, c33 − c13²/c11)
            double su = Math.sqrt(c[0]);
            double slope = c[2] / c[0];
            double cw = c[10] - c[2] * slope;
            double i2 = halfLine(0, x -> su * x * ErfShiftedMoments.mean(cw, slope * su * x));
            close(i2, reluErf.i2(Role.STUDENT, Role.TEACHER, c[0], c[2], c[10]), scale, "I2 relu/erf");
            close(i2, erfRelu.i2(Role.TEACHER, Role.STUDENT, c[0], c[2], c[10]), scale, "I2 erf/relu");
            // I3 = E[1[u>0] v erf(w)], (v, w) | u Gaussian; Stein: E[v erf(w) | u] = m_v E[erf] + C'_vw E[erf']
            double cvw = c[6] - c[1] * c[2] / c[0];
            double i3 = halfLine(0, x -> {
                double u = su * x;
                double mw = slope * u;
                return c[1] / c[0] * u * ErfShiftedMoments.mean(cw, mw) + cvw * ErfShiftedMoments.derivativeMean(cw, mw);
            });
            close(i3, reluErf.i3(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]), Math.sqrt(c[5] * c[10]),
                    "I3 relu/erf");
            // I4 = E[1[u>0] 1[v>0] erf(w) erf(z)]
            double i4 = twoKinks(c, 0, 0, x -> 1, x -> 1, ErfShiftedMoments::i2);
            close(i4, reluErf.i4(Role.TEACHER, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                    c[15]), 1, "I4 relu/erf");
            // erf student, relu teacher: I4 = E[erf'(u) erf'(v) relu(w) relu(z)], kinks (w, z) outer
            double i4b = twoKinks(permute(c, 2, 3, 0, 1), 0, 0, x -> x, x -> x, ErfShiftedMoments::j2Of);
            close(i4b, erfRelu.i4(Role.TEACHER, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                    c[15]), scale, "I4 erf/relu");
        }
    }

    /** Every moment of relu × tanh and tanh × relu within 5 standard errors of Monte Carlo. */
    @Test
    void reluTanhAgreesWithMonteCarlo() {
        double[] c = RandomCovariances.wishart(new SplittableRandom(5), 4, 6, 1.0);
        for (boolean studentRelu : new boolean[] {true, false}) {
            var s = studentRelu ? StandardActivation.RELU : StandardActivation.TANH;
            var t = studentRelu ? StandardActivation.TANH : StandardActivation.RELU;
            GaussianMoments m = GaussianMoments.forPair(s, t);
            MonteCarloMoments mc = new MonteCarloMoments(s, t, 200_000, 3L);
            for (Role a : Role.values()) {
                for (Role b : Role.values()) {
                    MonteCarloEstimate e = mc.i4Estimate(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10],
                            c[11], c[15]);
                    double v = m.i4(a, b, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
                    assertTrue(e.isConsistentWith(v, 5, 0), "I4 " + a + b + " " + m + ": " + v + " vs " + e);
                }
                MonteCarloEstimate e3 = mc.i3Estimate(a, c[0], c[1], c[2], c[5], c[6], c[10]);
                double v3 = m.i3(a, c[0], c[1], c[2], c[5], c[6], c[10]);
                assertTrue(e3.isConsistentWith(v3, 5, 0), "I3 " + a + " " + m + ": " + v3 + " vs " + e3);
                MonteCarloEstimate e2 = mc.i2Estimate(a, Role.TEACHER, c[0], c[2], c[10]);
                double v2 = m.i2(a, Role.TEACHER, c[0], c[2], c[10]);
                assertTrue(e2.isConsistentWith(v2, 5, 0), "I2 " + a + " " + m + ": " + v2 + " vs " + e2);
            }
            MonteCarloEstimate j = mc.j2Estimate(c[0], c[1], c[5]);
            assertTrue(j.isConsistentWith(m.j2(c[0], c[1], c[5]), 5, 0), "J2 " + m + " vs " + j);
        }
    }

    /**
     * The convergence table of docs/theory.md §3.10 ("Pairs with a kink"): relative deviation of I2(S,T), I3(T),
     * I4(T,T) (two kinked factors) and I4(S,T) (three) of relu × σ* from a 12-node, 1e-15 run, against the
     * Gauss–Legendre nodes per panel; the document must quote it verbatim.
     */
    @Test
    void convergenceTableIsQuotedInTheory() throws java.io.IOException {
        double[] c = {1.0, 0.3, 0.5, 0.2, 0.3, 0.8, 0.1, 0.4, 0.5, 0.1, 1.2, 0.3, 0.2, 0.4, 0.3, 0.9};
        StringBuilder table = new StringBuilder("| σ* | nodes/panel | I2(S,T) | I3(T) | I4(T,T) | I4(S,T) |\n"
                + "|---|---|---|---|---|---|\n");
        for (StandardActivation g : new StandardActivation[] {StandardActivation.ERF, StandardActivation.TANH}) {
            double[] ref = moments(new KinkMoments(StandardActivation.RELU, g, 1e-15, 12), c);
            for (int n : new int[] {4, 6, KinkMoments.DEFAULT_NODES}) {
                double[] v = moments(new KinkMoments(StandardActivation.RELU, g, KinkMoments.DEFAULT_TOLERANCE, n), c);
                table.append("| ").append(g.id()).append(" | ").append(n).append(" |");
                for (int i = 0; i < 4; i++) {
                    double rel = Math.abs(v[i] - ref[i]) / Math.abs(ref[i]);
                    // below 1e-13 the deviation is rounding and inner-rule noise, quoted as a bound
                    table.append(rel < 1e-13 ? " < 1e-13 |" : String.format(java.util.Locale.ROOT, " %.0e |", rel));
                    if (n == KinkMoments.DEFAULT_NODES) {
                        assertTrue(rel < 1e-12, "default nodes: relative deviation " + rel);
                    }
                }
                table.append('\n');
            }
        }
        System.out.println(table);
        java.nio.file.Path theory = java.nio.file.Path.of("..", "docs", "theory.md");
        String doc = java.nio.file.Files.readString(theory);
        assertTrue(doc.contains(table.toString()), "docs/theory.md must quote the table:\n" + table);
    }

    private static double[] moments(GaussianMoments m, double[] c) {
        return new double[] {
            m.i2(Role.STUDENT, Role.TEACHER, c[0], c[1], c[5]),
            m.i3(Role.TEACHER, c[0], c[1], c[2], c[5], c[6], c[10]),
            m.i4(Role.TEACHER, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
            m.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]),
        };
    }
}
