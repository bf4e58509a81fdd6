package org.sgdlimits.gauss;

import org.hipparchus.special.Erf;

/**
 * An independent, kink-aware reference quadrature for tests: E[Π_i f_i(u_i)], u ~ N(0, C), for piecewise-linear
 * factors f_i(x) = x &lt; 0 ? p0 + p1 x : q0 + q1 x (ReLU, its step derivative, identity, |x|, ...).
 *
 * <p>With the pivoted Cholesky factor u = L ξ (lower triangular in pivot order), the outer levels are
 * one-dimensional Gauss–Legendre integrals over ξ_k ∈ [−L, L], split at the kinks of the factors evaluated at
 * that level (so each piece is smooth: integrating out inner levels smooths their kinks) and cut into panels;
 * the innermost level is done exactly, since there the product is a piecewise polynomial in ξ times the normal
 * density (moments by M_k = (k − 1) M_{k−2} + α^{k−1}φ(α) − β^{k−1}φ(β)). Slow; for tests only.
 */
final class KinkSplitQuadrature {

    /** Piecewise-linear factor: value x &lt; 0 ? p0 + p1 x : q0 + q1 x. */
    record Factor(double p0, double p1, double q0, double q1) {
        double apply(double x) {
            return x < 0 ? p0 + p1 * x : q0 + q1 * x;
        }
    }

    static final Factor RELU = new Factor(0, 0, 0, 1);
    static final Factor STEP = new Factor(0, 0, 1, 0);
    static final Factor IDENTITY = new Factor(0, 1, 0, 1);

    private static final double RANGE = 9.0;
    private final int nodes;
    private final int grading;
    private final double panel;
    private final double[] gx;
    private final double[] gw;

    /**
     * @param nodes Gauss–Legendre nodes per panel
     * @param panel largest panel length
     */
    KinkSplitQuadrature(int nodes, double panel) {
        this(nodes, panel, 0);
    }

    /**
     * @param grading if &gt; 0, outer levels also split where any inner variable's conditional mean crosses zero
     *                (the smoothed near-kinks of nearly singular C), with panels graded geometrically down to
     *                10^−grading around every break point
     */
    KinkSplitQuadrature(int nodes, double panel, int grading) {
        this.grading = grading;
        this.nodes = nodes;
        this.panel = panel;
        var rule = new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().legendre(nodes);
        gx = new double[nodes];
        gw = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            gx[i] = rule.getPoint(i);
            gw[i] = rule.getWeight(i);
        }
    }

    double expectation(Factor[] factors, double[] c) {
        int n = factors.length;
        PivotedCholesky f = PivotedCholesky.of(c, n);
        Factor[] g = new Factor[n];
        for (int i = 0; i < n; i++) {
            g[i] = factors[f.perm[i]];
        }
        if (f.rank == 0) {
            double p = 1;
            for (Factor h : g) {
                p *= h.apply(0);
            }
            return p;
        }
        double[] partial = new double[(f.rank + 1) * n];
        return level(0, f.rank, n, f.l, g, partial, 1.0);
    }

    private double level(int k, int r, int n, double[] l, Factor[] g, double[] partial, double valueSoFar) {
        int base = k * n;
        if (k == r - 1) {
            return innermost(k, n, l, g, partial, valueSoFar);
        }
        // Kink of variable k at ξ = −partial/l_kk; with grading, also the zero crossings of inner variables.
        double lkk = l[k * n + k];
        java.util.TreeSet<Double> points = new java.util.TreeSet<>();
        points.add(-RANGE);
        points.add(RANGE);
        for (int i = k; i < (grading > 0 ? n : k + 1); i++) {
            double lik = l[i * n + k];
            if (lik == 0) {
                continue;
            }
            double kink = -partial[base + i] / lik;
            if (kink > -RANGE && kink < RANGE) {
                points.add(kink);
                for (int j = 0; j <= grading && grading > 0; j++) {
                    double d = Math.pow(10, -j);
                    points.add(Math.max(-RANGE, kink - d));
                    points.add(Math.min(RANGE, kink + d));
                }
            }
        }
        double[] breaks = points.stream().mapToDouble(Double::doubleValue).toArray();
        double sum = 0;
        for (int b = 0; b + 1 < breaks.length; b++) {
            double lo = breaks[b];
            double hi = breaks[b + 1];
            int panels = (int) Math.ceil((hi - lo) / panel);
            double h = (hi - lo) / panels;
            for (int q = 0; q < panels; q++) {
                double a = lo + q * h;
                for (int m = 0; m < nodes; m++) {
                    double xi = a + 0.5 * h * (gx[m] + 1);
                    double w = 0.5 * h * gw[m] * Math.exp(-0.5 * xi * xi) / Math.sqrt(2 * Math.PI);
                    double value = valueSoFar * g[k].apply(partial[base + k] + lkk * xi);
                    if (value == 0) {
                        continue;
                    }
                    for (int i = k + 1; i < n; i++) {
                        partial[base + n + i] = partial[base + i] + l[i * n + k] * xi;
                    }
                    sum += w * level(k + 1, r, n, l, g, partial, value);
                }
            }
        }
        return sum;
    }

    /** Φ(hi) − Φ(lo) without cancellation in the tails (erfc on the side away from zero). */
    private static double normalMass(double lo, double hi) {
        double r2 = Math.sqrt(2);
        double a = Math.max(lo, -40);
        double b = Math.min(hi, 40);
        if (a >= 0) {
            return 0.5 * (Erf.erfc(a / r2) - Erf.erfc(b / r2));
        }
        if (b <= 0) {
            return 0.5 * (Erf.erfc(-b / r2) - Erf.erfc(-a / r2));
        }
        return 1 - 0.5 * (Erf.erfc(-a / r2) + Erf.erfc(b / r2));
    }

    /** Exact ∫ Π_{i ≥ k} f_i(partial_i + l_ik ξ) φ(ξ) dξ times valueSoFar: piecewise polynomial in ξ. */
    private static double innermost(int k, int n, double[] l, Factor[] g, double[] partial, double valueSoFar) {
        int base = k * n;
        int m = n - k;
        double[] a = new double[m];
        double[] b = new double[m];
        double[] cuts = new double[m + 2];
        int nc = 0;
        cuts[nc++] = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            a[i] = partial[base + k + i];
            b[i] = l[(k + i) * n + k];
            if (b[i] != 0) {
                cuts[nc++] = -a[i] / b[i];
            }
        }
        cuts[nc++] = Double.POSITIVE_INFINITY;
        java.util.Arrays.sort(cuts, 0, nc);
        double total = 0;
        for (int p = 0; p + 1 < nc; p++) {
            double lo = cuts[p];
            double hi = cuts[p + 1];
            if (!(hi > lo)) {
                continue;
            }
            double mid = Double.isInfinite(lo) ? (Double.isInfinite(hi) ? 0 : hi - 1) : (Double.isInfinite(hi) ? lo + 1 : 0.5 * (lo + hi));
            // Polynomial coefficients of the product on this piece (degree ≤ m).
            double[] poly = new double[m + 1];
            poly[0] = valueSoFar;
            int deg = 0;
            for (int i = 0; i < m; i++) {
                Factor f = g[k + i];
                boolean negative = a[i] + b[i] * mid < 0;
                double c0 = negative ? f.p0() : f.q0();
                double c1 = negative ? f.p1() : f.q1();
                // f = c0 + c1 (a + b ξ) = (c0 + c1 a) + c1 b ξ
                double e0 = c0 + c1 * a[i];
                double e1 = c1 * b[i];
                for (int d = deg + 1; d >= 0; d--) {
                    double v = (d <= deg ? poly[d] * e0 : 0) + (d >= 1 ? poly[d - 1] * e1 : 0);
                    poly[d] = v;
                }
                deg++;
            }
            // Moments of ξ on [lo, hi] under φ.
            double phiLo = Double.isInfinite(lo) ? 0 : Math.exp(-0.5 * lo * lo) / Math.sqrt(2 * Math.PI);
            double phiHi = Double.isInfinite(hi) ? 0 : Math.exp(-0.5 * hi * hi) / Math.sqrt(2 * Math.PI);
            double[] mom = new double[deg + 1];
            mom[0] = normalMass(lo, hi);
            double powLo = 1;
            double powHi = 1;
            for (int d = 1; d <= deg; d++) {
                double prev2 = d >= 2 ? mom[d - 2] : 0;
                double tLo = Double.isInfinite(lo) ? 0 : powLo * phiLo;
                double tHi = Double.isInfinite(hi) ? 0 : powHi * phiHi;
                mom[d] = (d - 1) * prev2 + tLo - tHi;
                powLo *= Double.isInfinite(lo) ? 0 : lo;
                powHi *= Double.isInfinite(hi) ? 0 : hi;
            }
            for (int d = 0; d <= deg; d++) {
                total += poly[d] * mom[d];
            }
        }
        return total;
    }
}
