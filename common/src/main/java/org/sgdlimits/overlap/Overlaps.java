package org.sgdlimits.overlap;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;

/**
 * Immutable sufficient statistics of a teacher–student pair (docs/theory.md §1): Q = W Wᵀ/d (p×p), M = W W*ᵀ/d (p×k),
 * P = W* W*ᵀ/d (k×k), the student second layer a (p) and the teacher second layer a* (k).
 *
 * <p>Matrices are stored row-major in flat arrays. Ω = [[Q, M], [Mᵀ, P]] is the covariance of the
 * pre-activations (λ, λ*); {@link #covariance()} returns it with the p student units first.
 *
 * <p>Construction validates sizes, finiteness, symmetry (to a relative 1e-10, then symmetrised) and positive
 * semi-definiteness of Ω; errors name the offending field.
 */
public final class Overlaps {
    private final int p;
    private final int k;
    private final double[] q;
    private final double[] m;
    private final double[] teacherOverlap;
    private final double[] a;
    private final double[] aStar;

    private Overlaps(int p, int k, double[] q, double[] m, double[] teacherOverlap, double[] a, double[] aStar) {
        this.p = p;
        this.k = k;
        this.q = q;
        this.m = m;
        this.teacherOverlap = teacherOverlap;
        this.a = a;
        this.aStar = aStar;
    }

    /**
     * Validated overlaps from row-major flat arrays (copied).
     *
     * @param q     student self-overlap Q, p×p
     * @param m     student–teacher overlap M, p×k
     * @param pMat  teacher self-overlap P, k×k
     * @param a     student second layer, length p
     * @param aStar teacher second layer, length k
     * @throws IllegalArgumentException naming the field when sizes, symmetry, finiteness or PSD fail
     */
    public static Overlaps of(double[] q, double[] m, double[] pMat, double[] a, double[] aStar) {
        int p = a.length;
        int k = aStar.length;
        OverlapValidation.requireSize("Q", q, p * p, p + "x" + p);
        OverlapValidation.requireSize("M", m, p * k, p + "x" + k);
        OverlapValidation.requireSize("P", pMat, k * k, k + "x" + k);
        OverlapValidation.requireFinite("Q", q);
        OverlapValidation.requireFinite("M", m);
        OverlapValidation.requireFinite("P", pMat);
        OverlapValidation.requireFinite("a", a);
        OverlapValidation.requireFinite("aStar", aStar);
        double[] qs = OverlapValidation.symmetrised("Q", q, p);
        double[] ps = OverlapValidation.symmetrised("P", pMat, k);
        Overlaps o = new Overlaps(p, k, qs, m.clone(), ps, a.clone(), aStar.clone());
        OverlapValidation.requirePositiveSemiDefinite(o.covariance(), p + k);
        return o;
    }

    /**
     * Validated overlaps from a student-first covariance Ω = [[Q, M], [Mᵀ, P]] (the layout of
     * {@link #covariance()}), split into its blocks; Ω must be symmetric (to a relative 1e-10, then symmetrised),
     * finite and positive semi-definite, as in {@link #of}.
     *
     * @param omega row-major (p+k)×(p+k) covariance, the p student units first
     * @param p     number of student units p ≥ 1 (must equal a.length)
     * @param k     number of teacher units k ≥ 1 (must equal aStar.length)
     * @param a     student second layer, length p
     * @param aStar teacher second layer, length k
     * @throws IllegalArgumentException naming the field when sizes, symmetry, finiteness or PSD fail
     */
    public static Overlaps fromCovariance(double[] omega, int p, int k, double[] a, double[] aStar) {
        if (p < 1) {
            throw new InvalidFieldException(FieldPath.parse("p"), p + "; must be >= 1");
        }
        if (k < 1) {
            throw new InvalidFieldException(FieldPath.parse("k"), k + "; must be >= 1");
        }
        if (a == null || a.length != p) {
            throw new InvalidFieldException(FieldPath.parse("a"), "has " + (a == null ? "no" : a.length)
                    + " entries; expected p = " + p);
        }
        if (aStar == null || aStar.length != k) {
            throw new InvalidFieldException(FieldPath.parse("aStar"), "has " + (aStar == null ? "no" : aStar.length)
                    + " entries; expected k = " + k);
        }
        int n = p + k;
        OverlapValidation.requireSize("Omega", omega, n * n, n + "x" + n);
        OverlapValidation.requireFinite("Omega", omega);
        double[] sym = OverlapValidation.symmetrised("Omega", omega, n);
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] pMat = new double[k * k];
        for (int i = 0; i < p; i++) {
            System.arraycopy(sym, i * n, q, i * p, p);
            System.arraycopy(sym, i * n + p, m, i * k, k);
        }
        for (int r = 0; r < k; r++) {
            System.arraycopy(sym, (p + r) * n + p, pMat, r * k, k);
        }
        return of(q, m, pMat, a, aStar);
    }

    /** Same as {@link #of} but skipping the O((p+k)³) PSD check; for engines that produce overlaps in a loop. */
    public static Overlaps unchecked(int p, int k, double[] q, double[] m, double[] pMat, double[] a,
                                     double[] aStar) {
        return new Overlaps(p, k, q.clone(), m.clone(), pMat.clone(), a.clone(), aStar.clone());
    }

    /** Number of student hidden units p. */
    public int studentWidth() { return p; }

    /** Number of teacher hidden units k. */
    public int teacherWidth() { return k; }

    /** Q_ij = w_i·w_j/d. */
    public double studentOverlap(int i, int j) { return q[i * p + j]; }

    /** M_ir = w_i·w*_r/d. */
    public double studentTeacherOverlap(int i, int r) { return m[i * k + r]; }

    /** P_rs = w*_r·w*_s/d. */
    public double teacherOverlap(int r, int s) { return teacherOverlap[r * k + s]; }

    /** a_i. */
    public double studentSecondLayer(int i) { return a[i]; }

    /** a*_r. */
    public double teacherSecondLayer(int r) { return aStar[r]; }

    /** Copy of Q, row-major p×p. */
    public double[] studentOverlapMatrix() { return q.clone(); }

    /** Copy of M, row-major p×k. */
    public double[] studentTeacherOverlapMatrix() { return m.clone(); }

    /** Copy of P, row-major k×k. */
    public double[] teacherOverlapMatrix() { return teacherOverlap.clone(); }

    /** Copy of a. */
    public double[] studentSecondLayer() { return a.clone(); }

    /** Copy of a*. */
    public double[] teacherSecondLayer() { return aStar.clone(); }

    /** Ω = [[Q, M], [Mᵀ, P]], row-major (p+k)×(p+k), student units first. */
    public double[] covariance() {
        double[] omega = new double[(p + k) * (p + k)];
        assembleCovariance(p, k, q, m, teacherOverlap, omega);
        return omega;
    }

    /**
     * Writes Ω = [[Q, M], [Mᵀ, P]] (row-major (p+k)×(p+k), student units first) into {@code omega} without
     * allocating: the one place the covariance is assembled from its blocks (hot loops call it per right-hand
     * side or per SGD step).
     *
     * @param p              student units
     * @param k              teacher units
     * @param q              Q, row-major p×p
     * @param m              M, row-major p×k
     * @param teacherOverlap P, row-major k×k; null leaves the teacher block of {@code omega} as it is
     * @param omega          output, length (p+k)²
     */
    public static void assembleCovariance(int p, int k, double[] q, double[] m, double[] teacherOverlap,
                                          double[] omega) {
        int n = p + k;
        for (int i = 0; i < p; i++) {
            System.arraycopy(q, i * p, omega, i * n, p);
            for (int r = 0; r < k; r++) {
                double mir = m[i * k + r];
                omega[i * n + p + r] = mir;
                omega[(p + r) * n + i] = mir;
            }
        }
        if (teacherOverlap != null) {
            for (int r = 0; r < k; r++) {
                System.arraycopy(teacherOverlap, r * k, omega, (p + r) * n + p, k);
            }
        }
    }

    /** New overlaps with the same teacher and these student quantities (validated). */
    public Overlaps withStudent(double[] newQ, double[] newM, double[] newA) {
        return of(newQ, newM, teacherOverlap, newA, aStar);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Overlaps other)) {
            return false;
        }
        return p == other.p && k == other.k && Arrays.equals(q, other.q) && Arrays.equals(m, other.m)
                && Arrays.equals(teacherOverlap, other.teacherOverlap) && Arrays.equals(a, other.a)
                && Arrays.equals(aStar, other.aStar);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(q) * 31 + Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Overlaps[p=" + p + ", k=" + k + ", Q=" + Arrays.toString(q) + ", M=" + Arrays.toString(m)
                + ", P=" + Arrays.toString(teacherOverlap) + ", a=" + Arrays.toString(a) + ", a*="
                + Arrays.toString(aStar) + "]";
    }
}
