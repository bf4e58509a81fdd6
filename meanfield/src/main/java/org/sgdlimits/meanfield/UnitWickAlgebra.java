package org.sgdlimits.meanfield;

import java.util.ArrayList;
import java.util.List;

/**
 * The truncated algebra of one unit's functions of its latent shift z (variance s) in the Wick (normal-ordered)
 * basis, order N (docs/closure.md §5, "Wick form"), evaluated at V teacher-field nodes at once (lanes). A function
 * F(μ + z, q⊥ − s) that solves the heat equation (a conditional moment) is Σ_n F⁽ⁿ⁾(μ, q⊥)/n! :zⁿ:; products carry
 * powers of s from contractions: :zᵃ: :zᵇ: = Σ_c C(a,c) C(b,c) c! s^c :z^(a+b−2c):. Two kinds of jets, both as
 * rows of lanes (entry e of lane v at jet[e][v], every row of length V, so that every operation is a loop over one
 * contiguous row, which the JIT vectorises):
 * <ul>
 *   <li><b>linear</b> (rows 0..N, more are ignored): the derivatives F⁽ⁿ⁾ of one moment themselves, so that a
 *       caller's derivative rows are used in place; the Taylor factor 1/n! of its Wick coefficient F⁽ⁿ⁾/n! is
 *       folded into the coefficients of every operation that reads a linear jet;</li>
 *   <li><b>general</b> ((N + 1)² entries, entry n (N + 1) + j): the coefficient of s^j :zⁿ:, valid for n + j ≤ N
 *       (a term of degree n must be contracted with other units, n powers of H, so higher entries never reach
 *       order N); only valid entries are written and read.</li>
 * </ul>
 * The expectation over the unit's own shift is E1[J] = Σ_j J[0, j] s^j, and E1[A ⋆ B] = Σ_c c! s^c A_c B_c (Wick
 * coefficients) needs no product; neither does a contraction E[P · (A ⋆ B)] against a reduced table of P. Per-lane results are accumulated into lane vectors ({@code acc[v] += scale · …}). Products and
 * pairings run on index tables built once; every method is allocation-free. Immutable.
 */
final class UnitWickAlgebra {
    private final int order;
    private final int n1;
    private final int lanes;
    /** Indices of the valid general entries. */
    private final int[] valid;
    private final double[] inverseFactorial;
    private final int[] productLL;
    private final double[] productLLCoef;
    /** Whether a product table entry is the first to write its output row (then = instead of +=). */
    private final boolean[] productLLFirst;
    private final int[] productGL;
    private final double[] productGLCoef;
    private final boolean[] productGLFirst;
    /** Valid rows that no product term reaches (zeroed by the products). */
    private final int[] unreachedLL;
    private final int[] unreachedGL;
    /** E1[G ⋆ L]: (general entry, linear entry, power of s) and c!. */
    private final int[] pairGL;
    private final double[] pairGLCoef;
    /** E1[G ⋆ H]: (entry in G, entry in H, power of s) and c!. */
    private final int[] pairGG;
    private final double[] pairGGCoef;

    /**
     * @param order N ≥ 1
     * @param lanes V ≥ 1, the number of nodes evaluated together
     */
    UnitWickAlgebra(int order, int lanes) {
        this.order = order;
        this.n1 = order + 1;
        this.lanes = lanes;
        List<Integer> v = new ArrayList<>();
        for (int n = 0; n <= order; n++) {
            for (int j = 0; n + j <= order; j++) {
                v.add(n * n1 + j);
            }
        }
        valid = toInts(v);
        inverseFactorial = new double[n1];
        for (int n = 0; n <= order; n++) {
            inverseFactorial[n] = 1 / factorial(n);
        }
        List<Integer> ll = new ArrayList<>();
        List<Double> llc = new ArrayList<>();
        List<Integer> gl = new ArrayList<>();
        List<Double> glc = new ArrayList<>();
        for (int a = 0; a <= order; a++) {
            for (int ja = 0; a + ja <= order; ja++) {
                for (int b = 0; b <= order; b++) {
                    for (int c = 0; c <= Math.min(a, b); c++) {
                        int n = a + b - 2 * c;
                        int j = ja + c;
                        if (n + j > order) {
                            continue;
                        }
                        // linear factors are derivatives: their 1/a!, 1/b! enter the coefficient
                        double coef = binomial(a, c) * binomial(b, c) * factorial(c) / factorial(b);
                        if (ja == 0) {
                            ll.add(a);
                            ll.add(b);
                            ll.add(n * n1 + j);
                            llc.add(coef / factorial(a));
                        }
                        gl.add(a * n1 + ja);
                        gl.add(b);
                        gl.add(n * n1 + j);
                        glc.add(coef);
                    }
                }
            }
        }
        productLL = toInts(ll);
        productLLCoef = toDoubles(llc);
        productLLFirst = firstWrites(productLL);
        unreachedLL = unreached(productLL);
        productGL = toInts(gl);
        productGLCoef = toDoubles(glc);
        productGLFirst = firstWrites(productGL);
        unreachedGL = unreached(productGL);
        List<Integer> pgl = new ArrayList<>();
        List<Double> pglc = new ArrayList<>();
        List<Integer> pgg = new ArrayList<>();
        List<Double> pggc = new ArrayList<>();
        for (int c = 0; c <= order; c++) {
            for (int ja = 0; c + ja <= order; ja++) {
                pgl.add(c * n1 + ja);
                pgl.add(c);
                pgl.add(c + ja);
                pglc.add(1.0); // c! contractions times the linear factor's 1/c!
                for (int jb = 0; c + ja + jb <= order; jb++) {
                    pgg.add(c * n1 + ja);
                    pgg.add(c * n1 + jb);
                    pgg.add(c + ja + jb);
                    pggc.add(factorial(c));
                }
            }
        }
        pairGL = toInts(pgl);
        pairGLCoef = toDoubles(pglc);
        pairGG = toInts(pgg);
        pairGGCoef = toDoubles(pggc);
    }

    private static boolean[] firstWrites(int[] table) {
        boolean[] first = new boolean[table.length / 3];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int x = 0; x < first.length; x++) {
            first[x] = seen.add(table[3 * x + 2]);
        }
        return first;
    }

    private int[] unreached(int[] table) {
        java.util.Set<Integer> reached = new java.util.HashSet<>();
        for (int x = 0; x < table.length; x += 3) {
            reached.add(table[x + 2]);
        }
        return java.util.Arrays.stream(valid).filter(k -> !reached.contains(k)).toArray();
    }

    private static int[] toInts(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] toDoubles(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** n! as a double. */
    static double factorial(int n) {
        double f = 1;
        for (int t = 2; t <= n; t++) {
            f *= t;
        }
        return f;
    }

    static double binomial(int n, int k) {
        return factorial(n) / (factorial(k) * factorial(n - k));
    }

    /** The order N. */
    int order() {
        return order;
    }

    /** Number of lanes V. */
    int lanes() {
        return lanes;
    }

    /** A new linear jet: N + 1 rows of V lanes. */
    double[][] newLinear() {
        return new double[n1][lanes];
    }

    /** A new general jet: (N + 1)² rows of V lanes. */
    double[][] newGeneral() {
        return new double[n1 * n1][lanes];
    }

    /** Row index of s^j :zⁿ: in a general jet. */
    int index(int n, int j) {
        return n * n1 + j;
    }

    /**
     * The linear jet (derivatives) of G(μ0) = E[F-integrand at λ times (λ − μ0)] for a moment F (D or SD) from F's
     * derivative rows (orders ≤ N + 1): G⁽ⁿ⁾ = q⊥ F⁽ⁿ⁺¹⁾ + n F⁽ⁿ⁻¹⁾ (Stein's lemma on λ − μ0 = √q⊥ ξ plus the
     * shift).
     */
    void centredLinear(double[][] derivatives, double qPerp, double[][] out) {
        scaleRow(qPerp, derivatives[1], out[0]);
        for (int n = 1; n <= order; n++) {
            double[] up = derivatives[n + 1];
            double[] down = derivatives[n - 1];
            double[] o = out[n];
            for (int v = 0; v < o.length; v++) {
                o[v] = qPerp * up[v] + n * down[v];
            }
        }
    }


    /** g = x · h over the valid rows of general jets (g may alias h). */
    void scale(double[][] h, double x, double[][] g) {
        for (int k : valid) {
            scaleRow(x, h[k], g[k]);
        }
    }

    /** g += x · h over the valid rows of general jets. */
    void add(double[][] h, double x, double[][] g) {
        for (int k : valid) {
            axpy(x, h[k], g[k]);
        }
    }

    /** g += x · L (general g, linear L): L's Wick coefficients L⁽ⁿ⁾/n! enter the s⁰ rows. */
    void addLinear(double[][] linear, double x, double[][] g) {
        for (int n = 0; n <= order; n++) {
            axpy(x * inverseFactorial[n], linear[n], g[n * n1]);
        }
    }

    /** out (general) = A ⋆ B for linear A, B (out aliases neither). */
    void multiply(double[][] a, double[][] b, double[][] out) {
        apply(productLL, productLLCoef, productLLFirst, unreachedLL, a, b, out);
    }

    /** out (general) = G ⋆ L for a general G and a linear L (out aliases neither). */
    void multiplyGeneral(double[][] g, double[][] l, double[][] out) {
        apply(productGL, productGLCoef, productGLFirst, unreachedGL, g, l, out);
    }

    /** One product table: its first write to a row sets it, later ones add; rows no term reaches are zeroed. */
    private static void apply(int[] t, double[] cf, boolean[] first, int[] unreached, double[][] a, double[][] b,
                              double[][] out) {
        for (int x = 0, y = 0; x < t.length; x += 3, y++) {
            if (first[y]) {
                setProduct(cf[y], a[t[x]], b[t[x + 1]], out[t[x + 2]]);
            } else {
                product(cf[y], a[t[x]], b[t[x + 1]], out[t[x + 2]]);
            }
        }
        for (int k : unreached) {
            java.util.Arrays.fill(out[k], 0.0);
        }
    }

    /** acc += x · E[P · (A ⋆ B)] for linear A, B against a unit's reduced table of P, without forming A ⋆ B. */
    void addDotProduct(double[][] a, double[][] b, double[][] reduced, double x, double[] acc) {
        contract(productLL, productLLCoef, a, b, reduced, x, acc);
    }

    /** acc += x · E[P · (G ⋆ L)] for a general G and a linear L, without forming G ⋆ L. */
    void addDotProductGeneral(double[][] g, double[][] l, double[][] reduced, double x, double[] acc) {
        contract(productGL, productGLCoef, g, l, reduced, x, acc);
    }

    private static void contract(int[] t, double[] cf, double[][] a, double[][] b, double[][] reduced, double x,
                                 double[] acc) {
        for (int e = 0, y = 0; e < t.length; e += 3, y++) {
            tripleProduct(x * cf[y], a[t[e]], b[t[e + 1]], reduced[t[e + 2]], acc);
        }
    }

    /** The powers s^0..s^N into out. */
    void powers(double s, double[] out) {
        out[0] = 1;
        for (int j = 1; j <= order; j++) {
            out[j] = out[j - 1] * s;
        }
    }

    /** acc = x · E1[G] = x Σ_j G[0, j] s^j (powers of s from {@link #powers}). */
    void setMean(double[][] g, double[] sPowers, double x, double[] acc) {
        scaleRow(x, g[0], acc);
        for (int j = 1; j <= order; j++) {
            axpy(x * sPowers[j], g[j], acc);
        }
    }


    /** acc += x · E1[A ⋆ B] = x Σ_c c! s^c (A⁽ᶜ⁾/c!)(B⁽ᶜ⁾/c!) for linear A, B. */
    void addPair(double[][] a, double[][] b, double[] sPowers, double x, double[] acc) {
        for (int c = 0; c <= order; c++) {
            product(x * inverseFactorial[c] * sPowers[c], a[c], b[c], acc);
        }
    }

    /** acc += x · E1[G ⋆ L] for a general G and a linear L. */
    void addPairGeneral(double[][] g, double[][] l, double[] sPowers, double x, double[] acc) {
        int[] t = pairGL;
        for (int e = 0, y = 0; e < t.length; e += 3, y++) {
            product(x * pairGLCoef[y] * sPowers[t[e + 2]], g[t[e]], l[t[e + 1]], acc);
        }
    }

    /** acc += x · E1[G ⋆ H] for general G, H. */
    void addPairGenerals(double[][] g, double[][] h, double[] sPowers, double x, double[] acc) {
        int[] t = pairGG;
        for (int e = 0, y = 0; e < t.length; e += 3, y++) {
            product(x * pairGGCoef[y] * sPowers[t[e + 2]], g[t[e]], h[t[e + 1]], acc);
        }
    }

    /** acc += x Σ_n (L⁽ⁿ⁾/n!) red[n (N + 1)]: E[P · L] for a linear jet against a unit's reduced table of P. */
    void addDot(double[][] linear, double[][] reduced, double x, double[] acc) {
        for (int n = 0; n <= order; n++) {
            product(x * inverseFactorial[n], linear[n], reduced[n * n1], acc);
        }
    }

    /**
     * acc += x · E[P · (L ⋆ z)] for a linear L and the unit's own shift z: :zᵃ: :z: = :zᵃ⁺¹: + a s :zᵃ⁻¹:, so the
     * contraction is Σ_a (L⁽ᵃ⁾/a!) (red[a + 1, 0] + a red[a − 1, 1]) over the entries within order N.
     */
    void addDotShift(double[][] linear, double[][] reduced, double x, double[] acc) {
        for (int a = 0; a <= order; a++) {
            double f = x * inverseFactorial[a];
            if (a + 1 <= order) {
                product(f, linear[a], reduced[index(a + 1, 0)], acc);
            }
            if (a >= 1) {
                product(f * a, linear[a], reduced[index(a - 1, 1)], acc);
            }
        }
    }


    /** out[v] += c · a[v] · b[v]. */
    static void product(double c, double[] a, double[] b, double[] out) {
        for (int v = 0; v < out.length; v++) {
            out[v] += c * a[v] * b[v];
        }
    }

    /** out[v] = c · a[v] · b[v]. */
    static void setProduct(double c, double[] a, double[] b, double[] out) {
        for (int v = 0; v < out.length; v++) {
            out[v] = c * a[v] * b[v];
        }
    }

    /** out[v] += c · a[v] · b[v] · d[v]. */
    static void tripleProduct(double c, double[] a, double[] b, double[] d, double[] out) {
        for (int v = 0; v < out.length; v++) {
            out[v] += c * a[v] * b[v] * d[v];
        }
    }

    /** out[v] += c · a[v]. */
    static void axpy(double c, double[] a, double[] out) {
        for (int v = 0; v < out.length; v++) {
            out[v] += c * a[v];
        }
    }

    /** out[v] = c · a[v]. */
    static void scaleRow(double c, double[] a, double[] out) {
        for (int v = 0; v < out.length; v++) {
            out[v] = c * a[v];
        }
    }
}
