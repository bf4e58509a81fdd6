package org.sgdlimits.gauss;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sgdlimits.activation.Activation;

/**
 * Monte Carlo estimates of Gaussian moments, for tests: each expectation is the mean of a product of
 * one-dimensional factors over N samples of N(0, C), with its standard error.
 *
 * <p>Samples are u = L ξ with ξ ~ N(0, I_r) drawn by a Ziggurat sampler on XoShiRo256++, L the pivoted Cholesky
 * factor of C (so singular and nearly singular C are fine). Every call starts from the configured seed, so
 * results are reproducible and calls with the same dimension use common random numbers. Immutable and
 * thread-safe (each call has its own generator). As a {@link GaussianMoments} it returns the sample means.
 */
public final class MonteCarloMoments implements GaussianMoments {

    private final MomentIntegrands integrands;
    private final int samples;
    private final long seed;

    /**
     * @param student the student activation σ
     * @param teacher the teacher activation σ*
     * @param samples number of samples per expectation, ≥ 2
     * @param seed    seed of every estimate
     */
    public MonteCarloMoments(Activation student, Activation teacher, int samples, long seed) {
        if (samples < 2) {
            throw new IllegalArgumentException("samples: " + samples + "; must be >= 2");
        }
        this.integrands = new MomentIntegrands(student, teacher);
        this.samples = samples;
        this.seed = seed;
    }

    /**
     * Estimates E[Π_i f_i(u_i)] for u ~ N(0, C).
     *
     * @param factors           one function per variable (length n ≥ 1)
     * @param covarianceRowMajor C as a row-major n × n array
     * @param samples           number of samples, ≥ 2
     * @param seed              generator seed
     */
    public static MonteCarloEstimate expectation(Activation.Function[] factors, double[] covarianceRowMajor,
                                                 int samples, long seed) {
        if (factors == null || factors.length == 0) {
            throw new IllegalArgumentException("factors: must contain at least one function");
        }
        if (samples < 2) {
            throw new IllegalArgumentException("samples: " + samples + "; must be >= 2");
        }
        int n = factors.length;
        PivotedCholesky f = PivotedCholesky.of(covarianceRowMajor, n);
        Activation.Function[] ordered = new Activation.Function[n];
        for (int i = 0; i < n; i++) {
            ordered[i] = factors[f.perm[i]];
        }
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int r = f.rank;
        double[] l = f.l;
        double[] xi = new double[Math.max(r, 1)];
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < r; j++) {
                xi[j] = gauss.sample();
            }
            double prod = 1;
            for (int i = 0; i < n; i++) {
                int m = Math.min(i + 1, r);
                double u = 0;
                for (int j = 0; j < m; j++) {
                    u += l[i * n + j] * xi[j];
                }
                prod *= ordered[i].apply(u);
            }
            sum += prod;
            sumSq += prod * prod;
        }
        double mean = sum / samples;
        double var = Math.max(0, (sumSq - samples * mean * mean) / (samples - 1));
        return new MonteCarloEstimate(mean, Math.sqrt(var / samples));
    }

    /** I2 = E[σ_a(u) σ_b(v)] with its standard error. */
    public MonteCarloEstimate i2Estimate(Role a, Role b, double c11, double c12, double c22) {
        return expectation(integrands.i2(a, b), MomentIntegrands.cov2(c11, c12, c22), samples, seed);
    }

    /** I3 = E[σ'(u) v σ_b(w)] with its standard error. */
    public MonteCarloEstimate i3Estimate(Role b, double c11, double c12, double c13, double c22, double c23,
                                         double c33) {
        return expectation(integrands.i3(b), MomentIntegrands.cov3(c11, c12, c13, c22, c23, c33), samples, seed);
    }

    /** I4 = E[σ'(u) σ'(v) σ_a(w) σ_b(z)] with its standard error. */
    public MonteCarloEstimate i4Estimate(Role a, Role b, double c11, double c12, double c13, double c14,
                                         double c22, double c23, double c24, double c33, double c34, double c44) {
        return expectation(integrands.i4(a, b),
                MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44), samples, seed);
    }

    /** J2 = E[σ'(u) σ'(v)] with its standard error. */
    public MonteCarloEstimate j2Estimate(double c11, double c12, double c22) {
        return expectation(integrands.j2(), MomentIntegrands.cov2(c11, c12, c22), samples, seed);
    }

    @Override
    public Activation student() {
        return integrands.student();
    }

    @Override
    public Activation teacher() {
        return integrands.teacher();
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        return i2Estimate(a, b, c11, c12, c22).mean();
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        return i3Estimate(b, c11, c12, c13, c22, c23, c33).mean();
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        return i4Estimate(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44).mean();
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return j2Estimate(c11, c12, c22).mean();
    }

    @Override
    public String toString() {
        return "MonteCarloMoments(" + student() + ", " + teacher() + ", N=" + samples + ", seed=" + seed + ")";
    }
}
