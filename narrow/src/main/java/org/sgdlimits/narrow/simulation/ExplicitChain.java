package org.sgdlimits.narrow.simulation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The real network of one explicit run (docs/theory.md §2, §4). Each weight row and each input is its own flat array
 * (so that the update loop, with equal indices in both arrays, is vectorised). Each student row carries a lazy scale, w_i = c_i·S_i, so weight
 * decay (c_i ← α c_i) and the spherical projection (c_i ← √d/|S_i|) cost O(1) instead of a pass over the
 * row; the projection needs one extra reduction pass for the squared norm. Scales are folded back into
 * the rows at every recorded time. Per step: B·d Gaussians, one pass of p dot products of length d (teacher
 * dot products only over the teacher's support: k coordinates for axis-aligned weights), one pass of p axpy
 * updates (four rows per pass over x) — allocation-free.
 */
final class ExplicitChain implements OverlapChain {
    private final int p;
    private final int k;
    private final int n;
    private final int d;
    private final int batch;
    private final double sqrtD;
    private final double invSqrtD;
    /** Student rows S_i (true weights c_i S_i). */
    private final double[][] student;
    /** Teacher rows w*_r. */
    private final double[][] teacher;
    private final double[] scale;
    /** Per-step factor −γ_s/(p B √d c_i) of row i's update (scratch). */
    private final double[] rowRate;
    private final double[] a;
    /** The mini-batch inputs x_b, one array each. */
    private final double[][] x;
    private final double[] lambda;
    /** u_ib at b·p + i, owned by {@link #signal}. */
    private final double[] coefficient;
    private final ErrorSignal signal;
    /** Teacher rows are zero from this coordinate on (d for a generic teacher). */
    private final int teacherSupport;
    private final LearningRateSchedule schedule;
    private final double gamma;
    private final double weightDecay;
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
        this.student = rows(weights.studentWeights(), p, d);
        this.teacher = rows(weights.teacherWeights(), k, d);
        this.scale = new double[p];
        this.rowRate = new double[p];
        java.util.Arrays.fill(scale, 1.0);
        this.a = weights.studentSecondLayer();
        this.x = new double[batch][d];
        this.lambda = new double[batch * n];
        this.teacherSupport = support(teacher, d);
        this.schedule = settings.schedule();
        this.gamma = settings.learningRate();
        this.weightDecay = settings.weightDecay();
        this.spherical = settings.spherical();
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.signal = new ErrorSignal(settings, a, weights.teacherSecondLayer(), batch, gauss);
        this.coefficient = signal.coefficients();
        if (spherical) {
            for (int i = 0; i < p; i++) {
                double norm2 = DenseKernels.dot(student[i], student[i], d);
                scale[i] = sqrtD / Math.sqrt(norm2);
            }
        }
    }

    private static double[][] rows(double[] flat, int count, int d) {
        double[][] out = new double[count][d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /** 1 + the largest coordinate at which some teacher row is non-zero. */
    private static int support(double[][] teacher, int d) {
        int last = 0;
        for (double[] row : teacher) {
            for (int c = d - 1; c >= last; c--) {
                if (row[c] != 0.0) {
                    last = c + 1;
                    break;
                }
            }
        }
        return last;
    }

    @Override
    public String step(double t) {
        final double s = schedule.factor(t);
        final double gs = gamma * s;
        signal.startBatch();
        for (int b = 0; b < batch; b++) {
            final int lo = b * n;
            // x drawn in one tight loop, then the dot products with eight accumulators each: measured faster
            // (8.4 vs 8.8 µs per step at d = 2000, p = 4) than accumulating four dot products while drawing x
            fillGaussian(x[b], d);
            fields(x[b], lambda, lo);
            String failure = signal.accumulate(b, lambda, lo);
            if (failure != null) {
                return failure;
            }
        }
        // w_i ← α w_i − (γ_s/(p B √d)) Σ_b e_b a_i σ'(λ_ib) x_b, α = 1 − γ_s λ_wd/(p d)   (docs/theory.md §2)
        final double alpha = 1.0 - gs * weightDecay / ((double) p * d);
        final double step = gs / ((double) p * batch * sqrtD);
        final double[] rate = rowRate;
        for (int i = 0; i < p; i++) {
            double newScale = alpha * scale[i];
            rate[i] = -step / newScale;
            scale[i] = newScale;
        }
        for (int b = 0; b < batch; b++) {
            final double[] input = x[b];
            final int cb = b * p;
            int i = 0;
            // four rows per pass over x: x is loaded once for four updates
            for (; i + 4 <= p; i += 4) {
                DenseKernels.axpy4(rate[i] * coefficient[cb + i], rate[i + 1] * coefficient[cb + i + 1],
                        rate[i + 2] * coefficient[cb + i + 2], rate[i + 3] * coefficient[cb + i + 3], input,
                        student[i], student[i + 1], student[i + 2], student[i + 3], d);
            }
            for (; i < p; i++) {
                DenseKernels.axpy(rate[i] * coefficient[cb + i], input, student[i], d);
            }
        }
        if (spherical) {
            for (int i = 0; i < p; i++) {
                // projection: w_i ← √d w_i/|w_i|, i.e. scale = √d/|S_i|
                scale[i] = sqrtD / Math.sqrt(DenseKernels.dot(student[i], student[i], d));
            }
        }
        signal.updateBias(s, d);
        signal.updateSecondLayer(s, d);
        return null;
    }

    /**
     * λ_i = c_i S_i·x/√d and λ*_r = w*_r·x/√d; teacher dot products run over the teacher's support only
     * (the first k coordinates for axis-aligned weights, docs/theory.md §4 rotation invariance).
     */
    private void fields(double[] input, double[] out, int lo) {
        for (int i = 0; i < p; i++) {
            out[lo + i] = DenseKernels.dot(student[i], input, d) * (scale[i] * invSqrtD);
        }
        for (int r = 0; r < k; r++) {
            out[lo + p + r] = DenseKernels.dot(teacher[r], input, teacherSupport) * invSqrtD;
        }
    }

    /**
     * x[offset .. offset + length) ← i.i.d. N(0, 1). A method of its own so that the JIT inlines the ziggurat
     * sampler into this small loop (inside the large step method the inlining budget runs out).
     */
    private void fillGaussian(double[] out, int length) {
        final ZigguratSampler.NormalizedGaussian g = gauss;
        for (int j = 0; j < length; j++) {
            out[j] = g.sample();
        }
    }

    /** Folds the lazy scales into the stored rows. */
    private void foldScales() {
        for (int i = 0; i < p; i++) {
            if (scale[i] != 1.0) {
                DenseKernels.scale(scale[i], student[i], d);
                scale[i] = 1.0;
            }
        }
    }

    @Override
    public void overlaps(double[] q, double[] m, double[] aOut) {
        foldScales();
        double invD = 1.0 / d;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double v = DenseKernels.dot(student[i], student[j], d) * invD;
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
            for (int r = 0; r < k; r++) {
                m[i * k + r] = DenseKernels.dot(student[i], teacher[r], teacherSupport) * invD;
            }
        }
        System.arraycopy(a, 0, aOut, 0, p);
    }

    @Override
    public void biases(double[] b) {
        signal.biases(b);
    }

    @Override
    public double[] heldOutExcessRisk(int samples) {
        foldScales();
        double sum = 0;
        double sumSq = 0;
        for (int sample = 0; sample < samples; sample++) {
            fillGaussian(x[0], d);
            fields(x[0], lambda, 0);
            double loss = signal.halfSquaredError(lambda, 0);
            sum += loss;
            sumSq += loss * loss;
        }
        return MeanAndError.of(sum, sumSq, samples);
    }
}
