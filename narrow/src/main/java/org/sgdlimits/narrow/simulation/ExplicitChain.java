package org.sgdlimits.narrow.simulation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The real network of one explicit run (SPEC §2, §4). Weights live in one flat row-major array: rows 0..p−1
 * are the student, rows p..p+k−1 the teacher. Each student row carries a lazy scale, w_i = c_i·S_i, so weight
 * decay (c_i ← α c_i) and the spherical projection (c_i ← √d/|S_i|) cost O(1) instead of a pass over the
 * row; the squared norm of the projected row is accumulated inside the update pass. Scales are folded back into
 * the rows at every recorded time. Per step: B·d Gaussians, one pass of (p + k) dot products, one pass of p
 * axpy updates — allocation-free.
 */
final class ExplicitChain implements OverlapChain {
    private final int p;
    private final int k;
    private final int n;
    private final int d;
    private final int batch;
    private final double sqrtD;
    private final double invSqrtD;
    private final double[] w;
    private final double[] scale;
    private final double[] a;
    private final double[] aStar;
    private final double[] x;
    private final double[] lambda;
    private final double[] coefficient;
    private final double[] outputCorrelation;
    private final double[] dots;
    private final Activation sigma;
    private final Activation sigmaStar;
    private final LearningRateSchedule schedule;
    private final double gamma;
    private final double gammaA;
    private final boolean trainA;
    private final double weightDecay;
    private final double sqrtNoise;
    private final boolean spherical;
    private final ZigguratSampler.NormalizedGaussian gauss;

    ExplicitChain(InitialWeights weights, SgdSettings settings, UniformRandomProvider rng) {
        this.p = weights.studentWidth();
        this.k = weights.teacherWidth();
        this.n = p + k;
        this.d = weights.dimension();
        this.batch = settings.batchSize();
        this.sqrtD = Math.sqrt(d);
        this.invSqrtD = 1.0 / sqrtD;
        this.w = new double[n * d];
        System.arraycopy(weights.studentWeights(), 0, w, 0, p * d);
        System.arraycopy(weights.teacherWeights(), 0, w, p * d, k * d);
        this.scale = new double[p];
        java.util.Arrays.fill(scale, 1.0);
        this.a = weights.studentSecondLayer();
        this.aStar = weights.teacherSecondLayer();
        this.x = new double[batch * d];
        this.lambda = new double[batch * n];
        this.coefficient = new double[batch * p];
        this.outputCorrelation = new double[p];
        this.dots = new double[n];
        this.sigma = settings.student();
        this.sigmaStar = settings.teacher();
        this.schedule = settings.schedule();
        this.gamma = settings.learningRate();
        this.gammaA = settings.secondLayerLearningRate();
        this.trainA = settings.updatesSecondLayer();
        this.weightDecay = settings.weightDecay();
        this.sqrtNoise = Math.sqrt(settings.labelNoise());
        this.spherical = settings.spherical();
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        if (spherical) {
            for (int i = 0; i < p; i++) {
                double norm2 = DenseKernels.squaredNorm(w, i * d, d);
                scale[i] = sqrtD / Math.sqrt(norm2);
            }
        }
    }

    @Override
    public String step(double t) {
        final double s = schedule.factor(t);
        final double gs = gamma * s;
        if (trainA) {
            java.util.Arrays.fill(outputCorrelation, 0.0);
        }
        for (int b = 0; b < batch; b++) {
            final int xo = b * d;
            for (int j = 0; j < d; j++) {
                x[xo + j] = gauss.sample();
            }
            final int lo = b * n;
            DenseKernels.dotRows(w, n, d, x, xo, lambda, lo);
            for (int i = 0; i < p; i++) {
                lambda[lo + i] *= scale[i] * invSqrtD;
            }
            for (int r = p; r < n; r++) {
                lambda[lo + r] *= invSqrtD;
            }
            double f = NetworkOutput.output(sigma, a, lambda, lo, p);
            double fStar = NetworkOutput.output(sigmaStar, aStar, lambda, lo + p, k);
            double y = sqrtNoise > 0 ? fStar + sqrtNoise * gauss.sample() : fStar;
            double e = f - y;
            if (!Double.isFinite(e)) {
                return "non-finite prediction error e = " + e + " (student output " + f + ")";
            }
            for (int i = 0; i < p; i++) {
                double li = lambda[lo + i];
                coefficient[b * p + i] = e * a[i] * sigma.derivative(li);
                if (trainA) {
                    outputCorrelation[i] += e * sigma.value(li);
                }
            }
        }
        // w_i ← α w_i − (γ_s/(p B √d)) Σ_b e_b a_i σ'(λ_ib) x_b, α = 1 − γ_s λ_wd/(p d)   (SPEC §2)
        final double alpha = 1.0 - gs * weightDecay / ((double) p * d);
        final double step = gs / ((double) p * batch * sqrtD);
        for (int i = 0; i < p; i++) {
            double newScale = alpha * scale[i];
            double c = -step / newScale;
            int wo = i * d;
            if (spherical) {
                for (int b = 0; b < batch - 1; b++) {
                    DenseKernels.axpy(c * coefficient[b * p + i], x, b * d, w, wo, d);
                }
                double norm2 = DenseKernels.axpyNorm(c * coefficient[(batch - 1) * p + i], x, (batch - 1) * d, w,
                        wo, d);
                // projection: w_i ← √d w_i/|w_i|, i.e. scale = √d/|S_i|
                scale[i] = sqrtD / Math.sqrt(norm2);
            } else {
                for (int b = 0; b < batch; b++) {
                    DenseKernels.axpy(c * coefficient[b * p + i], x, b * d, w, wo, d);
                }
                scale[i] = newScale;
            }
        }
        if (trainA) {
            // a_i ← a_i − (γ_a s/(p d B)) Σ_b e_b σ(λ_ib)   (SPEC §2)
            double stepA = gammaA * s / ((double) p * d * batch);
            for (int i = 0; i < p; i++) {
                a[i] -= stepA * outputCorrelation[i];
            }
        }
        return null;
    }

    /** Folds the lazy scales into the stored rows. */
    private void foldScales() {
        for (int i = 0; i < p; i++) {
            if (scale[i] != 1.0) {
                DenseKernels.scale(scale[i], w, i * d, d);
                scale[i] = 1.0;
            }
        }
    }

    @Override
    public void overlaps(double[] q, double[] m, double[] aOut) {
        foldScales();
        double invD = 1.0 / d;
        for (int i = 0; i < p; i++) {
            DenseKernels.dotRows(w, n, d, w, i * d, dots, 0);
            for (int j = 0; j < p; j++) {
                q[i * p + j] = dots[j] * invD;
            }
            for (int r = 0; r < k; r++) {
                m[i * k + r] = dots[p + r] * invD;
            }
        }
        // exact symmetry (the two dot products of a pair are computed in different FMA orders)
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (q[i * p + j] + q[j * p + i]);
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
        }
        System.arraycopy(a, 0, aOut, 0, p);
    }

    @Override
    public double[] heldOutExcessRisk(int samples) {
        foldScales();
        double sum = 0;
        double sumSq = 0;
        for (int sample = 0; sample < samples; sample++) {
            for (int j = 0; j < d; j++) {
                x[j] = gauss.sample();
            }
            DenseKernels.dotRows(w, n, d, x, 0, lambda, 0);
            for (int r = 0; r < n; r++) {
                lambda[r] *= invSqrtD;
            }
            double diff = NetworkOutput.output(sigma, a, lambda, 0, p)
                    - NetworkOutput.output(sigmaStar, aStar, lambda, p, k);
            double loss = 0.5 * diff * diff;
            sum += loss;
            sumSq += loss * loss;
        }
        return MeanAndError.of(sum, sumSq, samples);
    }
}
