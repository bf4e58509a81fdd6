package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardNormal;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * Gaussian moments of any pair of smooth activations by analytic dimension reduction (docs/theory.md §3.10):
 * every moment is written as an integral over the derivative arguments only, the rest being done by a
 * one-dimensional conditional rule or a Hermite (Mehler) series with a computed truncation bound.
 *
 * <ul>
 *   <li><b>Two-point</b> E[f(u) g(w)] (I2, J2): u = √C11 ξ, w | u ~ N((C13/C11) u, C33 − C13²/C11); an outer
 *   rule in ξ and an inner one for the conditional expectation of g.</li>
 *   <li><b>I3</b> = E[σ'(u) v σ_b(w)]: the linear factor v is replaced by its regression E[v | u, w] = p u + q w,
 *   (p, q) = (C12, C23) [[C11, C13], [C13, C33]]⁻¹, so I3 = p E[u σ'(u) σ_b(w)] + q E[σ'(u) w σ_b(w)], two
 *   two-point moments (no σ'' needed).</li>
 *   <li><b>I4</b> = E[σ'(u) σ'(v) σ_a(w) σ_b(z)]: with the (semi-definite, unpivoted) Cholesky factor L of C in
 *   the order (u, v, w, z), an outer two-dimensional rule over (ξ1, ξ2) fixes u and v; given them, (w, z) is
 *   Gaussian with means m = (L31ξ1 + L32ξ2, L41ξ1 + L42ξ2), standard deviations s_w, s_z and correlation r
 *   that do not depend on the node. The inner expectation is Mehler's expansion
 *   <pre>
 *     E[σ_a(m_w + s_w η) σ_b(m_z + s_z η')] = Σ_k r^k α_k β_k,   α_k = E[σ_a(m_w + s_w η) He_k(η)]/√k!,
 *   </pre>
 *   (η, η' unit normals with correlation r; β_k alike), each α_k from the same inner rule. It is summed until
 *   the Cauchy–Schwarz tail bound |Σ_{k&gt;K} r^k α_k β_k| ≤ |r|^{K+1} √(T_α T_β) falls below
 *   {@code tolerance}·√(E[σ_a²] E[σ_b²]), with the tails T_α = E[σ_a²] − Σ_{j≤K} α_j² from Parseval's identity
 *   (so the bound is computed, not assumed). |r| = 1 (w = ±z, e.g. the diagonal u = v of the noise sum) is a
 *   one-dimensional expectation.</li>
 * </ul>
 *
 * <p>Every one-dimensional rule is the trapezoidal rule on the standard-normal integral, whose error for an
 * integrand analytic in the strip |Im ξ| &lt; d is of order e^(−2πd/h) (geometric in the number of nodes, unlike
 * Gauss–Hermite, which converges only like e^(−c√n) for tanh): the step h is chosen per call from the
 * tolerance, the activations' {@link Activation#analyticHalfWidth} divided by the largest scale with which ξ
 * enters an argument, and the off-axis growth of the Gaussian factors; nodes run over |ξ| ≤ √(2 ln(1/tol)),
 * shrunk for an axis carrying σ' factors with Gaussian tails (erf). So the cost adapts to the covariance and the
 * tolerance. Not for activations with a kink ({@link GaussianMomentsFactory} does not choose this provider for
 * them). Immutable and thread-safe; a call allocates a few small scratch arrays.
 */
public final class ReducedHermiteMoments implements GaussianMoments {

    /** Default tolerance (relative to the natural scale of each one-dimensional integral). */
    public static final double DEFAULT_TOLERANCE = 1e-13;
    /** Conditional correlations within this distance of ±1 are taken as ±1 (one-dimensional inner integral). */
    static final double UNIT_CORRELATION_SNAP = 1e-12;
    /** Fraction of the analytic half-width used for the step (the integrand is unbounded at the strip's edge). */
    static final double STRIP_FRACTION = 0.7;
    /** (u, w) with C11 C33 − C13² below this fraction of C11 C33 are regressed on u alone in I3. */
    static final double SINGULAR = 1e-12;
    /** Most Mehler terms. */
    static final int MAX_TERMS = 200;

    private final Activation student;
    private final Activation teacher;
    private final Activation.Function[] sigma = new Activation.Function[2];
    private final Activation.Function[] sigmaPrime = new Activation.Function[2];
    private final double tolerance;
    /** ln(1/tolerance). */
    private final double logTolerance;
    /** The smaller analytic half-width of the two activations. */
    private final double halfWidth;
    /**
     * 1 when both activations are entire (erf, GELU grow like e^(y²/2) off the real axis on the unit scale, which
     * limits the step as a pole would; polynomials grow more slowly and are merely over-resolved), else 0.
     */
    private final double entireGrowth;
    /** κ = −(log σ')''(0) when σ' has Gaussian tails (erf), else 0: the Gaussian decay of σ' factors. */
    private final double gaussianDecay;

    /** The default tolerance {@value #DEFAULT_TOLERANCE}. */
    public ReducedHermiteMoments(Activation student, Activation teacher) {
        this(student, teacher, DEFAULT_TOLERANCE);
    }

    /**
     * @param tolerance target relative accuracy of the one-dimensional rules and of the Mehler tail, in
     *                  [1e-15, 0.1]
     * @throws IllegalArgumentException naming the argument and its allowed range
     */
    public ReducedHermiteMoments(Activation student, Activation teacher, double tolerance) {
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("activation: missing (student=" + student + ", teacher=" + teacher + ")");
        }
        if (!(tolerance >= 1e-15 && tolerance <= 0.1)) {
            throw new IllegalArgumentException("tolerance: " + tolerance + "; allowed range [1e-15, 0.1]");
        }
        double d = Math.min(student.analyticHalfWidth(), teacher.analyticHalfWidth());
        if (!(d > 0)) {
            throw new IllegalArgumentException("activation: " + student + "/" + teacher
                    + " has a kink; reduced Hermite moments need smooth activations");
        }
        this.student = student;
        this.teacher = teacher;
        sigma[Role.STUDENT.ordinal()] = student::value;
        sigma[Role.TEACHER.ordinal()] = teacher::value;
        sigmaPrime[Role.STUDENT.ordinal()] = student::derivative;
        sigmaPrime[Role.TEACHER.ordinal()] = teacher::derivative;
        this.tolerance = tolerance;
        this.logTolerance = Math.log(1 / tolerance);
        this.halfWidth = d;
        this.entireGrowth = d == Double.POSITIVE_INFINITY ? 1 : 0;
        double kappa = derivativeCurvature(student);
        double d0 = student.derivative(0.0);
        boolean gaussianTails = kappa > 0 && Math.abs(student.derivative(4.0)) <= 2 * d0 * Math.exp(-8 * kappa);
        this.gaussianDecay = gaussianTails ? kappa : 0;
    }

    /**
     * κ = −(log σ')''(0) estimated by central differences of σ'' (erf: 1, tanh: 2, sigmoid: 1/2), or 0 when σ'(0)
     * is not positive or the estimate is not positive.
     */
    static double derivativeCurvature(Activation a) {
        double d0 = a.derivative(0.0);
        double h = 1e-3;
        double third = (a.secondDerivative(h) - a.secondDerivative(-h)) / (2 * h);
        double second = a.secondDerivative(0.0);
        if (!(d0 > 0)) {
            return 0;
        }
        double kappa = -(third * d0 - second * second) / (d0 * d0);
        return kappa > 0 && Double.isFinite(kappa) ? Math.min(kappa, 16) : 0;
    }

    @Override
    public Activation student() {
        return student;
    }

    @Override
    public Activation teacher() {
        return teacher;
    }

    /** Target relative accuracy. */
    public double tolerance() {
        return tolerance;
    }

    /**
     * A trapezoidal rule for E[F(ξ)], ξ ~ N(0, 1): nodes jh, |jh| ≤ L, weights h φ(jh). {@code scale}: the largest
     * factor with which ξ enters an activation argument; {@code decay}: the Gaussian decay rate b of the other
     * factors (F ~ e^(−bξ²/2), 0 if none); {@code squares}: the sum of the squared factors with which ξ enters the
     * arguments. With a = 1 + b (+ squares for entire activations, whose growth e^(c²y²/2) off the axis plays the
     * role of the pole) the step makes e^(−2πd/h) e^(a d²/2) ≈ tolerance with
     * d = min(STRIP_FRACTION · halfWidth/scale, √(2 ln(1/tol)/a)); L = √(2 ln(1/tol)/(1 + b)) + h.
     * Returns {nodes, weights}.
     */
    double[][] rule(double scale, double decay, double squares) {
        double a = 1 + decay + entireGrowth * squares;
        double dGauss = Math.sqrt(2 * logTolerance / a);
        double d = scale > 0 ? Math.min(STRIP_FRACTION * halfWidth / scale, dGauss) : dGauss;
        double h = 2 * Math.PI * d / (logTolerance + 0.5 * a * d * d);
        double limit = Math.sqrt(2 * logTolerance / (1 + decay)) + h;
        int half = (int) Math.ceil(limit / h);
        int n = 2 * half + 1;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double xj = (j - half) * h;
            x[j] = xj;
            w[j] = h * StandardNormal.INV_SQRT_2PI * Math.exp(-0.5 * xj * xj);
        }
        return new double[][] {x, w};
    }

    /** Number of nodes of {@link #rule} (for reports and the convergence table). */
    int nodes(double scale, double decay) {
        return rule(scale, decay, scale * scale)[0].length;
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        return twoPoint(sigma[a.ordinal()], sigma[b.ordinal()], c11, c12, c22, false);
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        Activation.Function d = sigmaPrime[Role.STUDENT.ordinal()];
        return twoPoint(d, d, c11, c12, c22, true);
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        // E[v | u, w] = p u + q w (Gaussian regression), so I3 = p E[u σ'(u) σ_b(w)] + q E[σ'(u) w σ_b(w)]:
        // two two-point moments, no σ'' needed
        Activation.Function d = sigmaPrime[Role.STUDENT.ordinal()];
        Activation.Function s = sigma[b.ordinal()];
        double[] pq = regression(c11, c12, c13, c23, c33);
        if (pq == null) {
            return 0;
        }
        double p = pq[0];
        double q = pq[1];
        double first = p == 0 ? 0 : p * twoPoint(x -> x * d.apply(x), s, c11, c13, c33, true);
        double second = q == 0 ? 0 : q * twoPoint(d, x -> x * s.apply(x), c11, c13, c33, true);
        return first + second;
    }

    /**
     * The Gaussian regression E[v | u, w] = p u + q w for the covariance entries of (u, v, w) (I3's reduction,
     * exact for any factors of u and w): {p, q}, regressing on u (or w) alone when (u, w) is singular, or
     * {@code null} when u and w have no variance.
     */
    static double[] regression(double c11, double c12, double c13, double c23, double c33) {
        double det = c11 * c33 - c13 * c13;
        double p;
        double q;
        if (det > SINGULAR * c11 * c33) {
            p = (c12 * c33 - c23 * c13) / det;
            q = (c23 * c11 - c12 * c13) / det;
        } else if (c11 > 0) {
            p = c12 / c11; // w is a multiple of u (or has no variance): regress on u alone
            q = 0;
        } else if (c33 > 0) {
            p = 0;
            q = c23 / c33;
        } else {
            return null;
        }
        return new double[] {p, q};
    }

    /**
     * E[f(u) g(w)] for (u, w) ~ N(0, [[c11, c13], [c13, c33]]): outer rule on u, inner conditional rule on w;
     * {@code derivativeOuter}: f carries σ' (Gaussian decay of the outer integrand for erf).
     */
    private double twoPoint(Activation.Function f, Activation.Function g, double c11, double c13, double c33,
                            boolean derivativeOuter) {
        if (!(c11 > 0)) {
            return f.apply(0.0) * oneDimensional(g, 0.0, Math.sqrt(Math.max(0, c33)));
        }
        double su = Math.sqrt(c11);
        double slope = c13 / c11;
        double s = Math.sqrt(Math.max(0, c33 - c13 * slope));
        double[][] outer = rule(Math.max(su, Math.abs(slope) * su), derivativeOuter ? gaussianDecay * c11 : 0,
                c11 + slope * slope * c11);
        double[] nodes = outer[0];
        double[] weights = outer[1];
        double[][] inner = s > 0 ? rule(s, 0, s * s) : null;
        double sum = 0;
        for (int q = 0; q < nodes.length; q++) {
            double u = su * nodes[q];
            double fu = f.apply(u);
            if (fu == 0) {
                continue;
            }
            double m = slope * u;
            double e;
            if (inner == null) {
                e = g.apply(m);
            } else {
                e = 0;
                double[] xi = inner[0];
                double[] wi = inner[1];
                for (int j = 0; j < xi.length; j++) {
                    e += wi[j] * g.apply(m + s * xi[j]);
                }
            }
            sum += weights[q] * fu * e;
        }
        return sum;
    }

    /** E[g(m + s η)], η ~ N(0, 1). */
    private double oneDimensional(Activation.Function g, double m, double s) {
        if (s == 0) {
            return g.apply(m);
        }
        double[][] r = rule(s, 0, s * s);
        double sum = 0;
        for (int j = 0; j < r[0].length; j++) {
            sum += r[1][j] * g.apply(m + s * r[0][j]);
        }
        return sum;
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        double[] c = {c11, c12, c13, c14, c12, c22, c23, c24, c13, c23, c33, c34, c14, c24, c34, c44};
        double[] l = new double[16];
        if (SemidefiniteCholesky.factor(c, 4, l, null) < 0) {
            throw new IllegalArgumentException("covariance: not positive semi-definite");
        }
        Activation.Function d = sigmaPrime[Role.STUDENT.ordinal()];
        Activation.Function fa = sigma[a.ordinal()];
        Activation.Function fb = sigma[b.ordinal()];
        double l11 = l[0];
        double l21 = l[4];
        double l22 = l[5];
        double l31 = l[8];
        double l32 = l[9];
        double l33 = l[10];
        double l41 = l[12];
        double l42 = l[13];
        double l43 = l[14];
        double l44 = l[15];
        double sw = Math.abs(l33);
        double sz = Math.sqrt(l43 * l43 + l44 * l44);
        double r = sw > 0 && sz > 0 ? l43 * l33 / (sw * sz) : 0;
        // an axis whose Cholesky column is zero carries no randomness: one node at 0 with weight 1
        double[][] axis1 = axis(max(l11, l21, l31, l41), gaussianDecay * (l11 * l11 + l21 * l21),
                l11 * l11 + l21 * l21 + l31 * l31 + l41 * l41);
        double[][] axis2 = axis(max(0, l22, l32, l42), gaussianDecay * l22 * l22, l22 * l22 + l32 * l32 + l42 * l42);
        double[] x1s = axis1[0];
        double[] w1s = axis1[1];
        double[] x2s = axis2[0];
        double[] w2s = axis2[1];
        double[][] inner = rule(Math.max(sw, sz), 0, sw * sw + sz * sz);
        double[] ga = new double[inner[0].length];
        double[] gb = new double[ga.length];
        HermiteTable table = new HermiteTable(inner[0]);
        double sum = 0;
        for (int q1 = 0; q1 < x1s.length; q1++) {
            double x1 = x1s[q1];
            double du = d.apply(l11 * x1);
            if (du == 0) {
                continue;
            }
            double acc = 0;
            for (int q2 = 0; q2 < x2s.length; q2++) {
                double x2 = x2s[q2];
                double dv = d.apply(l21 * x1 + l22 * x2);
                if (dv == 0) {
                    continue;
                }
                acc += w2s[q2] * dv * pair(fa, l31 * x1 + l32 * x2, sw, fb, l41 * x1 + l42 * x2, sz, r, inner,
                        ga, gb, table);
            }
            sum += w1s[q1] * du * acc;
        }
        return sum;
    }

    private double[][] axis(double scale, double decay, double squares) {
        if (scale == 0) {
            return new double[][] {{0.0}, {1.0}};
        }
        return rule(scale, decay, squares);
    }

    private static double max(double a, double b, double c, double d) {
        return Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(c), Math.abs(d)));
    }

    /**
     * E[f(m_w + s_w η) g(m_z + s_z η')] for unit normals (η, η') with correlation r, by Mehler's expansion with
     * the Parseval tail bound (class comment), on the inner rule {nodes, weights}; the arrays are scratch.
     */
    double pair(Activation.Function f, double mw, double sw, Activation.Function g, double mz, double sz,
                        double r, double[][] inner, double[] ga, double[] gb, HermiteTable table) {
        double[] xi = inner[0];
        double[] wi = inner[1];
        int n = xi.length;
        if (sw == 0 || sz == 0) {
            // one factor is fixed; the inner rule was made for the other's scale
            double sum = 0;
            for (int q = 0; q < n; q++) {
                sum += wi[q] * f.apply(mw + sw * xi[q]) * g.apply(mz + sz * xi[q]);
            }
            return sum;
        }
        if (Math.abs(r) >= 1 - UNIT_CORRELATION_SNAP) {
            double sign = Math.signum(r);
            double sum = 0;
            for (int q = 0; q < n; q++) {
                sum += wi[q] * f.apply(mw + sw * xi[q]) * g.apply(mz + sign * sz * xi[q]);
            }
            return sum;
        }
        double na = 0;
        double nb = 0;
        double alpha = 0;
        double beta = 0;
        for (int q = 0; q < n; q++) {
            double fa = wi[q] * f.apply(mw + sw * xi[q]);
            double fb = wi[q] * g.apply(mz + sz * xi[q]);
            ga[q] = fa;
            gb[q] = fb;
            na += fa * fa / wi[q];
            nb += fb * fb / wi[q];
            alpha += fa;
            beta += fb;
        }
        double limit = tolerance * tolerance * na * nb;
        double ta = na - alpha * alpha;
        double tb = nb - beta * beta;
        double sum = alpha * beta;
        double rk = r;
        int terms = Math.min(MAX_TERMS, n);
        for (int k = 1; k < terms && rk * rk * Math.max(ta, 0) * Math.max(tb, 0) > limit; k++) {
            double[] hk = table.row(k);
            alpha = 0;
            beta = 0;
            for (int q = 0; q < n; q++) {
                alpha += hk[q] * ga[q];
                beta += hk[q] * gb[q];
            }
            sum += rk * alpha * beta;
            ta -= alpha * alpha;
            tb -= beta * beta;
            rk *= r;
        }
        return sum;
    }

    /**
     * The orthonormal Hermite polynomials h_k = He_k/√k! at the nodes of one inner rule, rows built on demand
     * (h_k = (x h_{k−1} − √(k−1) h_{k−2})/√k) and shared by all outer nodes of one call.
     */
    static final class HermiteTable {
        private final double[] x;
        private final java.util.List<double[]> rows = new java.util.ArrayList<>();

        HermiteTable(double[] x) {
            this.x = x;
            double[] one = new double[x.length];
            java.util.Arrays.fill(one, 1.0);
            rows.add(one);
            rows.add(x.clone());
        }

        double[] row(int k) {
            while (rows.size() <= k) {
                int j = rows.size();
                double[] prev = rows.get(j - 1);
                double[] prev2 = rows.get(j - 2);
                double c1 = 1 / Math.sqrt(j);
                double c0 = Math.sqrt(j - 1.0) * c1;
                double[] next = new double[x.length];
                for (int q = 0; q < x.length; q++) {
                    next[q] = x[q] * c1 * prev[q] - c0 * prev2[q];
                }
                rows.add(next);
            }
            return rows.get(k);
        }
    }

    @Override
    public String toString() {
        return "ReducedHermiteMoments(" + student + ", " + teacher + ", tolerance " + tolerance + ")";
    }
}
