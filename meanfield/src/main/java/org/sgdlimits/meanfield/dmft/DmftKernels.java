package org.sgdlimits.meanfield.dmft;

import java.util.List;

/**
 * The memory kernels of a DMFT sweep (docs/dmft.md §2) as dense (T+1) × (T+1) matrices indexed [t][s] by step,
 * t, s = 0 … T (fewer rows when the sweep diverged: only the recorded steps):
 * <ul>
 *   <li>{@link #response} R(t, s) = rw(t, s): response of w(t) to a unit force injected at step s (it enters
 *       w(s+1)); causal, R(t, s) = 0 for s ≥ t, R(s+1, s) = 1. Without momentum R(t, s) is R(t, s+1) of the
 *       source notes; for ridge GD it is the Marchenko–Pastur moment ∫ (1 − η(a + λ))^(t−s−1) dμ_α(a).</li>
 *   <li>{@link #memory} Γ(t, s) = α E[m₁ ℓ″(t) D(t, s)] for s ≤ t (0 above the diagonal): the n-side memory
 *       kernel; Γ(t, t) is the effective regularisation.</li>
 *   <li>{@link #noiseCovariance} C_g(t, s) = α E[g(t) g(s)] = (L Lᵀ)(t, s), symmetric positive semi-definite:
 *       the covariance of the effective d-side noise.</li>
 * </ul>
 * For a Monte Carlo run the matrices are the means over the K independent sweeps and the {@code *Error}
 * matrices their standard errors; for the exact closure the error matrices are null. Arrays are returned as
 * stored (not copied): treat them as read-only.
 *
 * @param response             R(t, s)
 * @param memory               Γ(t, s)
 * @param noiseCovariance      C_g(t, s)
 * @param responseError        standard error of R over sweeps, or null
 * @param memoryError          standard error of Γ over sweeps, or null
 * @param noiseCovarianceError standard error of C_g over sweeps, or null
 */
public record DmftKernels(double[][] response, double[][] memory, double[][] noiseCovariance,
                          double[][] responseError, double[][] memoryError, double[][] noiseCovarianceError) {

    /** Number of steps (rows and columns) of each matrix. */
    public int size() {
        return response.length;
    }

    /** Whether the matrices come with Monte Carlo standard errors. */
    public boolean hasErrors() {
        return responseError != null;
    }

    /** The three kernels of one sweep's d-side state at steps 0 … rows − 1. */
    static double[][][] of(DSideKernels d, int rows) {
        double[][] r = new double[rows][rows];
        double[][] gamma = new double[rows][rows];
        double[][] cg = new double[rows][rows];
        for (int t = 0; t < rows; t++) {
            for (int s = 0; s < t; s++) {
                r[t][s] = d.responseOfW(t, s);
            }
            int row = DSideKernels.tri(t, 0);
            for (int s = 0; s <= t; s++) {
                gamma[t][s] = d.gamma[row + s];
                int other = DSideKernels.tri(s, 0);
                double c = 0;
                for (int j = 0; j <= s; j++) {
                    c += d.noise[row + j] * d.noise[other + j];
                }
                cg[t][s] = c;
                cg[s][t] = c;
            }
        }
        return new double[][][] {r, gamma, cg};
    }

    /** The kernels of one sweep (no errors). */
    static DmftKernels single(DSideKernels d, int rows) {
        double[][][] k = of(d, rows);
        return new DmftKernels(k[0], k[1], k[2], null, null, null);
    }

    /**
     * Means and standard errors over sweeps (K ≥ 2), each sweep's kernels at steps 0 … rows − 1.
     *
     * @param runs  the sweeps' kernels, each from {@link #of}
     */
    static DmftKernels mean(List<double[][][]> runs, int rows) {
        double[][][] mean = new double[3][rows][rows];
        double[][][] error = new double[3][rows][rows];
        int k = runs.size();
        for (int m = 0; m < 3; m++) {
            for (int t = 0; t < rows; t++) {
                for (int s = 0; s < rows; s++) {
                    double sum = 0;
                    for (double[][][] run : runs) {
                        sum += run[m][t][s];
                    }
                    double mu = sum / k;
                    double ss = 0;
                    for (double[][][] run : runs) {
                        double dev = run[m][t][s] - mu;
                        ss += dev * dev;
                    }
                    mean[m][t][s] = mu;
                    error[m][t][s] = k < 2 ? Double.NaN : Math.sqrt(ss / (k - 1) / k);
                }
            }
        }
        return new DmftKernels(mean[0], mean[1], mean[2], error[0], error[1], error[2]);
    }
}
