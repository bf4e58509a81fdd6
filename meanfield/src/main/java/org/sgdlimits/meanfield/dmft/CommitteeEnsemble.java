package org.sgdlimits.meanfield.dmft;

import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * The Monte Carlo n-side ensemble of the committee sweep (docs/dmft.md §7): the p-vector form of
 * {@link MonteCarloEnsemble}, with the same chunking ({@value MonteCarloEnsemble#CHUNK} lanes, stream
 * {@link SeedStreams}(seed, chunk), sums in chunk order: results independent of the thread count), the same
 * Rao–Blackwell averages and the same incremental QR of the path matrix. Per step t and path:
 * <ul>
 *   <li>fields λ(t) = M P⁻¹ ν + r0(t) B_v z_v − Σ_{s&lt;t} kf(t, s) a(s), a = u + g (p-vectors);</li>
 *   <li>output f = (1/p) Σ_i a_i σ(λ_i), ∇_i = ℓ′(f, y) a_i σ′(λ_i)/p, Hessian
 *       H_ij = ℓ″ (a_iσ′_i/p)(a_jσ′_j/p) + δ_ij ℓ′ a_i σ″(λ_i)/p; g = s ∇, κ = s H with the drawn s(t);</li>
 *   <li>{@link ResponseEstimator#PATHWISE} (smooth students): Γ(t, s) = α mean[Y(s)] by adjoint
 *       back-substitution of p×p blocks: Y(t) = m₁ H(t), Y(s) = −[Σ_{u=s+1}^{t} Y(u) kf(u, s)] κ(s);
 *       {@link ResponseEstimator#GAUSSIAN_PARTS} (students with a kink, docs/dmft.md §7.1): Γ(t, ·) =
 *       α mean[(F − F̄) ζ]ᵀ K⁻¹ with F = m₁ ∇(t), ζ = (z_v, Z_0 … Z_{tp−1}) and the field-noise factor K of
 *       {@link CommitteeKernels#fieldFactorRows}, no σ″ and no curvature array; E_h = mean[m₁ ∇ νᵀ];</li>
 *   <li>the noise factor: the p sampled components g_i(t) are orthogonalised (two passes of Gram–Schmidt)
 *       against the directions of the earlier steps, then among themselves (Cholesky of their residual Gram
 *       matrix), giving p new directions; with the Rao–Blackwell x = m₁∇ orthogonalised the same way,
 *       L(t p + i, τ′) = √α ⟨x_i, e_τ′⟩ for earlier steps and the diagonal block is the Cholesky factor of
 *       α (⟨rx_i, rx_j⟩ + mean[(m₂ − m₁²) ∇_i ∇_j]); for GD (x = g) LLᵀ is the sampled C_g to rounding;</li>
 *   <li>u(t)_i = Σ_{τ′ ≤ tp+i} L(tp + i, τ′) Z_τ′ with the stored normals.</li>
 * </ul>
 * Random draws per lane: at t = 0 the k teacher normals ξ (ν = L_P ξ), the label noise ζ, the p initial normals
 * z_v; every step the selection, then the p normals Z(t). For p = k = 1 this is the draw order of
 * {@link MonteCarloEnsemble}. Cost ≈ S T³ p³/6 multiply–adds; memory ≈ S T (20 p + 4 p²) bytes.
 */
final class CommitteeEnsemble {
    static final int CHUNK = ChunkedLanes.CHUNK;
    private static final double RANK_TOLERANCE = 1e-13;

    private final CommitteeModel model;
    private final int p;
    private final int k;
    private final int block;
    private final int paths;
    private final ChunkedLanes lanes;
    private final int width;
    private final double[] teacherFactor;
    private final double[] nu;
    private final double[] label;
    private final double[] initial;
    private final double[] selectionState;
    private final double[] field;
    private final double[] gradient;
    private final double[] averaged;
    private final double[] residual;
    private final double[] residualX;
    /** a_i(s) = u_i(s) + g_i(s) at [(s p + i) S + lane]. */
    private final double[] history;
    /** κ(s)_{ij} at [(s p² + i p + j) S + lane]. */
    private final float[] curvature;
    /** Orthonormal directions e_τ at [τ S + lane]. */
    private final double[] basis;
    /** Normals Z_τ at [τ S + lane]. */
    private final float[] normals;
    private final Chunk[] chunkState;
    private final ThreadLocal<Scratch> scratch;
    private final double[] projG;
    private final double[] projX;
    private final double[] projR;
    private final double[] projRX;
    private final double[] teacherCoef;
    private final double[] initialCoef;
    private final double[] newDirections;
    private final ResponseEstimator estimator;
    /** The field-noise factor K (Gaussian integration by parts only), width × width row-major, lower triangular. */
    private final double[] fieldFactor;

    CommitteeEnsemble(CommitteeModel model, int paths, long seed, boolean parallel) {
        this(model, paths, seed, parallel, ResponseEstimator.forStudent(model.student()));
    }

    /**
     * An ensemble with an explicit response estimator ({@link ResponseEstimator#PATHWISE} needs a smooth student).
     *
     * @throws IllegalArgumentException for fewer than 2 paths, too many stored values, or a pathwise estimator with
     *                                  a kinked student
     */
    CommitteeEnsemble(CommitteeModel model, int paths, long seed, boolean parallel, ResponseEstimator estimator) {
        if (paths < 2) {
            throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + "; must be an integer >= 2");
        }
        if (estimator == ResponseEstimator.PATHWISE && model.student().hasKink()) {
            throw new InvalidFieldException(FieldPath.parse("student.activation"), "'" + model.student().id() + "'; pathwise "
                    + "responses need a smooth student (sigma'' of a kink is a delta)");
        }
        this.model = model;
        this.estimator = estimator;
        this.p = model.p();
        this.k = model.k();
        this.block = p * p;
        int steps = model.steps();
        long cells = (long) (steps + 1) * paths * block;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + " paths x " + (steps + 1) + " steps x "
                    + block + " exceeds the supported " + Integer.MAX_VALUE + " stored values; lower paths or steps");
        }
        this.paths = paths;
        this.lanes = new ChunkedLanes(paths, parallel);
        this.width = p * (steps + 1);
        teacherFactor = SemidefiniteCholesky.factor("teacher.P",
                model.initial().teacherOverlapMatrix(), k);
        nu = new double[k * paths];
        label = new double[paths];
        initial = new double[p * paths];
        selectionState = new double[paths];
        field = new double[p * paths];
        gradient = new double[p * paths];
        averaged = new double[p * paths];
        residual = new double[p * paths];
        residualX = new double[p * paths];
        history = new double[width * paths];
        curvature = new float[(steps + 1) * block * paths];
        basis = new double[width * paths];
        normals = new float[width * paths];
        chunkState = new Chunk[lanes.count()];
        for (int c = 0; c < chunkState.length; c++) {
            chunkState[c] = new Chunk(lanes.first(c), lanes.size(c), ChunkedLanes.stream(seed, c));
        }
        projG = new double[p * width];
        projX = new double[p * width];
        projR = new double[p * width];
        projRX = new double[p * width];
        teacherCoef = new double[p * k];
        initialCoef = new double[block];
        newDirections = new double[block];
        fieldFactor = estimator == ResponseEstimator.GAUSSIAN_PARTS ? new double[width * width] : null;
        scratch = ThreadLocal.withInitial(() -> new Scratch(steps, p));
    }

    /** The averages of one step that are not kernels. */
    static final class StepAverages {
        /** E_h(t) = E[m₁ ∇ νᵀ], p×k row-major. */
        double[] teacherCorrelation;
        /** Training loss at w(t). */
        double trainLoss;
        /** Why Γ(t, ·) could not be estimated (a degenerate field noise), or null. */
        String failure;
    }

    private final class Chunk {
        final int lo;
        final int size;
        final UniformRandomProvider rng;
        final ZigguratSampler.NormalizedGaussian gauss;
        final double[] gammaPart;
        final double[] projGPart;
        final double[] projXPart;
        final double[] teacherPart = new double[p * k];
        final double[] extraPart = new double[block];
        final double[] gramG = new double[block];
        final double[] gramX = new double[block];
        final double[] normG = new double[p];
        final double[] normX = new double[p];
        /** Σ F_i ζ_c (Gaussian integration by parts), p × width. */
        final double[] steinPart;
        /** Σ F_i. */
        final double[] meanPart = new double[p];
        /** Σ ζ_c. */
        final double[] normalPart;
        double train;

        Chunk(int lo, int size, UniformRandomProvider rng) {
            this.lo = lo;
            this.size = size;
            this.rng = rng;
            this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            this.gammaPart = new double[(model.steps() + 1) * block];
            this.projGPart = new double[p * width];
            this.projXPart = new double[p * width];
            boolean parts = estimator == ResponseEstimator.GAUSSIAN_PARTS;
            this.steinPart = parts ? new double[p * width] : null;
            this.normalPart = parts ? new double[width] : null;
        }
    }

    /** Per-thread adjoint blocks Y(s) (single precision, as in {@link MonteCarloEnsemble}) and scratch. */
    private static final class Scratch {
        final float[] adjoint;
        final float[] acc;
        final double[] sigma;
        final double[] slope;
        final double[] curve;
        final double[] grad;

        Scratch(int steps, int p) {
            adjoint = new float[(steps + 1) * p * p * CHUNK];
            acc = new float[p * p * CHUNK];
            sigma = new double[p];
            slope = new double[p];
            curve = new double[p];
            grad = new double[p];
        }
    }

    private void forEachChunk(java.util.function.IntConsumer body) {
        lanes.forEach(body);
    }

    /** Step t: fields, Γ(t, ·), L rows of step t, the effective noise u(t), E_h(t) and the training loss. */
    void step(int t, CommitteeKernels d, StepAverages out) {
        d.teacherField(t, teacherCoef);
        d.initialField(t, initialCoef);
        forEachChunk(c -> fieldsAndResponses(t, d, chunkState[c]));
        int prior = t * p; // directions of the earlier steps
        double inv = 1.0 / paths;
        double alpha = model.alpha();
        int grow = DSideKernels.tri(t, 0) * block;
        Arrays.fill(d.gamma, grow, grow + (t + 1) * block, 0.0);
        out.failure = null;
        if (estimator == ResponseEstimator.GAUSSIAN_PARTS) {
            out.failure = integrateByParts(t, d, grow);
        }
        Arrays.fill(projG, 0.0);
        Arrays.fill(projX, 0.0);
        double[] teacher = new double[p * k];
        double[] extra = new double[block];
        double train = 0;
        for (Chunk ch : chunkState) { // fixed order
            train += ch.train;
            if (estimator == ResponseEstimator.PATHWISE) {
                for (int e = 0; e < (t + 1) * block; e++) {
                    d.gamma[grow + e] += ch.gammaPart[e];
                }
            }
            add(projG, ch.projGPart, prior);
            add(projX, ch.projXPart, prior);
            for (int e = 0; e < p * k; e++) {
                teacher[e] += ch.teacherPart[e];
            }
            for (int e = 0; e < block; e++) {
                extra[e] += ch.extraPart[e];
            }
        }
        if (estimator == ResponseEstimator.PATHWISE) {
            for (int e = 0; e < (t + 1) * block; e++) {
                d.gamma[grow + e] *= alpha * inv;
            }
        }
        scale(projG, prior, inv);
        scale(projX, prior, inv);
        for (int e = 0; e < p * k; e++) {
            teacher[e] *= inv;
        }
        out.trainLoss = train * inv;
        out.teacherCorrelation = teacher;
        // second Gram–Schmidt pass against the earlier steps' directions
        forEachChunk(c -> reorthogonalise(t, chunkState[c]));
        Arrays.fill(projR, 0.0);
        Arrays.fill(projRX, 0.0);
        for (Chunk ch : chunkState) {
            add(projR, ch.projGPart, prior);
            add(projRX, ch.projXPart, prior);
        }
        scale(projR, prior, inv);
        scale(projRX, prior, inv);
        forEachChunk(c -> finishResidual(t, chunkState[c]));
        double[] gramG = new double[block];
        double[] gramX = new double[block];
        double[] normG = new double[p];
        double[] normX = new double[p];
        for (Chunk ch : chunkState) {
            for (int e = 0; e < block; e++) {
                gramG[e] += ch.gramG[e];
                gramX[e] += ch.gramX[e];
            }
            for (int i = 0; i < p; i++) {
                normG[i] += ch.normG[i];
                normX[i] += ch.normX[i];
            }
        }
        // new directions among this step's components: Cholesky of the residual Gram matrix of g
        double[] floorG = new double[p];
        double[] floorX = new double[p];
        double[] covX = new double[block];
        for (int i = 0; i < p; i++) {
            floorG[i] = RANK_TOLERANCE * RANK_TOLERANCE * normG[i] * inv;
            floorX[i] = RANK_TOLERANCE * RANK_TOLERANCE * (normX[i] + extra[i * p + i]) * inv;
        }
        for (int e = 0; e < block; e++) {
            gramG[e] *= inv;
            covX[e] = (gramX[e] + extra[e]) * inv;
        }
        blockCholesky(gramG, floorG, newDirections);
        double[] diagonal = new double[block];
        if (model.selection().deterministic()) {
            System.arraycopy(newDirections, 0, diagonal, 0, block); // x = g: the QR of the path matrix itself
        } else {
            blockCholesky(covX, floorX, diagonal);
        }
        double sqrtAlpha = Math.sqrt(alpha);
        for (int i = 0; i < p; i++) {
            int lrow = CommitteeKernels.noiseIndex(t * p + i, 0);
            for (int tau = 0; tau < prior; tau++) {
                d.noise[lrow + tau] = sqrtAlpha * (projX[i * width + tau] + projRX[i * width + tau]);
            }
            for (int j = 0; j < p; j++) {
                d.noise[lrow + prior + j] = j <= i ? sqrtAlpha * diagonal[i * p + j] : 0.0;
            }
        }
        forEachChunk(c -> extendNoise(t, d, chunkState[c]));
    }

    private void add(double[] total, double[] part, int prior) {
        for (int i = 0; i < p; i++) {
            for (int tau = 0; tau < prior; tau++) {
                total[i * width + tau] += part[i * width + tau];
            }
        }
    }

    private void scale(double[] a, int prior, double f) {
        for (int i = 0; i < p; i++) {
            for (int tau = 0; tau < prior; tau++) {
                a[i * width + tau] *= f;
            }
        }
    }

    /**
     * Lower Cholesky factor of the symmetric p×p {@code a}; a pivot at or below {@code floor[j]} gives a zero
     * column (no new direction, as the scalar ensemble's rank tolerance).
     */
    private void blockCholesky(double[] a, double[] floor, double[] out) {
        Arrays.fill(out, 0.0);
        for (int j = 0; j < p; j++) {
            double pivot = a[j * p + j];
            for (int l = 0; l < j; l++) {
                pivot -= out[j * p + l] * out[j * p + l];
            }
            if (!(pivot > floor[j])) {
                continue;
            }
            double ljj = Math.sqrt(pivot);
            out[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++) {
                double s = a[i * p + j];
                for (int l = 0; l < j; l++) {
                    s -= out[i * p + l] * out[j * p + l];
                }
                out[i * p + j] = s / ljj;
            }
        }
    }

    /** Phase 1: fields, gradients, the selection draw, adjoint responses and the chunk's partial sums. */
    private void fieldsAndResponses(int t, CommitteeKernels d, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        int n = ch.size;
        Activation act = model.student();
        Loss loss = model.loss();
        SelectionProcess selection = model.selection();
        double eta = model.stepSize(Math.min(t, model.steps() - 1));
        double noiseStd = Math.sqrt(model.labelNoise());
        double[] a = model.initial().studentSecondLayer();
        if (t == 0) {
            double[] xi = new double[k];
            double[] teacherField = new double[k];
            for (int lane = lo; lane < hi; lane++) {
                for (int r = 0; r < k; r++) {
                    xi[r] = ch.gauss.sample();
                }
                SemidefiniteCholesky.multiplyLower(teacherFactor, k, xi, 0, teacherField, 0); // ν = L ξ
                for (int r = 0; r < k; r++) {
                    nu[r * paths + lane] = teacherField[r];
                }
                double f = 0;
                for (int r = 0; r < k; r++) {
                    f += model.initial().teacherSecondLayer(r) * model.teacher().value(nu[r * paths + lane]);
                }
                label[lane] = f / k + noiseStd * ch.gauss.sample();
                for (int i = 0; i < p; i++) {
                    initial[i * paths + lane] = ch.gauss.sample();
                }
            }
        }
        // fields
        for (int i = 0; i < p; i++) {
            int fi = i * paths;
            for (int lane = lo; lane < hi; lane++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += teacherCoef[i * k + r] * nu[r * paths + lane];
                }
                for (int j = 0; j < p; j++) {
                    s += initialCoef[i * p + j] * initial[j * paths + lane];
                }
                field[fi + lane] = s;
            }
            for (int s = 0; s < t; s++) {
                int kb = DSideKernels.lower(t, s) * block;
                for (int j = 0; j < p; j++) {
                    double c = d.kf[kb + i * p + j];
                    int row = (s * p + j) * paths;
                    for (int lane = lo; lane < hi; lane++) {
                        field[fi + lane] -= c * history[row + lane];
                    }
                }
            }
        }
        Scratch work = scratch.get();
        float[] y = work.adjoint;
        double train = 0;
        Arrays.fill(ch.teacherPart, 0.0);
        Arrays.fill(ch.extraPart, 0.0);
        int top = t * block * n;
        int kappaBase = t * block * paths;
        double invP = 1.0 / p;
        boolean pathwise = estimator == ResponseEstimator.PATHWISE;
        for (int lane = lo; lane < hi; lane++) {
            double f = 0;
            for (int i = 0; i < p; i++) {
                double l = field[i * paths + lane];
                f += a[i] * act.value(l);
                work.slope[i] = a[i] * act.derivative(l) * invP;
                work.curve[i] = pathwise ? a[i] * act.secondDerivative(l) * invP : 0.0;
            }
            f *= invP;
            double yl = label[lane];
            double l1 = loss.first(f, yl);
            double l2 = loss.second(f, yl);
            train += loss.value(f, yl);
            double m1 = selection.conditionalMean(t, selectionState[lane]);
            double m2 = selection.conditionalSecondMoment(t, selectionState[lane], eta);
            double s = selection.draw(t, eta, selectionState, lane, ch.rng, ch.gauss);
            for (int i = 0; i < p; i++) {
                double gi = l1 * work.slope[i];
                work.grad[i] = gi;
                gradient[i * paths + lane] = s * gi;
                averaged[i * paths + lane] = m1 * gi;
                for (int r = 0; r < k; r++) {
                    ch.teacherPart[i * k + r] += m1 * gi * nu[r * paths + lane];
                }
            }
            double spread = m2 - m1 * m1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    if (pathwise) {
                        double h = l2 * work.slope[i] * work.slope[j] + (i == j ? l1 * work.curve[i] : 0.0);
                        curvature[kappaBase + (i * p + j) * paths + lane] = (float) (s * h);
                        y[top + (i * p + j) * n + lane - lo] = (float) (m1 * h);
                    }
                    ch.extraPart[i * p + j] += spread * work.grad[i] * work.grad[j];
                }
            }
        }
        ch.train = train;
        if (!pathwise) {
            normalCorrelations(t, ch);
            projections(t * p, lo, hi, gradient, averaged, ch);
            return;
        }
        // Adjoint back-substitution of p×p blocks: Y(s) = −[Σ_{u>s} Y(u) kf(u, s)] κ(s)
        float[] acc = work.acc;
        for (int s = t - 1; s >= 0; s--) {
            Arrays.fill(acc, 0, block * n, 0.0f);
            for (int u = s + 1; u <= t; u++) {
                int kb = DSideKernels.lower(u, s) * block;
                int yu = u * block * n;
                for (int l = 0; l < p; l++) {
                    for (int j = 0; j < p; j++) {
                        float c = (float) d.kf[kb + l * p + j];
                        for (int i = 0; i < p; i++) {
                            int src = yu + (i * p + l) * n;
                            int dst = (i * p + j) * n;
                            for (int lane = 0; lane < n; lane++) {
                                acc[dst + lane] += c * y[src + lane];
                            }
                        }
                    }
                }
            }
            int ys = s * block * n;
            int kappa = s * block * paths + lo;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    int dst = ys + (i * p + j) * n;
                    Arrays.fill(y, dst, dst + n, 0.0f);
                    for (int l = 0; l < p; l++) {
                        int src = (i * p + l) * n;
                        int kr = kappa + (l * p + j) * paths;
                        for (int lane = 0; lane < n; lane++) {
                            y[dst + lane] -= acc[src + lane] * curvature[kr + lane];
                        }
                    }
                }
            }
        }
        for (int s = 0; s <= t; s++) {
            for (int e = 0; e < block; e++) {
                double sum = 0;
                int row = (s * block + e) * n;
                for (int lane = 0; lane < n; lane++) {
                    sum += y[row + lane];
                }
                ch.gammaPart[s * block + e] = sum;
            }
        }
        projections(t * p, lo, hi, gradient, averaged, ch);
    }

    /**
     * Gaussian integration by parts, the chunk's sums: Σ F_i ζ_c, Σ F_i and Σ ζ_c over its lanes for
     * F = m₁ ∇(t) (the {@code averaged} array) and the standard normals ζ = (z_v, Z_0 … Z_{tp−1}) of step t's
     * field.
     */
    private void normalCorrelations(int t, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        int cols = p * (t + 1);
        for (int c = 0; c < cols; c++) {
            double z = 0;
            if (c < p) {
                int row = c * paths;
                for (int lane = lo; lane < hi; lane++) {
                    z += initial[row + lane];
                }
            } else {
                int row = (c - p) * paths;
                for (int lane = lo; lane < hi; lane++) {
                    z += normals[row + lane];
                }
            }
            ch.normalPart[c] = z;
        }
        for (int i = 0; i < p; i++) {
            int fi = i * paths;
            double f = 0;
            for (int lane = lo; lane < hi; lane++) {
                f += averaged[fi + lane];
            }
            ch.meanPart[i] = f;
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                if (c < p) {
                    int row = c * paths;
                    for (int lane = lo; lane < hi; lane++) {
                        sum += averaged[fi + lane] * initial[row + lane];
                    }
                } else {
                    int row = (c - p) * paths;
                    for (int lane = lo; lane < hi; lane++) {
                        sum += averaged[fi + lane] * normals[row + lane];
                    }
                }
                ch.steinPart[i * width + c] = sum;
            }
        }
    }

    /**
     * Γ(t, ·) by Gaussian integration by parts (docs/dmft.md §7.1): b_i = mean[(F_i − F̄_i) ζ] (centred, the same
     * expectation with a smaller variance), then Γ(t, s)_{il} = α (b_i K⁻¹)_{s p + l} by back-substitution with
     * the lower-triangular field-noise factor K of the d-side. Returns the failure cause when a diagonal entry of
     * K is zero (a field direction without noise, where no Gaussian identity can see the response), else null.
     */
    private String integrateByParts(int t, CommitteeKernels d, int grow) {
        d.fieldFactorRows(t, fieldFactor, width);
        int cols = p * (t + 1);
        double inv = 1.0 / paths;
        double[] normalMean = new double[cols];
        double[] fMean = new double[p];
        double[] b = new double[p * cols];
        for (Chunk ch : chunkState) { // fixed order
            for (int c = 0; c < cols; c++) {
                normalMean[c] += ch.normalPart[c];
            }
            for (int i = 0; i < p; i++) {
                fMean[i] += ch.meanPart[i];
                for (int c = 0; c < cols; c++) {
                    b[i * cols + c] += ch.steinPart[i * width + c];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            fMean[i] *= inv;
        }
        for (int c = 0; c < cols; c++) {
            normalMean[c] *= inv;
        }
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < cols; c++) {
                b[i * cols + c] = b[i * cols + c] * inv - fMean[i] * normalMean[c];
            }
        }
        for (int c = 0; c < cols; c++) {
            double diag = fieldFactor[c * width + c];
            if (!(Math.abs(diag) > 0) || !Double.isFinite(diag)) {
                for (int e = 0; e < (t + 1) * block; e++) {
                    d.gamma[grow + e] = Double.NaN;
                }
                return "degenerate field noise at step " + (c / p) + " unit " + (c % p) + " (no Gaussian "
                        + "fluctuation to integrate by parts against; the kinked student's responses need it)";
            }
        }
        double alpha = model.alpha();
        double[] k = new double[cols * cols]; // the leading cols × cols block of K, row-major
        for (int r = 0; r < cols; r++) {
            System.arraycopy(fieldFactor, r * width, k, r * cols, r + 1);
        }
        double[] x = new double[cols];
        for (int i = 0; i < p; i++) {
            // x K = b_i, i.e. Kᵀ xᵀ = b_iᵀ with K lower triangular: back-substitution by EJML
            System.arraycopy(b, i * cols, x, 0, cols);
            TriangularSolver_DDRM.solveTranL(k, x, cols);
            for (int s = 0; s <= t; s++) {
                for (int l = 0; l < p; l++) {
                    d.gamma[grow + s * block + i * p + l] = alpha * x[s * p + l];
                }
            }
        }
        return null;
    }

    /** The chunk's ⟨g_i, e_τ⟩ and ⟨x_i, e_τ⟩ sums over τ &lt; prior into projGPart, projXPart. */
    private void projections(int prior, int lo, int hi, double[] g, double[] x, Chunk ch) {
        for (int i = 0; i < p; i++) {
            int gi = i * paths;
            for (int tau = 0; tau < prior; tau++) {
                double pg = 0;
                double px = 0;
                int row = tau * paths;
                for (int lane = lo; lane < hi; lane++) {
                    double e = basis[row + lane];
                    pg += g[gi + lane] * e;
                    px += x[gi + lane] * e;
                }
                ch.projGPart[i * width + tau] = pg;
                ch.projXPart[i * width + tau] = px;
            }
        }
    }

    /** residual ← residual − Σ_τ pg_τ e_τ, residualX ← residualX − Σ_τ px_τ e_τ on lanes [lo, hi). */
    private void subtractProjections(int prior, int lo, int hi, double[] pg, double[] px) {
        for (int i = 0; i < p; i++) {
            int ri = i * paths;
            for (int tau = 0; tau < prior; tau++) {
                double cg = pg[i * width + tau];
                double cx = px[i * width + tau];
                int row = tau * paths;
                for (int lane = lo; lane < hi; lane++) {
                    residual[ri + lane] -= cg * basis[row + lane];
                    residualX[ri + lane] -= cx * basis[row + lane];
                }
            }
        }
    }

    /** Phase 2: residuals after the first pass and their projections (second pass). */
    private void reorthogonalise(int t, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        for (int i = 0; i < p; i++) {
            System.arraycopy(gradient, i * paths + lo, residual, i * paths + lo, ch.size);
            System.arraycopy(averaged, i * paths + lo, residualX, i * paths + lo, ch.size);
        }
        subtractProjections(t * p, lo, hi, projG, projX);
        projections(t * p, lo, hi, residual, residualX, ch);
    }

    /** Phase 3: subtract the second-pass projections; the residual Gram matrices and the norms. */
    private void finishResidual(int t, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        subtractProjections(t * p, lo, hi, projR, projRX);
        for (int i = 0; i < p; i++) {
            double ng = 0;
            double nx = 0;
            for (int lane = lo; lane < hi; lane++) {
                double g = gradient[i * paths + lane];
                double x = averaged[i * paths + lane];
                ng += g * g;
                nx += x * x;
            }
            ch.normG[i] = ng;
            ch.normX[i] = nx;
            for (int j = 0; j < p; j++) {
                double sg = 0;
                double sx = 0;
                for (int lane = lo; lane < hi; lane++) {
                    sg += residual[i * paths + lane] * residual[j * paths + lane];
                    sx += residualX[i * paths + lane] * residualX[j * paths + lane];
                }
                ch.gramG[i * p + j] = sg;
                ch.gramX[i * p + j] = sx;
            }
        }
    }

    /** Phase 4: the new directions e_{tp+j}, the normals Z(t), u(t) and a(t) = u(t) + g(t). */
    private void extendNoise(int t, CommitteeKernels d, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        int base = t * p;
        for (int lane = lo; lane < hi; lane++) {
            for (int j = 0; j < p; j++) {
                double ljj = newDirections[j * p + j];
                double e = 0;
                if (ljj > 0) {
                    e = residual[j * paths + lane];
                    for (int l = 0; l < j; l++) {
                        e -= newDirections[j * p + l] * basis[(base + l) * paths + lane];
                    }
                    e /= ljj;
                }
                basis[(base + j) * paths + lane] = e;
                normals[(base + j) * paths + lane] = (float) ch.gauss.sample();
            }
        }
        for (int i = 0; i < p; i++) {
            int row = (base + i) * paths;
            System.arraycopy(gradient, i * paths + lo, history, row + lo, ch.size);
            int lrow = CommitteeKernels.noiseIndex(base + i, 0);
            for (int tau = 0; tau <= base + i; tau++) {
                double l = d.noise[lrow + tau];
                if (l == 0.0) {
                    continue;
                }
                int zr = tau * paths;
                for (int lane = lo; lane < hi; lane++) {
                    history[row + lane] += l * normals[zr + lane];
                }
            }
        }
    }
}
