package org.sgdlimits.meanfield;

import java.util.ArrayList;
import java.util.List;

/**
 * Truncated Taylor jets for the heat-kernel (Price) series of the corrected closure (docs/closure.md §5,
 * "Series route"): polynomials in a latent shift w ∈ ℝʳ and a bookkeeping variable ε (the order in H), kept up
 * to weight |β| + 2k ≤ 2N for a monomial w^β ε^k, and the formal Gaussian expectation E[w^β] = Π_k (β_k − 1)!! Λ_k^(β_k/2)
 * for w ~ N(0, diag Λ) with Λ of any sign (an identity between polynomials in Λ, so no real latent variable is
 * needed). Two kinds of jets:
 * <ul>
 *   <li>population jets (length {@link #size()}), index {@code off[k] + β} over the monomials w^β ε^k;</li>
 *   <li>one-unit jets (length {@link #unitSize()}), index j (N + 1) + k, the Taylor coefficients in
 *       (z, ε) of one unit's moment F(μ + z, q⊥ − ε s): z = ψ·w is that unit's latent shift.</li>
 * </ul>
 * A one-unit jet enters a population sum through the unit's monomials mono[β] = (|β|!/β!) ψ^β
 * (z^j = Σ_{|β|=j} mono[β] w^β). Holds tables only; the expectation weights change with Λ
 * ({@link #setVariances}). Not thread-safe.
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
    /** Contraction table: (target in the contraction array, m1, w-monomial of β1 + γ). */
    private final int[] contractTable;
    private final int[] contractOff;
    /** One-unit product table: (a, b, out) index triples with weight ≤ 2N. */
    private final int[] unitTable;
    private final int contractSize;
    private double[] ew;
    private double[] pairValue;
    private double[] contractValue;
    private int[] pairLive;
    private int pairLiveCount;
    private int[] contractLive;
    private int contractLiveCount;

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
        // contraction blocks (j, k2): γ of degree j, budget 2N − j − 2k2 for the population monomial
        contractOff = new int[(twoN + 1) * (order + 1) + 1];
        int c = 0;
        List<Integer> con = new ArrayList<>();
        for (int j = 0; j <= twoN; j++) {
            for (int k2 = 0; k2 <= order; k2++) {
                contractOff[j * (order + 1) + k2] = c;
                if (j + 2 * k2 > twoN) {
                    continue;
                }
                int budget = twoN - j - 2 * k2;
                for (int g = degStart[j]; g < degStart[j + 1]; g++) {
                    for (int m1 = 0; m1 < size; m1++) {
                        if (weight(m1) <= budget) {
                            int b = prod[jetBeta[m1] * mw + g];
                            if (even(b)) {
                                con.add(c + g - degStart[j]);
                                con.add(m1);
                                con.add(b);
                            }
                        }
                    }
                }
                c += degStart[j + 1] - degStart[j];
            }
        }
        contractOff[(twoN + 1) * (order + 1)] = c;
        contractSize = c;
        contractTable = con.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> ut = new ArrayList<>();
        int n1 = order + 1;
        for (int j1 = 0; j1 <= twoN; j1++) {
            for (int k1 = 0; j1 + 2 * k1 <= twoN; k1++) {
                for (int j2 = 0; j1 + j2 + 2 * k1 <= twoN; j2++) {
                    for (int k2 = 0; j1 + j2 + 2 * (k1 + k2) <= twoN; k2++) {
                        ut.add(j1 * n1 + k1);
                        ut.add(j2 * n1 + k2);
                        ut.add((j1 + j2) * n1 + k1 + k2);
                    }
                }
            }
        }
        unitTable = ut.stream().mapToInt(Integer::intValue).toArray();
        pairValue = new double[pairTable.length / 3];
        pairLive = new int[pairValue.length];
        contractValue = new double[contractTable.length / 3];
        contractLive = new int[contractValue.length];
        ew = new double[mw];
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

    /** Length of a one-unit jet: (2N + 1)(N + 1). */
    int unitSize() {
        return (twoN + 1) * (order + 1);
    }

    /** Number of w-monomials (length of a unit's monomial vector). */
    int monomials() {
        return mw;
    }

    /** Length of a contraction array ({@link #prepareContraction}). */
    int contractionSize() {
        return contractSize;
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
        contractLiveCount = 0;
        for (int t = 0; t < contractValue.length; t++) {
            contractValue[t] = ew[contractTable[3 * t + 2]];
            if (contractValue[t] != 0) {
                contractLive[contractLiveCount++] = t;
            }
        }
    }

    /** mono[o + β] = (|β|!/β!) ψ^β for every w-monomial, ψ at psi[po ..]. */
    void unitMonomials(double[] psi, int po, double[] mono, int o) {
        for (int b = 0; b < mw; b++) {
            double v = multinomial[b];
            for (int x = 0; x < r; x++) {
                for (int t = 0; t < exps[b][x]; t++) {
                    v *= psi[po + x];
                }
            }
            mono[o + b] = v;
        }
    }

    /**
     * One-unit jet of F(μ + z, q⊥ − ε s) from the derivatives F⁽ⁿ⁾(μ, q⊥) at {@code der[o ..]} (n ≤ 2N):
     * coefficient of z^j ε^k = F⁽ʲ⁺²ᵏ⁾ (−s/2)^k / (j! k!) (the heat equation ∂_q⊥ F = ½ ∂²_μ F).
     */
    void unitJet(double[] der, int o, double s, double[] out) {
        int n1 = order + 1;
        double ck = 1;
        for (int k = 0; k <= order; k++) {
            double cj = ck;
            for (int j = 0; j <= twoN; j++) {
                out[j * n1 + k] = j + 2 * k <= twoN ? cj * der[o + j + 2 * k] : 0.0;
                cj /= j + 1;
            }
            ck *= -0.5 * s / (k + 1);
        }
    }

    /** Truncated product of one-unit jets (out must not alias a or b): the table of (a, b, out) index triples. */
    void unitMultiply(double[] a, double[] b, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        int[] t = unitTable;
        for (int x = 0; x < t.length; x += 3) {
            out[t[x + 2]] += a[t[x]] * b[t[x + 1]];
        }
    }

    /** E over the unit's own latent shift z ~ N(0, s) (formal): Σ J[j][k] (j − 1)!! s^(j/2), j even. */
    double unitExpectation(double[] jet, double s) {
        int n1 = order + 1;
        double sum = 0;
        double moment = 1;
        for (int j = 0; j <= twoN; j += 2) {
            for (int k = 0; j + 2 * k <= twoN; k++) {
                sum += jet[j * n1 + k] * moment;
            }
            moment *= (j + 1) * s;
        }
        return sum;
    }

    /** pop[po ..] += weight · (the unit's jet expanded in w through its monomials). */
    void accumulate(double[] pop, int po, double[] jet, double weight, double[] mono, int mo) {
        if (weight == 0) {
            return;
        }
        int n1 = order + 1;
        for (int k = 0; k <= order; k++) {
            int o = po + off[k];
            for (int j = 0; j + 2 * k <= twoN; j++) {
                double cf = weight * jet[j * n1 + k];
                if (cf == 0) {
                    continue;
                }
                for (int b = degStart[j]; b < degStart[j + 1]; b++) {
                    pop[o + b] += cf * mono[mo + b];
                }
            }
        }
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

    /** The node-level table (at out[oo ..]) of a population jet P for {@link #contract}: E[P w^(β+γ)] per budget. */
    void prepareContraction(double[] pop, double[] out, int oo) {
        java.util.Arrays.fill(out, oo, oo + contractSize, 0.0);
        int[] t = contractTable;
        for (int x = 0; x < contractLiveCount; x++) {
            int l = contractLive[x];
            out[oo + t[3 * l]] += pop[t[3 * l + 1]] * contractValue[l];
        }
    }

    /** E[P · J] for a population jet P (prepared) and a unit's jet J with monomials mono (truncated at N). */
    double contract(double[] prepared, int po, double[] jet, double[] mono, int mo) {
        int n1 = order + 1;
        double sum = 0;
        for (int j = 0; j <= twoN; j++) {
            int g0 = degStart[j];
            int g1 = degStart[j + 1];
            for (int k2 = 0; j + 2 * k2 <= twoN; k2++) {
                double cf = jet[j * n1 + k2];
                if (cf == 0) {
                    continue;
                }
                int o = po + contractOff[j * n1 + k2] - g0;
                double inner = 0;
                for (int g = g0; g < g1; g++) {
                    inner += mono[mo + g] * prepared[o + g];
                }
                sum += cf * inner;
            }
        }
        return sum;
    }
}
