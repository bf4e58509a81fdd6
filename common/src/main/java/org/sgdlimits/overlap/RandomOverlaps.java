package org.sgdlimits.overlap;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded random valid overlaps, for tests and benchmarks that need a generic Ω.
 *
 * <p>Law: Ω = s · G Gᵀ / c, where G is an n × c matrix (n = p + k rows: the p student units first, then the k
 * teacher units) of independent standard Gaussians and s &gt; 0 a scale. Equivalently Ω is the overlap matrix
 * w_u·w_v/c of n independent weight vectors w_u ~ N(0, s I_c) in dimension c, i.e. (s/c) times a Wishart
 * W_n(c, I) matrix: E Ω = s I, Ω is always positive semi-definite and positive definite almost surely when
 * c ≥ n; its off-diagonal entries are of order s/√c. Gaussians come from a Commons RNG Ziggurat sampler.
 */
public final class RandomOverlaps {
    private RandomOverlaps() {
    }

    /** A seeded generator (XoShiRo256++ from Commons RNG) for the samplers below. */
    public static UniformRandomProvider generator(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * Row-major rows × cols matrix of independent N(0, scale) entries (the random weights behind
     * {@link #gram}).
     *
     * @throws IllegalArgumentException naming the field if rows or cols &lt; 1 or scale is not positive and finite
     */
    public static double[] gaussianWeights(UniformRandomProvider rng, int rows, int cols, double scale) {
        requireAtLeastOne("rows", rows);
        requireAtLeastOne("cols", cols);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale: " + scale + "; must be finite and > 0");
        }
        ContinuousSampler gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = Math.sqrt(scale);
        double[] w = new double[rows * cols];
        for (int idx = 0; idx < w.length; idx++) {
            w[idx] = sd * gaussian.sample();
        }
        return w;
    }

    /** The row-major rows × rows Gram matrix W Wᵀ/cols of a row-major rows × cols matrix W. */
    public static double[] gram(double[] w, int rows, int cols) {
        requireAtLeastOne("rows", rows);
        requireAtLeastOne("cols", cols);
        OverlapValidation.requireSize("w", w, rows * cols, rows + "x" + cols);
        double[] omega = new double[rows * rows];
        for (int u = 0; u < rows; u++) {
            for (int v = 0; v <= u; v++) {
                double s = 0;
                for (int l = 0; l < cols; l++) {
                    s += w[u * cols + l] * w[v * cols + l];
                }
                omega[u * rows + v] = s / cols;
                omega[v * rows + u] = s / cols;
            }
        }
        return omega;
    }

    /** Ω = scale · G Gᵀ/cols for an n × cols standard Gaussian G: the law of the class comment, row-major n × n. */
    public static double[] covariance(UniformRandomProvider rng, int n, int cols, double scale) {
        return gram(gaussianWeights(rng, n, cols, scale), n, cols);
    }

    /**
     * Overlaps with Ω drawn from the law of the class comment (p = a.length students first, k = aStar.length
     * teacher units) and the given second layers.
     */
    public static Overlaps wishart(UniformRandomProvider rng, int cols, double scale, double[] a, double[] aStar) {
        int p = a.length;
        int k = aStar.length;
        return Overlaps.fromCovariance(covariance(rng, p + k, cols, scale), p, k, a, aStar);
    }

    private static void requireAtLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + "; must be >= 1");
        }
    }
}
