package org.sgdlimits.meanfield;

import java.util.Objects;
import java.util.stream.IntStream;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;

/**
 * The drift of the mean-field particle system (docs/theory.md §5): the overlap ODE of docs/theory.md §3 evaluated at the
 * reconstructed overlaps Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i, M = m, projected on the particle coordinates
 * (a_i, m_i, q⊥_i), in O(n · N) operations for n particles and N teacher-field nodes (never O(n²)).
 *
 * <h2>Derivation</h2>
 * Under the closure λ_i = μ_i + √q⊥_i ξ_i, μ_i = m_i P⁻¹ λ*, with ξ_i i.i.d. N(0, 1) independent of λ*. Write
 * the student output as f = Σ_j w_j a_j σ(λ_j) (weights w_j; w_j = 1/p for a network of p units), the teacher
 * output F*(λ*) = (1/k) Σ_r a*_r σ*(λ*_r), e = f − F* − √Δ z, and c = 1/p the weight of one unit
 * ({@link ParticleDriftSettings#selfInteraction()}). Given λ* the units are independent; with the
 * conditional moments S_j = E[σ(λ_j)|λ*], V_j = Var[σ(λ_j)|λ*] (and D, SD, DXi, SDXi, D2, SD2, S2D2 as in
 * {@link ConditionalMoments}) define at each node the population sums
 * <pre>
 *   r(λ*) = Σ_j w_j a_j S_j − F*(λ*)        (conditional mean of f − f*)
 *   W(λ*) = c Σ_j w_j a_j² V_j              (conditional variance of f; = Σ_j w_j² a_j² V_j for w = c)
 * </pre>
 * and, for unit i, the rest of the network r_i = r − c a_i S_i, W_i = W − c² a_i² V_i (the j = i term
 * removed: this is the finite-p self-interaction). Splitting f − f* = (rest) + c a_i σ(λ_i):
 * <pre>
 *   E[(f − f*) σ'_i        | λ*] = r_i D_i    + c a_i SD_i
 *   E[(f − f*) σ'_i (λ_i−μ_i)| λ*] = r_i DXi_i + c a_i SDXi_i
 *   E[(f − f*) σ_i         | λ*] = r_i S_i    + c a_i E[σ_i²|λ*]
 *   E[(f − f*)² σ'_i²      | λ*] = (r_i² + W_i) D2_i + 2 r_i c a_i SD2_i + c² a_i² S2D2_i
 * </pre>
 * (z averages out of the first three and adds Δ D2_i to the last). Then, averaging over λ* by the
 * tensor Gauss–Hermite rule of {@link TeacherFieldQuadrature}:
 * <pre>
 *   dm_i/dt  = −a_i E[e σ'_i λ*] − λ_wd m_i                                  (docs/theory.md §3, dM_i)
 *   dq⊥_i/dt = dQ_ii/dt − 2 m_i P⁻¹ dm_i/dtᵀ
 *            = −2 a_i E[e σ'_i (λ_i − μ_i)] + (g/B) a_i² E[e² σ'_i²] − 2 λ_wd q⊥_i
 *   da_i/dt  = −(γ_a/γ) E[e σ_i],   E_λ*[E[σ_i²|λ*]] = E[σ(λ_i)²] (closed, λ_i ~ N(0, Q_ii))
 *   ε        = ½ E_λ*[r² + W],      E_λ*[V_j] = E[σ(λ_j)²] − E_λ*[S_j²]
 * </pre>
 * With one particle (w = c = 1) this is exactly the full ODE at p = 1; with w = c = 1/p it is the diagonal
 * (dQ_ii, dM_i, da_i) of the full p×p ODE at the reconstructed Q — what the tests check against the shared
 * {@code PopulationDrift}. The SGD-noise term, W and the conditional variances are skipped when g/B = 0.
 * When the moment provider offers {@link ConditionalMoments#squareTimesDerivativeSquare} (erf, via the common
 * closed-form I4), the self parts c²a_i²(E[S2D2_i] − E[S2_i D2_i]) of the noise term are taken in closed form
 * instead of node by node. A schedule γ(t) = γ s(t) multiplies the drift by s and the noise term by s².
 *
 * <h2>Teacher-field rule</h2>
 * See {@link ParticleDriftSettings#teacherNodes()}: for k = 1 and a non-polynomial pair the default is a
 * trapezoidal rule on a uniform lattice, so that every Gaussian factor e^(−αμ²) of the conditional moments
 * (and the Gauss–Legendre factors of Owen's T) follows by two multiplications per node instead of an
 * exponential; symmetric rules and activations of known parity evaluate the moments on the non-negative half
 * of the nodes only ({@link Parity}).
 *
 * <h2>Cost and threads</h2>
 * Two passes over the particles (population sums, then per-particle terms), each O(n N) with N = nodesᵏ
 * (measured single-thread CPU time, erf k = 1, default rule: 8 ms at n = 10⁴ and 79 ms at n = 10⁵ without the
 * noise term, 17 ms and 142 ms with it; square at n = 10⁶: 105 ms / 161 ms);
 * memory O(n k) plus O(N) per chunk of {@value #CHUNK} particles. Chunks run in parallel on the common
 * fork-join pool when n ≥ 2·{@value #CHUNK}; partial sums are reduced in chunk order, so results are
 * bit-identical whatever the number of threads. Thread-safe: all mutable state lives in the caller's
 * {@link ParticleDriftTerms}.
 */
public final class ParticleDrift {
    static final int CHUNK = 1024;

    private final ConditionalMoments moments;
    private final Activation teacher;
    private final int k;
    private final double[] teacherOverlap;
    private final double[] teacherSecondLayer;
    private final ParticleDriftSettings settings;
    private final TeacherFieldQuadrature quadrature;
    private final double[] teacherOutput;
    private final boolean halfRule;
    /** Node weights ω_ν and ω_ν λ*_ν (k = 1). */
    private final double[] nodeWeight;
    private final double[] weightedField;
    private final boolean lattice;
    private final double[] reflection;
    /** Teacher biases b* (length k) of a drift with biases (docs/theory.md §3.11), else null. */
    private final double[] teacherBias;

    /**
     * @param student            student activation σ
     * @param teacher            teacher activation σ*
     * @param teacherOverlap     P (k×k, row-major, symmetric positive definite)
     * @param teacherSecondLayer a* (length k)
     * @param settings           width (self-interaction), noise, label noise, weight decay, second layer, nodes
     */
    public ParticleDrift(Activation student, Activation teacher, double[] teacherOverlap, double[] teacherSecondLayer,
                         ParticleDriftSettings settings) {
        this(ConditionalMoments.forActivation(Objects.requireNonNull(student, "student")), teacher, teacherOverlap,
                teacherSecondLayer, settings);
    }

    /** As above with an explicit conditional-moment provider for the student activation. */
    public ParticleDrift(ConditionalMoments moments, Activation teacher, double[] teacherOverlap,
                         double[] teacherSecondLayer, ParticleDriftSettings settings) {
        this(moments, teacher, teacherOverlap, teacherSecondLayer, settings, null, null);
    }

    /**
     * As above with an explicit teacher-field rule (null: the default choice of {@link ParticleDriftSettings});
     * the low-rank closure passes a rule over the teacher field and its latent Gaussians
     * ({@link TeacherFieldQuadrature#withLatentAxes}).
     */
    ParticleDrift(ConditionalMoments moments, Activation teacher, double[] teacherOverlap,
                  double[] teacherSecondLayer, ParticleDriftSettings settings, TeacherFieldQuadrature rule) {
        this(moments, teacher, teacherOverlap, teacherSecondLayer, settings, null, rule);
    }

    /**
     * A drift for particles with biases (docs/theory.md §3.11): particle i has the field
     * λ_i = μ_i + b_i + √q⊥_i ξ_i, the teacher λ*_r = u*_r + b*_r with u* ~ N(0, P) on the quadrature nodes; the
     * per-particle biases are passed to {@link #evaluate(int, double[], double[], double[], double[], double[],
     * double, ParticleDriftTerms)}, which also fills {@link ParticleDriftTerms#biasGradient}. The parity
     * shortcuts and the closed-form self terms (zero-mean forms) are not used.
     *
     * @param teacherBias b*, length k, finite (null: a drift without biases)
     */
    public ParticleDrift(ConditionalMoments moments, Activation teacher, double[] teacherOverlap,
                         double[] teacherSecondLayer, ParticleDriftSettings settings, double[] teacherBias) {
        this(moments, teacher, teacherOverlap, teacherSecondLayer, settings, teacherBias, null);
    }

    /**
     * A drift with biases for a student activation (its default conditional-moment provider), as
     * {@link #ParticleDrift(ConditionalMoments, Activation, double[], double[], ParticleDriftSettings, double[])}.
     *
     * @param teacherBias b*, length k, finite
     */
    public static ParticleDrift withTeacherBias(Activation student, Activation teacher, double[] teacherOverlap,
                                                double[] teacherSecondLayer, ParticleDriftSettings settings,
                                                double[] teacherBias) {
        return new ParticleDrift(ConditionalMoments.forActivation(Objects.requireNonNull(student, "student")),
                teacher, teacherOverlap, teacherSecondLayer, settings, Objects.requireNonNull(teacherBias,
                "teacher.bias"), null);
    }

    private ParticleDrift(ConditionalMoments moments, Activation teacher, double[] teacherOverlap,
                          double[] teacherSecondLayer, ParticleDriftSettings settings, double[] teacherBias,
                          TeacherFieldQuadrature rule) {
        this.moments = Objects.requireNonNull(moments, "moments");
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (teacherSecondLayer == null || teacherSecondLayer.length < 1) {
            throw new IllegalArgumentException("aStar: missing; expected k >= 1 entries");
        }
        this.k = teacherSecondLayer.length;
        if (teacherOverlap == null || teacherOverlap.length != k * k) {
            throw new IllegalArgumentException("P: has " + (teacherOverlap == null ? 0 : teacherOverlap.length)
                    + " entries; expected " + k + "x" + k);
        }
        this.teacherOverlap = teacherOverlap.clone();
        this.teacherSecondLayer = teacherSecondLayer.clone();
        boolean polynomial = isPolynomial(moments.activation()) && isPolynomial(teacher);
        if (rule != null) {
            if (rule.dimension() != k) {
                throw new IllegalArgumentException("rule: " + rule.dimension() + " axes; the teacher has k = " + k);
            }
            this.quadrature = rule;
        } else if (settings.teacherNodes() > 0) {
            this.quadrature = new TeacherFieldQuadrature(this.teacherOverlap, k, settings.teacherNodes());
        } else if (polynomial) {
            this.quadrature = new TeacherFieldQuadrature(this.teacherOverlap, k,
                    ParticleDriftSettings.DEFAULT_POLYNOMIAL_NODES);
        } else if (k == 1 && (moments.activation().hasKink() || teacher.hasKink())) {
            // kink at λ* = 0: composite Gauss–Legendre split there (2 × 10 panels × 8 points)
            this.quadrature = TeacherFieldQuadrature.splitLegendre(this.teacherOverlap, 8.6, 10, 8);
        } else if (k == 1) {
            this.quadrature = TeacherFieldQuadrature.trapezoid(this.teacherOverlap,
                    TeacherFieldQuadrature.DEFAULT_TRAPEZOID_STEP, TeacherFieldQuadrature.DEFAULT_TRAPEZOID_HALF_WIDTH);
        } else {
            this.quadrature = new TeacherFieldQuadrature(this.teacherOverlap, k, ParticleDriftSettings.DEFAULT_NODES);
        }
        nodeWeight = new double[quadrature.size()];
        weightedField = new double[quadrature.size()];
        for (int nu = 0; nu < quadrature.size(); nu++) {
            nodeWeight[nu] = quadrature.weight(nu);
            weightedField[nu] = quadrature.weight(nu) * quadrature.field(nu, 0);
        }
        boolean parityKnown = moments.parity() != Parity.NONE;
        if (teacherBias != null) {
            org.sgdlimits.overlap.Biases.fixed(teacherBias, new double[] {0}); // finite entries, named field
            if (teacherBias.length != k) {
                throw new IllegalArgumentException("teacher.bias: length " + teacherBias.length
                        + " is not allowed; must be k = " + k);
            }
        }
        this.teacherBias = teacherBias == null ? null : teacherBias.clone();
        this.halfRule = quadrature.symmetric() && parityKnown && teacherBias == null;
        this.lattice = halfRule && !Double.isNaN(quadrature.latticeStep());
        boolean odd = moments.parity() == Parity.ODD;
        // sign of each moment at −z relative to +z: S, Var, D, SD, DXi, SDXi, D2, SD2, S2D2
        this.reflection = odd ? new double[] {-1, 1, 1, -1, -1, 1, 1, -1, 1}
                : new double[] {1, 1, -1, -1, 1, 1, 1, 1, 1};
        int n = quadrature.size();
        teacherOutput = new double[n];
        for (int nu = 0; nu < n; nu++) {
            double f = 0;
            for (int r = 0; r < k; r++) {
                double shift = this.teacherBias == null ? 0.0 : this.teacherBias[r];
                f += this.teacherSecondLayer[r] * teacher.value(quadrature.field(nu, r) + shift);
            }
            teacherOutput[nu] = f / k; // F*(λ*) = (1/k) Σ_r a*_r σ*(λ*_r), docs/theory.md §1
        }
    }

    private static boolean isPolynomial(Activation a) {
        return a.polynomialDegree().isPresent();
    }

    public ParticleDriftSettings settings() { return settings; }

    /** Whether this drift has biases (docs/theory.md §3.11). */
    public boolean hasBiases() { return teacherBias != null; }

    public int teacherWidth() { return k; }

    /** Number of teacher-field quadrature nodes N (nodes per axis to the power k). */
    public int teacherFieldNodes() { return quadrature.size(); }

    /** The teacher activation σ*. */
    public Activation teacher() { return teacher; }

    /** The student's conditional-moment provider. */
    public ConditionalMoments moments() { return moments; }

    /** Copy of P. */
    public double[] teacherOverlap() { return teacherOverlap.clone(); }

    /** Copy of a*. */
    public double[] teacherSecondLayer() { return teacherSecondLayer.clone(); }

    /**
     * Evaluates the drift of n particles with equal weights 1/n (a network of n units when the settings'
     * width is n).
     */
    public void evaluate(int n, double[] a, double[] m, double[] qPerp, double scheduleFactor, ParticleDriftTerms out) {
        evaluate(n, a, m, qPerp, null, scheduleFactor, out);
    }

    /**
     * Evaluates the drift of n weighted particles.
     *
     * @param n              number of particles (≤ out.capacity)
     * @param a              second-layer weights a_i (length ≥ n)
     * @param m              student–teacher overlaps m_i, row-major n×k
     * @param qPerp          orthogonal squared norms q⊥_i ≥ 0
     * @param weights        w_i ≥ 0 with Σ w_i = 1 (the empirical measure; null means 1/n each). The
     *                       self-interaction coefficient is 1/p from the settings, independent of w.
     * @param scheduleFactor s(t) ≥ 0 of the learning-rate schedule (1 for a constant rate)
     * @param out            output buffer and workspace
     */
    public void evaluate(int n, double[] a, double[] m, double[] qPerp, double[] weights, double scheduleFactor,
                         ParticleDriftTerms out) {
        evaluate(n, a, m, qPerp, weights, null, scheduleFactor, out);
    }

    /**
     * As above with per-particle biases b_i (a drift with biases; null: zero). Also fills
     * {@code out.biasGradient}: D_i = −a_i E[e σ'(λ_i)] (the caller multiplies by s γ_b/γ for db_i/dt).
     *
     * @throws IllegalArgumentException for non-zero biases on a drift without biases
     */
    public void evaluate(int n, double[] a, double[] m, double[] qPerp, double[] weights, double[] bias,
                         double scheduleFactor, ParticleDriftTerms out) {
        checkBuffer(n, out);
        if (bias != null && teacherBias == null) {
            for (int i = 0; i < n; i++) {
                if (bias[i] != 0) {
                    throw new IllegalArgumentException("bias: non-zero particle biases need a drift with biases");
                }
            }
        }
        final boolean biased = teacherBias != null;
        final int nodes = quadrature.size();
        final int chunks = (n + CHUNK - 1) / CHUNK;
        prepareWorkspace(out, chunks, nodes);
        final double c = settings.selfInteraction();
        final boolean noise = settings.noiseCoefficient() > 0;
        final boolean variance = noise && c > 0;
        final boolean secondLayer = settings.secondLayerRate() > 0;

        populationSums(n, a, m, qPerp, weights, bias, variance, out);
        final double[] residual = out.nodeResidual;
        final double[] varianceSum = out.nodeVariance;

        // pass 2: per-particle terms
        final double labelNoise = settings.labelNoise();
        final double decay = settings.weightDecay();
        final double noiseFactor = scheduleFactor * scheduleFactor * settings.noiseCoefficient();
        final double rate = settings.secondLayerRate();
        // self-interaction parts of the noise term in closed form when the provider has them (erf)
        final boolean closedSelf = !biased && noise && c > 0
                && !Double.isNaN(moments.squareTimesDerivativeSquare(1.0, 0.5));
        final boolean nodeVariance = variance && !closedSelf;
        // with biases E[σ_i²] = E_λ*[Var + S²] on the nodes (the closed meanSquare is for zero mean)
        final boolean momentVariance = nodeVariance || (biased && secondLayer);
        runChunks(chunks, ch -> {
            ChunkWorkspace ws = out.chunks[ch];
            double[] g = ws.g;
            int end = Math.min(n, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                double ai = a[i];
                double qi = qPerp[i];
                double align = projections(m, i, ws);
                shift(ws, bias, i, nodes);
                conditionalMoments(ws, qi, momentVariance, true, noise, !closedSelf);
                double ca = c * ai;
                java.util.Arrays.fill(g, 0.0);
                double[] sv = ws.s;
                double[] dv = ws.d;
                double[] sdv = ws.sd;
                double[] dxiv = ws.dxi;
                double[] sdxiv = ws.sdxi;
                double sumH = 0;
                double sumB = 0;
                // gradient terms: E[(f−f*)σ'_i λ*] and E[(f−f*)σ'_i (λ_i − μ_i)], with r_i = r − c a_i S_i
                if (k == 1) {
                    double g0 = 0;
                    for (int nu = 0; nu < nodes; nu++) {
                        double rest = residual[nu] - ca * sv[nu];
                        g0 += weightedField[nu] * (rest * dv[nu] + ca * sdv[nu]);
                        if (biased) {
                            sumB += nodeWeight[nu] * (rest * dv[nu] + ca * sdv[nu]);
                        }
                        sumH += nodeWeight[nu] * (rest * dxiv[nu] + ca * sdxiv[nu]);
                    }
                    g[0] = g0;
                } else {
                    for (int nu = 0; nu < nodes; nu++) {
                        double rest = residual[nu] - ca * sv[nu];
                        double gn = nodeWeight[nu] * (rest * dv[nu] + ca * sdv[nu]);
                        sumB += gn;
                        for (int r = 0; r < k; r++) {
                            g[r] += gn * quadrature.field(nu, r);
                        }
                        sumH += nodeWeight[nu] * (rest * dxiv[nu] + ca * sdxiv[nu]);
                    }
                }
                double sumA = 0;
                if (secondLayer) {
                    for (int nu = 0; nu < nodes; nu++) {
                        sumA += nodeWeight[nu] * (residual[nu] - ca * sv[nu]) * sv[nu];
                    }
                }
                double sumN = 0;
                if (noise) {
                    double[] d2v = ws.d2;
                    double[] sd2v = ws.sd2;
                    if (closedSelf) {
                        // W_i = W − c²a²(S2 − S²): the S2·D2 and S2D2 parts are added below in closed form
                        double cc = ca * ca;
                        for (int nu = 0; nu < nodes; nu++) {
                            double s = sv[nu];
                            double rest = residual[nu] - ca * s;
                            sumN += nodeWeight[nu] * ((rest * rest + varianceSum[nu] + labelNoise + cc * s * s)
                                    * d2v[nu] + 2 * rest * ca * sd2v[nu]);
                        }
                    } else {
                        for (int nu = 0; nu < nodes; nu++) {
                            double rest = residual[nu] - ca * sv[nu];
                            double restVar = variance ? varianceSum[nu] - ca * ca * ws.variance[nu] : 0.0; // W_i
                            sumN += nodeWeight[nu] * ((rest * rest + restVar + labelNoise) * d2v[nu]
                                    + 2 * rest * ca * sd2v[nu] + ca * ca * ws.s2d2[nu]);
                        }
                    }
                }
                for (int r = 0; r < k; r++) {
                    double gm = -ai * g[r];                                           // −a_i E[e σ'_i λ*_r]
                    out.gradientM[i * k + r] = gm;
                    out.dm[i * k + r] = scheduleFactor * (gm - decay * m[i * k + r]);
                }
                double gq = -2 * ai * sumH;                                           // −2a_i E[e σ'_i (λ_i − μ_i)]
                if (closedSelf) {
                    // c²a² (E_λ*[E[σ²σ'²|λ*]] − E_λ*[E[σ²|λ*] E[σ'²|λ*]])
                    double qii = align + qi;
                    sumN += ca * ca * (moments.squareTimesDerivativeSquare(qii, qii)
                            - moments.squareTimesDerivativeSquare(qii, align));
                }
                double nq = noise ? ai * ai * sumN : 0.0;                             // a_i² E[e² σ'_i²]
                out.gradientQPerp[i] = gq;
                out.noiseQPerp[i] = nq;
                out.dqPerp[i] = scheduleFactor * (gq - 2 * decay * qi) + noiseFactor * nq;
                double meanSquare = 0;
                if (secondLayer && biased) {
                    for (int nu = 0; nu < nodes; nu++) {
                        meanSquare += nodeWeight[nu] * (ws.variance[nu] + sv[nu] * sv[nu]);
                    }
                } else if (secondLayer) {
                    meanSquare = moments.meanSquare(align + qi);
                }
                double sg = secondLayer ? -(sumA + ca * meanSquare) : 0.0;          // −E[e σ_i]
                out.biasGradient[i] = biased ? -ai * sumB : 0.0;                      // −a_i E[e σ'_i]
                out.secondLayerGradient[i] = sg;
                out.da[i] = scheduleFactor * rate * sg;
            }
        });
    }

    /**
     * The excess risk ε = ½ E[(f − f*)²] of n weighted particles under the closure (docs/theory.md §5), O(n N); the
     * same value {@link #evaluate} stores in {@code out.excessRisk}, without the per-particle pass.
     * {@code out} is used as workspace. The risk is ε + Δ/2.
     */
    public double excessRisk(int n, double[] a, double[] m, double[] qPerp, double[] weights, ParticleDriftTerms out) {
        checkBuffer(n, out);
        int chunks = (n + CHUNK - 1) / CHUNK;
        prepareWorkspace(out, chunks, quadrature.size());
        populationSums(n, a, m, qPerp, weights, null, false, out);
        return out.excessRisk;
    }

    /** ε of n weighted particles with biases b_i (null: zero), see above. */
    public double excessRisk(int n, double[] a, double[] m, double[] qPerp, double[] weights, double[] bias,
                             ParticleDriftTerms out) {
        checkBuffer(n, out);
        int chunks = (n + CHUNK - 1) / CHUNK;
        prepareWorkspace(out, chunks, quadrature.size());
        populationSums(n, a, m, qPerp, weights, bias, false, out);
        return out.excessRisk;
    }

    /** With biases: the conditional means of particle i at the nodes become μ_ν + b_i. */
    private void shift(ChunkWorkspace ws, double[] bias, int i, int nodes) {
        if (teacherBias != null && bias != null && bias[i] != 0) {
            double bi = bias[i];
            for (int nu = 0; nu < nodes; nu++) {
                ws.mu[nu] += bi;
            }
        }
    }

    /** Pass 1: r(λ*), W(λ*) per node into out.nodeResidual / out.nodeVariance, and out.excessRisk. */
    private void populationSums(int n, double[] a, double[] m, double[] qPerp, double[] weights, double[] bias,
                                boolean variance, ParticleDriftTerms out) {
        final boolean biased = teacherBias != null;
        final int nodes = quadrature.size();
        final int chunks = (n + CHUNK - 1) / CHUNK;
        final double equalWeight = 1.0 / n;
        // pass 1: population sums per node, chunk partials
        runChunks(chunks, ch -> {
            ChunkWorkspace ws = out.chunks[ch];
            java.util.Arrays.fill(ws.partialMean, 0.0);
            if (variance) {
                java.util.Arrays.fill(ws.partialVariance, 0.0);
            }
            double riskVariance = 0;
            int end = Math.min(n, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                double wi = weights == null ? equalWeight : weights[i];
                double ai = a[i];
                double qi = qPerp[i];
                double align = projections(m, i, ws);
                shift(ws, bias, i, nodes);
                conditionalMoments(ws, qi, variance || biased, false, false, false);
                double wa = wi * ai;
                double wa2 = wa * ai;
                double meanSquareOfMean = 0;
                for (int nu = 0; nu < nodes; nu++) {
                    double s = ws.s[nu];
                    ws.partialMean[nu] += wa * s;
                    meanSquareOfMean += quadrature.weight(nu) * s * s;
                }
                if (variance) {
                    for (int nu = 0; nu < nodes; nu++) {
                        ws.partialVariance[nu] += wa2 * ws.variance[nu];
                    }
                }
                if (biased) {
                    // E_λ*[Var(σ_i|λ*)] on the nodes (the closed E[σ(λ_i)²] is for zero mean)
                    double meanVariance = 0;
                    for (int nu = 0; nu < nodes; nu++) {
                        meanVariance += quadrature.weight(nu) * ws.variance[nu];
                    }
                    riskVariance += wa2 * meanVariance;
                } else {
                    // E_λ*[Var(σ_i|λ*)] = E[σ(λ_i)²] − E_λ*[S_i²], λ_i ~ N(0, Q_ii)
                    riskVariance += wa2 * Math.max(0.0, moments.meanSquare(align + qi) - meanSquareOfMean);
                }
            }
            ws.partialRiskVariance = riskVariance;
        });

        // reduction in chunk order (deterministic whatever the thread count)
        double[] residual = out.nodeResidual;
        double[] varianceSum = out.nodeVariance;
        final double c = settings.selfInteraction();
        double risk = 0;
        double riskVar = 0;
        for (int nu = 0; nu < nodes; nu++) {
            double s = 0;
            double v = 0;
            for (int ch = 0; ch < chunks; ch++) {
                s += out.chunks[ch].partialMean[nu];
                if (variance) {
                    v += out.chunks[ch].partialVariance[nu];
                }
            }
            residual[nu] = s - teacherOutput[nu];                  // r(λ*)
            varianceSum[nu] = c * v;                               // W(λ*)
            risk += quadrature.weight(nu) * residual[nu] * residual[nu];
        }
        for (int ch = 0; ch < chunks; ch++) {
            riskVar += out.chunks[ch].partialRiskVariance;
        }
        out.excessRisk = 0.5 * (risk + c * riskVar);              // ε = ½ E_λ*[r² + W]

    }

    private void checkBuffer(int n, ParticleDriftTerms out) {
        if (n < 1 || n > out.capacity) {
            throw new IllegalArgumentException("n: " + n + "; must be in 1.." + out.capacity + " (buffer capacity)");
        }
        if (out.k != k) {
            throw new IllegalArgumentException("out.k: " + out.k + "; the drift has k = " + k);
        }
    }

    /**
     * Fills the conditional moments of the particle whose whitened overlap is in ws.u at every node. For a
     * symmetric k = 1 rule and an activation of known parity they are computed on the non-negative half of the
     * rule (on the lattice μ_j = j·u·step for the trapezoidal rule) and reflected.
     */
    private void conditionalMoments(ChunkWorkspace ws, double qi, boolean variance, boolean gradient, boolean noise,
                                    boolean fourth) {
        int nodes = quadrature.size();
        if (!halfRule) {
            moments.means(ws.mu, nodes, qi, ws.s, variance ? ws.variance : null);
            if (gradient) {
                moments.gradientMoments(ws.mu, nodes, qi, ws.d, ws.sd, ws.dxi, ws.sdxi);
            }
            if (noise) {
                moments.noiseMoments(ws.mu, nodes, qi, ws.d2, ws.sd2, fourth ? ws.s2d2 : null);
            }
            return;
        }
        int h = quadrature.halfSize();
        double[][] half = ws.half;
        double u0 = ws.u[0];
        if (lattice) {
            double step = u0 * quadrature.latticeStep();
            moments.meansOnLattice(step, h, qi, ws.work, half[0], variance ? half[1] : null);
            if (gradient) {
                moments.gradientMomentsOnLattice(step, h, qi, ws.work, half[2], half[3], half[4], half[5]);
            }
            if (noise) {
                moments.noiseMomentsOnLattice(step, h, qi, ws.work, half[6], half[7], fourth ? half[8] : null);
            }
        } else {
            double[] mu = ws.work;
            for (int j = 0; j < h; j++) {
                mu[j] = u0 * quadrature.halfNode(j);
            }
            moments.means(mu, h, qi, half[0], variance ? half[1] : null);
            if (gradient) {
                moments.gradientMoments(mu, h, qi, half[2], half[3], half[4], half[5]);
            }
            if (noise) {
                moments.noiseMoments(mu, h, qi, half[6], half[7], fourth ? half[8] : null);
            }
        }
        reflect(half[0], reflection[0], ws.s, h);
        if (variance) {
            reflect(half[1], reflection[1], ws.variance, h);
        }
        if (gradient) {
            reflect(half[2], reflection[2], ws.d, h);
            reflect(half[3], reflection[3], ws.sd, h);
            reflect(half[4], reflection[4], ws.dxi, h);
            reflect(half[5], reflection[5], ws.sdxi, h);
        }
        if (noise) {
            reflect(half[6], reflection[6], ws.d2, h);
            reflect(half[7], reflection[7], ws.sd2, h);
            if (fourth) {
                reflect(half[8], reflection[8], ws.s2d2, h);
            }
        }
    }

    private void reflect(double[] half, double sign, double[] full, int h) {
        for (int j = 0; j < h; j++) {
            full[quadrature.positiveIndex(j)] = half[j];
            full[quadrature.negativeIndex(j)] = sign * half[j];
        }
        // for odd N the centre node is written twice: the positive value wins (an odd moment is 0 there anyway)
        if (quadrature.positiveIndex(0) == quadrature.negativeIndex(0)) {
            full[quadrature.positiveIndex(0)] = half[0];
        }
    }

    /** Writes u_i = L⁻¹ m_iᵀ into ws.u, μ_ν = m_i P⁻¹ λ*_ν into ws.mu (general rules) and returns |u_i|². */
    private double projections(double[] m, int i, ChunkWorkspace ws) {
        quadrature.whiten(m, i * k, ws.u);
        if (!halfRule) {
            quadrature.projections(ws.u, ws.mu);
        }
        double s = 0;
        for (int r = 0; r < k; r++) {
            s += ws.u[r] * ws.u[r];
        }
        return s;
    }

    private void prepareWorkspace(ParticleDriftTerms out, int chunks, int nodes) {
        if (out.scratchNodes == nodes && out.chunks != null && out.chunks.length >= chunks) {
            return;
        }
        int have = out.chunks == null || out.scratchNodes != nodes ? 0 : out.chunks.length;
        ChunkWorkspace[] ws = new ChunkWorkspace[chunks];
        for (int ch = 0; ch < chunks; ch++) {
            ws[ch] = ch < have ? out.chunks[ch] : new ChunkWorkspace(nodes, k, quadrature.halfSize());
        }
        out.chunks = ws;
        out.nodeResidual = new double[nodes];
        out.nodeVariance = new double[nodes];
        out.scratchNodes = nodes;
    }

    /** Runs {@code body} for chunks 0 … chunks−1: serially for one chunk, else on the common fork-join pool. */
    static void runChunks(int chunks, java.util.function.IntConsumer body) {
        if (chunks < 2) {
            for (int ch = 0; ch < chunks; ch++) {
                body.accept(ch);
            }
        } else {
            IntStream.range(0, chunks).parallel().forEach(body);
        }
    }
}
