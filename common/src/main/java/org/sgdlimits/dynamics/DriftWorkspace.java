package org.sgdlimits.dynamics;

import org.sgdlimits.overlap.Overlaps;

/**
 * Scratch memory of one {@link PopulationDrift} evaluation, owned by a {@link DriftTerms} so that repeated
 * right-hand-side evaluations do not allocate. Not thread-safe: one evaluation at a time per instance (the
 * parallel pair loop gives every worker its own {@link PairScratch}).
 */
final class DriftWorkspace {
    /** Student width p, teacher width k, n = p + k. */
    final int p;
    final int k;
    final int n;
    /** Ω = [[Q, M], [Mᵀ, P]], row-major n×n, student units first. */
    final double[] covariance;
    /** Output coefficients c_u: a_i/p for a student unit, −a*_r/k for a teacher unit, so f − f* = Σ_u c_u σ_u(λ_u). */
    final double[] coefficient;
    /** Means of the fields (λ, λ*): the biases (b, b*), docs/theory.md §3.11; zero without biases. */
    final double[] mean;
    /** G_iv = Σ_u c_u E[σ'(λ_i) λ_v σ_u(λ_u)] = E[(f − f*) σ'(λ_i) λ_v], row-major p×n. */
    final double[] gradientCorrelation;
    /** Student pairs i ≤ j in the order the noise loop visits them. */
    final int[] pairFirst;
    final int[] pairSecond;
    /** Noise terms at scaled covariances (finite-d correction by differentiation), allocated on first use. */
    private double[][] scaledNoise;
    /** One scratch per worker of the pair loop (index 0: the calling thread). */
    PairScratch[] scratch;

    DriftWorkspace(int p, int k, int workers) {
        this.p = p;
        this.k = k;
        this.n = p + k;
        this.covariance = new double[n * n];
        this.coefficient = new double[n];
        this.mean = new double[n];
        this.gradientCorrelation = new double[p * n];
        int pairs = p * (p + 1) / 2;
        this.pairFirst = new int[pairs];
        this.pairSecond = new int[pairs];
        int index = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                pairFirst[index] = i;
                pairSecond[index] = j;
                index++;
            }
        }
        this.scratch = new PairScratch[0];
        ensureWorkers(workers);
    }

    int pairCount() {
        return pairFirst.length;
    }

    void ensureWorkers(int workers) {
        if (scratch.length < workers) {
            PairScratch[] grown = new PairScratch[workers];
            System.arraycopy(scratch, 0, grown, 0, scratch.length);
            for (int w = scratch.length; w < workers; w++) {
                grown[w] = new PairScratch(n);
            }
            scratch = grown;
        }
    }

    /** The idx-th p×p buffer for noise terms at a scaled covariance. */
    double[] scaledNoise(int idx) {
        if (scaledNoise == null) {
            scaledNoise = new double[4][p * p];
        }
        return scaledNoise[idx];
    }

    /** Ω ← s Ω (the covariance of √s (λ, λ*)). */
    void scaleCovariance(double s) {
        for (int idx = 0; idx < covariance.length; idx++) {
            covariance[idx] *= s;
        }
    }

    /** Loads the means of the fields: the student biases b (p; null: zero) and the teacher biases b* (k). */
    void loadMeans(double[] studentBias, double[] teacherBias) {
        for (int i = 0; i < p; i++) {
            mean[i] = studentBias == null ? 0.0 : studentBias[i];
        }
        System.arraycopy(teacherBias, 0, mean, p, k);
    }

    /** Fills Ω from Q (p×p), M (p×k), P (k×k) and the coefficients c from a (p) and a* (k). */
    void load(double[] q, double[] m, double[] teacherOverlap, double[] a, double[] teacherSecondLayer) {
        Overlaps.assembleCovariance(p, k, q, m, teacherOverlap, covariance);
        // f − f* = Σ_i (a_i/p) σ(λ_i) + Σ_r (−a*_r/k) σ*(λ*_r)   (docs/theory.md §1)
        for (int i = 0; i < p; i++) {
            coefficient[i] = a[i] / p;
        }
        for (int r = 0; r < k; r++) {
            coefficient[p + r] = -teacherSecondLayer[r] / k;
        }
    }
}
