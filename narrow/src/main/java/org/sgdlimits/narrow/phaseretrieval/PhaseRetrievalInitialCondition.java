package org.sgdlimits.narrow.phaseretrieval;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.overlap.Overlaps;

/**
 * Initial overlaps for the phase-retrieval escape problem (docs/theory.md §6): students on the "equator"
 * (m_i = O(d^(−1/2))) with unit norms Q_ii = 1, teacher norm ρ, second layers a = a* = 1.
 */
public final class PhaseRetrievalInitialCondition {
    private PhaseRetrievalInitialCondition() {
    }

    /**
     * The typical initial condition at dimension d: m_i = √ρ · d^(−1/2) for every unit, Q = I
     * (so the mean of m_i²/ρ is exactly 1/d).
     */
    public static Overlaps typical(int p, double dimension, double rho) {
        requireDimension(dimension, p);
        double[] q = new double[p * p];
        double[] m = new double[p];
        for (int i = 0; i < p; i++) {
            q[i * p + i] = 1.0;
            m[i] = Math.sqrt(rho / dimension);
        }
        return Overlaps.unchecked(p, 1, q, m, new double[] {rho}, ones(p), new double[] {1.0});
    }

    /**
     * Overlaps of p independent uniformly random student directions and one teacher at dimension d, students
     * scaled to |w_i|² = d and teacher to |w*|² = ρ d. Sampled from their exact law at O(p²) cost independent
     * of d: with the teacher along e_1, w_i ∝ g_i ~ N(0, I_d); the first coordinates g_i1 are i.i.d. N(0, 1) and
     * the Gram matrix of the remaining d − 1 coordinates is Wishart(d − 1, I_p), drawn by Bartlett's
     * decomposition. Then Q_ij = g_i·g_j/(|g_i||g_j|) and M_i = √ρ g_i1/|g_i|.
     *
     * @param dimension d, an integer value with d &gt; p + 1
     */
    public static Overlaps random(int p, long dimension, double rho, UniformRandomProvider rng) {
        requireDimension(dimension, p);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        long rest = dimension - 1;
        // Bartlett: W = L Lᵀ, L lower triangular, L_ii = sqrt(χ²_{n−i}), L_ij ~ N(0,1) for i > j
        double[] lower = new double[p * p];
        for (int i = 0; i < p; i++) {
            double dof = (double) (rest - i);
            double chi2 = 2.0 * AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * dof, 1.0).sample();
            lower[i * p + i] = Math.sqrt(chi2);
            for (int j = 0; j < i; j++) {
                lower[i * p + j] = gauss.sample();
            }
        }
        double[] first = new double[p];
        for (int i = 0; i < p; i++) {
            first[i] = gauss.sample();
        }
        double[] gram = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double acc = first[i] * first[j];
                for (int l = 0; l <= j; l++) {
                    acc += lower[i * p + l] * lower[j * p + l];
                }
                gram[i * p + j] = acc;
                gram[j * p + i] = acc;
            }
        }
        double[] norm = new double[p];
        for (int i = 0; i < p; i++) {
            norm[i] = Math.sqrt(gram[i * p + i]);
        }
        double[] q = new double[p * p];
        double[] m = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] = i == j ? 1.0 : gram[i * p + j] / (norm[i] * norm[j]);
            }
            m[i] = Math.sqrt(rho) * first[i] / norm[i];
        }
        return Overlaps.unchecked(p, 1, q, m, new double[] {rho}, ones(p), new double[] {1.0});
    }

    /**
     * Only the student–teacher overlaps M_i = √ρ g_i1/|g_i| of {@link #random} (same law; the students have unit
     * norm), at O(p) cost and memory: |g_i|² = g_i1² + χ²_{d−1}. For reduced descriptions that do not need Q's
     * off-diagonal entries (the mean-field particle closure).
     */
    public static double[] randomStudentTeacherOverlaps(int p, long dimension, double rho, UniformRandomProvider rng) {
        requireDimension(dimension, p);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        org.apache.commons.rng.sampling.distribution.ContinuousSampler chi2Half =
                AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * (dimension - 1), 1.0);
        double[] m = new double[p];
        for (int i = 0; i < p; i++) {
            double first = gauss.sample();
            double rest = 2.0 * chi2Half.sample();
            m[i] = Math.sqrt(rho) * first / Math.sqrt(first * first + rest);
        }
        return m;
    }

    private static void requireDimension(double dimension, int p) {
        if (!(dimension > p + 1) || !Double.isFinite(dimension)) {
            throw new IllegalArgumentException("dimension d: " + dimension + "; must be finite and > p + 1 = "
                    + (p + 1));
        }
        if (p < 1) {
            throw new IllegalArgumentException("p (width): " + p + "; must be an integer >= 1");
        }
    }

    private static double[] ones(int p) {
        double[] a = new double[p];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }
}
