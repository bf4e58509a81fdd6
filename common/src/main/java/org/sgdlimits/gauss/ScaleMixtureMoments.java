package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.BellShapedDerivative;

/**
 * Fast Gaussian moments for a student whose derivative is a bell-shaped Gaussian scale mixture (tanh, sigmoid,
 * erf; {@link Activation#bellShapedDerivative}) and any smooth teacher (docs/theory.md §3.10.1).
 *
 * <ul>
 *   <li>Every σ' factor is replaced by its K-point mixture Σ_k β_k e^(−t_k x²) ({@link GaussianScaleMixture}),
 *   and each Gaussian factor is absorbed into the measure: E[e^(−t_i λ_i² − t_j λ_j²) h(λ)] = N E'[h(λ)], with
 *   the tilted covariance Σ' = Ω − Ω_{·S} (I + D Ω_SS)⁻¹ D Ω_{S·} (D = diag(2t_i, 2t_j) on S = {i, j}) and
 *   N = det(I + D Ω_SS)^(−1/2) ({@link #tilt}). The fields stay centred, so what remains needs only the scales
 *   and correlations of Σ'.</li>
 *   <li>What remains: E'[σ_a(w) σ_b(z)] by Mehler's formula Σ_n ρⁿ a_n(s_w) b_n(s_z) with tabulated Hermite
 *   coefficients ({@link HermiteCoefficientTable}) and the Parseval tail bound |ρ|^(N+1) √(T_a T_b),
 *   T_a = m2 − Σ_{n≤N} a_n²; E'[λ_v σ_b(λ_w)] = Σ'_vw E[σ_b'(s_w η)] (Stein) from the tabulated g1.</li>
 *   <li>So I4 is K² tilts and one Mehler sum each, I3 K tilts, J2 K² closed forms, I2 one Mehler sum; the drift
 *   kernel shares each tilt over all (u, v) of the noise sum.</li>
 * </ul>
 *
 * <p>Error: the mixture error (σ' vs its K-point rule, Gauss in τ = ln K; the convergence table of §3.10.1)
 * plus the Mehler bound ({@code tolerance} relative to √(m2_a m2_b)) plus interpolation (≈ 1e-13). Outside the
 * table (a tilted standard deviation above {@link HermiteCoefficientTable#MAX_SCALE}) or without Mehler
 * convergence in {@link HermiteCoefficientTable#MAX_TERMS} terms a moment is computed by the accurate
 * {@link ReducedHermiteMoments} ({@link #fallback()}). Immutable and thread-safe; per-moment calls allocate a
 * small workspace.
 */
public final class ScaleMixtureMoments implements GaussianMoments {
    /** Default number of mixture points K (see the convergence table in docs/theory.md §3.10.1). */
    public static final int DEFAULT_POINTS = 12;
    /** Default relative Mehler tail tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-13;

    private final Activation student;
    private final Activation teacher;
    private final GaussianScaleMixture mixture;
    private final HermiteCoefficientTable[] tables = new HermiteCoefficientTable[2];
    private final double tolerance;
    /** ln(tolerance). */
    private final double logTolerance;
    private final ReducedHermiteMoments fallback;

    /** K = {@value #DEFAULT_POINTS}, Mehler tolerance {@value #DEFAULT_TOLERANCE}. */
    public ScaleMixtureMoments(Activation student, Activation teacher) {
        this(student, teacher, DEFAULT_POINTS, DEFAULT_TOLERANCE);
    }

    /**
     * @param points    K, the mixture points per σ' factor, in [1, 40]
     * @param tolerance relative Mehler tail tolerance, in [1e-15, 1e-3]
     * @throws IllegalArgumentException when the student's derivative is not a bell-shaped mixture, an activation
     *                                  has a kink, or an argument is out of range
     */
    public ScaleMixtureMoments(Activation student, Activation teacher, int points, double tolerance) {
        if (!supports(student, teacher)) {
            throw new IllegalArgumentException("activation: " + student + "/" + teacher
                    + "; scale-mixture moments need a student with a bell-shaped derivative and smooth activations");
        }
        if (!(tolerance >= 1e-15 && tolerance <= 1e-3)) {
            throw new IllegalArgumentException("tolerance: " + tolerance + "; allowed range [1e-15, 1e-3]");
        }
        this.student = student;
        this.teacher = teacher;
        this.mixture = GaussianScaleMixture.of(student.bellShapedDerivative(), points);
        this.tolerance = tolerance;
        this.logTolerance = Math.log(tolerance);
        tables[Role.STUDENT.ordinal()] = HermiteCoefficientTable.of(student);
        tables[Role.TEACHER.ordinal()] = student.equals(teacher) ? tables[Role.STUDENT.ordinal()]
                : HermiteCoefficientTable.of(teacher);
        this.fallback = new ReducedHermiteMoments(student, teacher);
    }

    /** Whether this provider handles the pair: the student's σ' is bell-shaped and neither activation has a kink. */
    public static boolean supports(Activation student, Activation teacher) {
        return student != null && teacher != null && student.bellShapedDerivative() != null && !student.hasKink()
                && !teacher.hasKink();
    }

    @Override
    public Activation student() {
        return student;
    }

    @Override
    public Activation teacher() {
        return teacher;
    }

    /** The σ' mixture. */
    public GaussianScaleMixture mixture() {
        return mixture;
    }

    /** The accurate route used outside the table. */
    public ReducedHermiteMoments fallback() {
        return fallback;
    }

    /** The relative Mehler tail tolerance. */
    public double tolerance() {
        return tolerance;
    }

    /**
     * Tilts the n×n covariance c (row-major) by e^(−ti λ_i² − tj λ_j²) into {@code out} (i = j: by
     * e^(−(ti + tj) λ_i²)) and returns the normaliser N = E[e^(−ti λ_i² − tj λ_j²)] = det(I + D Ω_SS)^(−1/2).
     * The formula holds for singular c.
     */
    public static double tilt(double[] c, int n, int i, int j, double ti, double tj, double[] out) {
        double cii = c[i * n + i];
        if (i == j) {
            double a = 2 * (ti + tj);
            double denominator = 1 + a * cii;
            double b = a / denominator;
            for (int u = 0; u < n; u++) {
                double cu = c[u * n + i];
                for (int v = u; v < n; v++) {
                    double value = c[u * n + v] - b * cu * c[v * n + i];
                    out[u * n + v] = value;
                    out[v * n + u] = value;
                }
            }
            return 1 / Math.sqrt(denominator);
        }
        double cjj = c[j * n + j];
        double cij = c[i * n + j];
        double di = 2 * ti;
        double dj = 2 * tj;
        double det = (1 + di * cii) * (1 + dj * cjj) - di * dj * cij * cij;
        // B = (I + D Ω_SS)⁻¹ D, symmetric
        double bii = (1 + dj * cjj) * di / det;
        double bjj = (1 + di * cii) * dj / det;
        double bij = -di * dj * cij / det;
        for (int u = 0; u < n; u++) {
            double ui = c[u * n + i];
            double uj = c[u * n + j];
            double x = bii * ui + bij * uj;
            double y = bij * ui + bjj * uj;
            for (int v = u; v < n; v++) {
                double value = c[u * n + v] - x * c[v * n + i] - y * c[v * n + j];
                out[u * n + v] = value;
                out[v * n + u] = value;
            }
        }
        return 1 / Math.sqrt(det);
    }

    /**
     * Scratch for Mehler sums over a set of units (one per thread): each unit's scale, stencil and lazily filled
     * Hermite coefficients, so that a unit's coefficients are interpolated once and shared by all its pairs.
     */
    public final class Workspace {
        private final double[][] coefficients;
        private final int[] filled;
        private final int[] first;
        private final double[][] weights;
        private final double[] scale;
        private final double[] secondMoment;
        private final HermiteCoefficientTable[] table;

        /** Room for {@code units} units. */
        public Workspace(int units) {
            coefficients = new double[units][HermiteCoefficientTable.MAX_TERMS + 1];
            filled = new int[units];
            first = new int[units];
            weights = new double[units][8];
            scale = new double[units];
            secondMoment = new double[units];
            table = new HermiteCoefficientTable[units];
        }

        /**
         * Loads unit u with activation of {@code role} and variance {@code variance}; false when its scale is
         * outside the table.
         */
        public boolean load(int u, Role role, double variance) {
            double s = Math.sqrt(Math.max(variance, 0));
            if (!HermiteCoefficientTable.covers(s)) {
                return false;
            }
            HermiteCoefficientTable t = tables[role.ordinal()];
            if (t != table[u]) {
                java.util.Arrays.fill(coefficients[u], 0.0); // entries a symmetric table never writes stay 0
            }
            table[u] = t;
            scale[u] = s;
            first[u] = HermiteCoefficientTable.stencil(s, weights[u]);
            secondMoment[u] = t.secondMoment(first[u], weights[u]);
            filled[u] = 0;
            return true;
        }

        /** E[σ_u(λ_u)²] of a loaded unit. */
        public double secondMoment(int u) {
            return secondMoment[u];
        }

        private void ensure(int u, int terms) {
            if (filled[u] < terms) {
                int to = Math.min(Math.max(terms, filled[u] + 8), HermiteCoefficientTable.MAX_TERMS + 1);
                table[u].fill(first[u], weights[u], filled[u], to, coefficients[u]);
                filled[u] = to;
            }
        }

        /**
         * E[σ_u(λ_u) σ_v(λ_v)] for loaded units u ≠ v with covariance {@code cuv}, by Mehler's formula with the
         * Parseval bound; NaN when it does not converge within the table's terms.
         */
        public double pair(int u, int v, double cuv) {
            double su = scale[u];
            double sv = scale[v];
            double rho = su > 0 && sv > 0 ? cuv / (su * sv) : 0;
            if (rho > 1) {
                rho = 1;
            } else if (rho < -1) {
                rho = -1;
            }
            if (rho == 1 && table[u] == table[v] && su == sv) {
                return secondMoment[u]; // the same variable twice
            }
            double[] a = coefficients[u];
            double[] b = coefficients[v];
            // |ρ|^N ≤ tol bounds the tail by tol √(m2_u m2_v) (Parseval, T ≤ m2): a plain Horner sum of N terms
            double absRho = Math.abs(rho);
            int terms = absRho < Double.MIN_NORMAL ? 1 : (int) Math.ceil(logTolerance / Math.log(absRho));
            if (terms <= HermiteCoefficientTable.MAX_TERMS + 1 && terms > 0) {
                ensure(u, terms);
                ensure(v, terms);
                int pu = table[u].parity();
                int pv = table[v].parity();
                if (pu >= 0 && pv >= 0 && pu != pv) {
                    return 0; // E[odd · even] = 0
                }
                int parity = Math.max(pu, pv);
                if (parity < 0) {
                    double sum = 0;
                    for (int n = terms - 1; n >= 0; n--) {
                        sum = sum * rho + a[n] * b[n];
                    }
                    return sum;
                }
                // only n ≡ parity (mod 2) contribute: Horner in ρ²
                int top = terms - 1;
                if ((top & 1) != parity) {
                    top--;
                }
                if (top < 0) {
                    return 0;
                }
                double rho2 = rho * rho;
                double sum = 0;
                for (int n = top; n >= parity; n -= 2) {
                    sum = sum * rho2 + a[n] * b[n];
                }
                return parity == 1 ? sum * rho : sum;
            }
            // near |ρ| = 1: term by term with the computed Parseval tails T = m2 − Σ a_n²
            double limit = tolerance * tolerance * secondMoment[u] * secondMoment[v];
            double ta = secondMoment[u];
            double tb = secondMoment[v];
            ensure(u, HermiteCoefficientTable.MAX_TERMS + 1);
            ensure(v, HermiteCoefficientTable.MAX_TERMS + 1);
            double sum = 0;
            double rn = 1;
            for (int n = 0; n <= HermiteCoefficientTable.MAX_TERMS; n++) {
                double an = a[n];
                double bn = b[n];
                sum += rn * an * bn;
                ta -= an * an;
                tb -= bn * bn;
                rn *= rho;
                if (rn * rn * Math.max(ta, 0) * Math.max(tb, 0) <= limit) {
                    return sum;
                }
            }
            return Double.NaN;
        }
    }

    /** A fresh workspace for {@code units} units. */
    public Workspace newWorkspace(int units) {
        return new Workspace(units);
    }

    /** E[σ_b'(x)], x ~ N(0, variance): the Stein factor of I3 (NaN outside the table). */
    public double derivativeMean(Role b, double variance) {
        double s = Math.sqrt(Math.max(variance, 0));
        if (!HermiteCoefficientTable.covers(s)) {
            return Double.NaN;
        }
        return tables[b.ordinal()].derivativeMean(s);
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        Workspace ws = new Workspace(2);
        double v = ws.load(0, a, c11) && ws.load(1, b, c22) ? ws.pair(0, 1, c12) : Double.NaN;
        return Double.isNaN(v) ? fallback.i2(a, b, c11, c12, c22) : v;
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        double[] c = {c11, c12, c12, c22};
        double[] out = new double[4];
        double sum = 0;
        for (int k1 = 0; k1 < mixture.size(); k1++) {
            for (int k2 = 0; k2 < mixture.size(); k2++) {
                sum += mixture.weight(k1) * mixture.weight(k2)
                        * tilt(c, 2, 0, 1, mixture.exponent(k1), mixture.exponent(k2), out);
            }
        }
        return sum;
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        // E[σ'(u) v σ_b(w)] = Σ_k β_k N_k Σ'_vw E[σ_b'(√Σ'_ww η)]   (tilt by e^(−t_k u²), then Stein)
        double sum = 0;
        for (int k = 0; k < mixture.size(); k++) {
            double a = 2 * mixture.exponent(k);
            double denominator = 1 + a * c11;
            double b23 = c23 - a * c12 * c13 / denominator;
            double b33 = c33 - a * c13 * c13 / denominator;
            double g = derivativeMean(b, b33);
            if (Double.isNaN(g)) {
                return fallback.i3(b, c11, c12, c13, c22, c23, c33);
            }
            sum += mixture.weight(k) / Math.sqrt(denominator) * b23 * g;
        }
        return sum;
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        double[] c = {c11, c12, c13, c14, c12, c22, c23, c24, c13, c23, c33, c34, c14, c24, c34, c44};
        double[] tilted = new double[16];
        Workspace ws = new Workspace(2);
        double sum = 0;
        for (int k1 = 0; k1 < mixture.size(); k1++) {
            for (int k2 = 0; k2 < mixture.size(); k2++) {
                double norm = tilt(c, 4, 0, 1, mixture.exponent(k1), mixture.exponent(k2), tilted);
                double e = ws.load(0, a, tilted[10]) && ws.load(1, b, tilted[15]) ? ws.pair(0, 1, tilted[11])
                        : Double.NaN;
                if (Double.isNaN(e)) {
                    return fallback.i4(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
                }
                sum += mixture.weight(k1) * mixture.weight(k2) * norm * e;
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "ScaleMixtureMoments(" + student + ", " + teacher + ", " + mixture.size() + " points, tolerance "
                + tolerance + ")";
    }
}
