package org.sgdlimits.meanfield.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory kernels R, Γ, C_g of a sweep (docs/dmft.md §2, "Kernels"). */
class DmftKernelsTest {

    private static final double ALPHA = 0.7;
    private static final double ETA = 0.3;
    private static final double LAMBDA = 0.05;
    private static final DmftModel RIDGE = ExactClosureTest.ridge(ALPHA, ETA, LAMBDA, 0.2, 0.6, 0.5, 25);

    @Test
    void exactClosureKernelsAreTheMarchenkoPasturOnes() {
        DmftKernels k = DmftEngine.exactWithKernels(RIDGE).kernels();
        int n = RIDGE.steps() + 1;
        assertEquals(n, k.size());
        assertNull(k.responseError());
        MarchenkoPastur law = new MarchenkoPastur(ALPHA, 4 * n + 64);
        RidgeClosedForm form = new RidgeClosedForm(law, 1.0, 0.25, 0.2, 0.6, LAMBDA);
        double worstR = 0;
        double worstC = 0;
        for (int t = 0; t < n; t++) {
            for (int s = 0; s < n; s++) {
                // R(t, s) = (1/d) Tr (1 − η(A + λ))^(t−s−1) for s < t, causal zero otherwise
                int power = t - s - 1;
                double expected = power < 0 ? 0.0
                        : law.integrate(a -> Math.pow(1 - ETA * (a + LAMBDA), power));
                worstR = Math.max(worstR, Math.abs(k.response()[t][s] - expected));
                if (s > t) {
                    assertEquals(0.0, k.memory()[t][s], "Γ is causal");
                }
            }
            // C_g(t, t) = α E[(r − y)²] = 2α · training loss for square loss and GD
            double train = form.gradientDescent(ETA, t).trainLoss();
            worstC = Math.max(worstC, Math.abs(k.noiseCovariance()[t][t] - 2 * ALPHA * train));
            // Γ(t, t) = α E[ℓ″] = α for square loss (D(t, t) = 1)
            assertEquals(ALPHA, k.memory()[t][t], 1e-14);
        }
        assertTrue(worstR < 1e-12, "R against the Marchenko–Pastur moments: " + worstR);
        assertTrue(worstC < 1e-12, "C_g(t, t) against 2α train(t): " + worstC);
    }

    @Test
    void monteCarloKernelsAgreeWithTheExactOnesWithinTheirErrors() {
        DmftKernels exact = DmftEngine.exactWithKernels(RIDGE).kernels();
        DmftKernels mc = DmftEngine.monteCarloWithKernels(RIDGE,
                new DmftEngine.MonteCarloSettings(3000, 6, 21L, false, true), true).kernels();
        assertTrue(mc.hasErrors());
        double sumZ2 = 0;
        int count = 0;
        double worst = 0;
        double[][][] e = {exact.response(), exact.memory(), exact.noiseCovariance()};
        double[][][] m = {mc.response(), mc.memory(), mc.noiseCovariance()};
        double[][][] se = {mc.responseError(), mc.memoryError(), mc.noiseCovarianceError()};
        for (int which = 0; which < 3; which++) {
            for (int t = 0; t < exact.size(); t++) {
                for (int s = 0; s <= t; s++) {
                    double gap = m[which][t][s] - e[which][t][s];
                    double err = se[which][t][s];
                    if (err < 1e-13) {
                        // square loss and GD: κ ≡ 1, so R and Γ are the same in every path (deterministic);
                        // the Monte Carlo adjoint runs in single precision
                        assertEquals(e[which][t][s], m[which][t][s], 1e-7, which + " at " + t + "," + s);
                        continue;
                    }
                    double z = gap / err;
                    worst = Math.max(worst, Math.abs(z));
                    sumZ2 += z * z;
                    count++;
                }
            }
        }
        double rms = Math.sqrt(sumZ2 / count);
        // K = 6 sweeps: each z follows a t-distribution with 5 degrees of freedom (P(|t| > 6) ≈ 0.002), and the
        // entries of one sweep move together, so the rms over entries is about one |t| draw (seeds 21–24 at
        // S = 3000 and 12000 gave rms 0.5–2.3, worst 0.9–2.6); a wrong kernel (a lost factor α or a missing
        // cross-time term) is off by tens of standard errors
        assertTrue(rms < 3.0, "rms z " + rms + " over " + count + " entries");
        assertTrue(worst < 6, "largest |z| " + worst);
        assertTrue(count > 300, "compared entries: " + count);
    }

    @Test
    void monteCarloKernelsOfLogisticSgdAreCausalAndTheNoiseCovarianceIsPositiveSemiDefinite() {
        DmftModel logistic = new DmftModel(1.5, 1.0, new TeacherMap.Sign(0.0), StandardLoss.LOGISTIC, 0.01,
                DmftModel.constantSteps(0.5, 15), SelectionProcess.bernoulli(0.3), Momentum.NONE, 0.0, 0.5);
        DmftKernels k = DmftEngine.monteCarloWithKernels(logistic,
                new DmftEngine.MonteCarloSettings(2000, 2, 4L, false, true), true).kernels();
        int n = k.size();
        assertEquals(16, n);
        double[][] c = k.noiseCovariance();
        for (int t = 0; t < n; t++) {
            for (int s = 0; s < n; s++) {
                assertEquals(c[t][s], c[s][t], 0.0, "C_g symmetric");
                if (s >= t) {
                    assertEquals(0.0, k.response()[t][s], "R causal");
                }
            }
            if (t > 0) {
                assertEquals(1.0, k.response()[t][t - 1], 1e-15, "R(s+1, s) = 1");
            }
        }
        // Cholesky of C_g + tiny ridge succeeds: positive semi-definite
        double scale = 0;
        for (int t = 0; t < n; t++) {
            scale = Math.max(scale, c[t][t]);
        }
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = c[i][j] + (i == j ? 1e-12 * scale : 0.0);
                for (int p = 0; p < j; p++) {
                    sum -= l[i][p] * l[j][p];
                }
                if (i == j) {
                    assertTrue(sum > 0, "C_g not positive semi-definite at pivot " + i + ": " + sum);
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        // the kernels are not trivial: the logistic curvature shrinks Γ(t, t) = α E[m₁ ℓ″] below α/4
        for (int t = 0; t < n; t++) {
            assertTrue(k.memory()[t][t] > 0 && k.memory()[t][t] <= 1.5 / 4 + 1e-12, "Γ(t, t) " + k.memory()[t][t]);
        }
    }
}
