package org.sgdlimits.overlap;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Real d-dimensional weights of a teacher–student pair (docs/theory.md §1, §4): student first layer W (p×d), teacher
 * first layer W* (k×d), second layers a (p) and a* (k). Immutable; the weight arrays are copied on access.
 *
 * <p>Two ways to make them:
 * <ul>
 *   <li>{@link #random}: teacher with exactly the requested P, student rows Gaussian (independent of the
 *       teacher) rescaled to exactly the requested squared norms Q_ii. Then M and the off-diagonal Q are
 *       O(d^(−1/2)), as for a random initialisation of a network.</li>
 *   <li>{@link #reproducing}: weights whose overlaps are a given Ω exactly (to round-off):
 *       W = M P⁻¹ W* + W⊥ with W⊥ in the orthogonal complement of the teacher span and W⊥W⊥ᵀ/d = Q − M P⁻¹ Mᵀ.</li>
 * </ul>
 * Both build W* = √d L_P O_T with O_T orthonormal rows (Haar-random) and L_P the (semi-definite) Cholesky
 * factor of P, so W*W*ᵀ/d = L_P O_T O_Tᵀ L_Pᵀ = P. For {@link #reproducing} the frame is extended to p + k
 * orthonormal rows O and the whole weight matrix is √d L O, L the Cholesky factor of Ω ordered teacher first,
 * [[P, Mᵀ], [M, Q]]: its first k rows are the teacher; a student row is (M P⁻¹)·teacher rows plus a part along
 * the remaining frame vectors, orthogonal to the teacher span, whose Gram matrix is the Schur complement
 * Q − M P⁻¹ Mᵀ. Zero pivots (rank-deficient Ω, singular P) are handled by the semi-definite Cholesky.
 */
public final class InitialWeights {
    private final int dimension;
    private final int p;
    private final int k;
    private final double[] student;
    private final double[] teacher;
    private final double[] a;
    private final double[] aStar;
    private final double[] exactP;

    private InitialWeights(int dimension, int p, int k, double[] student, double[] teacher, double[] a,
                           double[] aStar, double[] exactP) {
        this.dimension = dimension;
        this.p = p;
        this.k = k;
        this.student = student;
        this.teacher = teacher;
        this.a = a;
        this.aStar = aStar;
        this.exactP = exactP;
    }

    /**
     * Random initialisation: teacher with exactly P, student rows i.i.d. Gaussian directions with
     * |w_i|²/d = studentSquaredNorms[i] exactly.
     *
     * @param dimension            input dimension d ≥ p + k
     * @param teacherOverlap       P, row-major k×k, symmetric PSD
     * @param studentSquaredNorms  Q_ii for each student unit, each ≥ 0
     * @param a                    student second layer (length p)
     * @param aStar                teacher second layer (length k)
     * @param rng                  the random source (consumed)
     */
    public static InitialWeights random(int dimension, double[] teacherOverlap, double[] studentSquaredNorms,
                                        double[] a, double[] aStar, UniformRandomProvider rng) {
        int p = a.length;
        int k = aStar.length;
        requireDimension(dimension, p, k);
        OverlapValidation.requireSize("P", teacherOverlap, k * k, k + "x" + k);
        OverlapValidation.requireSize("student squared norms", studentSquaredNorms, p, "length-" + p);
        OverlapValidation.requireFinite("P", teacherOverlap);
        OverlapValidation.requireFinite("a", a);
        OverlapValidation.requireFinite("aStar", aStar);
        for (int i = 0; i < p; i++) {
            if (!(studentSquaredNorms[i] >= 0) || !Double.isFinite(studentSquaredNorms[i])) {
                throw new IllegalArgumentException("Q_" + i + "_" + i + ": " + studentSquaredNorms[i]
                        + "; a squared norm must be finite and >= 0");
            }
        }
        double[] pSym = OverlapValidation.symmetrised("P", teacherOverlap, k);
        double[] lP = SemidefiniteCholesky.factor("P", pSym, k);
        double[] frame = RandomOrthonormalFrame.sample(k, dimension, rng);
        double[] teacher = scaledCombination(lP, k, k, frame, dimension);

        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] student = new double[p * dimension];
        for (int i = 0; i < p; i++) {
            double norm2 = 0;
            for (int c = 0; c < dimension; c++) {
                double g = gauss.sample();
                student[i * dimension + c] = g;
                norm2 += g * g;
            }
            double scale = Math.sqrt(studentSquaredNorms[i] * dimension / norm2);
            for (int c = 0; c < dimension; c++) {
                student[i * dimension + c] *= scale;
            }
        }
        return new InitialWeights(dimension, p, k, student, teacher, a.clone(), aStar.clone(), pSym);
    }

    /** {@link #random} with a XoShiRo256++ stream seeded from {@code seed} (SplitMix64 expansion). */
    public static InitialWeights random(int dimension, double[] teacherOverlap, double[] studentSquaredNorms,
                                        double[] a, double[] aStar, long seed) {
        return random(dimension, teacherOverlap, studentSquaredNorms, a, aStar, streamFor(seed));
    }

    /**
     * Weights whose overlaps reproduce {@code omega} exactly (to round-off), with a Haar-random orientation.
     *
     * @param omega     the target overlaps (Q, M, P, a, a*)
     * @param dimension input dimension d ≥ p + k
     * @param rng       the random source for the orientation (consumed)
     */
    public static InitialWeights reproducing(Overlaps omega, int dimension, UniformRandomProvider rng) {
        int p = omega.studentWidth();
        int k = omega.teacherWidth();
        requireDimension(dimension, p, k);
        int n = p + k;
        double[] teacherFirst = teacherFirstCovariance(omega);
        double[] l = SemidefiniteCholesky.factor("Omega", teacherFirst, n);
        double[] frame = RandomOrthonormalFrame.sample(n, dimension, rng);
        return fromFactorAndFrame(omega, dimension, l, frame);
    }

    /**
     * Like {@link #reproducing} but with the teacher span aligned with the first k coordinate axes: the frame
     * is e_0..e_{k−1} followed by p Haar-random orthonormal vectors supported on coordinates k..d−1, so every
     * teacher row is zero beyond coordinate k − 1. The overlaps are again Ω to round-off. Since the inputs
     * x ~ N(0, I_d) are isotropic, SGD from these weights has exactly the same law for Ω as from any rotation
     * of them; simulators use this to compute the teacher fields w*_r·x in O(k²) instead of O(k d).
     */
    public static InitialWeights reproducingAlignedWithAxes(Overlaps omega, int dimension,
                                                            UniformRandomProvider rng) {
        int p = omega.studentWidth();
        int k = omega.teacherWidth();
        requireDimension(dimension, p, k);
        int n = p + k;
        double[] l = SemidefiniteCholesky.factor("Omega", teacherFirstCovariance(omega), n);
        double[] complement = RandomOrthonormalFrame.sample(p, dimension - k, rng);
        double[] frame = new double[n * dimension];
        for (int r = 0; r < k; r++) {
            frame[r * dimension + r] = 1.0;
        }
        for (int i = 0; i < p; i++) {
            System.arraycopy(complement, i * (dimension - k), frame, (k + i) * dimension + k, dimension - k);
        }
        return fromFactorAndFrame(omega, dimension, l, frame);
    }

    /**
     * The weights of {@link #reproducing} and {@link #reproducingAlignedWithAxes}: rows √d L F (teacher rows
     * first) from the teacher-first factor L of Ω (n×n) and an orthonormal frame F (n×d), split into teacher and
     * student weights, with Ω's second layers and P.
     */
    private static InitialWeights fromFactorAndFrame(Overlaps omega, int dimension, double[] l, double[] frame) {
        int p = omega.studentWidth();
        int k = omega.teacherWidth();
        int n = p + k;
        double[] all = scaledCombination(l, n, n, frame, dimension);
        double[] teacher = new double[k * dimension];
        double[] student = new double[p * dimension];
        System.arraycopy(all, 0, teacher, 0, teacher.length);
        System.arraycopy(all, teacher.length, student, 0, student.length);
        return new InitialWeights(dimension, p, k, student, teacher, omega.studentSecondLayer(),
                omega.teacherSecondLayer(), omega.teacherOverlapMatrix());
    }

    /** Ω reordered teacher first: [[P, Mᵀ], [M, Q]], row-major (k+p)×(k+p). */
    static double[] teacherFirstCovariance(Overlaps omega) {
        int p = omega.studentWidth();
        int k = omega.teacherWidth();
        int n = p + k;
        double[] c = new double[n * n];
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                c[r * n + s] = omega.teacherOverlap(r, s);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                double m = omega.studentTeacherOverlap(i, r);
                c[(k + i) * n + r] = m;
                c[r * n + k + i] = m;
            }
            for (int j = 0; j < p; j++) {
                c[(k + i) * n + k + j] = omega.studentOverlap(i, j);
            }
        }
        return c;
    }

    /** √d · L · frame, L row-major rows×cols, frame cols×d: the weight rows. */
    private static double[] scaledCombination(double[] l, int rows, int cols, double[] frame, int d) {
        double sqrtD = Math.sqrt(d);
        double[] out = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double c = l[i * cols + j] * sqrtD;
                if (c != 0.0) {
                    for (int x = 0; x < d; x++) {
                        out[i * d + x] += c * frame[j * d + x];
                    }
                }
            }
        }
        return out;
    }

    private static void requireDimension(int dimension, int p, int k) {
        if (dimension < p + k) {
            throw new IllegalArgumentException("dimension: " + dimension + "; must be an integer >= p + k = "
                    + (p + k));
        }
    }

    /** A XoShiRo256++ generator whose 256-bit state is the SplitMix64 expansion of {@code seed}. */
    static UniformRandomProvider streamFor(long seed) {
        SplitMix64 mix = new SplitMix64(seed);
        return new XoShiRo256PlusPlus(new long[] {mix.nextLong(), mix.nextLong(), mix.nextLong(), mix.nextLong()});
    }

    /** Input dimension d. */
    public int dimension() { return dimension; }

    /** Number of student units p. */
    public int studentWidth() { return p; }

    /** Number of teacher units k. */
    public int teacherWidth() { return k; }

    /** Copy of W, row-major p×d (row i is w_i). */
    public double[] studentWeights() { return student.clone(); }

    /** Copy of W*, row-major k×d (row r is w*_r). */
    public double[] teacherWeights() { return teacher.clone(); }

    /** Copy of a. */
    public double[] studentSecondLayer() { return a.clone(); }

    /** Copy of a*. */
    public double[] teacherSecondLayer() { return aStar.clone(); }

    /**
     * The overlaps of these weights, Q = WWᵀ/d, M = WW*ᵀ/d, computed from the vectors; P is reported as the
     * requested matrix (the vectors reproduce it to round-off).
     */
    public Overlaps overlaps() {
        int d = dimension;
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double v = dot(student, i * d, student, j * d, d) / d;
                q[i * p + j] = v;
                q[j * p + i] = v;
            }
            for (int r = 0; r < k; r++) {
                m[i * k + r] = dot(student, i * d, teacher, r * d, d) / d;
            }
        }
        return Overlaps.of(q, m, exactP, a, aStar);
    }

    /** P computed from the teacher vectors, W*W*ᵀ/d (for checking that it reproduces the requested P). */
    public double[] teacherOverlapFromWeights() {
        int d = dimension;
        double[] out = new double[k * k];
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                out[r * k + s] = dot(teacher, r * d, teacher, s * d, d) / d;
            }
        }
        return out;
    }

    private static double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s = 0;
        for (int c = 0; c < n; c++) {
            s += x[xOff + c] * y[yOff + c];
        }
        return s;
    }
}
