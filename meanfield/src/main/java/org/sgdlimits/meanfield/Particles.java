package org.sgdlimits.meanfield;

import org.sgdlimits.overlap.TeacherWhitening;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.sgdlimits.overlap.Overlaps;

/**
 * Immutable state of the mean-field particle system (docs/theory.md §5): p particles (a_i, m_i ∈ Rᵏ, q⊥_i ≥ 0) and the
 * fixed teacher (P, a*). m_i = M_i is the student–teacher overlap row, q⊥_i = Q_ii − m_i P⁻¹ m_iᵀ the squared
 * norm of the part of w_i/√d orthogonal to the teacher span. Memory O(p·k): flat row-major arrays.
 */
public final class Particles {
    private final int p;
    private final int k;
    private final double[] a;
    private final double[] m;
    private final double[] qPerp;
    private final double[] teacherOverlap;
    private final double[] teacherSecondLayer;
    private final TeacherWhitening whitening;

    private Particles(double[] a, double[] m, double[] qPerp, double[] teacherOverlap, double[] teacherSecondLayer) {
        this.p = a.length;
        this.k = teacherSecondLayer.length;
        this.a = a;
        this.m = m;
        this.qPerp = qPerp;
        this.teacherOverlap = teacherOverlap;
        this.teacherSecondLayer = teacherSecondLayer;
        this.whitening = TeacherWhitening.of(teacherOverlap, k);
    }

    /**
     * Validated particles from flat arrays (copied).
     *
     * @param a     second layer, length p ≥ 1
     * @param m     student–teacher overlaps, p×k row-major
     * @param qPerp orthogonal squared norms, length p, each ≥ 0
     * @param pMat  teacher overlap P, k×k, symmetric positive definite
     * @param aStar teacher second layer, length k ≥ 1
     */
    public static Particles of(double[] a, double[] m, double[] qPerp, double[] pMat, double[] aStar) {
        if (a == null || a.length < 1) {
            throw new IllegalArgumentException("a: missing; need p >= 1 particles");
        }
        if (aStar == null || aStar.length < 1) {
            throw new IllegalArgumentException("aStar: missing; need k >= 1 teacher units");
        }
        int p = a.length;
        int k = aStar.length;
        requireLength("m", m, p * k);
        requireLength("qPerp", qPerp, p);
        requireLength("P", pMat, k * k);
        requireFinite("a", a);
        requireFinite("m", m);
        requireFinite("P", pMat);
        requireFinite("aStar", aStar);
        for (int i = 0; i < p; i++) {
            if (!(qPerp[i] >= 0) || !Double.isFinite(qPerp[i])) {
                throw new IllegalArgumentException("qPerp: entry " + i + " = " + qPerp[i] + "; must be finite and >= 0");
            }
        }
        for (int r = 0; r < k; r++) {
            for (int s = r + 1; s < k; s++) {
                if (Math.abs(pMat[r * k + s] - pMat[s * k + r]) > 1e-10 * Math.max(1, Math.abs(pMat[r * k + s]))) {
                    throw new IllegalArgumentException("P: not symmetric at [" + r + "][" + s + "]");
                }
            }
        }
        return new Particles(a.clone(), m.clone(), qPerp.clone(), pMat.clone(), aStar.clone());
    }

    /**
     * The particles of given overlaps: m_i = M_i, q⊥_i = Q_ii − M_i P⁻¹ M_iᵀ (clamped at 0 against rounding;
     * the off-diagonal orthogonal overlaps are dropped by the closure).
     */
    public static Particles fromOverlaps(Overlaps overlaps) {
        int p = overlaps.studentWidth();
        int k = overlaps.teacherWidth();
        double[] pMat = overlaps.teacherOverlapMatrix();
        double[] m = overlaps.studentTeacherOverlapMatrix();
        TeacherWhitening whitening = TeacherWhitening.of(pMat, k);
        double[] q = new double[p];
        double[] u = new double[k];
        for (int i = 0; i < p; i++) {
            double align = whitening.whitenedNorm2(m, i * k, u);
            q[i] = Math.max(0.0, overlaps.studentOverlap(i, i) - align);
        }
        return new Particles(overlaps.studentSecondLayer(), m, q, pMat, overlaps.teacherSecondLayer());
    }

    /**
     * A random initialisation at input dimension d: student rows w_i ~ N(0, σ₀² I_d) independent of the teacher
     * (Gram d·P). Exactly in law, m_i = W* w_i/d ~ N(0, σ₀² P/d) and q⊥_i ~ σ₀² χ²_{d−k}/d, independent
     * (the cross overlaps Q⊥_ij = O(d^(−½)) are dropped by the closure).
     *
     * @param p            number of units ≥ 1
     * @param d            input dimension &gt; k
     * @param initVariance σ₀² &gt; 0 (1 gives Q_ii ≈ 1)
     * @param a            second layer (length p, copied)
     * @param pMat         teacher overlap P (k×k)
     * @param aStar        teacher second layer (length k)
     * @param seed         seed of the random source (results depend only on it)
     */
    public static Particles sampleRandom(int p, long d, double initVariance, double[] a, double[] pMat,
                                         double[] aStar, long seed) {
        if (p < 1) {
            throw new IllegalArgumentException("p: " + p + "; must be >= 1");
        }
        int k = aStar.length;
        if (d <= k) {
            throw new IllegalArgumentException("d: " + d + "; must be > k = " + k);
        }
        if (!(initVariance > 0) || !Double.isFinite(initVariance)) {
            throw new IllegalArgumentException("initVariance: " + initVariance + "; must be a finite number > 0");
        }
        requireLength("a", a, p);
        requireLength("P", pMat, k * k);
        TeacherWhitening whitening = TeacherWhitening.of(pMat, k);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        AhrensDieterMarsagliaTsangGammaSampler chi2 =
                new AhrensDieterMarsagliaTsangGammaSampler(rng, 0.5 * (d - k), 2.0);
        double scale = Math.sqrt(initVariance / d);
        double[] m = new double[p * k];
        double[] q = new double[p];
        double[] z = new double[k];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                z[r] = gauss.sample();
            }
            whitening.colour(z, 0, m, i * k);
            for (int r = 0; r < k; r++) {
                m[i * k + r] *= scale;
            }
            q[i] = initVariance * chi2.sample() / d;
        }
        return of(a, m, q, pMat, aStar);
    }

    /** Number of particles p. */
    public int count() { return p; }

    /** Teacher width k. */
    public int teacherWidth() { return k; }

    /** a_i. */
    public double secondLayer(int i) { return a[i]; }

    /** M_ir = m_ir. */
    public double studentTeacherOverlap(int i, int r) { return m[i * k + r]; }

    /** q⊥_i. */
    public double orthogonalNorm(int i) { return qPerp[i]; }

    /** m_i P⁻¹ m_iᵀ (the teacher-span part of Q_ii). */
    public double teacherAlignment(int i) {
        return whitening.whitenedNorm2(m, i * k, new double[k]);
    }

    /** Q_ii = m_i P⁻¹ m_iᵀ + q⊥_i. */
    public double selfOverlap(int i) { return teacherAlignment(i) + qPerp[i]; }

    /** The student–teacher overlap array itself (package-private, not copied: do not modify). */
    double[] studentTeacherOverlapsView() {
        return m;
    }

    /** Copies of the flat arrays. */
    public double[] secondLayer() { return a.clone(); }

    public double[] studentTeacherOverlaps() { return m.clone(); }

    public double[] orthogonalNorms() { return qPerp.clone(); }

    public double[] teacherOverlap() { return teacherOverlap.clone(); }

    public double[] teacherSecondLayer() { return teacherSecondLayer.clone(); }

    /** Mean over units of m_i P⁻¹ m_iᵀ (docs/theory.md §7 column {@code mean_m2}), O(p k²). */
    public double meanTeacherAlignment() {
        double[] u = new double[k];
        double s = 0;
        for (int i = 0; i < p; i++) {
            s += whitening.whitenedNorm2(m, i * k, u);
        }
        return s / p;
    }

    /** Mean over units of q⊥_i (docs/theory.md §7 column {@code mean_qperp}). */
    public double meanOrthogonalNorm() {
        double s = 0;
        for (double v : qPerp) {
            s += v;
        }
        return s / p;
    }

    /** The overlaps reconstructed by the closure Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i. */
    public ReconstructedOverlaps reconstructed() {
        return new ReconstructedOverlaps(this, whitening);
    }

    /** New particles with the same teacher and these per-particle arrays (validated, copied). */
    public Particles withState(double[] newA, double[] newM, double[] newQPerp) {
        return of(newA, newM, newQPerp, teacherOverlap, teacherSecondLayer);
    }

    private static void requireLength(String field, double[] v, int n) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(field + ": has " + (v == null ? 0 : v.length) + " entries; expected " + n);
        }
    }

    private static void requireFinite(String field, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(field + ": entry " + i + " is " + v[i] + "; must be finite");
            }
        }
    }

    @Override
    public String toString() {
        return "Particles[p=" + p + ", k=" + k + ", mean_m2=" + meanTeacherAlignment() + ", mean_qperp="
                + meanOrthogonalNorm() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Particles other && Arrays.equals(a, other.a) && Arrays.equals(m, other.m)
                && Arrays.equals(qPerp, other.qPerp) && Arrays.equals(teacherOverlap, other.teacherOverlap)
                && Arrays.equals(teacherSecondLayer, other.teacherSecondLayer);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m) * 31 + Arrays.hashCode(qPerp);
    }
}
