package org.sgdlimits.gauss;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * Gaussian moments of a pair with a kink: ReLU mixed with any smooth activation (student ReLU with a smooth
 * teacher or the reverse), to ≈ 1e-10 relative or better (docs/theory.md §3.10, "Pairs with a kink").
 *
 * <p>Every factor of a moment is either <em>kinked</em> — ReLU, its step derivative 1[x &gt; 0], or the I3
 * products x·1[x &gt; 0] = relu(x) and x·relu(x); each is 1[x &gt; 0]·h(x) with h a polynomial, so it vanishes
 * for x ≤ 0 — or <em>smooth</em> (σ, σ', x σ'(x), x σ(x) of the smooth activation). Factors that are all kinked
 * use the ReLU closed forms ({@link ReluMoments}); all smooth, {@link ReducedHermiteMoments}. A mixed product
 * E[Π f_i(u_i)] is computed with the variables ordered kinked first, then smooth, and u = L ξ (unpivoted
 * semi-definite Cholesky factor, lower triangular):
 * <ul>
 *   <li>the kinked levels are outer integrals; at level k, u_k = c_k + L_kk ξ_k with c_k fixed by the outer
 *   levels, so the kink lies exactly at ξ_k = −c_k/L_kk and the level integrates the half-line
 *   [−c_k/L_kk, ∞) only, where the integrand is smooth. The half-line is cut at ±{@code range} (the Gaussian
 *   tail beyond is below the tolerance) and into Gauss–Legendre panels of length at most
 *   min(1, ½ d/scale) (d the smooth activation's analytic half-width, scale the largest coefficient of ξ_k in a
 *   smooth argument), so each panel converges geometrically. The near-kinks of inner kinked levels (their
 *   conditional mean crosses zero at a point of ξ_k, smoothed over a width L_jj/|L_jk|) are break points with
 *   panels graded geometrically down to that width;</li>
 *   <li>the smooth variables are inner: one is a conditional expectation on the trapezoidal rule of
 *   {@link ReducedHermiteMoments}, two are its Mehler pair with the computed tail bound, a third (I4 with one
 *   kinked factor) one more outer level of panels. Integrating a smooth factor of a Gaussian variable leaves
 *   a function analytic in the outer variables, so no integrand has a kink.</li>
 * </ul>
 * I3 uses the exact regression E[v | u, w] = p u + q w of {@link ReducedHermiteMoments#regression}, I3 =
 * p E[u σ'(u) σ_b(w)] + q E[σ'(u) w σ_b(w)].
 *
 * <p>Cost: a two-point moment ≈ 10⁴ function values; I4 with two kinked factors ≈ 10⁴ Mehler pairs; I4 with
 * three kinked factors (step · step · relu · smooth) ≈ 10⁶ inner rules, the slowest case. Immutable and
 * thread-safe; a call allocates small scratch arrays.
 */
public final class KinkMoments implements GaussianMoments {

    /** Tolerance of the inner smooth rules ({@link ReducedHermiteMoments}). */
    public static final double DEFAULT_TOLERANCE = 1e-13;
    /** Default Gauss–Legendre nodes per panel. */
    public static final int DEFAULT_NODES = 8;
    /** Panel length as a fraction of the analytic half-width seen by the outer variable. */
    static final double STRIP_FRACTION = 0.5;
    /** Most geometric grading steps (factor 4 each) around a near-kink. */
    static final int MAX_GRADING = 14;

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final Activation.Function RELU = x -> x > 0 ? x : 0.0;
    private static final Activation.Function STEP = x -> x > 0 ? 1.0 : 0.0;
    private static final Activation.Function RELU_TIMES_X = x -> x > 0 ? x * x : 0.0;

    private final Activation student;
    private final Activation teacher;
    private final boolean studentKinked;
    private final ReducedHermiteMoments smooth;
    private final double halfWidth;
    private final double range;
    private final double[] gx;
    private final double[] gw;
    private final Activation.Function smoothValue;
    private final Activation.Function smoothDerivative;

    /** Default tolerance and nodes. */
    public KinkMoments(Activation student, Activation teacher) {
        this(student, teacher, DEFAULT_TOLERANCE, DEFAULT_NODES);
    }

    /**
     * @param tolerance tolerance of the inner smooth rules and of the Gaussian tail cut, in [1e-15, 0.1]
     * @param nodes     Gauss–Legendre nodes per outer panel, in [2, 64]
     * @throws IllegalArgumentException naming the argument and its allowed range, or when the pair is not one
     *                                  ReLU and one smooth activation
     */
    public KinkMoments(Activation student, Activation teacher, double tolerance, int nodes) {
        if (!supports(student, teacher)) {
            throw new IllegalArgumentException("activation: " + student + "/" + teacher
                    + "; kink moments need one relu and one smooth activation");
        }
        if (nodes < 2 || nodes > 64) {
            throw new IllegalArgumentException("nodes: " + nodes + "; allowed range [2, 64]");
        }
        this.student = student;
        this.teacher = teacher;
        this.studentKinked = student == StandardActivation.RELU;
        Activation g = studentKinked ? teacher : student;
        this.smooth = new ReducedHermiteMoments(g, g, tolerance);
        this.halfWidth = g.analyticHalfWidth();
        this.range = Math.sqrt(2 * Math.log(1 / tolerance)) + 1.5;
        this.smoothValue = g::value;
        this.smoothDerivative = g::derivative;
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(nodes);
        gx = new double[nodes];
        gw = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            gx[i] = rule.getPoint(i);
            gw[i] = rule.getWeight(i);
        }
    }

    /** Whether this provider handles the pair: exactly one activation is ReLU, the other has no kink. */
    public static boolean supports(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            return false;
        }
        boolean s = student == StandardActivation.RELU;
        boolean t = teacher == StandardActivation.RELU;
        return s != t && !(s ? teacher : student).hasKink();
    }

    @Override
    public Activation student() {
        return student;
    }

    @Override
    public Activation teacher() {
        return teacher;
    }

    private boolean kinked(Role r) {
        return (r == Role.STUDENT) == studentKinked;
    }

    private Activation.Function value(Role r) {
        return kinked(r) ? RELU : smoothValue;
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        boolean ka = kinked(a);
        boolean kb = kinked(b);
        if (ka && kb) {
            return ReluMoments.INSTANCE.i2(a, b, c11, c12, c22);
        }
        if (!ka && !kb) {
            return smooth.i2(Role.STUDENT, Role.STUDENT, c11, c12, c22);
        }
        return ka ? twoPoint(RELU, smoothValue, c11, c12, c22) : twoPoint(RELU, smoothValue, c22, c12, c11);
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return studentKinked ? ReluMoments.INSTANCE.j2(c11, c12, c22) : smooth.j2(c11, c12, c22);
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        boolean kb = kinked(b);
        if (studentKinked && kb) {
            return ReluMoments.INSTANCE.i3(b, c11, c12, c13, c22, c23, c33);
        }
        if (!studentKinked && !kb) {
            return smooth.i3(Role.STUDENT, c11, c12, c13, c22, c23, c33);
        }
        double[] pq = ReducedHermiteMoments.regression(c11, c12, c13, c23, c33);
        if (pq == null) {
            return 0;
        }
        double first;
        double second;
        if (studentKinked) {
            // u σ'(u) = relu(u), σ'(u) = step(u); σ_b smooth
            Activation.Function g = smoothValue;
            first = pq[0] == 0 ? 0 : twoPoint(RELU, g, c11, c13, c33);
            second = pq[1] == 0 ? 0 : twoPoint(STEP, x -> x * g.apply(x), c11, c13, c33);
        } else {
            // σ_b = relu: w relu(w) is kinked, u σ'(u) and σ'(u) smooth
            Activation.Function d = smoothDerivative;
            first = pq[0] == 0 ? 0 : twoPoint(RELU, x -> x * d.apply(x), c33, c13, c11);
            second = pq[1] == 0 ? 0 : twoPoint(RELU_TIMES_X, d, c33, c13, c11);
        }
        return pq[0] * first + pq[1] * second;
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        boolean[] kink = {studentKinked, studentKinked, kinked(a), kinked(b)};
        int kinks = 0;
        for (boolean k : kink) {
            kinks += k ? 1 : 0;
        }
        if (kinks == 4) {
            return ReluMoments.INSTANCE.i4(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
        }
        if (kinks == 0) {
            return smooth.i4(Role.STUDENT, Role.STUDENT, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
        }
        Activation.Function d = studentKinked ? STEP : smoothDerivative;
        Activation.Function[] f = {d, d, value(a), value(b)};
        double[] c = MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
        int[] order = new int[4];
        int next = 0;
        for (int i = 0; i < 4; i++) {
            if (kink[i]) {
                order[next++] = i;
            }
        }
        for (int i = 0; i < 4; i++) {
            if (!kink[i]) {
                order[next++] = i;
            }
        }
        Activation.Function[] fo = new Activation.Function[4];
        double[] co = new double[16];
        for (int i = 0; i < 4; i++) {
            fo[i] = f[order[i]];
            for (int j = 0; j < 4; j++) {
                co[i * 4 + j] = c[order[i] * 4 + order[j]];
            }
        }
        return expectation(fo, kinks, co);
    }

    /** E[k(x) s(y)] for (x, y) ~ N(0, [[ckk, cks], [cks, css]]), k kinked, s smooth. */
    private double twoPoint(Activation.Function k, Activation.Function s, double ckk, double cks, double css) {
        return expectation(new Activation.Function[] {k, s}, 1, new double[] {ckk, cks, cks, css});
    }

    /**
     * E[Π_i f_i(u_i)], u ~ N(0, c) (n × n row-major), the first {@code kinks} factors kinked (vanishing for
     * u ≤ 0, smooth for u &gt; 0), the others smooth (class comment).
     */
    double expectation(Activation.Function[] f, int kinks, double[] c) {
        int n = f.length;
        double[] l = new double[n * n];
        if (SemidefiniteCholesky.factor(c, n, l, null) < 0) {
            throw new IllegalArgumentException("covariance: not positive semi-definite");
        }
        return new Nested(f, kinks, l).level(0);
    }

    /** One nested integral: its Cholesky factor, the current outer nodes and the inner rules. */
    private final class Nested {
        private final Activation.Function[] f;
        private final int kinks;
        private final int n;
        private final int outer;
        private final double[] l;
        private final double[] xi;
        private final double[][] inner;
        private final double sw;
        private final double sz;
        private final double r;
        private final double[] ga;
        private final double[] gb;
        private final ReducedHermiteMoments.HermiteTable table;

        Nested(Activation.Function[] f, int kinks, double[] l) {
            this.f = f;
            this.kinks = kinks;
            this.n = f.length;
            this.l = l;
            int innerCount = Math.min(2, n - kinks);
            this.outer = n - innerCount;
            this.xi = new double[n];
            if (innerCount == 1) {
                double s = Math.abs(l[(n - 1) * n + n - 1]);
                sw = s;
                sz = 0;
                r = 0;
                inner = s > 0 ? smooth.rule(s, 0, s * s) : new double[][] {{0.0}, {1.0}};
                ga = null;
                gb = null;
                table = null;
            } else {
                double l33 = l[(n - 2) * n + n - 2];
                double l43 = l[(n - 1) * n + n - 2];
                double l44 = l[(n - 1) * n + n - 1];
                sw = Math.abs(l33);
                sz = Math.sqrt(l43 * l43 + l44 * l44);
                r = sw > 0 && sz > 0 ? l43 * l33 / (sw * sz) : 0;
                inner = smooth.rule(Math.max(sw, sz), 0, sw * sw + sz * sz);
                ga = new double[inner[0].length];
                gb = new double[ga.length];
                table = new ReducedHermiteMoments.HermiteTable(inner[0]);
            }
        }

        /** Σ_{j &lt; upTo} L_ij ξ_j. */
        private double mean(int i, int upTo) {
            double m = 0;
            for (int j = 0; j < upTo; j++) {
                m += l[i * n + j] * xi[j];
            }
            return m;
        }

        double level(int k) {
            if (k == outer) {
                return innerExpectation();
            }
            double c = mean(k, k);
            double lkk = l[k * n + k];
            if (!(lkk > 0)) {
                // zero Cholesky column: u_k is fixed by the outer levels and ξ_k enters nothing
                xi[k] = 0;
                double fv = f[k].apply(c);
                return fv == 0 ? 0 : fv * level(k + 1);
            }
            double lo = k < kinks ? -c / lkk : -range;
            if (lo >= range) {
                return 0;
            }
            lo = Math.max(lo, -range);
            double scale = 0;
            for (int i = kinks; i < n; i++) {
                scale = Math.max(scale, Math.abs(l[i * n + k]));
            }
            double panel = scale > 0 ? Math.min(1, STRIP_FRACTION * halfWidth / scale) : 1;
            double[] points = breakPoints(k, lo, panel);
            double sum = 0;
            for (int p = 0; p + 1 < points.length; p++) {
                double a = points[p];
                double b = points[p + 1];
                int pieces = (int) Math.ceil((b - a) / panel - 1e-9);
                double len = (b - a) / Math.max(1, pieces);
                for (int q = 0; q < Math.max(1, pieces); q++) {
                    double left = a + q * len;
                    double half = 0.5 * len;
                    double mid = left + half;
                    for (int j = 0; j < gx.length; j++) {
                        double x = mid + half * gx[j];
                        xi[k] = x;
                        double fv = f[k].apply(c + lkk * x);
                        if (fv == 0) {
                            continue;
                        }
                        sum += half * gw[j] * INV_SQRT_2PI * Math.exp(-0.5 * x * x) * fv * level(k + 1);
                    }
                }
            }
            return sum;
        }

        /**
         * Sorted points of [lo, range]: the ends, each zero crossing of an inner kinked level's conditional mean
         * and, when that near-kink is narrower than a panel, geometric grading (factor 4) down to its width.
         */
        private double[] breakPoints(int k, double lo, double panel) {
            double[] pts = new double[2 + (kinks) * (2 * MAX_GRADING + 3)];
            int m = 0;
            pts[m++] = lo;
            pts[m++] = range;
            for (int j = k + 1; j < kinks; j++) {
                double ljk = l[j * n + k];
                if (ljk == 0) {
                    continue;
                }
                double b = -mean(j, k) / ljk;
                if (!(b > lo && b < range)) {
                    continue;
                }
                pts[m++] = b;
                double width = Math.abs(l[j * n + j] / ljk);
                double w = Math.max(width, panel * Math.pow(0.25, MAX_GRADING));
                for (int g = 0; g <= MAX_GRADING && w < panel; g++, w *= 4) {
                    if (b - w > lo) {
                        pts[m++] = b - w;
                    }
                    if (b + w < range) {
                        pts[m++] = b + w;
                    }
                }
            }
            double[] out = java.util.Arrays.copyOf(pts, m);
            java.util.Arrays.sort(out);
            return out;
        }

        private double innerExpectation() {
            double[] x = inner[0];
            double[] w = inner[1];
            if (n - outer == 1) {
                double m = mean(n - 1, n - 1);
                Activation.Function g = f[n - 1];
                double sum = 0;
                for (int j = 0; j < x.length; j++) {
                    sum += w[j] * g.apply(m + sw * x[j]);
                }
                return sum;
            }
            double mw = mean(n - 2, n - 2);
            double mz = mean(n - 1, n - 2);
            return smooth.pair(f[n - 2], mw, sw, f[n - 1], mz, sz, r, inner, ga, gb, table);
        }
    }

    @Override
    public String toString() {
        return "KinkMoments(" + student + ", " + teacher + ")";
    }
}
