package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.overlap.Overlaps;

/**
 * One multi-pass learning problem of a two-layer committee for the block DMFT sweep (docs/dmft.md §7): n = α d
 * Gaussian samples reused at every step, teacher f*(x) = (1/k) Σ_r a*_r σ*(ν_r) with labels y = f* + √Δ ζ,
 * student f(x) = (1/p) Σ_i a_i σ(λ_i) with a fixed second layer a (docs/theory.md §1 conventions), the loss
 * ℓ(f, y) of the output, ridge λ on the first layer, step sizes η_0 … η_{T−1} (η multiplies the sum over the n
 * samples), the selection process, and the initial overlaps Ω(0) = [[Q, M], [Mᵀ, P]] with the second layers.
 * Immutable.
 *
 * @param alpha      sample ratio α = n/d &gt; 0
 * @param initial    Q(0), M(0), P, a, a* (validated: sizes, symmetry, Ω ⪰ 0); P must be positive definite
 * @param student    σ of the hidden units; with a kink (ReLU) Q_v = Q(0) − M(0) P⁻¹ M(0)ᵀ must be positive
 *                   definite (the responses are integrated by parts against the field noise, docs/dmft.md §7.1)
 * @param teacher    σ* of the teacher units
 * @param labelNoise Δ ≥ 0, the label-noise variance
 * @param loss       ℓ(f, y) of the network output
 * @param ridge      λ ≥ 0 on the first-layer weights
 * @param stepSizes  η_t &gt; 0 for t = 0 … T − 1 (T = length ≥ 1)
 * @param selection  the per-sample weight process
 */
public record CommitteeModel(double alpha, Overlaps initial, Activation student, Activation teacher,
                             double labelNoise, Loss loss, double ridge, double[] stepSizes,
                             SelectionProcess selection) {

    /** Largest supported number of hidden units p. */
    public static final int MAX_HIDDEN = 4;
    /** Largest supported number of teacher units k. */
    public static final int MAX_TEACHER = 2;

    public CommitteeModel {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.samplesPerDimension"), "" + alpha + "; must be a finite number > 0");
        }
        if (initial == null || student == null || teacher == null || loss == null || selection == null) {
            throw new InvalidFieldException(FieldPath.parse("dmft"), "initial overlaps, activations, loss and algorithm are required");
        }
        if (initial.studentWidth() < 1 || initial.studentWidth() > MAX_HIDDEN) {
            throw new InvalidFieldException(FieldPath.parse("student.p"), "" + initial.studentWidth() + "; must lie in [1, "
                    + MAX_HIDDEN + "] for the dmft committee");
        }
        if (initial.teacherWidth() < 1 || initial.teacherWidth() > MAX_TEACHER) {
            throw new InvalidFieldException(FieldPath.parse("teacher.k"), "" + initial.teacherWidth() + "; must lie in [1, "
                    + MAX_TEACHER + "] for the dmft committee");
        }
        if (!(labelNoise >= 0) || !Double.isFinite(labelNoise)) {
            throw new InvalidFieldException(FieldPath.parse("noise"), "" + labelNoise + "; must be a finite number >= 0");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.ridge"), "" + ridge + "; must be a finite number >= 0");
        }
        if (stepSizes == null || stepSizes.length < 1) {
            throw new InvalidFieldException(FieldPath.parse("dmft.steps"), "must be an integer >= 1");
        }
        stepSizes = stepSizes.clone();
        for (double eta : stepSizes) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new InvalidFieldException(FieldPath.parse("dmft.stepSize"), "" + eta + "; must be a finite number > 0");
            }
        }
        double[] pInv = teacherInverse(initial); // P positive definite
        if (student.hasKink()) {
            double[] qv = orthogonalOverlap(initial, pInv);
            int p = initial.studentWidth();
            if (org.sgdlimits.overlap.SemidefiniteCholesky.factor(qv, p, new double[p * p], null) < p) {
                throw new InvalidFieldException(FieldPath.parse("initial"), "Q - M P^-1 M^T must be positive definite for a "
                        + "student with a kink ('" + student.id() + "'): its responses are integrated by parts "
                        + "against the field noise (docs/dmft.md section 7.1)");
            }
        }
    }

    /**
     * Q_v = Q(0) − M(0) P⁻¹ M(0)ᵀ (p×p row-major): the initial Gram matrix of the student's part orthogonal to
     * the teacher span.
     */
    double[] orthogonalOverlap() {
        return orthogonalOverlap(initial, teacherInverse(initial));
    }

    private static double[] orthogonalOverlap(Overlaps o, double[] pInv) {
        int p = o.studentWidth();
        int k = o.teacherWidth();
        double[] qv = o.studentOverlapMatrix();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < k; c++) {
                        s += o.studentTeacherOverlap(i, r) * pInv[r * k + c] * o.studentTeacherOverlap(j, c);
                    }
                }
                qv[i * p + j] -= s;
            }
        }
        return qv;
    }

    /** p. */
    public int p() {
        return initial.studentWidth();
    }

    /** k. */
    public int k() {
        return initial.teacherWidth();
    }

    /** T. */
    public int steps() {
        return stepSizes.length;
    }

    /** η_t. */
    public double stepSize(int t) {
        return stepSizes[t];
    }

    @Override
    public double[] stepSizes() {
        return stepSizes.clone();
    }

    /** The same model with another selection process. */
    public CommitteeModel withSelection(SelectionProcess s) {
        return new CommitteeModel(alpha, initial, student, teacher, labelNoise, loss, ridge, stepSizes, s);
    }

    /** f*(ν) = (1/k) Σ_r a*_r σ*(ν_r) for the teacher fields ν[offset … offset + k − 1]. */
    double teacherOutput(double[] nu, int offset) {
        int k = k();
        double f = 0;
        for (int r = 0; r < k; r++) {
            f += initial.teacherSecondLayer(r) * teacher.value(nu[offset + r]);
        }
        return f / k;
    }

    /**
     * P⁻¹, row-major k×k (Gauss–Jordan with partial pivoting).
     *
     * @throws IllegalArgumentException when P is not positive definite
     */
    static double[] teacherInverse(Overlaps o) {
        int k = o.teacherWidth();
        double[] a = o.teacherOverlapMatrix();
        double[] inv = new double[k * k];
        for (int i = 0; i < k; i++) {
            inv[i * k + i] = 1.0;
        }
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(a[i * k + i]));
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r * k + c]) > Math.abs(a[piv * k + c])) {
                    piv = r;
                }
            }
            if (!(Math.abs(a[piv * k + c]) > 1e-12 * scale)) {
                throw new InvalidFieldException(FieldPath.parse("teacher.P"), "singular; the dmft committee needs a positive "
                        + "definite teacher overlap");
            }
            for (int j = 0; j < k; j++) {
                double x = a[c * k + j];
                a[c * k + j] = a[piv * k + j];
                a[piv * k + j] = x;
                x = inv[c * k + j];
                inv[c * k + j] = inv[piv * k + j];
                inv[piv * k + j] = x;
            }
            double d = a[c * k + c];
            for (int j = 0; j < k; j++) {
                a[c * k + j] /= d;
                inv[c * k + j] /= d;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r * k + c];
                    for (int j = 0; j < k; j++) {
                        a[r * k + j] -= f * a[c * k + j];
                        inv[r * k + j] -= f * inv[c * k + j];
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            if (!(o.teacherOverlap(i, i) > 0)) {
                throw new InvalidFieldException(FieldPath.parse("teacher.P"), "not positive definite");
            }
        }
        return inv;
    }
}
