package org.sgdlimits.dynamics;

import org.sgdlimits.fixtures.DriftFixtures;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * Direct Monte Carlo of the per-sample drift quantities of docs/theory.md §3, independent of the Gaussian-moment code:
 * either (λ, λ*) ~ N(0, Ω) drawn through a Cholesky factor of Ω (d → ∞ drift), or a real input x ~ N(0, I_d)
 * with fixed weights (finite-d drift, with the |x|²/d factor of the g-term). Each output is a sample mean with
 * its standard error, in the layout of {@link DriftTerms}.
 */
final class DriftSampler {
    final int p;
    final int k;
    /** Means and standard errors, same layout as DriftTerms. */
    final double[] dM;
    final double[] dMError;
    final double[] dQGradient;
    final double[] dQGradientError;
    final double[] dQNoise;
    final double[] dQNoiseError;
    final double[] da;
    final double[] daError;
    /** db_i = −a_i e σ'(λ_i + b_i) (docs/theory.md §3.11). */
    final double[] db;
    final double[] dbError;
    double excessRisk;
    double excessRiskError;
    /** Field means (b, b*), length p + k; zero unless sampled with biases. */
    private double[] bias;

    private final double[][] sums;
    private final double[][] squares;
    private long count;

    private DriftSampler(int p, int k) {
        this.p = p;
        this.k = k;
        this.dM = new double[p * k];
        this.dMError = new double[p * k];
        this.dQGradient = new double[p * p];
        this.dQGradientError = new double[p * p];
        this.dQNoise = new double[p * p];
        this.dQNoiseError = new double[p * p];
        this.da = new double[p];
        this.daError = new double[p];
        this.db = new double[p];
        this.dbError = new double[p];
        this.bias = new double[p + k];
        this.sums = new double[][] {new double[p * k], new double[p * p], new double[p * p], new double[p], new double[1],
                new double[p]};
        this.squares = new double[][] {new double[p * k], new double[p * p], new double[p * p], new double[p],
                new double[1], new double[p]};
    }

    /** Samples (λ, λ*) ~ N(0, Ω) (Ω = fx.covariance(), positive definite) and z ~ N(0, 1). */
    static DriftSampler overCovariance(DriftFixtures fx, Activation student, Activation teacher, double labelNoise,
                                       int samples, long seed) {
        return overCovariance(fx, student, teacher, labelNoise, new double[fx.p + fx.k], samples, seed);
    }

    /**
     * Same with biases: the activations see λ_u + bias[u] (student units first), the input direction λ_v
     * multiplying e σ' stays centred (docs/theory.md §3.11).
     */
    static DriftSampler overCovariance(DriftFixtures fx, Activation student, Activation teacher, double labelNoise,
                                       double[] bias, int samples, long seed) {
        int n = fx.p + fx.k;
        double[] l = SemidefiniteCholesky.factor("Omega", fx.covariance(), n);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        DriftSampler out = new DriftSampler(fx.p, fx.k);
        out.bias = bias.clone();
        double[] xi = new double[n];
        double[] lambda = new double[n];
        for (int s = 0; s < samples; s++) {
            for (int u = 0; u < n; u++) {
                xi[u] = gauss.sample();
            }
            SemidefiniteCholesky.multiplyLower(l, n, xi, 0, lambda, 0);
            out.accumulate(fx, student, teacher, lambda, gauss.sample() * Math.sqrt(labelNoise), 1.0);
        }
        out.finish();
        return out;
    }

    /**
     * Samples a real input x ~ N(0, I_d) with the fixture's fixed weights (d = fx.dim): λ = W x/√d; the g-term
     * carries |x|²/d (docs/theory.md §3, exact finite-d drift).
     */
    static DriftSampler overInputs(DriftFixtures fx, Activation student, Activation teacher, double labelNoise,
                                   int samples, long seed) {
        return overInputs(fx, student, teacher, labelNoise, new double[fx.p + fx.k], samples, seed);
    }

    /** Same with biases (see {@link #overCovariance(DriftFixtures, Activation, Activation, double, double[], int, long)}). */
    static DriftSampler overInputs(DriftFixtures fx, Activation student, Activation teacher, double labelNoise,
                                   double[] bias, int samples, long seed) {
        int d = fx.dim;
        int n = fx.p + fx.k;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        DriftSampler out = new DriftSampler(fx.p, fx.k);
        out.bias = bias.clone();
        double[] x = new double[d];
        double[] lambda = new double[n];
        for (int s = 0; s < samples; s++) {
            double norm2 = 0;
            for (int a = 0; a < d; a++) {
                x[a] = gauss.sample();
                norm2 += x[a] * x[a];
            }
            for (int u = 0; u < n; u++) {
                double v = 0;
                for (int a = 0; a < d; a++) {
                    v += fx.weights[u * d + a] * x[a];
                }
                lambda[u] = v / Math.sqrt(d);
            }
            out.accumulate(fx, student, teacher, lambda, gauss.sample() * Math.sqrt(labelNoise), norm2 / d);
        }
        out.finish();
        return out;
    }

    private void accumulate(DriftFixtures fx, Activation student, Activation teacher, double[] lambda,
                            double noise, double noiseFactor) {
        double f = 0;
        for (int i = 0; i < p; i++) {
            f += fx.a[i] * student.value(lambda[i] + bias[i]);
        }
        f /= p;
        double fStar = 0;
        for (int r = 0; r < k; r++) {
            fStar += fx.aStar[r] * teacher.value(lambda[p + r] + bias[p + r]);
        }
        fStar /= k;
        double e = f - (fStar + noise);
        for (int i = 0; i < p; i++) {
            double di = student.derivative(lambda[i] + bias[i]);
            for (int r = 0; r < k; r++) {
                add(0, i * k + r, -fx.a[i] * e * di * lambda[p + r]);
            }
            for (int j = 0; j < p; j++) {
                double dj = student.derivative(lambda[j] + bias[j]);
                add(1, i * p + j, -fx.a[i] * e * di * lambda[j] - fx.a[j] * e * dj * lambda[i]);
                add(2, i * p + j, noiseFactor * fx.a[i] * fx.a[j] * e * e * di * dj);
            }
            add(3, i, -e * student.value(lambda[i] + bias[i]));
            add(5, i, -fx.a[i] * e * di);
        }
        add(4, 0, 0.5 * (f - fStar) * (f - fStar));
        count++;
    }

    private void add(int block, int index, double value) {
        sums[block][index] += value;
        squares[block][index] += value * value;
    }

    private void finish() {
        double[][] means = {dM, dQGradient, dQNoise, da, new double[1], db};
        double[][] errors = {dMError, dQGradientError, dQNoiseError, daError, new double[1], dbError};
        for (int b = 0; b < means.length; b++) {
            for (int idx = 0; idx < means[b].length; idx++) {
                double mean = sums[b][idx] / count;
                double var = Math.max(0, (squares[b][idx] / count - mean * mean) * count / (count - 1));
                means[b][idx] = mean;
                errors[b][idx] = Math.sqrt(var / count);
            }
        }
        excessRisk = means[4][0];
        excessRiskError = errors[4][0];
    }
}
