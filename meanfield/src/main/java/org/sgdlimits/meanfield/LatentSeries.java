package org.sgdlimits.meanfield;

import java.util.ArrayList;
import java.util.List;

/**
 * The population side of the heat-kernel (Price) series of the corrected closure (docs/closure.md §5, "Series
 * route" and "Wick form"), for r latent axes and order N:
 * <ul>
 *   <li><b>ordinary jets</b> (length {@link #size()}, index {@code off[k] + β}): polynomials in a latent shift
 *       w ∈ ℝʳ and a bookkeeping variable ε (the order in H), kept up to weight |β| + 2k ≤ 2N for a monomial
 *       w^β ε^k, with their truncated products ({@link #multiply}) and the formal Gaussian expectation
 *       E[w^β] = Π_k (β_k − 1)!! Λ_k^(β_k/2) for w ~ N(0, diag Λ) with Λ of any sign (an identity between
 *       polynomials in Λ, so no real latent variable is needed): the node-level algebra;</li>
 *   <li><b>population Wick jets</b> (length {@link #wickSize()}, entries (β, j) with |β| + j ≤ N): a population sum
 *       Σ_l J_l(ψ_l·w) of one-unit Wick jets ({@link UnitWickAlgebra}) as the coefficients of s^j :w^β: — a unit
 *       enters through its weights s_l^j ψ_l^β ({@link #unitWeights}), the multinomial |β|!/β! and the conversion
 *       :w^β: → ordinary monomials are applied once per node ({@link #wickToOrdinary}); and, back from a node-level
 *       jet P to the units, the contraction table E[P :(ψ·w)ⁿ:] = Σ_{|β|=n} (n!/β!) ψ^β Λ^β E[∂^β P]
 *       ({@link #contractionTable}, {@link #reduce}).</li>
 * </ul>
 * Holds tables only; the coefficients that depend on Λ change with {@link #setVariances}. Not thread-safe.
 */
final class LatentSeries {
    private final int r;
    private final int order;
    private final int twoN;
    /** w-monomials of degree ≤ 2N, by degree: exponents, degree, multinomial |β|!/β!. */
    private final int[][] exps;
    private final int[] degree;
    private final double[] multinomial;
    /** degStart[j]: first w-monomial of degree j; degStart[2N + 1] = number of w-monomials. */
    private final int[] degStart;
    /** prod[β1 · mw + β2]: index of w^(β1+β2) or −1 beyond degree 2N. */
    private final int[] prod;
    private final int mw;
    private final int size;
    private final int[] off;
    private final int[] jetK;
    private final int[] jetBeta;
    /** Truncated product table of population jets: triples (m1, m2, m3). */
    private final int[] mulTable;
    /** Pairing table E[A·B]: (m1, m2, w-monomial of the product) with weight(m1) + weight(m2) ≤ 2N. */
    private final int[] pairTable;
    private double[] ew;
    private double[] pairValue;
    private int[] pairLive;
    private int pairLiveCount;

    // ---- population Wick jets ----
    /** N + 1: stride of a one-unit Wick jet (index n (N + 1) + j). */
    private final int n1;
    /** Population Wick entries (β, j), |β| + j ≤ N: monomial, degree |β|, ε-power j, one-unit index. */
    private final int wickSize;
    private final int[] wickBeta;
    private final int[] wickUnit;
    /** Degree |β| of each population Wick entry; the ε⁰ entries come first ({@link #wickLinearSize}). */
    private final int[] wickDegree;
    private final int wickLinearSize;
    /** Whether entry x is the first to reach its one-unit row (every valid row is reached). */
    private final boolean[] wickFirst;
    /** First population Wick entry of each ε-power j (entries of one j are contiguous). */
    private final int[] wickOff;
    private final double[] inverseFactorial;
    /** Wick → ordinary conversion: (source Wick entry, target ordinary entry), rational part, powers of Λ_k. */
    private final int[] toOrdinary;
    private final double[] toOrdinaryRational;
    private final int[] toOrdinaryPower;
    private final double[] toOrdinaryCoef;
    /** Contraction tables: (target Wick entry, source ordinary entry), rational part, powers of Λ_k. */
    private final int[] contraction;
    private final double[] contractionRational;
    private final int[] contractionPower;
    private final double[] contractionCoef;

    /**
     * @param r     number of latent axes (rank of H)
     * @param order N ≥ 1, the order in H
     */
    LatentSeries(int r, int order) {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("order: " + order + "; allowed 1..4");
        }
        this.r = r;
        this.order = order;
        this.twoN = 2 * order;
        List<int[]> list = new ArrayList<>();
        degStart = new int[twoN + 2];
        for (int j = 0; j <= twoN; j++) {
            degStart[j] = list.size();
            enumerate(new int[r], 0, j, list);
        }
        degStart[twoN + 1] = list.size();
        mw = list.size();
        exps = list.toArray(new int[0][]);
        degree = new int[mw];
        multinomial = new double[mw];
        for (int b = 0; b < mw; b++) {
            int d = 0;
            double m = 1;
            for (int x = 0; x < r; x++) {
                for (int t = 1; t <= exps[b][x]; t++) {
                    d++;
                    m = m * d / t;
                }
            }
            degree[b] = d;
            multinomial[b] = m;
        }
        prod = new int[mw * mw];
        for (int b1 = 0; b1 < mw; b1++) {
            for (int b2 = 0; b2 < mw; b2++) {
                prod[b1 * mw + b2] = degree[b1] + degree[b2] > twoN ? -1 : indexOf(add(exps[b1], exps[b2]));
            }
        }
        off = new int[order + 2];
        int total = 0;
        for (int k = 0; k <= order; k++) {
            off[k] = total;
            total += degStart[twoN - 2 * k + 1];
        }
        off[order + 1] = total;
        size = total;
        jetK = new int[size];
        jetBeta = new int[size];
        for (int k = 0; k <= order; k++) {
            for (int b = 0; b < off[k + 1] - off[k]; b++) {
                jetK[off[k] + b] = k;
                jetBeta[off[k] + b] = b;
            }
        }
        List<Integer> mul = new ArrayList<>();
        List<Integer> pair = new ArrayList<>();
        for (int m1 = 0; m1 < size; m1++) {
            for (int m2 = 0; m2 < size; m2++) {
                int w1 = weight(m1);
                int w2 = weight(m2);
                if (w1 + w2 > twoN) {
                    continue;
                }
                int b = prod[jetBeta[m1] * mw + jetBeta[m2]];
                int k = jetK[m1] + jetK[m2];
                mul.add(m1);
                mul.add(m2);
                mul.add(off[k] + b);
                if (even(b)) {
                    pair.add(m1);
                    pair.add(m2);
                    pair.add(b);
                }
            }
        }
        mulTable = mul.stream().mapToInt(Integer::intValue).toArray();
        pairTable = pair.stream().mapToInt(Integer::intValue).toArray();
        pairValue = new double[pairTable.length / 3];
        pairLive = new int[pairValue.length];
        ew = new double[mw];
        // ---- Wick tables ----
        n1 = order + 1;
        List<int[]> we = new ArrayList<>();
        wickOff = new int[order + 2];
        for (int j = 0; j <= order; j++) {
            wickOff[j] = we.size();
            for (int b = 0; b < degStart[order - j + 1]; b++) {
                we.add(new int[] {b, degree[b], j});
            }
        }
        wickSize = we.size();
        wickOff[order + 1] = wickSize;
        wickBeta = new int[wickSize];
        wickUnit = new int[wickSize];
        wickDegree = new int[wickSize];
        for (int x = 0; x < wickSize; x++) {
            wickBeta[x] = we.get(x)[0];
            wickDegree[x] = we.get(x)[1];
            wickUnit[x] = we.get(x)[1] * n1 + we.get(x)[2];
        }
        wickLinearSize = degStart[order + 1];
        wickFirst = new boolean[wickSize];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int x = 0; x < wickSize; x++) {
            wickFirst[x] = seen.add(wickUnit[x]);
        }
        inverseFactorial = new double[order + 1];
        for (int n = 0; n <= order; n++) {
            inverseFactorial[n] = 1 / UnitWickAlgebra.factorial(n);
        }
        // :w^β: = Π_k Σ_t β_k!/(t!(β_k − 2t)!) (−εΛ_k/2)^t w_k^(β_k − 2t)
        List<Integer> to = new ArrayList<>();
        List<Double> tor = new ArrayList<>();
        List<int[]> top = new ArrayList<>();
        for (int x = 0; x < wickSize; x++) {
            int[] beta = exps[wickBeta[x]];
            int j = wickUnit[x] % n1;
            int[] t = new int[r];
            while (true) {
                double rational = multinomial[wickBeta[x]];
                int[] gamma = new int[r];
                int tt = 0;
                for (int k = 0; k < r; k++) {
                    rational *= UnitWickAlgebra.factorial(beta[k]) / (UnitWickAlgebra.factorial(t[k])
                            * UnitWickAlgebra.factorial(beta[k] - 2 * t[k]))
                            * Math.pow(-0.5, t[k]);
                    gamma[k] = beta[k] - 2 * t[k];
                    tt += t[k];
                }
                to.add(x);
                to.add(off[j + tt] + indexOf(gamma));
                tor.add(rational);
                top.add(t.clone());
                int k = 0;
                while (k < r && ++t[k] > beta[k] / 2) {
                    t[k] = 0;
                    k++;
                }
                if (k == r) {
                    break;
                }
            }
        }
        toOrdinary = to.stream().mapToInt(Integer::intValue).toArray();
        toOrdinaryRational = tor.stream().mapToDouble(Double::doubleValue).toArray();
        toOrdinaryPower = flatten(top);
        toOrdinaryCoef = new double[tor.size()];
        // E[P :(ψ·w)^n:] = Σ_{|β| = n} (n!/β!) ψ^β Λ^β E[∂^β P], P's monomials of weight ≤ 2N − n − 2j
        List<Integer> con2 = new ArrayList<>();
        List<Double> conr = new ArrayList<>();
        List<int[]> conp = new ArrayList<>();
        for (int x = 0; x < wickSize; x++) {
            int[] beta = exps[wickBeta[x]];
            int n = degree[wickBeta[x]];
            int j = wickUnit[x] % n1;
            for (int m = 0; m < size; m++) {
                int[] gamma = exps[jetBeta[m]];
                if (weight(m) > twoN - n - 2 * j) {
                    continue;
                }
                boolean ok = true;
                double rational = multinomial[wickBeta[x]];
                int[] power = new int[r];
                for (int k = 0; k < r && ok; k++) {
                    int d = gamma[k] - beta[k];
                    if (d < 0 || d % 2 != 0) {
                        ok = false;
                        break;
                    }
                    rational *= UnitWickAlgebra.factorial(gamma[k]) / UnitWickAlgebra.factorial(d)
                            * doubleFactorial(d - 1);
                    power[k] = beta[k] + d / 2;
                }
                if (ok) {
                    con2.add(x);
                    con2.add(m);
                    conr.add(rational);
                    conp.add(power);
                }
            }
        }
        contraction = con2.stream().mapToInt(Integer::intValue).toArray();
        contractionRational = conr.stream().mapToDouble(Double::doubleValue).toArray();
        contractionPower = flatten(conp);
        contractionCoef = new double[conr.size()];
    }

    private static int[] flatten(List<int[]> rows) {
        int w = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] out = new int[rows.size() * w];
        for (int x = 0; x < rows.size(); x++) {
            System.arraycopy(rows.get(x), 0, out, x * w, w);
        }
        return out;
    }


    private static double doubleFactorial(int n) {
        double f = 1;
        for (int t = n; t > 1; t -= 2) {
            f *= t;
        }
        return f;
    }


    private static void enumerate(int[] e, int axis, int remaining, List<int[]> out) {
        if (axis == e.length - 1) {
            e[axis] = remaining;
            out.add(e.clone());
            return;
        }
        for (int t = remaining; t >= 0; t--) {
            e[axis] = t;
            enumerate(e, axis + 1, remaining - t, out);
        }
    }

    private static int[] add(int[] a, int[] b) {
        int[] c = new int[a.length];
        for (int x = 0; x < a.length; x++) {
            c[x] = a[x] + b[x];
        }
        return c;
    }

    private int indexOf(int[] e) {
        int d = 0;
        for (int v : e) {
            d += v;
        }
        for (int b = degStart[d]; b < degStart[d + 1]; b++) {
            if (java.util.Arrays.equals(exps[b], e)) {
                return b;
            }
        }
        throw new IllegalStateException("monomial not found");
    }

    private boolean even(int b) {
        for (int v : exps[b]) {
            if (v % 2 != 0) {
                return false;
            }
        }
        return true;
    }

    private int weight(int m) {
        return degree[jetBeta[m]] + 2 * jetK[m];
    }

    /** The order N. */
    int order() {
        return order;
    }

    /** Length of a population jet. */
    int size() {
        return size;
    }




    /** Population-jet index of the degree-one monomial w_x (ε⁰). */
    int linearIndex(int x) {
        int[] e = new int[r];
        e[x] = 1;
        return indexOf(e);
    }

    /** Sets the latent variances Λ_k (any sign) of the formal expectation. */
    void setVariances(double[] lambda) {
        for (int b = 0; b < mw; b++) {
            double v = 1;
            for (int x = 0; x < r && v != 0; x++) {
                int e = exps[b][x];
                if (e % 2 != 0) {
                    v = 0;
                } else {
                    for (int t = 1; t < e; t += 2) {
                        v *= t * lambda[x];
                    }
                }
            }
            ew[b] = v;
        }
        pairLiveCount = 0;
        for (int t = 0; t < pairValue.length; t++) {
            pairValue[t] = ew[pairTable[3 * t + 2]];
            if (pairValue[t] != 0) {
                pairLive[pairLiveCount++] = t;
            }
        }
        for (int t = 0; t < toOrdinaryCoef.length; t++) {
            toOrdinaryCoef[t] = toOrdinaryRational[t] * powers(lambda, toOrdinaryPower, t * r);
        }
        for (int t = 0; t < contractionCoef.length; t++) {
            contractionCoef[t] = contractionRational[t] * powers(lambda, contractionPower, t * r);
        }
    }

    private double powers(double[] lambda, int[] power, int o) {
        double v = 1;
        for (int k = 0; k < r; k++) {
            for (int t = 0; t < power[o + k]; t++) {
                v *= lambda[k];
            }
        }
        return v;
    }






    /** out = a·b (truncated); out must not alias a or b. */
    void multiply(double[] a, double[] b, double[] out) {
        java.util.Arrays.fill(out, 0, size, 0.0);
        int[] t = mulTable;
        for (int x = 0; x < t.length; x += 3) {
            out[t[x + 2]] += a[t[x]] * b[t[x + 1]];
        }
    }

    /** E[a] (ε = 1). */
    double expectation(double[] a) {
        double sum = 0;
        for (int k = 0; k <= order; k++) {
            for (int b = 0; b < off[k + 1] - off[k]; b++) {
                sum += a[off[k] + b] * ew[b];
            }
        }
        return sum;
    }

    /** E[a·b] truncated at order N (ε = 1). */
    double pair(double[] a, double[] b) {
        double sum = 0;
        int[] t = pairTable;
        for (int x = 0; x < pairLiveCount; x++) {
            int l = pairLive[x];
            sum += a[t[3 * l]] * b[t[3 * l + 1]] * pairValue[l];
        }
        return sum;
    }




    /** Length of a population Wick jet: entries (β, j), |β| + j ≤ N. */
    int wickSize() {
        return wickSize;
    }


    /** A unit's expansion weights out[oo + (β, j)] = s^j ψ^β (ψ at psi[po ..]). */
    void unitWeights(double[] psi, int po, double s, double[] out, int oo) {
        for (int x = 0; x < wickSize; x++) {
            int[] e = exps[wickBeta[x]];
            double v = 1;
            for (int k = 0; k < r; k++) {
                for (int t = 0; t < e[k]; t++) {
                    v *= psi[po + k];
                }
            }
            for (int t = wickUnit[x] % n1; t > 0; t--) {
                v *= s;
            }
            out[oo + x] = v;
        }
    }


    /**
     * Node-vectorised accumulation of a linear jet's terms of a population sum (rows of lanes; the jet holds
     * derivatives, {@link UnitWickAlgebra}): for the j = 0 entries x, pw[row + x][v] += scale · weights[wo + x] ·
     * L⁽ⁿ⁾[v]/n!, n = |β_x|.
     */
    void accumulateLinear(double[][] linear, double scale, double[] weights, int wo, double[][] pw, int row) {
        for (int x = 0; x < wickLinearSize; x++) {
            UnitWickAlgebra.axpy(scale * weights[wo + x] * inverseFactorial[wickDegree[x]], linear[wickDegree[x]],
                    pw[row + x]);
        }
    }

    /** As {@link #accumulateLinear} for a general jet G (row k = n (N + 1) + j) over every population entry. */
    void accumulate(double[][] general, double scale, double[] weights, int wo, double[][] pw, int row) {
        for (int x = 0; x < wickSize; x++) {
            UnitWickAlgebra.axpy(scale * weights[wo + x], general[wickUnit[x]], pw[row + x]);
        }
    }

    /**
     * {@link #accumulate} of a general jet into several population sums (one per basis column b: scale[b], rows
     * pw[row[b] ..]).
     */
    void accumulateColumns(double[][] general, double[] scale, double[] weights, int wo, double[][] pw, int[] row) {
        for (int x = 0; x < wickSize; x++) {
            columns(general[wickUnit[x]], weights[wo + x], scale, pw, row, x);
        }
    }

    /**
     * A linear jet L times s^j (a unit's function with j powers of its own s factored out, e.g. the −s of
     * d = q⊥ − s) into several population sums: the entries (β, j), |β| ≤ N − j, get
     * scale[b] · weights[wo + x] · L⁽ⁿ⁾/n!, n = |β|.
     */
    void accumulateLinearColumns(double[][] linear, int j, double[] scale, double[] weights, int wo, double[][] pw,
                                 int[] row) {
        for (int x = wickOff[j]; x < wickOff[j + 1]; x++) {
            int n = wickDegree[x];
            columns(linear[n], weights[wo + x] * inverseFactorial[n], scale, pw, row, x);
        }
    }

    /**
     * pw[row[b] + x] += scale[b] · wx · src for every column b: three columns (rank 3) in one pass over the lanes
     * (measured ≈ 6 % faster at rank 3), other counts column by column.
     */
    private static void columns(double[] src, double wx, double[] scale, double[][] pw, int[] row, int x) {
        if (scale.length != 3) {
            for (int b = 0; b < scale.length; b++) {
                UnitWickAlgebra.axpy(scale[b] * wx, src, pw[row[b] + x]);
            }
            return;
        }
        double[] d0 = pw[row[0] + x];
        double[] d1 = pw[row[1] + x];
        double[] d2 = pw[row[2] + x];
        double s0 = scale[0] * wx;
        double s1 = scale[1] * wx;
        double s2 = scale[2] * wx;
        for (int v = 0; v < d0.length; v++) {
            double t = src[v];
            d0[v] += s0 * t;
            d1[v] += s1 * t;
            d2[v] += s2 * t;
        }
    }

    /** The ordinary (w, ε) jet (length {@link #size()}) of lane v of a population Wick jet in rows pw[row ..]. */
    void wickToOrdinary(double[][] pw, int row, int v, double[] out, int oo) {
        java.util.Arrays.fill(out, oo, oo + size, 0.0);
        int[] t = toOrdinary;
        for (int x = 0, y = 0; x < t.length; x += 2, y++) {
            out[oo + t[x + 1]] += toOrdinaryCoef[y] * pw[row + t[x]][v];
        }
    }

    /** Lane v of the contraction table (rows: the {@link #wickSize()} entries) of an ordinary population jet P. */
    void contractionTable(double[] pop, double[][] table, int v) {
        for (int x = 0; x < wickSize; x++) {
            table[x][v] = 0;
        }
        int[] t = contraction;
        for (int x = 0, y = 0; x < t.length; x += 2, y++) {
            table[t[x]][v] += contractionCoef[y] * pop[t[x + 1]];
        }
    }

    /**
     * A unit's view of contraction tables (rows of lanes): out[k] = Σ_{x → k} weights[wo + x] table[x], k = n (N + 1)
     * + j the one-unit entry of x = (β, j), |β| = n, so that E[P · J] is a sum of row products ({@link UnitWickAlgebra#addDot} and the like) for
     * any Wick jet J of that unit. Only valid rows are written.
     */
    void reduce(double[][] table, double[] weights, int wo, double[][] out) {
        for (int x = 0; x < wickSize; x++) {
            if (wickFirst[x]) {
                UnitWickAlgebra.scaleRow(weights[wo + x], table[x], out[wickUnit[x]]);
            } else {
                UnitWickAlgebra.axpy(weights[wo + x], table[x], out[wickUnit[x]]);
            }
        }
    }
}
