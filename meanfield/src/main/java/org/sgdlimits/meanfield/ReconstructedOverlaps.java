package org.sgdlimits.meanfield;

import org.sgdlimits.overlap.TeacherWhitening;
import org.sgdlimits.overlap.Overlaps;

/**
 * The overlaps implied by the mean-field closure (docs/theory.md §5): Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i, M = m, with the
 * particles' P, a and a*. Entries are computed on demand in O(k²); the p×p matrix is formed only by
 * {@link #studentOverlapMatrix()} / {@link #toOverlaps()}, which refuse p &gt; {@value #MAX_DENSE_WIDTH}.
 * Immutable (a view of immutable particles).
 */
public final class ReconstructedOverlaps {
    /** Largest p for which the dense p×p matrix is formed. */
    public static final int MAX_DENSE_WIDTH = 4096;
    private final Particles particles;
    private final TeacherWhitening whitening;

    ReconstructedOverlaps(Particles particles, TeacherWhitening whitening) {
        this.particles = particles;
        this.whitening = whitening;
    }

    public Particles particles() { return particles; }

    /** Q_ij = m_i P⁻¹ m_jᵀ + δ_ij q⊥_i. */
    public double studentOverlap(int i, int j) {
        int k = particles.teacherWidth();
        double[] ui = new double[k];
        double[] uj = new double[k];
        double[] m = particles.studentTeacherOverlapsView();
        whitening.whiten(m, i * k, ui);
        whitening.whiten(m, j * k, uj);
        double s = 0;
        for (int r = 0; r < k; r++) {
            s += ui[r] * uj[r];
        }
        return i == j ? s + particles.orthogonalNorm(i) : s;
    }

    /** The dense Q (p×p row-major); O(p² k). @throws IllegalArgumentException when p &gt; MAX_DENSE_WIDTH */
    public double[] studentOverlapMatrix() {
        int p = particles.count();
        int k = particles.teacherWidth();
        if (p > MAX_DENSE_WIDTH) {
            throw new IllegalArgumentException("p: " + p + "; the dense reconstructed Q is formed only for p <= "
                    + MAX_DENSE_WIDTH);
        }
        double[] m = particles.studentTeacherOverlaps();
        double[] u = new double[p * k];
        double[] row = new double[k];
        for (int i = 0; i < p; i++) {
            whitening.whiten(m, i * k, row);
            System.arraycopy(row, 0, u, i * k, k);
        }
        double[] q = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += u[i * k + r] * u[j * k + r];
                }
                q[i * p + j] = s;
                q[j * p + i] = s;
            }
            q[i * p + i] += particles.orthogonalNorm(i);
        }
        return q;
    }

    /** The reconstructed overlaps as a validated {@link Overlaps} (small p only). */
    public Overlaps toOverlaps() {
        return Overlaps.of(studentOverlapMatrix(), particles.studentTeacherOverlaps(), particles.teacherOverlap(),
                particles.secondLayer(), particles.teacherSecondLayer());
    }
}
