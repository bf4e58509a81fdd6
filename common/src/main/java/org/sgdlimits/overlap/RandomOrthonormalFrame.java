package org.sgdlimits.overlap;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * n orthonormal vectors in R^d, uniformly (Haar) distributed: Gaussian vectors orthonormalised by modified
 * Gram–Schmidt, applied twice ("twice is enough") so that O Oᵀ = I holds to a few ulps even for n close to d.
 */
final class RandomOrthonormalFrame {
    private RandomOrthonormalFrame() {
    }

    /** Row-major n×d matrix with orthonormal rows. Needs n ≤ d. */
    static double[] sample(int n, int d, UniformRandomProvider rng) {
        if (n > d) {
            throw new IllegalArgumentException("dimension: " + d + "; must be at least p + k = " + n);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] o = new double[n * d];
        for (int i = 0; i < o.length; i++) {
            o[i] = gauss.sample();
        }
        for (int i = 0; i < n; i++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += o[i * d + c] * o[j * d + c];
                    }
                    for (int c = 0; c < d; c++) {
                        o[i * d + c] -= dot * o[j * d + c];
                    }
                }
            }
            double norm2 = 0;
            for (int c = 0; c < d; c++) {
                norm2 += o[i * d + c] * o[i * d + c];
            }
            double inv = 1.0 / Math.sqrt(norm2);
            for (int c = 0; c < d; c++) {
                o[i * d + c] *= inv;
            }
        }
        return o;
    }
}
