package org.sgdlimits.narrow;

/**
 * The drift of spherical (projected) SGD, docs/theory.md §2: after every step each student row is rescaled to norm √d
 * (Q_ii ≡ 1), which turns the unconstrained drift (Φ = dQ/dt, Ψ = dM/dt) into
 * Φ_sph = Φ − ½ Q∘(diag Φ 1ᵀ + 1 diag Φᵀ) and Ψ_sph = Ψ − ½ diag(Φ) M.
 *
 * <p>The one implementation of that projection, used by {@link OverlapOde} and by the phase-retrieval engine.
 * Applied in place, allocation-free.
 */
public final class SphericalProjection {

    private SphericalProjection() {
    }

    /**
     * Projects an unconstrained drift in place.
     *
     * @param q  Q, p×p row-major
     * @param m  M, p×k row-major
     * @param p  student width
     * @param k  teacher width
     * @param dQ Φ on entry, Φ_sph on exit (p×p, symmetric)
     * @param dM Ψ on entry, Ψ_sph on exit (p×k)
     */
    public static void apply(double[] q, double[] m, int p, int k, double[] dQ, double[] dM) {
        for (int i = 0; i < p; i++) {
            double half = 0.5 * dQ[i * p + i];
            for (int r = 0; r < k; r++) {
                dM[i * k + r] -= half * m[i * k + r];
            }
        }
        // off-diagonal entries first: they read the unprojected diagonal Φ_ii, Φ_jj
        for (int i = 0; i < p; i++) {
            double phiII = dQ[i * p + i];
            for (int j = i + 1; j < p; j++) {
                double v = dQ[i * p + j] - 0.5 * q[i * p + j] * (phiII + dQ[j * p + j]);
                dQ[i * p + j] = v;
                dQ[j * p + i] = v;
            }
        }
        for (int i = 0; i < p; i++) {
            dQ[i * p + i] *= 1.0 - q[i * p + i]; // Φ_ii − ½ Q_ii (2 Φ_ii)
        }
    }
}
