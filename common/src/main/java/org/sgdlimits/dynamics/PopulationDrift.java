package org.sgdlimits.dynamics;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.gauss.ErfMoments;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.MeanShiftedMoments;
import org.sgdlimits.gauss.PolynomialMoments;
import org.sgdlimits.gauss.ScaleMixtureMoments;
import org.sgdlimits.overlap.Overlaps;

/**
 * The population drift of one-pass SGD (docs/theory.md §3), written once and used by every engine.
 *
 * <p>Conventions (docs/theory.md §1): f = (1/p) Σ_i a_i σ(λ_i), f* = (1/k) Σ_r a*_r σ*(λ*_r), y = f* + √Δ z,
 * e = f − y, expectations over (λ, λ*) ~ N(0, Ω), Ω = [[Q, M], [Mᵀ, P]], and z ~ N(0, 1). One evaluation
 * fills a {@link DriftTerms} with
 * <ul>
 *   <li>dM_ir = −a_i E[e σ'(λ_i) λ*_r]</li>
 *   <li>dQGradient_ij = −a_i E[e σ'(λ_i) λ_j] − a_j E[e σ'(λ_j) λ_i]</li>
 *   <li>dQNoise_ij = a_i a_j E[e² σ'(λ_i) σ'(λ_j)] = a_i a_j (E[(f − f*)² σ'σ'] + Δ E[σ'σ']) in the d → ∞
 *       limit, or the exact finite-d E[|x|²/d · e² σ'σ'] if a dimension was set with {@link #withFiniteDimension}</li>
 *   <li>da_i = −E[e σ(λ_i)]</li>
 *   <li>excessRisk ε = ½ E[(f − f*)²] (the risk is ε + Δ/2)</li>
 * </ul>
 * With biases ({@link #withBiases}: λ_i = w_i·x/√d + b_i, λ*_r = w*_r·x/√d + b*_r, docs/theory.md §3.11) the
 * expectations are over fields with means (b, b*), the λ_v multiplying e σ'(λ_i) in dM and dQGradient is the
 * centred field w_v·x/√d, and {@link DriftTerms#db} receives db_i = −a_i E[e σ'(λ_i)].
 * Nothing else: learning rate, g/B, schedule factor s(t)², weight decay, γ_a/γ and the spherical projection are
 * applied by the caller (the overlap ODE).
 *
 * <p>The teacher (P, a*), the moment provider and the label noise are fixed per instance. For (erf, erf)
 * ({@link ErfMoments.Provider}) the closed forms are evaluated with all hoisting and symmetries (the
 * "fast path"); any other provider goes through {@link GaussianMoments} term by term. For large p the pair loop
 * of the noise term runs on the calling thread plus the common ForkJoin pool; results are bit-identical
 * whatever the number of threads.
 *
 * <p>Instances are immutable and thread-safe. A {@link DriftTerms} carries the scratch memory of an evaluation
 * and must not be used by two evaluations at the same time; with one {@code DriftTerms} per thread any number
 * of threads may share one {@code PopulationDrift}. After the first evaluation into a given {@code DriftTerms},
 * {@link #evaluate(double[], double[], double[], DriftTerms)} allocates nothing in its loops (the multi-threaded
 * branch, taken only when the noise sum is large, allocates a few small task objects per call).
 *
 * <p>Cost: the noise term needs p(p+1)/2 · n(n+1)/2 four-point moments (n = p + k); on the erf fast path each
 * is four flops and one {@link Arcsine#asin} (2.5× faster than {@link Math#asin} for the whole evaluation).
 */
public final class PopulationDrift {
    /** Work (pair count × unit pairs) above which the erf noise loop is split across threads. */
    private static final long PARALLEL_WORK_ERF = 2_000;
    /** Same for the generic path, whose terms cost far more (quadrature). */
    private static final long PARALLEL_WORK_GENERIC = 200;

    private final GaussianMoments moments;
    private final int k;
    private final double[] teacherOverlap;
    private final double[] teacherSecondLayer;
    private final double labelNoise;
    private final int threads;
    private final double dimension;
    private final boolean forceGeneric;
    private final boolean forceScaleDerivative;
    private final DriftKernel kernel;
    /** Teacher biases b* (length k) of a drift with biases, else null. */
    private final double[] teacherBias;
    private final FiniteDimensionFactors factors;
    /** Finite d with a non-homogeneous activation: E[λ·∇h] by differentiating along the covariance scale. */
    private final boolean scaleDerivativeCorrection;
    /** Mini-batch size B of the finite-d cross-sample term (1: none). */
    private final int batchSize;
    /** Kernel of the Euler-weighted moments (non-homogeneous polynomial pairs at finite d), else null. */
    private final DriftKernel eulerKernel;
    /** Relative step of the covariance-scale derivative (4th-order central differences). */
    private static final double SCALE_STEP = 1e-3;
    /** Covariance scales of the derivative, in the order of DriftWorkspace#scaledNoise: +h, −h, +2h, −2h. */
    private static final double[] SCALES = {1 + SCALE_STEP, 1 - SCALE_STEP, 1 + 2 * SCALE_STEP, 1 - 2 * SCALE_STEP};

    /**
     * A drift for a fixed teacher, with the d → ∞ noise term, the fast path when available and as many threads
     * as processors.
     *
     * @param moments            Gaussian moments of the pair (student σ, teacher σ*)
     * @param teacherOverlap     P = W* W*ᵀ/d, row-major k×k, symmetric (to 1e-10 relative; then symmetrised)
     * @param teacherSecondLayer a*, length k ≥ 1
     * @param labelNoise         Δ ≥ 0, the label-noise variance
     * @throws IllegalArgumentException naming the field for a bad size, a non-finite entry, an asymmetric P or
     *                                  a negative Δ
     */
    public PopulationDrift(GaussianMoments moments, double[] teacherOverlap, double[] teacherSecondLayer,
                           double labelNoise) {
        this(validatedMoments(moments), validatedTeacherOverlap(teacherOverlap, teacherSecondLayer),
                validatedSecondLayer(teacherSecondLayer), validatedLabelNoise(labelNoise),
                Runtime.getRuntime().availableProcessors(), Double.POSITIVE_INFINITY, false, false, 1, null);
    }

    private PopulationDrift(GaussianMoments moments, double[] teacherOverlap, double[] teacherSecondLayer,
                            double labelNoise, int threads, double dimension, boolean forceGeneric,
                            boolean forceScaleDerivative, int batchSize, double[] teacherBias) {
        this.batchSize = batchSize;
        this.teacherBias = teacherBias;
        this.moments = moments;
        this.k = teacherSecondLayer.length;
        this.teacherOverlap = teacherOverlap;
        this.teacherSecondLayer = teacherSecondLayer;
        this.labelNoise = labelNoise;
        this.threads = threads;
        this.dimension = dimension;
        this.forceGeneric = forceGeneric;
        this.forceScaleDerivative = forceScaleDerivative;
        boolean biased = teacherBias != null;
        this.kernel = biased ? new GenericDriftKernel(MeanShiftedMoments.forPair(moments.student(), moments.teacher()))
                : !forceGeneric && moments instanceof ErfMoments.Provider ? ErfDriftKernel.INSTANCE
                : !forceGeneric && moments instanceof ScaleMixtureMoments sm ? new ScaleMixtureDriftKernel(sm)
                : new GenericDriftKernel(moments);
        FiniteDimensionFactors.requireValidDimension(dimension);
        // with means the noise blocks are not homogeneous in the centred fields: scale derivative (§3.11)
        boolean homogeneous = !biased && FiniteDimensionFactors.isHomogeneous(moments.student())
                && FiniteDimensionFactors.isHomogeneous(moments.teacher());
        boolean finite = dimension != Double.POSITIVE_INFINITY;
        // non-homogeneous polynomials: the exact correction E[λ·∇h] from Euler-weighted Wick moments
        this.eulerKernel = finite && !biased && !homogeneous && !forceScaleDerivative
                && moments instanceof PolynomialMoments pm
                ? new GenericDriftKernel(pm.eulerWeighted()) : null;
        this.scaleDerivativeCorrection = finite && eulerKernel == null && (!homogeneous || forceScaleDerivative);
        this.factors = scaleDerivativeCorrection || eulerKernel != null ? FiniteDimensionFactors.INFINITE_DIMENSION
                : FiniteDimensionFactors.forDimension(dimension, moments.student(), moments.teacher());
    }

    /** A drift for the teacher (P, a*) of these overlaps; the student part of {@code overlaps} is ignored. */
    public static PopulationDrift forTeacherOf(GaussianMoments moments, Overlaps overlaps, double labelNoise) {
        return new PopulationDrift(moments, overlaps.teacherOverlapMatrix(), overlaps.teacherSecondLayer(),
                labelNoise);
    }

    /**
     * The same drift using at most {@code threads} threads (the caller plus threads − 1 common-pool tasks) for
     * large p. Results do not depend on this value.
     *
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public PopulationDrift withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " is not allowed; must be >= 1");
        }
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, dimension,
                forceGeneric, forceScaleDerivative, batchSize, teacherBias);
    }

    /**
     * The same drift with the exact finite-d noise term E[|x|²/d · e² σ'σ'] = E[h] + E[λ·∇h]/d (Stein's lemma,
     * docs/theory.md §3), h = e² σ'(λ_i) σ'(λ_j). For positively homogeneous activations (linear, relu, square) each
     * block of the noise sum is homogeneous and gets its exact factor (1 + m/d), m its degree. For other
     * polynomial pairs (He_k, general polynomials; {@link PolynomialMoments}) E[λ·∇h] is computed exactly from
     * Euler-weighted Wick moments, each monomial times its degree (docs/theory.md §3.7). For any other
     * pair E[λ·∇h] = 2 (d/ds) E_{sΩ}[h] at s = 1, taken by fourth-order central differences in the covariance
     * scale (steps ±10⁻³, ±2·10⁻³; relative error of the correction about 1e-12 for closed-form moments, so
     * about 1e-12/d in the drift); this costs four extra noise evaluations. {@code Double.POSITIVE_INFINITY}
     * restores the d → ∞ drift. The gradient parts, da and ε are exact at any d and unchanged.
     *
     * @throws IllegalArgumentException if d ≤ 0 or NaN
     */
    public PopulationDrift withFiniteDimension(double d) {
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, d,
                forceGeneric, false, batchSize, teacherBias);
    }

    /**
     * The same drift for mini-batches of B samples at finite d: {@code dQNoise} then holds
     * N + (B − 1) C, C_ij = a_i a_j E[e σ'(λ_i) λ]ᵀ Ω⁺ E[e σ'(λ_j) λ]/d the cross-sample term of two different
     * samples of a batch (Stein's lemma; docs/theory.md §3.8), so that the caller's factor g/B gives the exact
     * g(N/B + (1 − 1/B) C). At d = +∞ (C = 0) and for B = 1 nothing changes.
     *
     * @throws IllegalArgumentException if B &lt; 1
     */
    public PopulationDrift withMiniBatch(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batchSize: " + b + "; must be an integer >= 1");
        }
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, dimension,
                forceGeneric, forceScaleDerivative, b, teacherBias);
    }

    /** Test hook: finite d through the covariance-scale derivative even for homogeneous activations. */
    PopulationDrift withFiniteDimensionByScaleDerivative(double d) {
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, d,
                forceGeneric, true, batchSize, teacherBias);
    }

    /**
     * The same drift evaluated term by term through the {@link GaussianMoments} interface even when a fast
     * path exists (for cross-checks and benchmarks).
     */
    public PopulationDrift withGenericPath() {
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, dimension,
                true, forceScaleDerivative, batchSize, teacherBias);
    }

    /**
     * The same drift for pre-activations with biases, λ_i = w_i·x/√d + b_i and λ*_r = w*_r·x/√d + b*_r
     * (docs/theory.md §3.11): the moments are taken with means (b, b*) through {@link MeanShiftedMoments} (erf
     * and relu–relu closed forms, Gauss–Hermite otherwise; relu with another activation is refused), the finite-d noise factor by the covariance-scale
     * derivative (the blocks are no longer homogeneous), and {@link DriftTerms#db} is filled. The student
     * biases are passed to {@link #evaluate(double[], double[], double[], double[], DriftTerms)}.
     *
     * @param teacherBias b*, length k, finite
     * @throws IllegalArgumentException naming the field for a bad length, a non-finite entry or relu
     */
    public PopulationDrift withBiases(double[] teacherBias) {
        if (teacherBias == null || teacherBias.length != k) {
            throw new IllegalArgumentException("teacher.bias: length " + (teacherBias == null ? "null"
                    : teacherBias.length) + " is not allowed; must be k = " + k);
        }
        for (int r = 0; r < k; r++) {
            if (!Double.isFinite(teacherBias[r])) {
                throw new IllegalArgumentException("teacher.bias[" + r + "]: " + teacherBias[r]
                        + " is not allowed; must be finite");
            }
        }
        return new PopulationDrift(moments, teacherOverlap, teacherSecondLayer, labelNoise, threads, dimension,
                forceGeneric, forceScaleDerivative, batchSize, teacherBias.clone());
    }

    /** Whether this drift has biases ({@link #withBiases}). */
    public boolean hasBiases() {
        return teacherBias != null;
    }

    /** Copy of the teacher biases b* (zeros for a drift without biases). */
    public double[] teacherBias() {
        return teacherBias == null ? new double[k] : teacherBias.clone();
    }

    /** The Gaussian-moment provider (student σ, teacher σ*). */
    public GaussianMoments moments() {
        return moments;
    }

    /** The student activation σ. */
    public Activation studentActivation() {
        return moments.student();
    }

    /** The teacher activation σ*. */
    public Activation teacherActivation() {
        return moments.teacher();
    }

    /** Teacher width k. */
    public int teacherWidth() {
        return k;
    }

    /** Copy of P, row-major k×k. */
    public double[] teacherOverlap() {
        return teacherOverlap.clone();
    }

    /** Copy of a*. */
    public double[] teacherSecondLayer() {
        return teacherSecondLayer.clone();
    }

    /** Δ, the label-noise variance. */
    public double labelNoise() {
        return labelNoise;
    }

    /** The maximum number of threads of one evaluation. */
    public int threads() {
        return threads;
    }

    /** Input dimension d of the noise factor ({@code +∞}: the d → ∞ drift). */
    public double dimension() {
        return dimension;
    }

    /** Whether evaluations use the hoisted erf closed forms. */
    public boolean usesErfFastPath() {
        return kernel instanceof ErfDriftKernel;
    }

    /** A fresh output buffer for a student of width p (reuse it across evaluations). */
    public DriftTerms newTerms(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("p: " + p + " is not allowed; the student width must be >= 1");
        }
        return new DriftTerms(p, k);
    }

    /**
     * Evaluates every drift term at (Q, M, a) into {@code out}.
     *
     * @param q   Q, row-major p×p (assumed symmetric; Ω is assumed positive semi-definite, not checked)
     * @param m   M, row-major p×k
     * @param a   student second layer, length p
     * @param out buffer from {@link #newTerms(int)} (or {@code new DriftTerms(p, k)}) with matching p and k
     * @throws IllegalArgumentException naming the argument when a size does not match
     */
    public void evaluate(double[] q, double[] m, double[] a, DriftTerms out) {
        evaluate(q, m, a, null, out);
    }

    /**
     * Evaluates every drift term at (Q, M, a) and the student biases b into {@code out}; for a drift with
     * biases also db_i = −a_i E[e σ'(λ_i)].
     *
     * @param b student biases, length p (null: zero); must be null or zero for a drift without biases
     * @throws IllegalArgumentException naming the argument when a size does not match, or for non-zero
     *                                  biases on a drift without biases
     */
    public void evaluate(double[] q, double[] m, double[] a, double[] b, DriftTerms out) {
        final int p = checkSizes(q, m, a);
        if (out.p != p || out.k != k) {
            throw new IllegalArgumentException("out: DriftTerms is " + out.p + "x" + out.k + " but (p, k) = ("
                    + p + ", " + k + ")");
        }
        checkBias(b, p);
        final DriftWorkspace ws = workspace(out, p);
        ws.load(q, m, teacherOverlap, a, teacherSecondLayer);
        if (teacherBias != null) {
            ws.loadMeans(b, teacherBias);
        }
        final int n = ws.n;

        kernel.gradientCorrelations(ws);
        final double[] g = ws.gradientCorrelation;
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                // dM_ir = −a_i E[e σ'(λ_i) λ*_r] = −a_i G_{i, p+r}   (label noise z is independent: drops out)
                out.dM[i * k + r] = -a[i] * g[i * n + p + r];
            }
            for (int j = i; j < p; j++) {
                // dQGradient_ij = −a_i E[e σ'(λ_i) λ_j] − a_j E[e σ'(λ_j) λ_i] = −a_i G_ij − a_j G_ji
                double value = -a[i] * g[i * n + j] - a[j] * g[j * n + i];
                out.dQGradient[i * p + j] = value;
                out.dQGradient[j * p + i] = value;
            }
            // da_i = −E[e σ(λ_i)] = −Σ_u c_u I2(i, u)
            out.da[i] = -kernel.outputCorrelation(ws, i);
            // db_i = −a_i E[e σ'(λ_i)] = −a_i Σ_u c_u K2(i, u)   (docs/theory.md §3.11)
            out.db[i] = teacherBias == null ? 0.0
                    : -a[i] * ((GenericDriftKernel) kernel).derivativeOutputCorrelation(ws, i);
        }
        out.excessRisk = kernel.excessRisk(ws);

        noiseInto(ws, a, out.dQNoise, kernel);
        if (eulerKernel != null) {
            // E[|x|²/d h] = E[h] + E[λ·∇h]/d, E[λ·∇h] exact from the Euler-weighted Wick moments (theory §8.3)
            double[] euler = ws.scaledNoise(0);
            noiseInto(ws, a, euler, eulerKernel);
            for (int idx = 0; idx < p * p; idx++) {
                out.dQNoise[idx] += euler[idx] / dimension;
            }
        }
        if (batchSize > 1 && dimension != Double.POSITIVE_INFINITY) {
            addBatchCrossTerm(ws, a, out.dQNoise);
        }
        if (scaleDerivativeCorrection) {
            // E[|x|²/d h] = E[h] + (2/d) (d/ds) E_{sΩ}[h] at s = 1, fourth-order central differences
            double[] plus1 = ws.scaledNoise(0);
            double[] minus1 = ws.scaledNoise(1);
            double[] plus2 = ws.scaledNoise(2);
            double[] minus2 = ws.scaledNoise(3);
            for (int step = 0; step < 4; step++) {
                ws.load(q, m, teacherOverlap, a, teacherSecondLayer);
                ws.scaleCovariance(SCALES[step]);
                noiseInto(ws, a, ws.scaledNoise(step), kernel);
            }
            double weight = 2 / (dimension * 12 * SCALE_STEP);
            for (int idx = 0; idx < p * p; idx++) {
                double derivativeTimes12h = 8 * (plus1[idx] - minus1[idx]) - (plus2[idx] - minus2[idx]);
                out.dQNoise[idx] += weight * derivativeTimes12h;
            }
        }
    }

    /**
     * dQNoise += (B − 1) a_i a_j G_i Ω⁺ G_jᵀ/d with G_i = E[e σ'(λ_i) λ] (the gradient correlations already in
     * ws): two different samples x, x' of a batch contribute E[f(x) x]·E[g(x') x']/d, and Stein's lemma
     * E[f x] = Σ_a E[∂_a f] w_a/√d turns it into E[∇f]ᵀ Ω E[∇g]/d = G_f Ω⁺ G_gᵀ/d.
     */
    private void addBatchCrossTerm(DriftWorkspace ws, double[] a, double[] target) {
        int p = ws.p;
        int n = ws.n;
        double[] z = org.sgdlimits.gauss.PivotedCholesky.rangeCoordinates(ws.covariance, n, ws.gradientCorrelation,
                p);
        int r = z.length / p;
        double weight = (batchSize - 1) / dimension;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double dot = 0;
                for (int c = 0; c < r; c++) {
                    dot += z[i * r + c] * z[j * r + c];
                }
                double value = weight * a[i] * a[j] * dot;
                target[i * p + j] += value;
                if (j != i) {
                    target[j * p + i] += value;
                }
            }
        }
    }

    /** target_ij = a_i a_j (Σ_{u,v} c_u c_v I4(i,j,u,v) + Δ J2(i,j)) at the covariance loaded in ws. */
    private void noiseInto(DriftWorkspace ws, double[] a, double[] target, DriftKernel kern) {
        final int p = ws.p;
        final int n = ws.n;
        final FiniteDimensionFactors f = factors;
        final double delta = labelNoise;
        final int pairs = ws.pairCount();
        PairLoop.PairBody body = (pair, worker) -> {
            int i = ws.pairFirst[pair];
            int j = ws.pairSecond[pair];
            PairScratch s = ws.scratch[worker];
            kern.noisePair(ws, i, j, s);
            // dQNoise_ij = a_i a_j (Σ_{u,v} c_u c_v I4(i,j,u,v) + Δ J2(i,j)), blocks times their finite-d factors
            double value = a[i] * a[j] * (f.studentStudent * s.studentStudent + f.studentTeacher * s.studentTeacher
                    + f.teacherTeacher * s.teacherTeacher + delta * f.labelNoise * s.derivativeCorrelation);
            target[i * p + j] = value;
            target[j * p + i] = value;
        };
        long work = (long) pairs * n * (n + 1) / 2;
        long threshold = kern instanceof ErfDriftKernel ? PARALLEL_WORK_ERF : PARALLEL_WORK_GENERIC;
        int helpers = work >= threshold ? threads - 1 : 0;
        int chunkSize = Math.max(1, pairs / (8 * threads));
        PairLoop.run(pairs, chunkSize, helpers, body);
    }

    /**
     * Evaluates every drift term at the student part of {@code overlaps} (convenience; copies the arrays).
     *
     * @throws IllegalArgumentException if the teacher of {@code overlaps} is not this drift's teacher
     */
    public void evaluate(Overlaps overlaps, DriftTerms out) {
        requireSameTeacher(overlaps);
        evaluate(overlaps.studentOverlapMatrix(), overlaps.studentTeacherOverlapMatrix(),
                overlaps.studentSecondLayer(), out);
    }

    /** ε = ½ E[(f − f*)²] at (Q, M, a) (allocates an O((p+k)²) workspace). */
    public double excessRisk(double[] q, double[] m, double[] a) {
        return excessRisk(q, m, a, null);
    }

    /** ε = ½ E[(f − f*)²] at (Q, M, a) and student biases b (null: zero). */
    public double excessRisk(double[] q, double[] m, double[] a, double[] b) {
        int p = checkSizes(q, m, a);
        checkBias(b, p);
        DriftWorkspace ws = new DriftWorkspace(p, k, 1);
        ws.load(q, m, teacherOverlap, a, teacherSecondLayer);
        if (teacherBias != null) {
            ws.loadMeans(b, teacherBias);
        }
        return kernel.excessRisk(ws);
    }

    private void checkBias(double[] b, int p) {
        if (b == null) {
            return;
        }
        if (b.length != p) {
            throw new IllegalArgumentException("b: length " + b.length + " is not allowed; must be p = " + p);
        }
        if (teacherBias == null) {
            for (double bi : b) {
                if (bi != 0) {
                    throw new IllegalArgumentException("b: non-zero student biases need a drift with biases "
                            + "(PopulationDrift.withBiases)");
                }
            }
        }
    }

    /** ε = ½ E[(f − f*)²] at the student part of {@code overlaps}. */
    public double excessRisk(Overlaps overlaps) {
        requireSameTeacher(overlaps);
        return excessRisk(overlaps.studentOverlapMatrix(), overlaps.studentTeacherOverlapMatrix(),
                overlaps.studentSecondLayer());
    }

    /** Risk R = ½ E[(f − y)²] = ε + Δ/2 at (Q, M, a). */
    public double risk(double[] q, double[] m, double[] a) {
        return excessRisk(q, m, a) + 0.5 * labelNoise;
    }

    /** Risk R = ε + Δ/2 at the student part of {@code overlaps}. */
    public double risk(Overlaps overlaps) {
        return excessRisk(overlaps) + 0.5 * labelNoise;
    }

    @Override
    public String toString() {
        return "PopulationDrift[k=" + k + ", moments=" + moments + ", labelNoise=" + labelNoise + ", dimension="
                + dimension + ", threads=" + threads + ", fastPath=" + usesErfFastPath()
                + (teacherBias == null ? "" : ", teacherBias=" + java.util.Arrays.toString(teacherBias)) + "]";
    }

    private DriftWorkspace workspace(DriftTerms out, int p) {
        DriftWorkspace ws = out.workspace;
        if (ws == null || ws.p != p || ws.k != k) {
            ws = new DriftWorkspace(p, k, threads);
            out.workspace = ws;
        } else {
            ws.ensureWorkers(threads);
        }
        return ws;
    }

    private int checkSizes(double[] q, double[] m, double[] a) {
        if (a == null || a.length < 1) {
            throw new IllegalArgumentException("a: the student second layer must have length p >= 1");
        }
        int p = a.length;
        if (q == null || q.length != p * p) {
            throw new IllegalArgumentException("Q: length " + (q == null ? "null" : q.length) + " is not allowed; "
                    + "must be p*p = " + (p * p) + " (p = " + p + " from a)");
        }
        if (m == null || m.length != p * k) {
            throw new IllegalArgumentException("M: length " + (m == null ? "null" : m.length) + " is not allowed; "
                    + "must be p*k = " + (p * k) + " (p = " + p + ", k = " + k + ")");
        }
        return p;
    }

    private void requireSameTeacher(Overlaps overlaps) {
        if (overlaps.teacherWidth() != k) {
            throw new IllegalArgumentException("overlaps: teacher width " + overlaps.teacherWidth()
                    + " differs from the drift's k = " + k);
        }
        double scale = 0;
        for (double v : teacherOverlap) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = 1e-12 * Math.max(1.0, scale);
        for (int r = 0; r < k; r++) {
            if (Math.abs(overlaps.teacherSecondLayer(r) - teacherSecondLayer[r]) > 1e-12
                    * Math.max(1.0, Math.abs(teacherSecondLayer[r]))) {
                throw new IllegalArgumentException("overlaps: a*[" + r + "] = " + overlaps.teacherSecondLayer(r)
                        + " differs from the drift's teacher " + teacherSecondLayer[r]);
            }
            for (int s = 0; s < k; s++) {
                if (Math.abs(overlaps.teacherOverlap(r, s) - teacherOverlap[r * k + s]) > tolerance) {
                    throw new IllegalArgumentException("overlaps: P[" + r + "][" + s + "] = "
                            + overlaps.teacherOverlap(r, s) + " differs from the drift's teacher "
                            + teacherOverlap[r * k + s]);
                }
            }
        }
    }

    private static GaussianMoments validatedMoments(GaussianMoments moments) {
        if (moments == null) {
            throw new IllegalArgumentException("moments: missing");
        }
        return moments;
    }

    private static double[] validatedSecondLayer(double[] aStar) {
        if (aStar == null || aStar.length < 1) {
            throw new IllegalArgumentException("aStar: the teacher second layer must have length k >= 1");
        }
        for (int r = 0; r < aStar.length; r++) {
            if (!Double.isFinite(aStar[r])) {
                throw new IllegalArgumentException("aStar[" + r + "]: " + aStar[r] + " is not allowed; must be finite");
            }
        }
        return aStar.clone();
    }

    private static double[] validatedTeacherOverlap(double[] pMat, double[] aStar) {
        int k = validatedSecondLayer(aStar).length;
        if (pMat == null || pMat.length != k * k) {
            throw new IllegalArgumentException("P: length " + (pMat == null ? "null" : pMat.length)
                    + " is not allowed; must be k*k = " + (k * k) + " (k = " + k + " from aStar)");
        }
        double scale = 0;
        for (int idx = 0; idx < pMat.length; idx++) {
            if (!Double.isFinite(pMat[idx])) {
                throw new IllegalArgumentException("P[" + (idx / k) + "][" + (idx % k) + "]: " + pMat[idx]
                        + " is not allowed; must be finite");
            }
            scale = Math.max(scale, Math.abs(pMat[idx]));
        }
        double[] sym = new double[k * k];
        for (int r = 0; r < k; r++) {
            if (pMat[r * k + r] < 0) {
                throw new IllegalArgumentException("P[" + r + "][" + r + "]: " + pMat[r * k + r]
                        + " is not allowed; a teacher self-overlap must be >= 0");
            }
            for (int s = 0; s < k; s++) {
                double prs = pMat[r * k + s];
                double psr = pMat[s * k + r];
                if (Math.abs(prs - psr) > 1e-10 * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("P: not symmetric, P[" + r + "][" + s + "] = " + prs
                            + " but P[" + s + "][" + r + "] = " + psr);
                }
                sym[r * k + s] = 0.5 * (prs + psr);
            }
        }
        return sym;
    }

    private static double validatedLabelNoise(double labelNoise) {
        if (!(labelNoise >= 0) || Double.isInfinite(labelNoise)) {
            throw new IllegalArgumentException("labelNoise: " + labelNoise + " is not allowed; must be finite and >= 0");
        }
        return labelNoise;
    }
}
