package org.sgdlimits.meanfield.dmft;

/**
 * The exact n-side ensemble for square loss, a linear teacher and full-batch GD (docs/dmft.md §3): every n-side
 * variable is linear in the independent standard normals (h* /√ρ, ζ, z_v, Z(0), …, Z(T)) and is stored as its
 * coefficient vector on them; E[XY] is the dot product of coefficient vectors, so no sampling. κ ≡ 1 makes the
 * responses deterministic. The noise factor L is built by incremental Gram–Schmidt (two passes) of the
 * coefficient vectors of g(0), g(1), …: L(t, s) = √α ⟨g(t), e_s⟩, L(t, t) = √α ‖residual‖, stable however
 * ill-conditioned C_g = α GGᵀ becomes late in GD. O(T³) time, O(T²) memory.
 */
final class GaussianCoefficientEnsemble implements NSideEnsemble {
    private static final int TEACHER = 0;
    private static final int LABEL_NOISE = 1;
    private static final int INITIAL = 2;
    private static final int FIRST_NOISE = 3;
    /** A Gram–Schmidt residual below this fraction of ‖g‖ adds no basis direction. */
    private static final double RANK_TOLERANCE = 1e-13;

    private final DmftModel model;
    private final int width;
    /** a(s) = u(s) + g(s), coefficient vectors, row s. */
    private final double[] history;
    /** Orthonormal basis e_s of the span of g(0 … s). */
    private final double[] basis;
    private final double[] field;
    private final double[] weightField;
    private final double[] gradient;
    private final double[] adjoint;
    private final double[] projection;
    private final double sqrtRho;

    /** @throws IllegalArgumentException unless the model is square loss, linear teacher, full-batch GD */
    GaussianCoefficientEnsemble(DmftModel model) {
        DmftEngine.requireExactClosure(model);
        this.model = model;
        int steps = model.steps();
        this.width = FIRST_NOISE + steps + 1;
        this.history = new double[(steps + 1) * width];
        this.basis = new double[(steps + 1) * width];
        this.field = new double[width];
        this.weightField = new double[width];
        this.gradient = new double[width];
        this.adjoint = new double[steps + 1];
        this.projection = new double[steps + 1];
        this.sqrtRho = Math.sqrt(model.rho());
    }

    @Override
    public void step(int t, DSideKernels d, StepAverages out) {
        int used = FIRST_NOISE + t; // slots Z(0 … t−1) are the only noise slots in use before step t's noise
        fieldOf(t, d.teacherField(t), d.initialField(t), d.kp, d, field, used);
        double sigma = model.teacher().noiseStd();
        System.arraycopy(field, 0, gradient, 0, width);
        gradient[TEACHER] -= sqrtRho;
        gradient[LABEL_NOISE] -= sigma;
        double[] wf = field;
        if (d.lookAhead()) {
            fieldOf(t, d.weightTeacherField(t), d.weightInitialField(t), d.kw, d, weightField, used);
            wf = weightField;
        }
        double train = 0;
        for (int i = 0; i < used; i++) {
            double e = wf[i] - (i == TEACHER ? sqrtRho : i == LABEL_NOISE ? sigma : 0.0);
            train += e * e;
        }
        out.trainLoss = 0.5 * train;
        out.teacherCorrelation = sqrtRho * gradient[TEACHER];
        memoryKernel(t, d);
        noiseFactor(t, d, used);
    }

    /** f = a h-coefficient, initial coefficient, minus Σ_{s &lt; t} k(t, s) a(s). */
    private void fieldOf(int t, double teacher, double initial, double[] k, DSideKernels d, double[] f, int used) {
        java.util.Arrays.fill(f, 0.0);
        f[TEACHER] = teacher * sqrtRho;
        f[INITIAL] = initial;
        for (int s = 0; s < t; s++) {
            double c = k[DSideKernels.lower(t, s)];
            int row = s * width;
            int support = FIRST_NOISE + s + 1; // a(s) lives on h*, ζ, z_v, Z(0 … s)
            for (int i = 0; i < support; i++) {
                f[i] -= c * history[row + i];
            }
        }
    }

    /** Γ(t, s) = α D(t, s): adjoint x(t) = 1, x(s) = −Σ_{u=s+1}^{t} kp(u, s) x(u) (κ ≡ 1). */
    private void memoryKernel(int t, DSideKernels d) {
        // column-oriented back-substitution: once x(u) is final, add kp(u, s) x(u) to the sums of s < u
        java.util.Arrays.fill(adjoint, 0, t, 0.0);
        adjoint[t] = 1.0;
        for (int u = t; u >= 1; u--) {
            if (u < t) {
                adjoint[u] = -adjoint[u];
            }
            double xu = adjoint[u];
            int row = DSideKernels.lower(u, 0);
            for (int s = 0; s < u; s++) {
                adjoint[s] += d.kp[row + s] * xu;
            }
        }
        if (t > 0) {
            adjoint[0] = -adjoint[0];
        }
        int row = DSideKernels.tri(t, 0);
        for (int s = 0; s <= t; s++) {
            d.gamma[row + s] = model.alpha() * adjoint[s];
        }
    }

    /** L(t, ·) by two-pass Gram–Schmidt of g(t) against e_0 … e_{t−1}; then u(t) and a(t) = u(t) + g(t). */
    private void noiseFactor(int t, DSideKernels d, int used) {
        double norm0 = Math.sqrt(dot(gradient, 0, gradient, 0, used));
        java.util.Arrays.fill(projection, 0, t + 1, 0.0);
        double[] residual = field; // field is no longer needed: reuse it as the residual
        System.arraycopy(gradient, 0, residual, 0, width);
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < t; s++) {
                int support = FIRST_NOISE + s; // e_s lives on h*, ζ, z_v, Z(0 … s−1)
                double p = dot(residual, 0, basis, s * width, support);
                projection[s] += p;
                int row = s * width;
                for (int i = 0; i < support; i++) {
                    residual[i] -= p * basis[row + i];
                }
            }
        }
        double nu = Math.sqrt(dot(residual, 0, residual, 0, used));
        int row = t * width;
        if (nu > RANK_TOLERANCE * norm0) {
            for (int i = 0; i < used; i++) {
                basis[row + i] = residual[i] / nu;
            }
        } else {
            nu = 0.0;
        }
        double scale = Math.sqrt(model.alpha());
        int lrow = DSideKernels.tri(t, 0);
        for (int s = 0; s < t; s++) {
            d.noise[lrow + s] = scale * projection[s];
        }
        d.noise[lrow + t] = scale * nu;
        // a(t) = g(t) + u(t), u(t) = Σ_{j≤t} L(t, j) Z(j)
        System.arraycopy(gradient, 0, history, row, width);
        for (int j = 0; j <= t; j++) {
            history[row + FIRST_NOISE + j] += d.noise[lrow + j];
        }
    }

    private static double dot(double[] a, int ia, double[] b, int ib, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ia + i] * b[ib + i];
        }
        return s;
    }
}
