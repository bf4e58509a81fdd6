package org.sgdlimits.dynamics;

import org.sgdlimits.gauss.ErfMoments;

/**
 * The drift expectations for σ = σ* = erf(x/√2), built from the closed-form pieces of {@link ErfMoments}
 * with everything that depends on fewer indices hoisted out of the loops:
 * <ul>
 *   <li>gradient part: Σ_u c_u I3(i, v, u) = (2/π)[(K C)_iv − C_iv/(1+C_ii) Σ_u K_iu C_iu],
 *       K_iu = c_u/√Λ3(i, u), Λ3(i, u) = Λ4(C_ii, C_iu, C_uu): O(p n²) instead of O(p n³) (docs/theory.md §3);</li>
 *   <li>noise part, per pair (i, j) (only i ≤ j, and only u ≤ v in the double sum): Λ4 once,
 *       Λ1(i, j, u) once per u, then per (u, v) a factorised Λ0 and one {@link Arcsine#asin}:
 *       I4 = (4/π²) Λ4^(−1/2) arcsin(Λ0 Λ1^(−1/2) Λ2^(−1/2)) (see {@link #noisePair}).</li>
 * </ul>
 * Allocation-free; stateless and thread-safe.
 */
final class ErfDriftKernel implements DriftKernel {
    private static final double TWO_OVER_PI = 2.0 / Math.PI;
    private static final double FOUR_OVER_PI_SQUARED = 4.0 / (Math.PI * Math.PI);

    static final ErfDriftKernel INSTANCE = new ErfDriftKernel();

    /** The two-point sums (output correlation, risk): {@link ErfMoments#i2} is closed form and cheap already. */
    private static final GenericDriftKernel TWO_POINT = new GenericDriftKernel(ErfMoments.INSTANCE);

    private ErfDriftKernel() {
    }

    @Override
    public void gradientCorrelations(DriftWorkspace ws) {
        int n = ws.n;
        double[] c = ws.covariance;
        double[] coef = ws.coefficient;
        double[] g = ws.gradientCorrelation;
        // Row i of G is built in place: first K_iu, then overwritten by the product.
        double[] kRow = ws.scratch[0].perUnit;
        for (int i = 0; i < ws.p; i++) {
            int rowI = i * n;
            double cii = c[rowI + i];
            double onePlusCii = 1 + cii;
            double selfSum = 0;
            for (int u = 0; u < n; u++) {
                // K_iu = c_u / √Λ3(i,u),  Λ3(i,u) = (1+C_ii)(1+C_uu) − C_iu²
                double kiu = coef[u] / Math.sqrt(ErfMoments.lambda4(cii, c[rowI + u], c[u * n + u]));
                kRow[u] = kiu;
                selfSum += kiu * c[rowI + u];
            }
            double shift = selfSum / onePlusCii;
            for (int v = 0; v < n; v++) {
                int rowV = v * n;
                double product = 0;
                for (int u = 0; u < n; u++) {
                    product += kRow[u] * c[rowV + u];
                }
                // G_iv = (2/π)[(K C)_iv − C_iv/(1+C_ii) Σ_u K_iu C_iu]   (docs/theory.md §3 "useful structure")
                g[rowI + v] = TWO_OVER_PI * (product - c[rowI + v] * shift);
            }
        }
    }

    /** E[(f − f*) σ(λ_i)] = Σ_u c_u I2(i, u): nothing to hoist, so the generic kernel's sum with erf's I2. */
    @Override
    public double outputCorrelation(DriftWorkspace ws, int i) {
        return TWO_POINT.outputCorrelation(ws, i);
    }

    /** ε = ½ Σ_{u,v} c_u c_v I2(u, v): the generic kernel's sum with erf's I2. */
    @Override
    public double excessRisk(DriftWorkspace ws) {
        return TWO_POINT.excessRisk(ws);
    }

    /**
     * The noise sum of the pair (i, j). With A = [[1+C_ii, C_ij], [C_ij, 1+C_jj]] (Λ4 = det A) and
     * b_u = (C_iu, C_ju), the cross term factorises as Λ0(i,j,u,v) = Λ4 (C_uv − b_uᵀ A⁻¹ b_v) (the
     * σ'σ'-tilted covariance of docs/theory.md §3). Writing A = L Lᵀ (Cholesky), φ_u = L⁻¹ b_u and
     * ρ_u = √(Λ4/Λ1(i,j,u)), the arcsine argument Λ0/√(Λ1(u) Λ1(v)) is ρ_u ρ_v C_uv − ψ_u·ψ_v with
     * ψ_u = ρ_u φ_u: two products and two fused multiply–adds per (u, v) instead of the 15 operations of
     * {@link ErfMoments#lambdaCross} (checked against it in the tests). A ≥ I, so L⁻¹ is well conditioned.
     */
    @Override
    public void noisePair(DriftWorkspace ws, int i, int j, PairScratch out) {
        final int n = ws.n;
        final int p = ws.p;
        final double[] c = ws.covariance;
        final double[] coef = ws.coefficient;
        final double[] rho = out.perUnit;
        final double[] psi1 = out.perUnit2;
        final double[] psi2 = out.perUnit3;
        final int rowI = i * n;
        final int rowJ = j * n;
        final double cii = c[rowI + i];
        final double cij = c[rowI + j];
        final double cjj = c[rowJ + j];
        final double lambda4 = ErfMoments.lambda4(cii, cij, cjj);
        final double rootLambda4 = Math.sqrt(lambda4);
        // A = L Lᵀ: L11 = √(1+C_ii), L21 = C_ij/L11, L22 = √Λ4/L11
        final double l11 = Math.sqrt(1 + cii);
        final double l21 = cij / l11;
        final double l22 = rootLambda4 / l11;
        for (int u = 0; u < n; u++) {
            double ciu = c[rowI + u];
            double cju = c[rowJ + u];
            // ρ_u = √(Λ4/Λ1(i,j,u)), φ_u = L⁻¹ (C_iu, C_ju), ψ_u = ρ_u φ_u
            double r = rootLambda4 / Math.sqrt(ErfMoments.lambdaSide(lambda4, cii, cij, cjj, ciu, cju,
                    c[u * n + u]));
            double phi1 = ciu / l11;
            double phi2 = (cju - l21 * phi1) / l22;
            rho[u] = r;
            psi1[u] = r * phi1;
            psi2[u] = r * phi2;
        }
        double ss = 0;
        double st = 0;
        double tt = 0;
        for (int u = 0; u < n; u++) {
            final int rowU = u * n;
            final double ru = rho[u];
            final double pu1 = psi1[u];
            final double pu2 = psi2[u];
            // Σ_v c_v arcsin(Λ0(u,v)/√(Λ1(u)Λ1(v))) with arcsin argument ρ_u ρ_v C_uv − ψ_u·ψ_v
            double diagonal = asinClamped(Math.fma(-pu1, pu1, Math.fma(-pu2, pu2, ru * ru * c[rowU + u])));
            double sameType = 0;
            int split = u < p ? p : n;
            for (int v = u + 1; v < split; v++) {
                double arg = Math.fma(-pu1, psi1[v], Math.fma(-pu2, psi2[v], ru * (rho[v] * c[rowU + v])));
                sameType += coef[v] * asinClamped(arg);
            }
            double same = coef[u] * (coef[u] * diagonal + 2 * sameType);
            if (u < p) {
                double crossType = 0;
                for (int v = p; v < n; v++) {
                    double arg = Math.fma(-pu1, psi1[v], Math.fma(-pu2, psi2[v], ru * (rho[v] * c[rowU + v])));
                    crossType += coef[v] * asinClamped(arg);
                }
                ss += same;
                st += 2 * coef[u] * crossType;
            } else {
                tt += same;
            }
        }
        // I4 = (4/π²) Λ4^(−1/2) arcsin(...) (ErfMoments.i4FromLambdas): the prefactor is common to the pair
        double prefactor = FOUR_OVER_PI_SQUARED / rootLambda4;
        out.studentStudent = prefactor * ss;
        out.studentTeacher = prefactor * st;
        out.teacherTeacher = prefactor * tt;
        out.derivativeCorrelation = ErfMoments.j2(cii, cij, cjj);
    }

    /** The arcsine argument clamped to [−1, 1] against rounding, as in {@link ErfMoments#i4FromLambdas}. */
    private static double asinClamped(double x) {
        return Arcsine.asin(x > 1 ? 1 : (x < -1 ? -1 : x));
    }
}
