package org.sgdlimits.meanfield.dmft;

/**
 * The d-side of the DMFT sweep (docs/dmft.md §2): the responses, the memory kernel Γ, the noise factor L and the
 * teacher overlap, all linear and deterministic given the n-side averages. Packed lower triangles:
 * {@link #lower}(t, s) = t(t−1)/2 + s for s &lt; t (responses to a force at step s) and {@link #tri}(t, s) =
 * t(t+1)/2 + s for s ≤ t (Γ and L).
 *
 * <p>A unit force injected at step s enters v(s+1) and w(s+1) (docs/dmft.md §2 with momentum): rw(t, s) and
 * rv(t, s) are the responses of w(t) and v(t), rp = rw + β_N rv that of the evaluation point p (β_N = β for
 * Nesterov, else 0). The n-side reads the force-scaled kernels kp(t, s) = η_s rp(t, s) (field of p, where the
 * gradient is taken) and kw(t, s) = η_s rw(t, s) (field of w, where the training loss is measured); without
 * momentum kp(t, s) = η R(t, s+1) of docs/dmft.md §2. Mutable working state of one sweep; not thread-safe
 * while {@link #advance} runs, read-only for the ensemble during a step.
 */
final class DSideKernels {
    final DmftModel model;
    final int steps;
    /** η_s rp(t, s), packed by {@link #lower}. */
    final double[] kp;
    /** η_s rw(t, s), packed by {@link #lower}. */
    final double[] kw;
    /** Γ(t, s), packed by {@link #tri}: written by the ensemble at step t. */
    final double[] gamma;
    /** L(t, s), lower Cholesky factor of C_g, packed by {@link #tri}: written by the ensemble at step t. */
    final double[] noise;
    private final double[] rw;
    private final double[] rv;
    private final double[] rp;
    private final double[] rw0;
    private final double[] rv0;
    private final double[] mw;
    private final double[] mv;
    private final double beta;
    private final double lookAhead;
    private final double[] scratch;

    DSideKernels(DmftModel model) {
        this.model = model;
        this.steps = model.steps();
        int packed = lower(steps + 1, 0);
        kp = new double[packed];
        kw = new double[packed];
        rw = new double[packed];
        rv = new double[packed];
        rp = new double[packed];
        gamma = new double[tri(steps + 1, 0)];
        noise = new double[tri(steps + 1, 0)];
        rw0 = new double[steps + 1];
        rv0 = new double[steps + 1];
        mw = new double[steps + 1];
        mv = new double[steps + 1];
        scratch = new double[steps + 1];
        beta = model.momentum().velocityDecay();
        lookAhead = model.momentum().lookAhead();
        rw0[0] = 1.0;
        mw[0] = model.initialTeacherOverlap();
    }

    /** Index of (t, s), s &lt; t, in the response arrays. */
    static int lower(int t, int s) {
        return t * (t - 1) / 2 + s;
    }

    /** Index of (t, s), s ≤ t, in Γ and L. */
    static int tri(int t, int s) {
        return t * (t + 1) / 2 + s;
    }

    /** Coefficient of h* in the field of p(t): m_p(t)/ρ. */
    double teacherField(int t) {
        return (mw[t] + lookAhead * mv[t]) / model.rho();
    }

    /** Coefficient of z_v in the field of p(t): √q_v rp0(t). */
    double initialField(int t) {
        return Math.sqrt(model.qv()) * (rw0[t] + lookAhead * rv0[t]);
    }

    /** Coefficient of h* in the field of w(t): m(t)/ρ. */
    double weightTeacherField(int t) {
        return mw[t] / model.rho();
    }

    /** Coefficient of z_v in the field of w(t). */
    double weightInitialField(int t) {
        return Math.sqrt(model.qv()) * rw0[t];
    }

    /** Whether the gradient is taken away from w (Nesterov), so the training loss needs the field of w. */
    boolean lookAhead() {
        return lookAhead != 0;
    }

    /** rw(t, s), s &lt; t: response of w(t) to a unit force injected at step s. */
    double responseOfW(int t, int s) {
        return rw[lower(t, s)];
    }

    /** m(t) = w(t)·w* / d. */
    double m(int t) {
        return mw[t];
    }

    /**
     * q(t) = ‖w(t)‖²/d = m²/ρ + q_v rw0(t)² + Σ_j (Σ_{s=j}^{t−1} kw(t, s) L(s, j))², after L rows 0 … t−1 exist.
     */
    double q(int t) {
        double q = mw[t] * mw[t] / model.rho() + model.qv() * rw0[t] * rw0[t];
        java.util.Arrays.fill(scratch, 0, t, 0.0);
        int krow = lower(t, 0);
        for (int s = 0; s < t; s++) { // row by row: contiguous in j
            double k = kw[krow + s];
            int lrow = tri(s, 0);
            for (int j = 0; j <= s; j++) {
                scratch[j] += k * noise[lrow + j];
            }
        }
        for (int j = 0; j < t; j++) {
            q += scratch[j] * scratch[j];
        }
        return q;
    }

    /**
     * Steps the d-side from t to t + 1 with Γ(t, ·) in place and the teacher correlation E_h(t) = E[h* g(t)].
     */
    void advance(int t, double teacherCorrelation) {
        double eta = model.stepSize(t);
        double lambda = model.ridge();
        int row = tri(t, 0);
        // feedback(s) = Σ_{u=s+1}^{t} Γ(t, u) rp(u, s), accumulated row by row (contiguous in s)
        java.util.Arrays.fill(scratch, 0, t, 0.0);
        for (int u = 1; u <= t; u++) {
            double g = gamma[row + u];
            int urow = lower(u, 0);
            for (int s = 0; s < u; s++) {
                scratch[s] += g * rp[urow + s];
            }
        }
        for (int s = 0; s < t; s++) {
            double feedback = scratch[s];
            int here = lower(t, s);
            int next = lower(t + 1, s);
            rv[next] = beta * rv[here] - eta * (lambda * rp[here] + feedback);
            rw[next] = rw[here] + rv[next];
            rp[next] = rw[next] + lookAhead * rv[next];
        }
        int fresh = lower(t + 1, t);
        rv[fresh] = 1.0;
        rw[fresh] = 1.0;
        rp[fresh] = 1.0 + lookAhead;
        for (int s = 0; s <= t; s++) {
            int i = lower(t + 1, s);
            double es = model.stepSize(s);
            kp[i] = es * rp[i];
            kw[i] = es * rw[i];
        }
        double feedback0 = 0;
        for (int u = 0; u <= t; u++) {
            feedback0 += gamma[row + u] * (rw0[u] + lookAhead * rv0[u]);
        }
        rv0[t + 1] = beta * rv0[t] - eta * (lambda * (rw0[t] + lookAhead * rv0[t]) + feedback0);
        rw0[t + 1] = rw0[t] + rv0[t + 1];
        mv[t + 1] = beta * mv[t] - eta * (lambda * (mw[t] + lookAhead * mv[t]) + model.alpha() * teacherCorrelation);
        mw[t + 1] = mw[t] + mv[t + 1];
    }
}
