package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.narrow.simulation.SeedStreams;

/**
 * The Monte Carlo n-side ensemble (docs/dmft.md §3): S sampled paths of the effective training sample, for any
 * smooth loss, teacher map and selection process. Per step t:
 * <ul>
 *   <li>fields r(t) = (m_p/ρ) h* + √q_v rp0(t) z_v − Σ_{s&lt;t} kp(t, s) a(s), a = u + g, and g = s ℓ′, κ = s ℓ″
 *       with s(t) drawn from the selection process (it drives the propagation);</li>
 *   <li>Rao–Blackwell averages: with m₁ = E[s(t) | past], m₂ = E[s(t)² | past],
 *       Γ(t, s) = α mean[m₁ ℓ″ x(s)], E_h = mean[h* m₁ ℓ′];</li>
 *   <li>responses by adjoint back-substitution per path: x(t) = 1,
 *       x(s) = −κ(s) Σ_{u=s+1}^{t} kp(u, s) x(u);</li>
 *   <li>the noise factor by incremental QR of the path matrix: the sampled g(t) is orthogonalised (two passes of
 *       Gram–Schmidt) against the earlier directions e_0 … e_{t−1} under ⟨X, Y⟩ = mean[XY];
 *       the Rao–Blackwell vector x = m₁ℓ′(t) is orthogonalised the same way (no subtraction of squared norms,
 *       which loses all digits late in GD): L(t, s) = √α ⟨x, e_s⟩, L(t, t)² = α (‖x − Σ_s ⟨x, e_s⟩ e_s‖²
 *       + mean[(m₂ − m₁²) ℓ′²]); for GD (s ≡ 1, x = g) this is exactly the QR of the path matrix, so LLᵀ equals
 *       the sampled C_g to rounding however ill-conditioned it is;</li>
 *   <li>the effective noise u(t) = Σ_{j≤t} L(t, j) Z(j) with the stored normals Z of each path, so the noise
 *       keeps its cross-time covariance.</li>
 * </ul>
 * Paths are processed in chunks of {@value #CHUNK} lanes ({@link ChunkedLanes}), each with its own random stream
 * ({@link SeedStreams} of the sweep's seed and the chunk index), and every average is summed chunk by chunk in
 * chunk order: the result does not depend on the number of threads. Cost ≈ S T³/6 multiply–adds for the
 * responses; memory ≈ 28 S T bytes.
 */
final class MonteCarloEnsemble implements NSideEnsemble {
    /** Lanes per chunk (fixed, so results do not depend on the thread count). */
    static final int CHUNK = ChunkedLanes.CHUNK;
    private static final double RANK_TOLERANCE = 1e-13;
    private static final int TRAIN = 0;
    private static final int TEACHER = 1;
    private static final int EXTRA = 2;
    private static final int NORM_X = 3;
    private static final int NORM_G = 4;
    private static final int NORM_R = 5;
    private static final int NORM_RX = 6;
    private static final int SCALARS = 7;

    private final DmftModel model;
    private final int paths;
    private final ChunkedLanes lanes;
    private final double[] teacherField;
    private final double[] label;
    private final double[] initial;
    private final double[] selectionState;
    private final double[] field;
    private final double[] weightField;
    private final double[] gradient;
    private final double[] averaged;
    private final double[] residual;
    private final double[] residualX;
    /** a(s) = u(s) + g(s), time-major: [s * S + lane]. */
    private final double[] history;
    /** κ(s) = s(s) ℓ″(r(s)), time-major. */
    private final double[] curvature;
    /** Orthonormal directions e_s of the path matrix, time-major. */
    private final double[] basis;
    /** The normals Z(s) of each path, time-major (float: they are drawn, rounded once, then used as stored). */
    private final float[] normals;
    private final Chunk[] chunkState;
    private final double[] projX;
    private final double[] projG;
    private final double[] projR;
    private final double[] projRX;
    private final boolean crossTimeCovariance;

    /**
     * @param model    the problem
     * @param paths    S ≥ 2
     * @param seed     the sweep's seed (chunk c draws from {@link SeedStreams#stream}(seed, c))
     * @param parallel whether chunks may run on several threads (results are identical either way)
     */
    MonteCarloEnsemble(DmftModel model, int paths, long seed, boolean parallel) {
        this(model, paths, seed, parallel, true);
    }

    /**
     * @param crossTimeCovariance false draws u(t) afresh with the right one-time variance C_g(t, t) and no
     *                            correlation with earlier times: the pitfall of docs/dmft.md §3, kept only so a
     *                            test can show that it moves the training loss
     */
    MonteCarloEnsemble(DmftModel model, int paths, long seed, boolean parallel, boolean crossTimeCovariance) {
        this.crossTimeCovariance = crossTimeCovariance;
        if (paths < 2) {
            throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + "; must be an integer >= 2");
        }
        long cells = (long) (model.steps() + 1) * paths;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + " paths x " + (model.steps() + 1)
                    + " steps exceeds the supported " + Integer.MAX_VALUE + " stored values; lower paths or steps");
        }
        this.model = model;
        this.paths = paths;
        this.lanes = new ChunkedLanes(paths, parallel);
        int n = (int) cells;
        teacherField = new double[paths];
        label = new double[paths];
        initial = new double[paths];
        selectionState = new double[paths];
        field = new double[paths];
        weightField = new double[paths];
        gradient = new double[paths];
        averaged = new double[paths];
        residual = new double[paths];
        residualX = new double[paths];
        history = new double[n];
        curvature = new double[n];
        basis = new double[n];
        normals = new float[n];
        chunkState = new Chunk[lanes.count()];
        for (int c = 0; c < chunkState.length; c++) {
            chunkState[c] = new Chunk(lanes.first(c), lanes.size(c), model.steps(), ChunkedLanes.stream(seed, c));
        }
        projX = new double[model.steps() + 1];
        projG = new double[model.steps() + 1];
        projR = new double[model.steps() + 1];
        projRX = new double[model.steps() + 1];
        int steps = model.steps();
        scratch = ThreadLocal.withInitial(() -> new Scratch(steps));
    }

    /** Per-chunk random stream and partial sums (the adjoint scratch is per thread: {@link #scratch}). */
    private static final class Chunk {
        final int lo;
        final int size;
        final UniformRandomProvider rng;
        final ZigguratSampler.NormalizedGaussian gauss;
        final double[] gammaPart;
        final double[] projXPart;
        final double[] projGPart;
        final double[] scalars = new double[SCALARS];

        Chunk(int lo, int size, int steps, UniformRandomProvider rng) {
            this.lo = lo;
            this.size = size;
            this.rng = rng;
            this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            this.gammaPart = new double[steps + 1];
            this.projXPart = new double[steps + 1];
            this.projGPart = new double[steps + 1];
        }
    }

    /**
     * Adjoint responses x[s * CHUNK + i], accumulator and m₁ℓ″ of one chunk: scratch of the running thread.
     * The responses are single precision: their relative rounding (≈ T · 6e-8) is far below the Monte Carlo
     * error of the kernels they average into, and half the bytes double the speed of the O(S T³) loop.
     */
    private static final class Scratch {
        final float[] adjoint;
        final float[] acc = new float[CHUNK];
        final double[] curvatureMean = new double[CHUNK];

        Scratch(int steps) {
            adjoint = new float[(steps + 1) * CHUNK];
        }
    }

    private final ThreadLocal<Scratch> scratch;

    private void forEachChunk(java.util.function.IntConsumer body) {
        lanes.forEach(body);
    }

    @Override
    public void step(int t, DSideKernels d, StepAverages out) {
        forEachChunk(c -> fieldsAndResponses(t, d, chunkState[c]));
        double[] sums = new double[SCALARS];
        java.util.Arrays.fill(projX, 0, t + 1, 0.0);
        java.util.Arrays.fill(projG, 0, t + 1, 0.0);
        int grow = DSideKernels.tri(t, 0);
        java.util.Arrays.fill(d.gamma, grow, grow + t + 1, 0.0);
        for (Chunk ch : chunkState) { // fixed order
            for (int k = 0; k < SCALARS; k++) {
                sums[k] += ch.scalars[k];
            }
            for (int s = 0; s <= t; s++) {
                d.gamma[grow + s] += ch.gammaPart[s];
                projX[s] += ch.projXPart[s];
                projG[s] += ch.projGPart[s];
            }
        }
        double inv = 1.0 / paths;
        double alpha = model.alpha();
        for (int s = 0; s <= t; s++) {
            d.gamma[grow + s] *= alpha * inv;
            projX[s] *= inv;
            projG[s] *= inv;
        }
        out.trainLoss = sums[TRAIN] * inv;
        out.teacherCorrelation = sums[TEACHER] * inv;
        // Second Gram–Schmidt pass of the sampled g(t).
        forEachChunk(c -> reorthogonalise(t, chunkState[c]));
        java.util.Arrays.fill(projR, 0, t + 1, 0.0);
        java.util.Arrays.fill(projRX, 0, t + 1, 0.0);
        for (Chunk ch : chunkState) {
            for (int s = 0; s < t; s++) {
                projR[s] += ch.projGPart[s];
                projRX[s] += ch.projXPart[s];
            }
        }
        for (int s = 0; s < t; s++) {
            projR[s] *= inv;
            projRX[s] *= inv;
        }
        forEachChunk(c -> finishResidual(t, chunkState[c]));
        double nu2 = 0;
        double nuX2 = 0;
        for (Chunk ch : chunkState) {
            nu2 += ch.scalars[NORM_R];
            nuX2 += ch.scalars[NORM_RX];
        }
        double nu = Math.sqrt(nu2 * inv);
        double gNorm = Math.sqrt(sums[NORM_G] * inv);
        boolean newDirection = nu > RANK_TOLERANCE * gNorm;
        double sqrtAlpha = Math.sqrt(alpha);
        int lrow = DSideKernels.tri(t, 0);
        for (int s = 0; s < t; s++) {
            d.noise[lrow + s] = sqrtAlpha * (projX[s] + projRX[s]);
        }
        double diagonal = (newDirection || !model.selection().deterministic() ? nuX2 * inv : 0.0) + sums[EXTRA] * inv;
        d.noise[lrow + t] = sqrtAlpha * Math.sqrt(diagonal);
        double scale = newDirection ? 1.0 / nu : 0.0;
        forEachChunk(c -> extendNoise(t, d, scale, chunkState[c]));
    }

    /** Phase 1: fields, gradients, the selection draw, adjoint responses and the chunk's partial sums. */
    private void fieldsAndResponses(int t, DSideKernels d, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        TeacherMap teacher = model.teacher();
        Loss loss = model.loss();
        SelectionProcess selection = model.selection();
        double eta = model.stepSize(Math.min(t, model.steps() - 1));
        if (t == 0) {
            double sqrtRho = Math.sqrt(model.rho());
            for (int i = lo; i < hi; i++) {
                teacherField[i] = sqrtRho * ch.gauss.sample();
                label[i] = teacher.label(teacherField[i], ch.gauss.sample());
                initial[i] = ch.gauss.sample();
            }
        }
        fieldOf(t, d.teacherField(t), d.initialField(t), d.kp, lo, hi, field);
        double[] wf = field;
        if (d.lookAhead()) {
            fieldOf(t, d.weightTeacherField(t), d.weightInitialField(t), d.kw, lo, hi, weightField);
            wf = weightField;
        }
        java.util.Arrays.fill(ch.scalars, 0.0);
        double[] sc = ch.scalars;
        Scratch work = scratch.get();
        int now = t * paths;
        for (int i = lo; i < hi; i++) {
            double r = field[i];
            double y = label[i];
            double l1 = loss.first(r, y);
            double l2 = loss.second(r, y);
            double m1 = selection.conditionalMean(t, selectionState[i]);
            double m2 = selection.conditionalSecondMoment(t, selectionState[i], eta);
            double s = selection.draw(t, eta, selectionState, i, ch.rng, ch.gauss);
            double g = s * l1;
            gradient[i] = g;
            curvature[now + i] = s * l2;
            averaged[i] = m1 * l1;
            work.curvatureMean[i - lo] = m1 * l2;
            sc[TRAIN] += loss.value(wf[i], y);
            sc[TEACHER] += teacherField[i] * m1 * l1;
            sc[EXTRA] += (m2 - m1 * m1) * l1 * l1;
            sc[NORM_X] += m1 * l1 * m1 * l1;
            sc[NORM_G] += g * g;
        }
        // Adjoint back-substitution, vectorised over the chunk's lanes, four rows u per pass.
        int n = ch.size;
        float[] x = work.adjoint;
        float[] acc = work.acc;
        java.util.Arrays.fill(x, t * n, t * n + n, 1.0f);
        for (int s = t - 1; s >= 0; s--) {
            java.util.Arrays.fill(acc, 0, n, 0.0f);
            int u = s + 1;
            for (; u + 3 <= t; u += 4) {
                float c0 = (float) d.kp[DSideKernels.lower(u, s)];
                float c1 = (float) d.kp[DSideKernels.lower(u + 1, s)];
                float c2 = (float) d.kp[DSideKernels.lower(u + 2, s)];
                float c3 = (float) d.kp[DSideKernels.lower(u + 3, s)];
                int r0 = u * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                for (int i = 0; i < n; i++) {
                    acc[i] += c0 * x[r0 + i] + c1 * x[r1 + i] + c2 * x[r2 + i] + c3 * x[r3 + i];
                }
            }
            for (; u <= t; u++) {
                float c = (float) d.kp[DSideKernels.lower(u, s)];
                int row = u * n;
                for (int i = 0; i < n; i++) {
                    acc[i] += c * x[row + i];
                }
            }
            int row = s * n;
            int kappaRow = s * paths + lo;
            for (int i = 0; i < n; i++) {
                x[row + i] = (float) (-curvature[kappaRow + i] * acc[i]);
            }
        }
        for (int s = 0; s <= t; s++) {
            double sum = 0;
            int row = s * n;
            for (int i = 0; i < n; i++) {
                sum += work.curvatureMean[i] * x[row + i];
            }
            ch.gammaPart[s] = sum;
        }
        for (int s = 0; s < t; s++) {
            double px = 0;
            double pg = 0;
            int row = s * paths;
            for (int i = lo; i < hi; i++) {
                double e = basis[row + i];
                px += averaged[i] * e;
                pg += gradient[i] * e;
            }
            ch.projXPart[s] = px;
            ch.projGPart[s] = pg;
        }
    }

    private void fieldOf(int t, double teacher, double init, double[] k, int lo, int hi, double[] f) {
        for (int i = lo; i < hi; i++) {
            f[i] = teacher * teacherField[i] + init * initial[i];
        }
        for (int s = 0; s < t; s++) {
            double c = k[DSideKernels.lower(t, s)];
            int row = s * paths;
            for (int i = lo; i < hi; i++) {
                f[i] -= c * history[row + i];
            }
        }
    }

    /** Phase 2: residual of g after the first pass; its projections (second pass) into projGPart. */
    private void reorthogonalise(int t, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        System.arraycopy(gradient, lo, residual, lo, ch.size);
        System.arraycopy(averaged, lo, residualX, lo, ch.size);
        subtractProjections(t, lo, hi, projG, projX);
        for (int s = 0; s < t; s++) {
            double pr = 0;
            double prx = 0;
            int row = s * paths;
            for (int i = lo; i < hi; i++) {
                pr += residual[i] * basis[row + i];
                prx += residualX[i] * basis[row + i];
            }
            ch.projGPart[s] = pr;
            ch.projXPart[s] = prx;
        }
    }

    /** residual ← residual − Σ_s p_s e_s and residualX ← residualX − Σ_s px_s e_s on lanes [lo, hi). */
    private void subtractProjections(int t, int lo, int hi, double[] p, double[] px) {
        for (int s = 0; s < t; s++) {
            double ps = p[s];
            double pxs = px[s];
            int row = s * paths;
            for (int i = lo; i < hi; i++) {
                residual[i] -= ps * basis[row + i];
                residualX[i] -= pxs * basis[row + i];
            }
        }
    }

    /** Phase 3: subtract the second-pass projections; squared norm of the residual. */
    private void finishResidual(int t, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        subtractProjections(t, lo, hi, projR, projRX);
        double nr = 0;
        double nrx = 0;
        for (int i = lo; i < hi; i++) {
            nr += residual[i] * residual[i];
            nrx += residualX[i] * residualX[i];
        }
        ch.scalars[NORM_R] = nr;
        ch.scalars[NORM_RX] = nrx;
    }

    /** Phase 4: the new direction e_t, the normals Z(t), u(t) and a(t) = u(t) + g(t). */
    private void extendNoise(int t, DSideKernels d, double scale, Chunk ch) {
        int lo = ch.lo;
        int hi = lo + ch.size;
        int now = t * paths;
        for (int i = lo; i < hi; i++) {
            basis[now + i] = scale * residual[i];
            normals[now + i] = (float) ch.gauss.sample();
        }
        int lrow = DSideKernels.tri(t, 0);
        System.arraycopy(gradient, lo, history, now + lo, ch.size);
        if (!crossTimeCovariance) {
            double sd = 0;
            for (int j = 0; j <= t; j++) {
                sd += d.noise[lrow + j] * d.noise[lrow + j];
            }
            sd = Math.sqrt(sd);
            for (int i = lo; i < hi; i++) {
                history[now + i] += sd * normals[now + i];
            }
            return;
        }
        for (int j = 0; j <= t; j++) {
            double l = d.noise[lrow + j];
            int row = j * paths;
            for (int i = lo; i < hi; i++) {
                history[now + i] += l * normals[row + i];
            }
        }
    }
}
