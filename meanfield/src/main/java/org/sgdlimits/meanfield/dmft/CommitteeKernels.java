package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * The d-side of the committee DMFT sweep: the p×p block form of {@link DSideKernels} (docs/dmft.md §7). Every
 * kernel is a p×p block, row-major; blocks are packed like the scalar kernels: {@link DSideKernels#lower}(t, s)
 * for the responses (s &lt; t) and {@link DSideKernels#tri}(t, s) for Γ (s ≤ t). The noise factor L is the
 * lower Cholesky factor of C_g flattened over (step, unit): row τ = t p + i, packed by {@link #noiseIndex}.
 *
 * <p>With rf(t, s) the response of w(t) to a unit force entering at step s + 1 (rf(s + 1, s) = I) and
 * kf(t, s) = η_s rf(t, s):
 * rf(t+1, s) = (1 − η_t λ) rf(t, s) − η_t Σ_{u=s+1}^{t} Γ(t, u) rf(u, s);
 * r0(t+1) = (1 − η_t λ) r0(t) − η_t Σ_{u=0}^{t} Γ(t, u) r0(u), r0(0) = I;
 * M(t+1) = (1 − η_t λ) M(t) − η_t α E[g(t) νᵀ].
 * Mutable working state of one sweep; read-only for the ensemble during a step.
 */
final class CommitteeKernels {
    final CommitteeModel model;
    final int p;
    final int k;
    final int steps;
    final int block;
    /** kf(t, s) = η_s rf(t, s), blocks packed by {@link DSideKernels#lower}. */
    final double[] kf;
    /** Γ(t, s), blocks packed by {@link DSideKernels#tri}: written by the ensemble at step t. */
    final double[] gamma;
    /** L(τ, τ′), packed by {@link #noiseIndex}: written by the ensemble at step t (rows t p … t p + p − 1). */
    final double[] noise;
    private final double[] rf;
    private final double[] r0;
    private final double[] m;
    private final double[] teacherInverse;
    /** Lower Cholesky factor B_v of Q_v = Q(0) − M(0) P⁻¹ M(0)ᵀ, the initial part orthogonal to the teacher. */
    private final double[] initialFactor;
    private final double[] feedback;
    private final double[] scratch;

    CommitteeKernels(CommitteeModel model) {
        this.model = model;
        this.p = model.p();
        this.k = model.k();
        this.steps = model.steps();
        this.block = p * p;
        int packed = DSideKernels.lower(steps + 1, 0) * block;
        kf = new double[packed];
        rf = new double[packed];
        gamma = new double[DSideKernels.tri(steps + 1, 0) * block];
        int n = p * (steps + 1);
        noise = new double[noiseIndex(n, 0)];
        r0 = new double[(steps + 1) * block];
        m = new double[(steps + 1) * p * k];
        feedback = new double[block];
        scratch = new double[p * n];
        for (int i = 0; i < p; i++) {
            r0[i * p + i] = 1.0;
        }
        System.arraycopy(model.initial().studentTeacherOverlapMatrix(), 0, m, 0, p * k);
        teacherInverse = CommitteeModel.teacherInverse(model.initial());
        double[] qv = model.orthogonalOverlap();
        initialFactor = new double[block];
        if (SemidefiniteCholesky.factor(qv, p, initialFactor, null) < 0) {
            throw new InvalidFieldException(FieldPath.parse("initial"), "Q - M P^-1 M^T is not positive semi-definite");
        }
    }

    /** Index of L(τ, τ′), τ′ ≤ τ, τ = step · p + unit. */
    static int noiseIndex(int tau, int tauPrime) {
        return tau * (tau + 1) / 2 + tauPrime;
    }

    /** A(t) = M(t) P⁻¹ (p×k, row-major): the field's teacher part is A ν. */
    void teacherField(int t, double[] out) {
        int off = t * p * k;
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += m[off + i * k + c] * teacherInverse[c * k + r];
                }
                out[i * k + r] = s;
            }
        }
    }

    /** r0(t) B_v (p×p): the field's initial part orthogonal to the teacher is r0(t) B_v z_v. */
    void initialField(int t, double[] out) {
        multiply(r0, t * block, initialFactor, 0, out, 0);
    }

    /** M(t), a fresh p×k copy. */
    double[] m(int t) {
        return Arrays.copyOfRange(m, t * p * k, (t + 1) * p * k);
    }

    /** M(t) P⁻¹ M(t)ᵀ (p×p). */
    private double[] teacherProjection(int t) {
        double[] a = new double[p * k];
        teacherField(t, a);
        double[] out = new double[block];
        int off = t * p * k;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += a[i * k + r] * m[off + j * k + r];
                }
                out[i * p + j] = s;
            }
        }
        return out;
    }

    /**
     * Q(t) = M P⁻¹ Mᵀ + (r0 B_v)(r0 B_v)ᵀ + B Bᵀ with B(i, τ′) = Σ_{s&lt;t} Σ_j kf(t, s)_{ij} L(s p + j, τ′),
     * after the L rows of steps 0 … t − 1 exist.
     */
    double[] q(int t) {
        double[] q = teacherProjection(t);
        double[] c0 = new double[block];
        initialField(t, c0);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int l = 0; l < p; l++) {
                    s += c0[i * p + l] * c0[j * p + l];
                }
                q[i * p + j] += s;
            }
        }
        int width = t * p;
        memoryNoise(t, scratch, 0, width);
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double s = 0;
                for (int col = 0; col < width; col++) {
                    s += scratch[i * width + col] * scratch[j * width + col];
                }
                q[i * p + j] += s;
                if (j != i) {
                    q[j * p + i] += s;
                }
            }
        }
        return q;
    }

    /**
     * B(i, τ′) = Σ_{s&lt;t} Σ_j kf(t, s)_{ij} L(s p + j, τ′) for τ′ &lt; t p, written to
     * out[offset + i · stride + τ′] (the memory part of the field's Gaussian noise is −B Z).
     */
    private void memoryNoise(int t, double[] out, int offset, int stride) {
        int width = t * p;
        for (int i = 0; i < p; i++) {
            Arrays.fill(out, offset + i * stride, offset + i * stride + width, 0.0);
        }
        for (int s = 0; s < t; s++) {
            int kb = DSideKernels.lower(t, s) * block;
            for (int j = 0; j < p; j++) {
                int tau = s * p + j;
                int lrow = noiseIndex(tau, 0);
                for (int i = 0; i < p; i++) {
                    double c = kf[kb + i * p + j];
                    int row = offset + i * stride;
                    for (int col = 0; col <= tau; col++) {
                        out[row + col] += c * noise[lrow + col];
                    }
                }
            }
        }
    }

    /**
     * Rows t p … t p + p − 1 of the field-noise factor K: the Gaussian part of the field orthogonal to the teacher,
     * h̃(t) = r0(t) B_v z_v − Σ_{s&lt;t} kf(t, s) u(s), is K(t) ζ with the standard normals ζ = (z_v, Z_0, Z_1, …)
     * of the ensemble. Row t p + i goes to out[(t p + i) · stride + c] for the columns c &lt; p (t + 1): c &lt; p is
     * z_v,c, c = p + τ′ is Z_τ′. K is lower triangular (h̃_i(t) depends on Z_τ′ for τ′ ≤ (t − 1) p + i only) with
     * diagonal B_v(i, i) at t = 0 and −η_{t−1} L((t − 1) p + i, (t − 1) p + i) after; its Gram matrix K Kᵀ is the
     * two-time covariance of h̃ (the Q(t) of {@link #q} with the teacher part removed, at equal times). Needs the
     * L rows of the steps before t.
     */
    void fieldFactorRows(int t, double[] out, int stride) {
        double[] c0 = new double[block];
        initialField(t, c0);
        int row0 = t * p * stride;
        for (int i = 0; i < p; i++) {
            System.arraycopy(c0, i * p, out, row0 + i * stride, p);
        }
        memoryNoise(t, out, row0 + p, stride);
        for (int i = 0; i < p; i++) {
            int row = row0 + i * stride + p;
            for (int c = 0; c < t * p; c++) {
                out[row + c] = -out[row + c];
            }
        }
    }

    /** Steps the d-side from t to t + 1 with Γ(t, ·) in place and E_h(t) = E[g(t) νᵀ] (p×k row-major). */
    void advance(int t, double[] teacherCorrelation) {
        double eta = model.stepSize(t);
        double decay = 1 - eta * model.ridge();
        int grow = DSideKernels.tri(t, 0);
        for (int s = 0; s < t; s++) {
            Arrays.fill(feedback, 0.0);
            for (int u = s + 1; u <= t; u++) {
                multiplyAdd(gamma, (grow + u) * block, rf, DSideKernels.lower(u, s) * block, feedback);
            }
            int here = DSideKernels.lower(t, s) * block;
            int next = DSideKernels.lower(t + 1, s) * block;
            for (int e = 0; e < block; e++) {
                rf[next + e] = decay * rf[here + e] - eta * feedback[e];
            }
        }
        int fresh = DSideKernels.lower(t + 1, t) * block;
        Arrays.fill(rf, fresh, fresh + block, 0.0);
        for (int i = 0; i < p; i++) {
            rf[fresh + i * p + i] = 1.0;
        }
        for (int s = 0; s <= t; s++) {
            int b = DSideKernels.lower(t + 1, s) * block;
            double es = model.stepSize(s);
            for (int e = 0; e < block; e++) {
                kf[b + e] = es * rf[b + e];
            }
        }
        Arrays.fill(feedback, 0.0);
        for (int u = 0; u <= t; u++) {
            multiplyAdd(gamma, (grow + u) * block, r0, u * block, feedback);
        }
        for (int e = 0; e < block; e++) {
            r0[(t + 1) * block + e] = decay * r0[t * block + e] - eta * feedback[e];
        }
        int pk = p * k;
        for (int e = 0; e < pk; e++) {
            m[(t + 1) * pk + e] = decay * m[t * pk + e] - eta * model.alpha() * teacherCorrelation[e];
        }
    }

    /** out += A B for p×p blocks at the offsets. */
    private void multiplyAdd(double[] a, int ia, double[] b, int ib, double[] out) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int l = 0; l < p; l++) {
                    s += a[ia + i * p + l] * b[ib + l * p + j];
                }
                out[i * p + j] += s;
            }
        }
    }

    /** out = A B for p×p blocks at the offsets. */
    private void multiply(double[] a, int ia, double[] b, int ib, double[] out, int io) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int l = 0; l < p; l++) {
                    s += a[ia + i * p + l] * b[ib + l * p + j];
                }
                out[io + i * p + j] = s;
            }
        }
    }
}
