package org.sgdlimits.gauss;

import java.util.Arrays;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.ErrorFunction;
import org.sgdlimits.activation.StandardNormal;
import org.sgdlimits.overlap.SemidefiniteCholesky;

/**
 * E[Π_i f_i(u_i)] for a centred Gaussian vector u ~ N(0, C) (n ≤ 4) whose factors are either <em>kinked</em>,
 * f(u) = 1[u &gt; κ]·(h0 + h1 u + h2 u²) (ReLU, its step derivative and the I3 products, at a shift −κ = the
 * bias), or <em>smooth</em> (analytic in a strip around the real axis), by nested integration exact at the
 * kinks (docs/theory.md §3.10 "Pairs with a kink"). Factors of one field (exact copies) of the same kind are
 * first multiplied into one. With u = L ξ (unpivoted semi-definite Cholesky factor of
 * the reordered C), the variables are integrated in one of two orders:
 * <ul>
 *   <li><b>one smooth factor</b>: the kinked variables except one are outer levels, the smooth one next, and
 *   the last kinked variable is innermost <em>in closed form</em>: given the outer levels it is N(μ, s²) and
 *   E[1[u &gt; κ] u^j] are the truncated Gaussian moments Φ(t), μΦ(t) + sφ(t), (μ² + s²)Φ(t) + s(μ + κ)φ(t),
 *   t = (μ − κ)/s; the smooth level beside it is a trapezoidal rule told the growth of that closed form off the
 *   real axis (graded panels when the kinked variable is nearly deterministic);</li>
 *   <li><b>otherwise</b>: kinked variables outer, smooth inner; two smooth innermost variables are the Mehler
 *   pair of {@link ReducedHermiteMoments} with its computed tail bound, one is its conditional rule.</li>
 * </ul>
 * A kinked level integrates only the half-line ξ_k &gt; (κ_k − c_k)/L_kk (c_k fixed by the outer levels), where
 * the integrand is smooth, in Gauss–Legendre panels of length ≤ min(1, ½ d/scale) (d the smooth activation's
 * analytic half-width, scale the largest coefficient of ξ_k in a smooth argument) cut at ±{@code range}. A
 * level followed by kinked variables gets break points where their conditional means cross their kinks, with
 * panels graded geometrically (factor 4) down to the width of that smoothed kink (its conditional standard
 * deviation over |L_jk|), so nearly singular and duplicated covariances stay exact. A smooth level followed by
 * smooth variables only has an analytic integrand and uses the trapezoidal rule of
 * {@link ReducedHermiteMoments}. Immutable and thread-safe; a call allocates small scratch arrays.
 */
final class KinkQuadrature {
    /** Panel length as a fraction of the analytic half-width seen by the outer variable. */
    static final double STRIP_FRACTION = 0.5;
    /** Most geometric grading steps (factor 4 each) around a near-kink. */
    static final int MAX_GRADING = 14;
    /** Most nodes of a trapezoidal rule next to a closed-form kink before graded panels are used instead. */
    static final int MAX_TRAPEZOID = 160;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    /**
     * One factor of a product: kinked 1[u &gt; kink]·(h0 + h1 u + h2 u²) of the centred field u, or smooth
     * (a function of the centred field, its shift included).
     */
    static final class Factor {
        final Activation.Function smooth;
        final double kink;
        final double h0;
        final double h1;
        final double h2;
        /**
         * How many activations a smooth factor multiplies (1, more after merging copies of one field): its growth
         * off the real axis, which the trapezoidal step accounts for, is that many times an activation's.
         */
        final int weight;

        private Factor(Activation.Function smooth, double kink, double h0, double h1, double h2, int weight) {
            this.smooth = smooth;
            this.kink = kink;
            this.h0 = h0;
            this.h1 = h1;
            this.h2 = h2;
            this.weight = weight;
        }

        /** 1[u &gt; kink]·(h0 + h1 u + h2 u²). */
        static Factor kinked(double kink, double h0, double h1, double h2) {
            return new Factor(null, kink, h0, h1, h2, 0);
        }

        /** A smooth factor f(u). */
        static Factor smooth(Activation.Function f) {
            return new Factor(f, 0, 0, 0, 0, 1);
        }

        boolean isKinked() {
            return smooth == null;
        }

        double value(double u) {
            if (smooth != null) {
                return smooth.apply(u);
            }
            return u > kink ? h0 + u * (h1 + u * h2) : 0.0;
        }

        /**
         * The product with a factor of the same field and kind (kinked: the polynomials multiplied, the larger
         * kink; smooth: the functions multiplied, the weights added), or null when it leaves this form (kinked
         * times smooth, or a kinked product of degree above 2).
         */
        Factor times(Factor o) {
            if (isKinked() != o.isKinked()) {
                return null;
            }
            if (!isKinked()) {
                Activation.Function f = smooth;
                Activation.Function g = o.smooth;
                return new Factor(x -> f.apply(x) * g.apply(x), 0, 0, 0, 0, weight + o.weight);
            }
            if (h1 * o.h2 + h2 * o.h1 != 0 || h2 * o.h2 != 0) {
                return null;
            }
            return kinked(Math.max(kink, o.kink), h0 * o.h0, h0 * o.h1 + h1 * o.h0, h0 * o.h2 + h1 * o.h1 + h2 * o.h0);
        }

        /** E[value(μ + s η)], η ~ N(0, 1), in closed form (kinked factors only; s ≥ 0). */
        double truncatedMean(double mu, double s) {
            if (!(s > 0)) {
                return value(mu);
            }
            double t = (mu - kink) / s;
            // the fast erf (absolute error 2e-16; Hipparchus' erfc costs ~10x more in this innermost call)
            double cdf = 0.5 * (1 + ErrorFunction.erf(t * INV_SQRT2));
            double pdf = StandardNormal.density(t);
            double first = mu * cdf + s * pdf;
            double second = (mu * mu + s * s) * cdf + s * (mu + kink) * pdf;
            return h0 * cdf + h1 * first + h2 * second;
        }
    }

    private final ReducedHermiteMoments smooth;
    private final double halfWidth;
    private final double range;
    private final double[] gx;
    private final double[] gw;

    /**
     * @param smooth the rules of the smooth activation (its tolerance sets the inner rules and the tail cut)
     * @param nodes  Gauss–Legendre nodes per panel, in [2, 64]
     */
    KinkQuadrature(ReducedHermiteMoments smooth, int nodes) {
        if (nodes < 2 || nodes > 64) {
            throw new IllegalArgumentException("nodes: " + nodes + "; allowed range [2, 64]");
        }
        this.smooth = smooth;
        this.halfWidth = smooth.student().analyticHalfWidth();
        this.range = Math.sqrt(2 * Math.log(1 / smooth.tolerance())) + 1.5;
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(nodes);
        gx = new double[nodes];
        gw = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            gx[i] = rule.getPoint(i);
            gw[i] = rule.getWeight(i);
        }
    }

    /** E[f1(u) f2(w)] for (u, w) ~ N(0, [[c11, c12], [c12, c22]]). */
    double twoPoint(Factor f1, Factor f2, double c11, double c12, double c22) {
        return expectation(new Factor[] {f1, f2}, new double[] {c11, c12, c12, c22});
    }

    /**
     * E[Π_i f_i(u_i)], u ~ N(0, c) (n × n row-major, centred), in the order of the class comment. Factors of one
     * field (exact copies, C_ii = C_jj = C_ij: the diagonal terms of the ODE's noise sum) of the same kind are
     * first multiplied into one, so that the field is integrated once.
     */
    double expectation(Factor[] factors, double[] covariance) {
        Factor[] f = factors.clone();
        double[] c = covariance;
        int n = f.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double cii = c[i * n + i];
                if (c[j * n + j] == cii && c[i * n + j] == cii) {
                    Factor product = f[i].times(f[j]);
                    if (product != null) {
                        f[i] = product;
                        int[] keep = new int[n - 1];
                        for (int a = 0, b = 0; a < n; a++) {
                            if (a != j) {
                                keep[b++] = a;
                            }
                        }
                        Factor[] g = new Factor[n - 1];
                        double[] d = new double[(n - 1) * (n - 1)];
                        for (int a = 0; a < n - 1; a++) {
                            g[a] = f[keep[a]];
                            for (int b = 0; b < n - 1; b++) {
                                d[a * (n - 1) + b] = c[keep[a] * n + keep[b]];
                            }
                        }
                        f = g;
                        c = d;
                        n--;
                        j--;
                    }
                }
            }
        }
        int kinks = 0;
        for (Factor x : f) {
            kinks += x.isKinked() ? 1 : 0;
        }
        int[] order = new int[n];
        int next = 0;
        boolean closedLast = kinks > 0 && n - kinks <= 1;
        int lastKink = -1;
        if (closedLast) {
            for (int i = 0; i < n; i++) {
                if (f[i].isKinked()) {
                    lastKink = i;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (f[i].isKinked() && i != lastKink) {
                order[next++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!f[i].isKinked()) {
                order[next++] = i;
            }
        }
        if (closedLast) {
            order[next] = lastKink;
        }
        Factor[] fo = new Factor[n];
        double[] co = new double[n * n];
        for (int i = 0; i < n; i++) {
            fo[i] = f[order[i]];
            for (int j = 0; j < n; j++) {
                co[i * n + j] = c[order[i] * n + order[j]];
            }
        }
        double[] l = new double[n * n];
        if (SemidefiniteCholesky.factor(co, n, l, null) < 0) {
            throw new IllegalArgumentException("covariance: not positive semi-definite");
        }
        return new Nested(fo, closedLast, l).level(0);
    }

    /** One nested integral: its Cholesky factor, the current outer nodes and the inner rules. */
    private final class Nested {
        private final Factor[] f;
        private final int n;
        /** Levels integrated by a rule (the rest is the inner closed form or smooth rule). */
        private final int outer;
        private final boolean closedLast;
        private final double[] l;
        private final double[] xi;
        private final double[][] inner;
        private final double sw;
        private final double sz;
        private final double r;
        private final double[] ga;
        private final double[] gb;
        private final ReducedHermiteMoments.HermiteTable table;
        /** Whether variable i or a later one is kinked. */
        private final boolean[] kinkFrom;

        Nested(Factor[] f, boolean closedLast, double[] l) {
            this.f = f;
            this.n = f.length;
            this.l = l;
            this.closedLast = closedLast;
            this.xi = new double[n];
            this.kinkFrom = new boolean[n + 1];
            for (int i = n - 1; i >= 0; i--) {
                kinkFrom[i] = kinkFrom[i + 1] || f[i].isKinked();
            }
            int smoothCount = 0;
            for (Factor x : f) {
                smoothCount += x.isKinked() ? 0 : 1;
            }
            int innerCount = closedLast ? 1 : Math.min(2, smoothCount);
            this.outer = n - innerCount;
            if (closedLast || innerCount == 0) {
                sw = sz = r = 0;
                inner = null;
                ga = gb = null;
                table = null;
            } else if (innerCount == 1) {
                double s = Math.abs(l[(n - 1) * n + n - 1]);
                sw = s;
                sz = 0;
                r = 0;
                inner = s > 0 ? smooth.rule(s, 0, f[n - 1].weight * s * s) : new double[][] {{0.0}, {1.0}};
                ga = gb = null;
                table = null;
            } else {
                double l33 = l[(n - 2) * n + n - 2];
                double l43 = l[(n - 1) * n + n - 2];
                double l44 = l[(n - 1) * n + n - 1];
                sw = Math.abs(l33);
                sz = Math.sqrt(l43 * l43 + l44 * l44);
                r = sw > 0 && sz > 0 ? l43 * l33 / (sw * sz) : 0;
                inner = smooth.rule(Math.max(sw, sz), 0, f[n - 2].weight * sw * sw + f[n - 1].weight * sz * sz);
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
            Factor fk = f[k];
            if (!(lkk > 0)) {
                // zero Cholesky column: u_k is fixed by the outer levels and ξ_k enters nothing
                xi[k] = 0;
                double fv = fk.value(c);
                return fv == 0 ? 0 : fv * level(k + 1);
            }
            double scale = 0;
            double squares = 0;
            for (int i = k; i < n; i++) {
                double lik = l[i * n + k];
                squares += f[i].weight * lik * lik;
                if (!f[i].isKinked()) {
                    scale = Math.max(scale, Math.abs(lik));
                }
            }
            if (!fk.isKinked() && !kinkFrom[k + 1]) {
                return trapezoid(k, c, lkk, smooth.rule(scale, 0, squares));
            }
            if (!fk.isKinked() && closedLast && k == n - 2) {
                double[][] rule = closedKinkRule(k, scale, squares);
                if (rule != null) {
                    return trapezoid(k, c, lkk, rule);
                }
            }
            double lo = fk.isKinked() ? (fk.kink - c) / lkk : -range;
            if (lo >= range) {
                return 0;
            }
            lo = Math.max(lo, -range);
            double panel = scale > 0 ? Math.min(1, STRIP_FRACTION * halfWidth / scale) : 1;
            double[] points = breakPoints(k, lo, panel);
            double sum = 0;
            for (int p = 0; p + 1 < points.length; p++) {
                double a = points[p];
                double b = points[p + 1];
                int pieces = Math.max(1, (int) Math.ceil((b - a) / panel - 1e-9));
                double len = (b - a) / pieces;
                double half = 0.5 * len;
                for (int q = 0; q < pieces; q++) {
                    double mid = a + q * len + half;
                    for (int j = 0; j < gx.length; j++) {
                        double x = mid + half * gx[j];
                        xi[k] = x;
                        double fv = fk.value(c + lkk * x);
                        if (fv == 0) {
                            continue;
                        }
                        sum += half * gw[j] * StandardNormal.INV_SQRT_2PI * Math.exp(-0.5 * x * x) * fv * level(k + 1);
                    }
                }
            }
            return sum;
        }

        /**
         * The trapezoidal rule for the smooth level just outside the closed-form kinked variable j = n − 1, or
         * null when panels are cheaper. Given ξ_k the closed form is an entire function of (L_jk ξ_k + …)/L_jj,
         * growing like e^(β² y²/2) off the real axis, β = L_jk/L_jj: for an entire activation β² is added to the
         * growth of the rule, otherwise the strip is narrowed to |Im ξ| ≤ 1/β (growth ≤ e^(1/2) there). A nearly
         * deterministic kinked variable (large β) or an exact kink (L_jj = 0) is left to graded panels.
         */
        private double[][] closedKinkRule(int k, double scale, double squares) {
            double ljj = l[(n - 1) * n + n - 1];
            if (!(ljj > 0)) {
                return null;
            }
            double beta = Math.abs(l[(n - 1) * n + k]) / ljj;
            double[][] rule = Double.isInfinite(halfWidth) ? smooth.rule(scale, 0, squares + beta * beta)
                    : smooth.rule(Math.max(scale, ReducedHermiteMoments.STRIP_FRACTION * halfWidth * beta), 0, squares);
            return rule[0].length <= MAX_TRAPEZOID ? rule : null;
        }

        /** A smooth level by a trapezoidal rule {nodes, weights} (an analytic integrand). */
        private double trapezoid(int k, double c, double lkk, double[][] rule) {
            double[] x = rule[0];
            double[] w = rule[1];
            Factor fk = f[k];
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                xi[k] = x[j];
                double fv = fk.value(c + lkk * x[j]);
                if (fv != 0) {
                    sum += w[j] * fv * level(k + 1);
                }
            }
            return sum;
        }

        /**
         * Sorted points of [lo, range]: the ends, each zero crossing of a later kinked variable's conditional
         * mean through its kink and, when that near-kink is narrower than a panel, geometric grading (factor 4)
         * down to its width.
         */
        private double[] breakPoints(int k, double lo, double panel) {
            double[] pts = new double[2 + n * (2 * MAX_GRADING + 3)];
            int m = 0;
            pts[m++] = lo;
            pts[m++] = range;
            for (int j = k + 1; j < n; j++) {
                double ljk = l[j * n + k];
                if (!f[j].isKinked() || ljk == 0) {
                    continue;
                }
                double b = (f[j].kink - mean(j, k)) / ljk;
                if (!(b > lo && b < range)) {
                    continue;
                }
                pts[m++] = b;
                double residual = 0;
                for (int i = k + 1; i <= j; i++) {
                    residual += l[j * n + i] * l[j * n + i];
                }
                double width = Math.sqrt(residual) / Math.abs(ljk);
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
            double[] out = Arrays.copyOf(pts, m);
            Arrays.sort(out);
            return out;
        }

        private double innerExpectation() {
            if (closedLast) {
                return f[n - 1].truncatedMean(mean(n - 1, n - 1), Math.abs(l[(n - 1) * n + n - 1]));
            }
            if (inner == null) {
                return 1;
            }
            double[] x = inner[0];
            double[] w = inner[1];
            if (n - outer == 1) {
                double m = mean(n - 1, n - 1);
                Factor g = f[n - 1];
                double sum = 0;
                for (int j = 0; j < x.length; j++) {
                    sum += w[j] * g.value(m + sw * x[j]);
                }
                return sum;
            }
            double mw = mean(n - 2, n - 2);
            double mz = mean(n - 1, n - 2);
            return smooth.pair(f[n - 2].smooth, mw, sw, f[n - 1].smooth, mz, sz, r, inner, ga, gb, table);
        }
    }
}
