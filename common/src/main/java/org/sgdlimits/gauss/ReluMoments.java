package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.activation.StandardNormal;

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
 * <p><b>I4</b> = E[H(u) H(v) σ(w) σ(z)]. When u and v are the same variable up to a positive factor (correlation
 * 1 after {@link #UNIT_CORRELATION_SNAP}, e.g. the diagonal i = j of the noise term), H(u)H(v) = H(u) and I4 is the
 * three-variable closed form √(C33 C44) T3 with T3 = E[H(u)σ(w)σ(z)] for unit variances, correlations
 * a = ρ_uw, b = ρ_uz, c = ρ_wz (Stein's lemma on z; P3 the trivariate orthant probability):
 * <pre>
 *   T3 = (a √(1 − b²) + b √(1 − a²) + √(1 − c²))/(4π) + c (2π − θa − θb − θc)/(4π),
 * </pre>
 * exact also for w = u or w = z; correlation −1 gives 0. (The path integral below loses ~√ε there: with
 * u = v = w its conditional variances are differences of O(s²) numbers, which cost up to 2e-9.)
 * Otherwise I4 has no elementary closed form (it contains the four-variable orthant
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
 * by adaptive Gauss–Kronrod (7/15) to an absolute tolerance of {@link #I4_TOLERANCE}, starting from the partition
 * {0, 0.1, 0.4, 1} refined geometrically towards s = 0 for nearly singular R. Measured accuracy (relative to
 * √(C33 C44)): ≤ 1e-14 on random full-rank and nearly singular (eigenvalue 1e-8) covariances against a
 * tighter-tolerance run, ≤ 5e-14 with a duplicated variable, 2e-13 in the worst (rank-one) case; against the
 * independent kink-split quadrature of the tests 1e-14 to 7e-11 (limited by that reference). Correlations within
 * {@link #UNIT_CORRELATION_SNAP} of ±1 are taken as ±1. With coincident arguments (u = v, u = w, w = z,
 * u = v = w, u = v = w = z; {@code ReluMomentsTest}) I4 agrees with the graded kink-split quadrature to ≤ 4e-16
 * relative to √(C33 C44). Cost: about 50 integrand evaluations (7 atan2 each) for typical C (~15 µs), a few times
 * more for nearly singular C; the u = v closed form ~0.4 µs; the JMH figure is in {@code GaussianMomentsBenchmark}.
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
        double r12 = correlation(c12, s1, s2);
        if (r12 == -1) {
            return 0; // v = −u up to scale: H(u) H(v) = 0 almost surely
        }
        if (r12 == 1) {
            // v = u up to scale: H(u) H(v) = H(u), the exact three-variable reduction (u, v enter symmetrically)
            return s3 * s4 * stepReluRelu(clampUnit(0.5 * (correlation(c13, s1, s3) + correlation(c23, s2, s3))),
                    clampUnit(0.5 * (correlation(c14, s1, s4) + correlation(c24, s2, s4))),
                    correlation(c34, s3, s4));
        }
        PathIntegrand f = new PathIntegrand(r12, correlation(c13, s1, s3),
                correlation(c14, s1, s4), correlation(c23, s2, s3), correlation(c24, s2, s4),
                correlation(c34, s3, s4));
        double path = AdaptiveGaussKronrod.integrate(f, partition(f.r), I4_TOLERANCE);
        return s3 * s4 * (1 / (8 * Math.PI) + f.r[5] / 16 + path);
    }

    /**
     * T3 = E[H(u) σ(w) σ(z)] for unit variances and correlations a = ρ_uw, b = ρ_uz, c = ρ_wz:
     * <pre>
     *   T3 = (a √(1 − b²) + b √(1 − a²) + √(1 − c²))/(4π) + c P3,   P3 = P(u, w, z &gt; 0) = (2π − θa − θb − θc)/(4π).
     * </pre>
     * Derivation: Stein's lemma on z (σ(z) = z H(z)) gives b E[δ(u)σ(w)H(z)] + c P3 + E[H(u)σ(w)δ(z)], and for a
     * zero-mean pair E[H(x)σ(y)] = (S_xy/√S_xx + √S_yy)/(2√(2π)) (Stein on y, P(· &gt; 0 | · = 0) = 1/2); with the
     * conditional covariances given u = 0 and given z = 0 the 1/√(1 − b²) terms combine into a √(1 − b²). The result
     * is continuous on the closed set of valid correlations, so it holds at singular ones too (w = z, u = w, ...).
     */
    static double stepReluRelu(double a, double b, double c) {
        double sa = sqrtOneMinusSquare(a);
        double sb = sqrtOneMinusSquare(b);
        double sc = sqrtOneMinusSquare(c);
        double angles = Math.atan2(sa, a) + Math.atan2(sb, b) + Math.atan2(sc, c);
        return (a * sb + b * sa + sc + c * (TWO_PI - angles)) / (4 * Math.PI);
    }

    /** √(1 − ρ²) as √((1 − ρ)(1 + ρ)), accurate near |ρ| = 1. */
    private static double sqrtOneMinusSquare(double rho) {
        return Math.sqrt(Math.max(0, (1 - rho) * (1 + rho)));
    }

    /**
     * Initial partition of s ∈ [0, 1]. Near-singular correlation matrices (smallest eigenvalue λ of a sub-block)
     * give the integrand a feature at s ≈ √λ, too narrow for the adaptive rule to notice from [0, 0.1]; so,
     * for a near-singularity measure δ (the smallest of 1 − |ρ_ij| and the 3×3 and 4×4 determinants) below
     * 1e-2, geometric break points 10^−k are added down to about √δ (at most to 1e-8).
     */
    private static double[] partition(double[] r) {
        double delta = 1.0;
        for (double x : r) {
            if (Math.abs(x) < 1) {
                delta = Math.min(delta, 1 - Math.abs(x));
            }
        }
        // 3×3 determinants of the triples (012, 013, 023, 123) in pair indices (01,02,03,12,13,23).
        delta = Math.min(delta, det3(r[0], r[1], r[3]));
        delta = Math.min(delta, det3(r[0], r[2], r[4]));
        delta = Math.min(delta, det3(r[1], r[2], r[5]));
        delta = Math.min(delta, det3(r[3], r[4], r[5]));
        delta = Math.min(delta, det4(r));
        if (!(delta < 1e-2) || delta <= 0) {
            return BASE_PARTITION;
        }
        int deepest = (int) Math.min(8, Math.ceil(-0.5 * Math.log10(delta)) + 1);
        double[] points = new double[deepest + 3];
        points[0] = 0;
        for (int k = deepest; k >= 2; k--) {
            points[deepest - k + 1] = Math.pow(10, -k);
        }
        points[deepest] = 0.1;
        points[deepest + 1] = 0.4;
        points[deepest + 2] = 1;
        return points;
    }

    private static final double[] BASE_PARTITION = {0, 0.1, 0.4, 1};

    /** det of [[1, a, b], [a, 1, c], [b, c, 1]] for correlations a = ρ_ij, b = ρ_ik, c = ρ_jk. */
    private static double det3(double a, double b, double c) {
        return 1 - a * a - b * b - c * c + 2 * a * b * c;
    }

    /** det of the 4×4 correlation matrix (pair order 01, 02, 03, 12, 13, 23), by elimination; 0 if singular. */
    private static double det4(double[] r) {
        double[] m = {1, r[0], r[1], r[2], r[0], 1, r[3], r[4], r[1], r[3], 1, r[5], r[2], r[4], r[5], 1};
        double det = 1;
        for (int k = 0; k < 4; k++) {
            double pivot = m[5 * k];
            if (!(pivot > 0)) {
                return 0;
            }
            det *= pivot;
            for (int i = k + 1; i < 4; i++) {
                double factor = m[4 * i + k] / pivot;
                for (int j = k; j < 4; j++) {
                    m[4 * i + j] -= factor * m[4 * k + j];
                }
            }
        }
        return det;
    }

    /**
     * The correlation c/(s_a s_b), clamped to [−1, 1]; within {@link #UNIT_CORRELATION_SNAP} of ±1 it is set to
     * ±1 exactly (a duplicated variable whose correlation lost the last bits to rounding: I4 depends on
     * 1 − |ρ| like √(1 − |ρ|) there, so an unsnapped 1 − 1e-16 would cost ~1e-8).
     */
    private static double correlation(double c, double sa, double sb) {
        double rho = clampUnit(c / (sa * sb));
        if (rho > 1 - UNIT_CORRELATION_SNAP) {
            return 1;
        }
        if (rho < -1 + UNIT_CORRELATION_SNAP) {
            return -1;
        }
        return rho;
    }

    /**
     * Correlations this close to ±1 are treated as exactly ±1 (a few ulps of 1). Since I4 varies like
     * √(1 − |ρ|) there, the snap changes I4 by at most ~1e-9 relative for a correlation that really was 1 − 1e-15.
     */
    public static final double UNIT_CORRELATION_SNAP = 1e-15;

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
        /** The complementary pair (k, l) of pair p. */
        private static final int[] PK = {2, 1, 1, 0, 0, 0};
        private static final int[] PL = {3, 3, 2, 3, 2, 1};

        /** Target correlations ρ_ij, pair order as above. */
        final double[] r;
        /** Scratch: the correlations t·ρ_ij at the current point (the integrand is used by one thread). */
        private final double[] rt = new double[6];
        /** Scratch: the pair-conditional orthant probabilities Q_ij at the current point. */
        private final double[] q = new double[6];

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
            double[] q = this.q;
            for (int p = 0; p < 6; p++) {
                rt[p] = t * r[p];
            }
            // For every pair (i, j): Q_ij = P(x_k > 0, x_l > 0 | x_i = x_j = 0) at R(t), and G = Σ ρ_ij φ2 Q_ij.
            double g = 0;
            double pairUV = 0;
            for (int p = 0; p < 6; p++) {
                int i = PI[p];
                int j = PJ[p];
                int k = PK[p];
                int l = PL[p];
                double den = oneMinusSquare(r[p], s2);
                double rik = rt[pair(i, k)];
                double rjk = rt[pair(j, k)];
                double ril = rt[pair(i, l)];
                double rjl = rt[pair(j, l)];
                double rij = rt[p];
                // Conditional covariance of (x_k, x_l) given x_i = x_j = 0, times den > 0.
                double skk = den - (rik * rik - 2 * rij * rik * rjk + rjk * rjk);
                double sll = den - (ril * ril - 2 * rij * ril * rjl + rjl * rjl);
                double skl = rt[pair(k, l)] * den - (rik * ril - rij * (rik * rjl + rjk * ril) + rjk * rjl);
                q[p] = orthant2(skk, skl, sll);
                double phi2 = 1 / (TWO_PI * Math.sqrt(den));
                g += r[p] * phi2 * q[p];
                if (p == 0 && r[0] != 0) {
                    // (u, v): E[σ(w)σ(z) | u = v = 0], the arc-cosine kernel of the conditional covariance.
                    // Conditional variances of unit-variance variables lie in [0, 1]; clamping keeps rounding
                    // noise bounded where den → 0 (t → 1 with ρ12 = ±1).
                    double ckk = Math.min(1, Math.max(0, skk / den));
                    double cll = Math.min(1, Math.max(0, sll / den));
                    double bound = Math.sqrt(ckk * cll);
                    double ckl = Math.max(-bound, Math.min(bound, skl / den));
                    pairUV = r[0] * phi2 * arcCosine(ckk, ckl, cll);
                }
            }
            double sum = pairUV + r[5] * (1 - t) * g;
            // One step variable i ∈ {u, v} against one ReLU variable j ∈ {w, z}:
            // E[δ(x_i) H(x_b) H(x_j) σ(x_z)] = (2π)^(−1/2) T3(b, j; z | x_i = 0), b the other step, z the other ReLU.
            for (int p = 1; p < 5; p++) {
                if (r[p] == 0) {
                    continue;
                }
                int i = PI[p];
                int j = PJ[p];
                int b = i == 0 ? 1 : 0;
                int z = j == 2 ? 3 : 2;
                sum += r[p] * StandardNormal.INV_SQRT_2PI * stepStepRelu(s2, i, b, j, z);
            }
            return 2 * s * sum;
        }

        /** 1 − (tρ)², t = 1 − s², computed as (1 − ρ + s²ρ)(1 + ρ − s²ρ), without cancellation near |ρ| = 1. */
        private static double oneMinusSquare(double rho, double s2) {
            return ((1 - rho) + s2 * rho) * ((1 + rho) - s2 * rho);
        }

        /**
         * T3 = E[H(b) H(c) σ(z) | x_i = 0] for unit-variance variables with correlations rt (pair order above), by
         * Stein's lemma on z: Σ_{m ∈ {b, c, z}} S_zm (2π S_mm)^(−1/2) P(other two &gt; 0 | x_i = x_m = 0), S the
         * covariance given x_i = 0. The orthant probabilities are the pair ones, Q_{im}.
         */
        private double stepStepRelu(double s2, int i, int b, int c, int z) {
            double[] rt = this.rt;
            double[] q = this.q;
            double rb = rt[pair(i, b)];
            double rc = rt[pair(i, c)];
            double rz = rt[pair(i, z)];
            double sbb = oneMinusSquare(r[pair(i, b)], s2);
            double scc = oneMinusSquare(r[pair(i, c)], s2);
            double szz = oneMinusSquare(r[pair(i, z)], s2);
            if (!(sbb > 0) || !(scc > 0) || !(szz > 0)) {
                return 0;
            }
            double sbz = rt[pair(b, z)] - rb * rz;
            double scz = rt[pair(c, z)] - rc * rz;
            double tb = sbz / Math.sqrt(sbb) * q[pair(i, b)];
            double tc = scz / Math.sqrt(scc) * q[pair(i, c)];
            double tz = Math.sqrt(szz) * q[pair(i, z)];
            return (tb + tc + tz) * StandardNormal.INV_SQRT_2PI;
        }
    }
}
