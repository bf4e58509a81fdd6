package org.sgdlimits.narrow.simulation;

import org.sgdlimits.overlap.Biases;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.activation.Activation;

/**
 * What one SGD step needs from the fields of its mini-batch, shared by both chains (docs/theory.md §2): per sample b the
 * prediction error e_b = f(λ_b) − y_b with the label y_b = f*(λ*_b) + √Δ ζ_b (ζ_b ~ N(0, 1), drawn only when
 * the label noise Δ &gt; 0), the first-layer coefficients u_ib = e_b a_i σ'(λ_ib) and the second-layer
 * correlation Σ_b e_b σ(λ_ib); then the second-layer update a_i ← a_i − (γ_a s/(p d B)) Σ_b e_b σ(λ_ib) and
 * the held-out loss ½(f − f*)².
 *
 * <p>The fields of sample b are λ_ib = lambda[lo + i] and λ*_rb = lambda[lo + p + r]. Holds the chain's a
 * (updated in place) and a*, and draws the label noise from the chain's own sampler, so the chain's stream is
 * consumed in the same order as before. With biases (docs/theory.md §3.11) the chains pass the centred fields
 * w·x/√d, the activations see λ + b, and trained student biases take the step
 * b_i ← b_i − (γ_b s/(p d B)) Σ_b e_b a_i σ'(λ_ib). Allocation-free; not thread-safe, one per chain.
 */
final class ErrorSignal {
    private final int p;
    private final int k;
    private final int batch;
    private final double[] a;
    private final double[] aStar;
    private final double[] coefficient;
    private final double[] outputCorrelation;
    private final Activation sigma;
    private final Activation sigmaStar;
    private final double gammaA;
    private final boolean trainA;
    private final double sqrtNoise;
    private final ZigguratSampler.NormalizedGaussian gauss;
    /** Student biases b (updated in place when trained) and teacher biases b*; null without biases. */
    private final double[] bias;
    private final double[] teacherBias;
    private final boolean trainBias;
    private final double gammaB;

    /**
     * @param a     the chain's student second layer (length p, updated in place by {@link #updateSecondLayer})
     * @param aStar the teacher second layer (length k)
     * @param gauss the chain's N(0, 1) sampler, used for the label noise
     */
    ErrorSignal(SgdSettings settings, double[] a, double[] aStar, int batch,
                ZigguratSampler.NormalizedGaussian gauss) {
        this.p = a.length;
        this.k = aStar.length;
        this.batch = batch;
        this.a = a;
        this.aStar = aStar;
        this.coefficient = new double[batch * p];
        this.outputCorrelation = new double[p];
        this.sigma = settings.student();
        this.sigmaStar = settings.teacher();
        this.gammaA = settings.secondLayerLearningRate();
        this.trainA = settings.updatesSecondLayer();
        this.sqrtNoise = Math.sqrt(settings.labelNoise());
        this.gauss = gauss;
        Biases biases = settings.biases();
        if (biases != null) {
            biases.requireWidths(p, k);
        }
        this.bias = biases == null ? null : biases.student();
        this.teacherBias = biases == null ? null : biases.teacher();
        this.trainBias = biases != null && biases.trained();
        this.gammaB = biases == null ? 0 : biases.learningRate();
    }

    /** The current student biases into {@code out} (zeros without biases). */
    void biases(double[] out) {
        if (bias == null) {
            java.util.Arrays.fill(out, 0, p, 0.0);
        } else {
            System.arraycopy(bias, 0, out, 0, p);
        }
    }

    private double studentOutput(double[] lambda, int lo) {
        return bias == null ? NetworkOutput.output(sigma, a, lambda, lo, p)
                : NetworkOutput.output(sigma, a, lambda, lo, p, bias);
    }

    private double teacherOutput(double[] lambda, int lo) {
        return teacherBias == null ? NetworkOutput.output(sigmaStar, aStar, lambda, lo + p, k)
                : NetworkOutput.output(sigmaStar, aStar, lambda, lo + p, k, teacherBias);
    }

    /** The coefficients u_ib at index b·p + i (the live array, filled by {@link #accumulate}). */
    double[] coefficients() {
        return coefficient;
    }

    /** Starts a mini-batch: clears the second-layer correlation. */
    void startBatch() {
        if (trainA) {
            java.util.Arrays.fill(outputCorrelation, 0.0);
        }
    }

    /**
     * Sample b of the mini-batch, fields at lambda[lo ..]: draws its label noise, computes e_b, stores u_ib and
     * adds e_b σ(λ_ib) to the correlation.
     *
     * @return null, or the description of a non-finite prediction error (the run then ends as diverged)
     */
    String accumulate(int b, double[] lambda, int lo) {
        double f = studentOutput(lambda, lo);
        double fStar = teacherOutput(lambda, lo);
        double y = sqrtNoise > 0 ? fStar + sqrtNoise * gauss.sample() : fStar;
        double e = f - y;
        if (!Double.isFinite(e)) {
            return "non-finite prediction error e = " + e + " (student output " + f + ")";
        }
        for (int i = 0; i < p; i++) {
            double li = bias == null ? lambda[lo + i] : lambda[lo + i] + bias[i];
            // u_ib = e_b a_i σ'(λ_ib)
            coefficient[b * p + i] = e * a[i] * sigma.derivative(li);
            if (trainA) {
                outputCorrelation[i] += e * sigma.value(li);
            }
        }
        return null;
    }

    /**
     * a_i ← a_i − (γ_a s/(p d B)) Σ_b e_b σ(λ_ib) (docs/theory.md §2) when the second layer is trained; a no-op otherwise.
     *
     * @param s the learning-rate schedule factor s(t) of this step
     * @param d the input dimension
     */
    void updateSecondLayer(double s, int d) {
        if (trainA) {
            double stepA = gammaA * s / ((double) p * d * batch);
            for (int i = 0; i < p; i++) {
                a[i] -= stepA * outputCorrelation[i];
            }
        }
    }

    /**
     * b_i ← b_i − (γ_b s/(p d B)) Σ_b e_b a_i σ'(λ_ib) (docs/theory.md §3.11; the coefficients u_ib of this
     * batch, with a and b from before the step) when the biases are trained; a no-op otherwise. Call before
     * {@link #updateSecondLayer} (the coefficients hold a from before the step either way).
     */
    void updateBias(double s, int d) {
        if (trainBias) {
            double stepB = gammaB * s / ((double) p * d * batch);
            for (int i = 0; i < p; i++) {
                double sum = 0;
                for (int b = 0; b < batch; b++) {
                    sum += coefficient[b * p + i];
                }
                bias[i] -= stepB * sum;
            }
        }
    }

    /** ½ (f − f*)² on the fields at lambda[lo ..], without label noise (the excess-risk integrand). */
    double halfSquaredError(double[] lambda, int lo) {
        double diff = studentOutput(lambda, lo) - teacherOutput(lambda, lo);
        return 0.5 * diff * diff;
    }
}
