package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;

/** The O(p) latent-Gaussian corrected closure against the dense O(p²) reference (docs/closure.md §5). */
class LatentLowRankClosureTest {

    private static final StandardActivation ERF = StandardActivation.ERF;

    /** A state: m_i spread around 0.2, q⊥_i in [0.5, 1], second layer a_i around 1, H as given. */
    static double[] state(int p, double[] h) {
        int r = (int) Math.round(Math.sqrt(h.length));
        double[] y = new double[2 * p + r * r];
        for (int i = 0; i < p; i++) {
            y[i] = 0.2 + 0.4 * Math.sin(1.7 * i + 0.3);
            y[p + i] = 0.5 + 0.5 * ((i * 0.6180339887498949) % 1.0);
        }
        System.arraycopy(h, 0, y, 2 * p, h.length);
        return y;
    }

    static double[] secondLayer(int p) {
        double[] a = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = 1.0 + 0.3 * Math.cos(0.9 * i);
        }
        return a;
    }

    private static DenseLowRankClosure dense(double[] a, double g, double delta, DenseLowRankClosure.Basis basis) {
        return new DenseLowRankClosure(new PopulationDrift(GaussianMoments.forPair(ERF, ERF), new double[] {1.0},
                new double[] {1.0}, delta), g, a, basis);
    }

    private static LatentLowRankClosure latent(double[] a, double g, double delta, DenseLowRankClosure.Basis basis,
                                               int nodes) {
        return new LatentLowRankClosure(ERF, ERF, 1.0, 1.0, a, basis, ParticleDriftSettings.ofWidth(a.length)
                .withNoiseCoefficient(g).withLabelNoise(delta), nodes);
    }

    /** max |latent − dense| over the right-hand side (ṁ, q̇⊥, Ḣ) and ε, relative to max(1, |dense|). */
    private static double discrepancy(int p, double[] h, DenseLowRankClosure.Basis basis, double g, double delta,
                                      int nodes) {
        double[] a = secondLayer(p);
        double[] y = state(p, h);
        DenseLowRankClosure ref = dense(a, g, delta, basis);
        LatentLowRankClosure fast = latent(a, g, delta, basis, nodes);
        double[] want = new double[y.length];
        double[] got = new double[y.length];
        ref.derivatives(y, want);
        fast.derivatives(y, got);
        double err = Math.abs(ref.excessRisk(y) - fast.excessRisk(y));
        for (int x = 0; x < y.length; x++) {
            err = Math.max(err, Math.abs(got[x] - want[x]) / Math.max(1, Math.abs(want[x])));
        }
        return err;
    }

    /** H = B Bᵀ · scale for a fixed B: positive semi-definite. */
    static double[] psd(int r, double scale) {
        double[] b = {0.9, -0.2, 0.3, 0.1, 0.5, -0.4, 0.2, 0.3, 0.6};
        double[] h = new double[r * r];
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                for (int k = 0; k < r; k++) {
                    h[x * r + z] += scale * b[x * 3 + k] * b[z * 3 + k];
                }
            }
        }
        return h;
    }

    @Test
    void positiveSemiDefiniteCorrectionIsTheDenseDrift() {
        for (int p : new int[] {5, 17, 40}) {
            for (DenseLowRankClosure.Basis basis : new DenseLowRankClosure.Basis[] {DenseLowRankClosure.Basis.A_AQ,
                    DenseLowRankClosure.Basis.A_AQ_AM}) {
                double err = discrepancy(p, psd(basis.rank(), 0.05), basis, 0.2, 0.1, 10);
                System.out.printf("latent vs dense, H >= 0, p = %d, r = %d: %.2e%n", p, basis.rank(), err);
                assertTrue(err < 1e-10, "p = " + p + ", " + basis + ": " + err);
            }
        }
    }

    @Test
    void scheduleFactorScalesGradientAndNoiseParts() {
        int p = 9;
        double[] a = secondLayer(p);
        double[] y = state(p, psd(2, 0.04));
        double s = 0.6;
        double[] want = new double[y.length];
        dense(a, 0.2 * s, 0.0, DenseLowRankClosure.Basis.A_AQ).derivatives(y, want);
        double[] got = new double[y.length];
        latent(a, 0.2, 0.0, DenseLowRankClosure.Basis.A_AQ, 12).derivatives(y, s, got);
        for (int x = 0; x < y.length; x++) {
            assertEquals(s * want[x], got[x], 1e-11 * Math.max(1, Math.abs(want[x])));
        }
    }

    /** The extrapolation in the negative part is exact to O(|H₋|³): halving H₋ divides the error by ≈ 8. */
    @Test
    void indefiniteCorrectionIsThirdOrderInTheNegativePart() {
        int p = 17;
        double[] last = new double[3];
        double[] scales = {0.08, 0.04, 0.02};
        for (int k = 0; k < scales.length; k++) {
            // H = diag(0.04, 0.02, −scale): H₊ fixed, H₋ = scale e₃e₃ᵀ
            double[] h = {0.04, 0, 0, 0, 0.02, 0, 0, 0, -scales[k]};
            LatentLowRankClosure fast = latent(secondLayer(p), 0.2, 0.0, DenseLowRankClosure.Basis.A_AQ_AM, 8);
            assertTrue(fast.indefinite(state(p, h)));
            last[k] = discrepancy(p, h, DenseLowRankClosure.Basis.A_AQ_AM, 0.2, 0.0, 8);
            System.out.printf("latent vs dense, indefinite, |H-| scale %.2f: %.2e%n", scales[k], last[k]);
        }
        for (int k = 1; k < scales.length; k++) {
            double ratio = last[k - 1] / last[k];
            assertTrue(ratio > 5 && ratio < 12, "halving |H-| should divide the error by ~8: " + ratio);
        }
        assertTrue(last[0] < 1e-4, "error at |H-| = 0.08: " + last[0]);
    }

    @Test
    void refusesAStateWithoutLatentRepresentation() {
        int p = 5;
        double[] y = state(p, psd(2, 3.0));
        LatentLowRankClosure fast = latent(secondLayer(p), 0.2, 0.0, DenseLowRankClosure.Basis.A_AQ, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fast.derivatives(y, new double[y.length]));
        assertTrue(e.getMessage().contains("q⊥"), e.getMessage());
    }

    /** Erf, k = 1, g = 0.2, p = 16, 32, 64, the start of DenseLowRankClosureTest: the O(p) route is ≥ 100× closer. */
    @Test
    void linearCostCorrectionIsAtLeastAHundredTimesCloserToTheFullOde() throws java.io.IOException {
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int p : new int[] {16, 32, 64}) {
            long t0 = System.nanoTime();
            double[] e = DenseLowRankClosureTest.errors(p, 0.2, a -> new LatentLowRankClosure(ERF, ERF, 1.0, 1.0, a,
                    DenseLowRankClosure.Basis.A_AQ_AM, ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.2),
                    LatentLowRankClosure.DEFAULT_LATENT_NODES, 0, LATENT_TOLERANCE_ODE), 1e-9, 1e-9);
            System.out.printf("erf k=1 g=0.2 p=%d O(p) route: max |d eps| corrected %.3g, plain %.3g, max_i |dm_i| "
                    + "%.3g (%.1f s)%n", p, e[0], e[1], e[2], (System.nanoTime() - t0) * 1e-9);
            assertTrue(e[0] * 100 <= e[1], "p = " + p + ": corrected " + e[0] + ", plain " + e[1]);
            least = Math.min(least, e[1] / e[0]);
            most = Math.max(most, e[1] / e[0]);
        }
        ReadmeQuotes.assertQuoted("## Corrected mean-field closure", "O(p) route, g = 0.2: "
                + ReadmeQuotes.sig(least, 2) + "–" + ReadmeQuotes.sig(most, 2) + "× closer to the full ODE than the "
                + "plain closure at p = 16–64");
    }

    private static final double LATENT_TOLERANCE_ODE = 1e-8;
}
