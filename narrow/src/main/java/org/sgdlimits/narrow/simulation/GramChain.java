package org.sgdlimits.narrow.simulation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.SemidefiniteCholesky;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * State of one run of the exact Gram chain (see {@link GramChainSimulator} for the derivation): Q, M, a and
 * the fixed P, the semi-definite Cholesky factor of Ω recomputed each step, and samplers. O((p+k)³) per step
 * (the factorisation), O(B(p+k)² + B²p²) for the rest, allocation-free.
 */
final class GramChain implements OverlapChain {
    private final int p;
    private final int k;
    private final int n;
    private final int d;
    private final int batch;
    private final double[] q;
    private final double[] m;
    private final double[] a;
    private final double[] omega;
    private final double[] factor;
    private final boolean[] used;
    private final double[] xi;
    private final double[] lambda;
    private final double[] gram;
    private final double[] bartlett;
    /** u_ib at b·p + i, owned by {@link #signal}. */
    private final double[] coefficient;
    private final ErrorSignal signal;
    private final double[] inverseNorm;
    private final LearningRateSchedule schedule;
    private final double gamma;
    private final double weightDecay;
    private final boolean spherical;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    /** chiSquare[i] samples χ²_{ν−i}, ν = d − rank (Bartlett diagonal); rebuilt when the rank changes. */
    private final ContinuousSampler[] chiSquare;
    private int samplerDegrees = -1;
    private int rank;

    GramChain(Overlaps initial, int dimension, SgdSettings settings, UniformRandomProvider rng) {
        this.p = initial.studentWidth();
        this.k = initial.teacherWidth();
        this.n = p + k;
        this.d = dimension;
        this.batch = settings.batchSize();
        this.q = initial.studentOverlapMatrix();
        this.m = initial.studentTeacherOverlapMatrix();
        this.a = initial.studentSecondLayer();
        this.omega = initial.covariance();
        this.factor = new double[n * n];
        this.used = new boolean[n];
        this.xi = new double[batch * n];
        this.lambda = new double[batch * n];
        this.gram = new double[batch * batch];
        this.bartlett = new double[batch * batch];
        this.inverseNorm = new double[p];
        this.schedule = settings.schedule();
        this.gamma = settings.learningRate();
        this.weightDecay = settings.weightDecay();
        this.spherical = settings.spherical();
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.signal = new ErrorSignal(settings, a, initial.teacherSecondLayer(), batch, gauss);
        this.coefficient = signal.coefficients();
        this.chiSquare = new ContinuousSampler[batch];
        if (spherical) {
            project();
        }
    }

    /** Writes the student blocks of Ω from Q and M (the teacher block P never changes). */
    private void loadOmega() {
        Overlaps.assembleCovariance(p, k, q, m, null, omega);
    }

    /** Factors Ω; returns null or the failure. */
    private String factorOmega() {
        loadOmega();
        int r = SemidefiniteCholesky.factor(omega, n, factor, used);
        if (r < 0) {
            return "Omega is no longer positive semi-definite (negative pivot in column " + (-1 - r) + ")";
        }
        rank = r;
        return null;
    }

    /** λ = L ξ with ξ_c ~ N(0,1) on the non-zero columns of L; returns |ξ|². */
    private double sampleFields(int b) {
        int o = b * n;
        double norm2 = 0;
        for (int c = 0; c < n; c++) {
            double z = used[c] ? gauss.sample() : 0.0;
            xi[o + c] = z;
            norm2 += z * z;
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c <= i; c++) {
                s += factor[i * n + c] * xi[o + c];
            }
            lambda[o + i] = s;
        }
        return norm2;
    }

    private void ensureChiSquareSamplers() {
        int nu = d - rank;
        if (nu == samplerDegrees) {
            return;
        }
        for (int i = 0; i < batch; i++) {
            int dof = nu - i;
            // χ²_ν = Gamma(shape ν/2, scale 2); χ²_0 ≡ 0
            chiSquare[i] = dof > 0 ? AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * dof, 2.0) : () -> 0.0;
        }
        samplerDegrees = nu;
    }

    /**
     * G_bb' = x_b·x_b'/d = (ξ_b·ξ_b' + x⊥_b·x⊥_b')/d, where the Gram matrix of the components orthogonal to the
     * weight span is Wishart(ν = d − rank, I_B), drawn by Bartlett's decomposition T Tᵀ, T_bb² ~ χ²_{ν−b},
     * T_bc ~ N(0,1) for c &lt; min(b, ν); for B &gt; ν the Wishart is singular and T has only ν non-zero
     * columns (T_bc = 0 for c ≥ ν, T_bb = 0 for b ≥ ν).
     */
    private void sampleInputGram() {
        ensureChiSquareSamplers();
        int nu = d - rank;
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < b; c++) {
                // B > ν: the Wishart is singular, T is B × ν lower-trapezoidal (columns c ≥ ν are zero)
                bartlett[b * batch + c] = c < nu ? gauss.sample() : 0.0;
            }
            bartlett[b * batch + b] = Math.sqrt(chiSquare[b].sample());
        }
        double invD = 1.0 / d;
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c <= b; c++) {
                double orth = 0;
                for (int l = 0; l <= c; l++) {
                    orth += bartlett[b * batch + l] * bartlett[c * batch + l];
                }
                double inSpan = 0;
                for (int l = 0; l < n; l++) {
                    inSpan += xi[b * n + l] * xi[c * n + l];
                }
                double v = (inSpan + orth) * invD;
                gram[b * batch + c] = v;
                gram[c * batch + b] = v;
            }
        }
    }

    @Override
    public String step(double t) {
        String failure = factorOmega();
        if (failure != null) {
            return failure;
        }
        final double s = schedule.factor(t);
        final double gs = gamma * s;
        signal.startBatch();
        for (int b = 0; b < batch; b++) {
            sampleFields(b);
            failure = signal.accumulate(b, lambda, b * n);
            if (failure != null) {
                return failure;
            }
        }
        sampleInputGram();
        final double alpha = 1.0 - gs * weightDecay / ((double) p * d);
        final double kappa = gs / ((double) p * d * batch);          // γ_s/(p d B)
        final double noise = gs * gs / ((double) p * p * d * batch * batch); // γ_s²/(p² d B²)
        // M_ir ← α M_ir − γ_s/(p d B) Σ_b u_ib λ*_rb
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                double sum = 0;
                for (int b = 0; b < batch; b++) {
                    sum += coefficient[b * p + i] * lambda[b * n + p + r];
                }
                m[i * k + r] = alpha * m[i * k + r] - kappa * sum;
            }
        }
        // Q_ij ← α² Q_ij − α γ_s/(p d B) Σ_b (u_ib λ_jb + u_jb λ_ib) + γ_s²/(p² d B²) Σ_bb' u_ib u_jb' G_bb'
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double gradient = 0;
                double fluctuation = 0;
                for (int b = 0; b < batch; b++) {
                    double uib = coefficient[b * p + i];
                    gradient += uib * lambda[b * n + j] + coefficient[b * p + j] * lambda[b * n + i];
                    double inner = 0;
                    for (int c = 0; c < batch; c++) {
                        inner += coefficient[c * p + j] * gram[b * batch + c];
                    }
                    fluctuation += uib * inner;
                }
                double v = alpha * alpha * q[i * p + j] - alpha * kappa * gradient + noise * fluctuation;
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
        }
        signal.updateBias(s, d);
        signal.updateSecondLayer(s, d);
        if (spherical) {
            project();
        }
        return null;
    }

    /** Spherical projection w_i ← √d w_i/|w_i|: Q_ij ← Q_ij/√(Q_ii Q_jj), M_ir ← M_ir/√Q_ii. */
    private void project() {
        for (int i = 0; i < p; i++) {
            double inv = 1.0 / Math.sqrt(q[i * p + i]);
            inverseNorm[i] = inv;
            for (int r = 0; r < k; r++) {
                m[i * k + r] *= inv;
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] *= inverseNorm[i] * inverseNorm[j];
            }
            q[i * p + i] = 1.0;
        }
    }

    @Override
    public void overlaps(double[] qOut, double[] mOut, double[] aOut) {
        System.arraycopy(q, 0, qOut, 0, q.length);
        System.arraycopy(m, 0, mOut, 0, m.length);
        System.arraycopy(a, 0, aOut, 0, a.length);
    }

    @Override
    public void biases(double[] b) {
        signal.biases(b);
    }

    @Override
    public double[] heldOutExcessRisk(int samples) {
        String failure = factorOmega();
        if (failure != null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double sum = 0;
        double sumSq = 0;
        for (int sample = 0; sample < samples; sample++) {
            sampleFields(0);
            double loss = signal.halfSquaredError(lambda, 0);
            sum += loss;
            sumSq += loss * loss;
        }
        return MeanAndError.of(sum, sumSq, samples);
    }
}
