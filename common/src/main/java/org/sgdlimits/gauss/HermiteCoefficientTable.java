package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;
import org.sgdlimits.activation.StandardActivation;

/**
 * The Hermite coefficients of one activation as functions of the scale, tabulated once (docs/theory.md
 * §3.10.1): a_n(s) = E[σ(sη) h_n(η)] (h_n = He_n/√n!, η ~ N(0, 1)) for n ≤ {@link #MAX_TERMS}, with
 * m2(s) = E[σ(sη)²] (Parseval: Σ_n a_n² = m2) and g1(s) = E[σ'(sη)], on the grid s = j·{@value #GRID_STEP},
 * 0 ≤ s ≤ {@link #MAX_SCALE}. Entries are trapezoidal sums in η (step 0.05, |η| ≤ 36, over the normalised
 * Hermite functions, so nothing overflows), exact to ≈ 1e-15 for activations analytic in a strip of half-width
 * ≥ π/(2·3); between grid points, eight-point Lagrange interpolation (≈ 1e-13 for tanh). Mehler's formula then
 * gives E[σ_a(x) σ_b(y)] = Σ_n ρⁿ a_n(s_x) b_n(s_y) for zero-mean Gaussians with standard deviations s_x, s_y and
 * correlation ρ. Immutable and thread-safe; building costs ≈ 0.1–0.5 s.
 */
public final class HermiteCoefficientTable {
    /** Largest coefficient index. */
    public static final int MAX_TERMS = 240;
    /** Grid step in s. */
    public static final double GRID_STEP = 0.01;
    /** Largest tabulated scale (standard deviation). */
    public static final double TABLE_END = 3.0;
    /** Largest scale for which interpolation is accurate (a centred stencil fits). */
    public static final double MAX_SCALE = TABLE_END - 4 * GRID_STEP;
    private static final int STENCIL = 8;
    /** Π_{r≠q} (q − r) for the eight-point stencil: (−1)^(7−q) q! (7−q)!. */
    private static final double[] BARYCENTRIC = {-5040, 720, -240, 144, -144, 240, -720, 5040};
    private static final double QUADRATURE_STEP = 0.05;
    private static final double QUADRATURE_END = 36;

    private final Activation activation;
    /** 1 for an odd activation (only odd n are non-zero), 0 for an even one, −1 without symmetry. */
    private final int parity;
    /** Row j: a_0 … a_MAX_TERMS at s = j·GRID_STEP, then m2, then g1. */
    private final double[][] rows;
    private final int width;

    /** Tables of the standard activations, built on first use and shared (they are immutable). */
    private static final java.util.Map<StandardActivation, HermiteCoefficientTable> STANDARD =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The table of σ: shared for a {@link StandardActivation}, else built (≈ 0.1–0.5 s). */
    public static HermiteCoefficientTable of(Activation activation) {
        if (activation instanceof StandardActivation s) {
            return STANDARD.computeIfAbsent(s, HermiteCoefficientTable::new);
        }
        return new HermiteCoefficientTable(activation);
    }

    /** Tabulates σ = {@code activation} (smooth; not for activations with a kink). */
    public HermiteCoefficientTable(Activation activation) {
        if (activation == null || activation.hasKink()) {
            throw new IllegalArgumentException("activation: " + activation + "; Hermite tables need a smooth activation");
        }
        this.activation = activation;
        this.parity = activation.parity() == Parity.ODD ? 1 : activation.parity() == Parity.EVEN ? 0 : -1;
        int grid = (int) Math.round(TABLE_END / GRID_STEP) + 1;
        int nodes = 2 * (int) Math.round(QUADRATURE_END / QUADRATURE_STEP) + 1;
        double[] eta = new double[nodes];
        double[] root = new double[nodes]; // h √φ(η): the weight split between the integrand and ψ_n
        for (int q = 0; q < nodes; q++) {
            eta[q] = (q - nodes / 2) * QUADRATURE_STEP;
            root[q] = QUADRATURE_STEP * Math.exp(-0.25 * eta[q] * eta[q]) / Math.pow(2 * Math.PI, 0.25);
        }
        // normalised Hermite functions ψ_n = h_n √φ (bounded by 1), so that h_n(η) φ(η) h = ψ_n(η) · root(η)
        double[][] psi = new double[MAX_TERMS + 1][nodes];
        for (int q = 0; q < nodes; q++) {
            double s0 = Math.exp(-0.25 * eta[q] * eta[q]) / Math.pow(2 * Math.PI, 0.25);
            psi[0][q] = s0;
            psi[1][q] = eta[q] * s0;
        }
        for (int n = 2; n <= MAX_TERMS; n++) {
            double c1 = 1 / Math.sqrt(n);
            double c0 = Math.sqrt(n - 1.0) * c1;
            for (int q = 0; q < nodes; q++) {
                psi[n][q] = eta[q] * c1 * psi[n - 1][q] - c0 * psi[n - 2][q];
            }
        }
        this.width = MAX_TERMS + 3;
        this.rows = new double[grid][width];
        double[] f = new double[nodes];
        for (int j = 0; j < grid; j++) {
            double s = j * GRID_STEP;
            double m2 = 0;
            double g1 = 0;
            for (int q = 0; q < nodes; q++) {
                double v = activation.value(s * eta[q]);
                f[q] = v * root[q];
                double phiH = root[q] * root[q] / QUADRATURE_STEP; // h φ(η)
                m2 += phiH * v * v;
                g1 += phiH * activation.derivative(s * eta[q]);
            }
            double[] row = rows[j];
            for (int n = parity >= 0 ? parity : 0; n <= MAX_TERMS; n += parity >= 0 ? 2 : 1) {
                double[] pn = psi[n];
                double acc = 0;
                for (int q = 0; q < nodes; q++) {
                    acc += f[q] * pn[q];
                }
                row[n] = acc;
            }
            row[MAX_TERMS + 1] = m2;
            row[MAX_TERMS + 2] = g1;
        }
    }

    /** The tabulated activation. */
    public Activation activation() {
        return activation;
    }

    /** 1 when only odd coefficients are non-zero (odd σ), 0 when only even ones (even σ), −1 otherwise. */
    int parity() {
        return parity;
    }

    /** Whether s is inside the accurate range [0, {@link #MAX_SCALE}]. */
    public static boolean covers(double s) {
        return s >= 0 && s <= MAX_SCALE;
    }

    /**
     * Interpolation stencil for scale s (0 ≤ s ≤ MAX_SCALE) into {@code weights} (length ≥ 8); returns the first
     * grid row.
     */
    static int stencil(double s, double[] weights) {
        double x = s / GRID_STEP;
        int first = (int) Math.floor(x) - STENCIL / 2 + 1;
        int last = (int) Math.round(TABLE_END / GRID_STEP);
        if (first < 0) {
            first = 0;
        } else if (first + STENCIL - 1 > last) {
            first = last - STENCIL + 1;
        }
        double t = x - first;
        double product = 1;
        for (int r = 0; r < STENCIL; r++) {
            product *= t - r;
        }
        for (int q = 0; q < STENCIL; q++) {
            double d = t - q;
            if (d == 0) {
                java.util.Arrays.fill(weights, 0, STENCIL, 0.0);
                weights[q] = 1;
                return first;
            }
            weights[q] = product / (d * BARYCENTRIC[q]);
        }
        return first;
    }

    /** a_n(s) for from ≤ n &lt; to into out[n] (the stencil from {@link #stencil}). */
    void fill(int first, double[] weights, int from, int to, double[] out) {
        double[] r0 = rows[first];
        double[] r1 = rows[first + 1];
        double[] r2 = rows[first + 2];
        double[] r3 = rows[first + 3];
        double[] r4 = rows[first + 4];
        double[] r5 = rows[first + 5];
        double[] r6 = rows[first + 6];
        double[] r7 = rows[first + 7];
        double w0 = weights[0];
        double w1 = weights[1];
        double w2 = weights[2];
        double w3 = weights[3];
        double w4 = weights[4];
        double w5 = weights[5];
        double w6 = weights[6];
        double w7 = weights[7];
        int start = from;
        int step = 1;
        if (parity >= 0) {
            step = 2;
            start = (from & 1) == parity ? from : from + 1;
        }
        for (int n = start; n < to; n += step) {
            out[n] = w0 * r0[n] + w1 * r1[n] + w2 * r2[n] + w3 * r3[n] + w4 * r4[n] + w5 * r5[n] + w6 * r6[n]
                    + w7 * r7[n];
        }
    }

    /** Interpolated column c (m2 or g1). */
    private double column(int first, double[] weights, int c) {
        double v = 0;
        for (int q = 0; q < STENCIL; q++) {
            v += weights[q] * rows[first + q][c];
        }
        return v;
    }

    /** m2(s) = E[σ(sη)²] with the stencil of s. */
    double secondMoment(int first, double[] weights) {
        return column(first, weights, MAX_TERMS + 1);
    }

    /** g1(s) = E[σ'(sη)] with the stencil of s. */
    double derivativeMean(int first, double[] weights) {
        return column(first, weights, MAX_TERMS + 2);
    }

    /** a_0(s) … a_{terms−1}(s) into a fresh array (0 ≤ s ≤ MAX_SCALE; for tests and reports). */
    public double[] coefficients(double s, int terms) {
        double[] w = new double[STENCIL];
        double[] out = new double[terms];
        fill(stencil(s, w), w, 0, terms, out);
        return out;
    }

    /** m2(s) = E[σ(sη)²] (0 ≤ s ≤ MAX_SCALE). */
    public double secondMoment(double s) {
        double[] w = new double[STENCIL];
        return secondMoment(stencil(s, w), w);
    }

    /** g1(s) = E[σ'(sη)] (0 ≤ s ≤ MAX_SCALE). */
    public double derivativeMean(double s) {
        double[] w = new double[STENCIL];
        return derivativeMean(stencil(s, w), w);
    }
}
