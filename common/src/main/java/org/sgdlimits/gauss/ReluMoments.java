package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Gaussian moments for σ = σ* = ReLU, σ(x) = max(0, x), σ'(x) = H(x) = 1{x &gt; 0} (right derivative, so
 * σ'(0) = 0; this only matters for a variable that is identically zero, whose moments are then 0).
 *
 * <p>Notation: for a pair (a, b) with covariance entries (Saa, Sab, Sbb), D = Saa Sbb − Sab² ≥ 0 and the angle
 * θ = atan2(√D, Sab) ∈ [0, π] (atan2, not arccos: accurate at correlation ±1).
 * <ul>
 *   <li>Orthant probability P(a &gt; 0, b &gt; 0) = (π − θ)/(2π).</li>
 *   <li>Arc-cosine kernel E[σ(a) σ(b)] = (√D + (π − θ) Sab)/(2π).</li>
 * </ul>
 *
 * <p><b>I2</b> = arc-cosine kernel; <b>J2</b> = orthant probability.
 * <b>I3</b> = E[H(u) v σ(w)]: Stein's lemma on v gives C12 E[δ(u) σ(w)] + C23 P(u &gt; 0, w &gt; 0) with
 * E[δ(u) σ(w)] = √(C11 C33 − C13²)/(2π C11), so I3 = C12 √(C11C33 − C13²)/(2π C11) + C23 (π − θ13)/(2π).
 *
 * <p><b>I4</b> = E[H(u) H(v) σ(w) σ(z)] has no elementary closed form (it contains the four-variable orthant
 * probability P4). It is reduced exactly to ONE one-dimensional integral. With I4(C) = √(C33 C44) · I4(R), R the
 * correlation matrix, follow the path R(t) = I + t·offdiag(R), t ∈ [0, 1] (positive definite for t &lt; 1 for every
 * valid R, singular ones included). Price's theorem, d/dt E[g] = Σ_{i&lt;j} ρ_ij E_t[∂_i ∂_j g], gives
 * <pre>
 *   (1,2):          E[δ(u)δ(v) σ(w)σ(z)] = φ2(tρ12) K(w, z | u = v = 0)
 *   (1,3) … (2,4):  E[δ(u) H(v) H(w) σ(z)] = (2π)^(−1/2) T3(v, w; z | u = 0)   (and the three analogues)
 *   (3,4):          E[H(u)H(v)H(w)H(z)] = P4(R(t)),
 * </pre>
 * with φ2(r) = 1/(2π√(1 − r²)), K the arc-cosine kernel of the conditional covariance, and
 * T3(b, c; z) = E[H(b)H(c)σ(z)] = Σ_{j ∈ {b,c,z}} S_zj (2π S_jj)^(−1/2) P(other two &gt; 0 | x_j = 0) (Stein's lemma
 * on z). Plackett's identity gives P4(R(t)) = 1/16 + ∫₀ᵗ G(τ) dτ with G(τ) = Σ_{i&lt;j} ρ_ij φ2(τρ_ij)
 * P(x_k, x_l &gt; 0 | x_i = x_j = 0); exchanging the order of integration, ∫₀¹ P4(R(t)) dt = 1/16 + ∫₀¹ (1 − t) G(t) dt.
 * Hence, with I4(I) = 1/(8π),
 * <pre>
 *   I4(R) = 1/(8π) + ρ34/16 + ∫₀¹ [ Σ_{(i,j) ≠ (3,4)} ρ_ij E_t[∂_i∂_j g] + ρ34 (1 − t) G(t) ] dt.
 * </pre>
 * All conditional covariances are non-degenerate for t &lt; 1, so singular C (u = v, w = z, perfect recovery)
 * need no special cases; square-root behaviour at t = 1 is made smooth by t = 1 − s². The integral is evaluated
 * by adaptive Gauss–Kronrod (7/15) to an absolute tolerance of {@link #I4_TOLERANCE}; the measured error
 * against an independent kink-split quadrature is stated in {@code ReluMomentsTest}.
 *
 * <p>Immutable and thread-safe; {@link #INSTANCE} is the single instance.
 */
public final class ReluMoments implements GaussianMoments {

    /** The single instance. */
    public static final ReluMoments INSTANCE = new ReluMoments();

    /** Absolute tolerance of the one-dimensional integral in I4 (for unit variances of w and z). */
    public static final double I4_TOLERANCE = 1e-12;

    private static final double TWO_PI = 2 * Math.PI;

    private ReluMoments() {
    }

    @Override
    public Activation student() {
        return StandardActivation.RELU;
    }

    @Override
    public Activation teacher() {
        return StandardActivation.RELU;
    }

    /** θ = atan2(√(max(0, Saa Sbb − Sab²)), Sab). */
    private static double angle(double saa, double sab, double sbb) {
        return Math.atan2(Math.sqrt(Math.max(0, saa * sbb - sab * sab)), sab);
    }

    /** P(a &gt; 0, b &gt; 0); 0 when either variance is 0 (H(0) = 0). */
    static double orthant2(double saa, double sab, double sbb) {
        if (!(saa > 0) || !(sbb > 0)) {
            return 0;
        }
        return (Math.PI - angle(saa, sab, sbb)) / TWO_PI;
    }

    /** E[σ(a) σ(b)], the arc-cosine kernel of degree 1. */
    static double arcCosine(double saa, double sab, double sbb) {
        double det = Math.max(0, saa * sbb - sab * sab);
        return (Math.sqrt(det) + (Math.PI - Math.atan2(Math.sqrt(det), sab)) * sab) / TWO_PI;
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        return arcCosine(c11, c12, c22);
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return orthant2(c11, c12, c22);
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        if (!(c11 > 0)) {
            return 0;
        }
        double det13 = Math.max(0, c11 * c33 - c13 * c13);
        return c12 * Math.sqrt(det13) / (TWO_PI * c11) + c23 * orthant2(c11, c13, c33);
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        if (!(c11 > 0) || !(c22 > 0) || !(c33 > 0) || !(c44 > 0)) {
            return 0;
        }
        double s1 = Math.sqrt(c11);
        double s2 = Math.sqrt(c22);
        double s3 = Math.sqrt(c33);
        double s4 = Math.sqrt(c44);
        PathIntegrand f = new PathIntegrand(clampUnit(c12 / (s1 * s2)), clampUnit(c13 / (s1 * s3)),
                clampUnit(c14 / (s1 * s4)), clampUnit(c23 / (s2 * s3)), clampUnit(c24 / (s2 * s4)),
                clampUnit(c34 / (s3 * s4)));
        double path = AdaptiveGaussKronrod.integrate(f, 0, 1, I4_TOLERANCE);
        return s3 * s4 * (1 / (8 * Math.PI) + f.r[5] / 16 + path);
    }

    private static double clampUnit(double x) {
        return x > 1 ? 1 : (x < -1 ? -1 : x);
    }

    @Override
    public String toString() {
        return "ReluMoments(closed forms; I4 by a one-dimensional Price path integral)";
    }

    /**
     * The Price-path integrand of I4 in s (t = 1 − s², Jacobian 2s), unit variances. Variables 0 = u, 1 = v
     * (step functions), 2 = w, 3 = z (ReLUs); pairs in the order (01, 02, 03, 12, 13, 23).
     */
    private static final class PathIntegrand implements AdaptiveGaussKronrod.Integrand {
        private static final int[] PI = {0, 0, 0, 1, 1, 2};
        private static final int[] PJ = {1, 2, 3, 2, 3, 3};
        private static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

        /** Target correlations ρ_ij, pair order as above. */
        final double[] r;
        /** Scratch: the correlations t·ρ_ij at the current point (the integrand is used by one thread). */
        private final double[] rt = new double[6];

        PathIntegrand(double r01, double r02, double r03, double r12, double r13, double r23) {
            this.r = new double[] {r01, r02, r03, r12, r13, r23};
        }

        /** Pair index of (i, j), i ≠ j. */
        private static int pair(int i, int j) {
            int a = Math.min(i, j);
            int b = Math.max(i, j);
            return a == 0 ? b - 1 : (a == 1 ? b + 1 : 5);
        }

        @Override
        public double value(double s) {
            double s2 = s * s;
            double t = 1 - s2;
            double[] rt = this.rt;
            for (int p = 0; p < 6; p++) {
                rt[p] = t * r[p];
            }
            double sum = 0;
            double g = 0;
            for (int p = 0; p < 6; p++) {
                double rho = r[p];
                if (rho == 0) {
                    continue;
                }
                int i = PI[p];
                int j = PJ[p];
                int k = -1;
                int l = -1;
                for (int m = 0; m < 4; m++) {
                    if (m != i && m != j) {
                        if (k < 0) {
                            k = m;
                        } else {
                            l = m;
                        }
                    }
                }
                double den = oneMinusSquare(rho, s2);
                double phi2 = 1 / (TWO_PI * Math.sqrt(den));
                // Conditional covariance of (x_k, x_l) given x_i = x_j = 0, times den (a positive factor).
                double rik = rt[pair(i, k)];
                double rjk = rt[pair(j, k)];
                double ril = rt[pair(i, l)];
                double rjl = rt[pair(j, l)];
                double rij = rt[p];
                double skk = den - (rik * rik - 2 * rij * rik * rjk + rjk * rjk);
                double sll = den - (ril * ril - 2 * rij * ril * rjl + rjl * rjl);
                double skl = rt[pair(k, l)] * den - (rik * ril - rij * (rik * rjl + rjk * ril) + rjk * rjl);
                g += rho * phi2 * orthant2(skk, skl, sll);
                if (p == 0) {
                    // (u, v): arc-cosine kernel of the conditional (w, z) covariance (undo the factor den).
                    sum += rho * phi2 * arcCosine(Math.max(0, skk) / den, skl / den, Math.max(0, sll) / den);
                } else if (p != 5) {
                    // One step variable (i ∈ {u, v}) differentiated against one ReLU variable (j ∈ {w, z}):
                    // E[δ(x_i) H(x_other step) H(x_j) σ(x_other relu) ] = (2π)^(−1/2) T3(... | x_i = 0).
                    int otherStep = i == 0 ? 1 : 0;
                    int otherRelu = j == 2 ? 3 : 2;
                    sum += rho * INV_SQRT_TWO_PI * stepStepRelu(rt, i, otherStep, j, otherRelu);
                }
            }
            sum += r[5] * (1 - t) * g;
            return 2 * s * sum;
        }

        /** 1 − (tρ)², t = 1 − s², computed as (1 − ρ + s²ρ)(1 + ρ − s²ρ), without cancellation near |ρ| = 1. */
        private static double oneMinusSquare(double rho, double s2) {
            return ((1 - rho) + s2 * rho) * ((1 + rho) - s2 * rho);
        }

        /**
         * T3 = E[H(b) H(c) σ(z) | x_0 = 0] for unit-variance variables with correlations rt (pair order above),
         * conditioning variable {@code cond}: Stein's lemma on z.
         */
        private static double stepStepRelu(double[] rt, int cond, int b, int c, int z) {
            double rb = rt[pair(cond, b)];
            double rc = rt[pair(cond, c)];
            double rz = rt[pair(cond, z)];
            double sbb = 1 - rb * rb;
            double scc = 1 - rc * rc;
            double szz = 1 - rz * rz;
            double sbc = rt[pair(b, c)] - rb * rc;
            double sbz = rt[pair(b, z)] - rb * rz;
            double scz = rt[pair(c, z)] - rc * rz;
            if (!(sbb > 0) || !(scc > 0) || !(szz > 0)) {
                return 0;
            }
            // j = b: P(c > 0, z > 0 | b = 0)
            double tb = sbz / Math.sqrt(sbb) * orthant2(scc - sbc * sbc / sbb, scz - sbc * sbz / sbb, szz - sbz * sbz / sbb);
            double tc = scz / Math.sqrt(scc) * orthant2(sbb - sbc * sbc / scc, sbz - sbc * scz / scc, szz - scz * scz / scc);
            double tz = Math.sqrt(szz) * orthant2(sbb - sbz * sbz / szz, sbc - sbz * scz / szz, scc - scz * scz / szz);
            return (tb + tc + tz) * INV_SQRT_TWO_PI;
        }
    }
}
