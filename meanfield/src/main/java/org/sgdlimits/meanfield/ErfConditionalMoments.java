package org.sgdlimits.meanfield;

import java.util.Set;
import org.sgdlimits.activation.Parity;
import org.sgdlimits.activation.ErrorFunction;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Closed-form conditional moments for σ(x) = erf(x/√2), λ ~ N(μ, q), q = q⊥ (see {@link ConditionalMoments}).
 *
 * <p>Derivation: σ'(λ) = √(2/π) e^(−λ²/2), and a Gaussian factor tilts the law of λ:
 * e^(−cλ²/2) N(λ; μ, q) = (1 + cq)^(−1/2) e^(−cμ²/(2(1+cq))) N(λ; μ/(1+cq), q/(1+cq)). With
 * E[erf(X/√2)] = erf(m/√(2(1+v))) and E[erf(X/√2)²] = 1 − 8T(m/√(1+v), 1/√(1+2v)) for X ~ N(m, v)
 * ({@link OwensT}) and Stein's lemma E[(X − m) h(X)] = v E[h'(X)]:
 * <ul>
 *   <li>S = erf(μ/√(2(1+q))),   E[σ²] = 1 − 8T(μ/√(1+q), 1/√(1+2q))</li>
 *   <li>D = √(2/π) (1+q)^(−½) e^(−μ²/(2(1+q))),   SD = D erf(μ/√(2(1+q)(1+2q)))</li>
 *   <li>DXi = q E[σ''] = −q μ D/(1+q)</li>
 *   <li>SDXi = D [ −(qμ/(1+q)) erf(μ/√(2(1+q)(1+2q))) + q' √(2/π) (1+q')^(−½) e^(−μ²/(2(1+q)(1+2q))) ],
 *       q' = q/(1+q)</li>
 *   <li>D2 = (2/π)(1+2q)^(−½) e^(−μ²/(1+2q)),   SD2 = D2 erf(μ/√(2(1+2q)(1+3q))),
 *       S2D2 = D2 [1 − 8T(μ/√((1+2q)(1+3q)), √((1+2q)/(1+4q)))]</li>
 *   <li>E[σ²σ'] = D [1 − 8T(μ/√((1+q)(1+2q)), √((1+q)/(1+3q)))]</li>
 *   <li>E[σ(λ)²] for λ ~ N(0, v): (2/π) arcsin(v/(1+v))</li>
 * </ul>
 */
final class ErfConditionalMoments implements ConditionalMoments {
    static final ErfConditionalMoments INSTANCE = new ErfConditionalMoments();
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double TWO_OVER_PI = 2.0 / Math.PI;

    private ErfConditionalMoments() {
    }

    @Override
    public Activation activation() {
        return StandardActivation.ERF;
    }

    @Override
    public void means(double[] mu, int n, double q, double[] s, double[] variance) {
        double c = 1.0 / Math.sqrt(2 * (1 + q));
        if (variance == null) {
            for (int j = 0; j < n; j++) {
                s[j] = ErrorFunction.erf(mu[j] * c);
            }
            return;
        }
        double h = 1.0 / Math.sqrt(1 + q);
        double a = 1.0 / Math.sqrt(1 + 2 * q);
        for (int j = 0; j < n; j++) {
            double sj = ErrorFunction.erf(mu[j] * c);
            s[j] = sj;
            double second = 1.0 - 8.0 * OwensT.smallA(Math.abs(mu[j]) * h, a);
            variance[j] = Math.max(0.0, second - sj * sj);
        }
    }

    @Override
    public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi, double[] sdxi) {
        double onePlusQ = 1 + q;
        double prefactor = SQRT_2_OVER_PI / Math.sqrt(onePlusQ);
        double expD = -0.5 / onePlusQ;
        double tiltDen = onePlusQ * (1 + 2 * q);
        double cTilt = 1.0 / Math.sqrt(2 * tiltDen);
        double expTilt = -0.5 / tiltDen;
        double qTilt = q / onePlusQ;
        double tiltPrefactor = qTilt * SQRT_2_OVER_PI / Math.sqrt(1 + qTilt);
        double shift = -q / onePlusQ;
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            double m2 = m * m;
            double dj = prefactor * Math.exp(expD * m2);
            double erfTilt = ErrorFunction.erf(m * cTilt);
            d[j] = dj;
            sd[j] = dj * erfTilt;
            dxi[j] = shift * m * dj;
            sdxi[j] = dj * (shift * m * erfTilt + tiltPrefactor * Math.exp(expTilt * m2));
        }
    }

    @Override
    public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
        double onePlus2Q = 1 + 2 * q;
        double prefactor = TWO_OVER_PI / Math.sqrt(onePlus2Q);
        double expD2 = -1.0 / onePlus2Q;
        double tiltDen = onePlus2Q * (1 + 3 * q);
        double h = 1.0 / Math.sqrt(tiltDen);
        double c = h / Math.sqrt(2.0);
        double a = Math.sqrt(onePlus2Q / (1 + 4 * q));
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            double d2j = prefactor * Math.exp(expD2 * m * m);
            d2[j] = d2j;
            sd2[j] = d2j * ErrorFunction.erf(m * c);
            if (s2d2 != null) {
                s2d2[j] = d2j * (1.0 - 8.0 * OwensT.smallA(Math.abs(m) * h, a));
            }
        }
    }

    /**
     * E[σ² σ'] by the tilt with c = 1: D · E[σ²] at mean μ/(1+q), variance q/(1+q), i.e.
     * D [1 − 8T(|μ|/√((1+q)(1+2q)), √((1+q)/(1+3q)))].
     */
    @Override
    public void squareDerivative(double[] mu, int n, double q, double[] t) {
        double onePlusQ = 1 + q;
        double prefactor = SQRT_2_OVER_PI / Math.sqrt(onePlusQ);
        double expD = -0.5 / onePlusQ;
        double h = 1.0 / Math.sqrt(onePlusQ * (1 + 2 * q));
        double a = Math.sqrt(onePlusQ / (1 + 3 * q));
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            t[j] = prefactor * Math.exp(expD * m * m) * (1.0 - 8.0 * OwensT.smallA(Math.abs(m) * h, a));
        }
    }

    /**
     * The μ-derivatives of every moment in closed form (the algebra of {@link Jets}): a Gaussian G = e^(−αμ²) has
     * G' = −2αμG, hence G⁽ⁿ⁺¹⁾ = −2α(μG⁽ⁿ⁾ + nG⁽ⁿ⁻¹⁾); erf(βμ)' = (2β/√π)e^(−β²μ²); the Owen's-T factors
     * 1 − 8T(hμ, a) of E[σ²], E[σ²σ'] and E[σ²σ'²] have derivative 4h φ(hμ) erf(ahμ/√2)
     * (∂T/∂h = −φ(h) erf(ah/√2)/2); products by Leibniz. Allocation-free apart from a small per-thread scratch.
     * Checked against the quadrature default. Orders 0..{@value #MAX_ORDER}.
     */
    @Override
    public void derivatives(double mu, double q, int order, double[] out) {
        requireOrder(order);
        Jets jets = Jets.scratch(order, 0);
        jets.prepare(q, Jets.ALL);
        jets.pointValues(mu);
        jets.fill(mu, order, out, 0);
    }

    /**
     * {@link #derivatives} on the lattice μ_j = j·step with the same per-point algebra ({@link Jets#fill}); only
     * the point values differ in how they are obtained: each Gaussian factor e^(−αμ_j²) = E^(j²) by two
     * multiplications per point (G(j+1) = G(j)R(j), R(j+1) = R(j)E², values below {@link #TINY} flushed to 0),
     * erf by {@link ErrorFunction#erf} at β·μ_j, Owen's T by {@link OwensT#onLattice} (only for SQUARE, SQUARE_D,
     * S2D2). Only the requested kinds and the factors they need are computed. Agrees with {@link #derivatives} at
     * each μ_j to recurrence rounding: |Δ|/(1 + |value|) ≤ 1.1e-14 for derivative orders ≤ 7, ≈ 1e-13 at 8 and 9
     * (cancellation in the Leibniz sums; LatticeDerivativesTest, docs/closure.md §5). Thread-safe; allocation-free
     * in steady state (per-thread scratch).
     */
    @Override
    public void derivativesOnLattice(double step, int n, double q, int order, Set<Moment> kinds, double[] out) {
        requireOrder(order);
        int mask = Jets.mask(kinds);
        Jets jets = Jets.scratch(order, n);
        jets.prepare(q, mask);
        jets.owensTOnLattice(Math.abs(step), n);
        jets.startLattice(step);
        int block = 8 * (order + 1);
        for (int j = 0; j < n; j++) {
            double mu = j * step;
            jets.latticeValues(mu, j);
            jets.fill(mu, order, out, j * block);
            jets.advanceLattice();
        }
    }

    /**
     * The μ-jets (derivatives 0..order) of the eight erf moments at one q⊥: the one home of their derivative
     * algebra, shared by {@link #derivatives} (point values by exp, erf, Owen's T) and {@link #derivativesOnLattice}
     * (Gaussians by lattice recurrences). Every moment is built from five Gaussians g_k = e^(−α_k μ²), four erfs
     * erf(√α_k μ) (derivative (2√α_k/√π) g_k) and three Owen's-T factors:
     * <ul>
     *   <li>α₁ = 1/(2(1+q)): D = √(2/π)(1+q)^(−½) g₁, S = erf(√α₁ μ), E[σ²]' = 4h₁φ(h₁μ)erf(√α₁₂ μ) with
     *       h₁ = (1+q)^(−½) (h₁²/2 = α₁)</li>
     *   <li>α₁₂ = 1/(2(1+q)(1+2q)): SD = D erf(√α₁₂ μ); the SQUARE_D factor's derivative
     *       4h₁₂φ(h₁₂μ) erf(√α₂₃ μ), h₁₂ = ((1+q)(1+2q))^(−½)</li>
     *   <li>α₂ = 1/(1+2q): D2 = (2/π)(1+2q)^(−½) g₂</li>
     *   <li>α₂₃ = 1/(2(1+2q)(1+3q)): SD2 = D2 erf(√α₂₃ μ); the S2D2 factor's derivative
     *       4h₂₃φ(h₂₃μ) erf(√α₃₄ μ), h₂₃ = ((1+2q)(1+3q))^(−½)</li>
     *   <li>α₃₄ = 1/(2(1+3q)(1+4q)) (only in S2D2)</li>
     * </ul>
     * (the erf argument ah/√2 of each Owen's-T derivative is the next α's square root: e.g. for E[σ²],
     * a = (1+2q)^(−½), h = (1+q)^(−½), ah/√2 = √α₁₂). Mutable per-thread scratch; not shared between threads.
     */
    private static final class Jets {
        static final int G1 = 0;
        static final int G12 = 1;
        static final int G2 = 2;
        static final int G23 = 3;
        static final int G34 = 4;
        static final int GAUSSIANS = 5;
        /** Owen's-T factors: of E[σ²], of E[σ²σ'] (over D), of E[σ²σ'²] (over D2). */
        static final int T_SQUARE = 0;
        static final int T_SQUARE_D = 1;
        static final int T_S2D2 = 2;
        static final int OWENS = 3;
        private static final Moment[] MOMENTS = Moment.values();
        static final int ALL = (1 << MOMENTS.length) - 1;
        private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
        private static final double FOUR_OVER_SQRT_2PI = 4.0 / Math.sqrt(2 * Math.PI);
        /** The Gaussian of each Owen's-T factor's derivative, and its erf. */
        private static final int[] OWEN_GAUSSIAN = {G1, G12, G23};
        private static final int[] OWEN_ERF = {G12, G23, G34};
        private static final ThreadLocal<Jets> SCRATCH = ThreadLocal.withInitial(Jets::new);

        private double q = Double.NaN;
        private final double[] alpha = new double[GAUSSIANS];
        private final double[] beta = new double[GAUSSIANS];
        private final double[] erfSlope = new double[GAUSSIANS];
        private final double[] owenH = new double[OWENS];
        private final double[] owenA = new double[OWENS];
        private final double[] owenSlope = new double[OWENS];
        private double cD;
        private double cD2;

        private int mask;
        private final boolean[] gaussian = new boolean[GAUSSIANS];
        private final boolean[] erf = new boolean[GAUSSIANS];
        private final boolean[] owen = new boolean[OWENS];

        /** Point values: g_k, erf(β_k μ), T(h_m |μ|, a_m). */
        private final double[] g = new double[GAUSSIANS];
        private final double[] e = new double[GAUSSIANS];
        private final double[] t = new double[OWENS];
        /** Lattice recurrence state R(j) and E² per Gaussian. */
        private final double[] ratio = new double[GAUSSIANS];
        private final double[] ratioStep = new double[GAUSSIANS];
        private double[][] owenLattice = new double[OWENS][0];
        private final double[] owenWork = new double[OwensT.LATTICE_WORKSPACE];

        /** Jets: Gaussian k at k·n1, erf k at (GAUSSIANS + k)·n1, then D, D2, product, factor. */
        private double[] w = new double[0];
        private int n1;

        static Jets scratch(int order, int n) {
            Jets jets = SCRATCH.get();
            int n1 = order + 1;
            if (jets.w.length < (2 * GAUSSIANS + 4) * n1) {
                jets.w = new double[(2 * GAUSSIANS + 4) * n1];
            }
            jets.n1 = n1;
            if (jets.owenLattice[0].length < n) {
                jets.owenLattice = new double[OWENS][n];
            }
            return jets;
        }

        /** Bit mask (bit = ordinal) of a set of moments; no allocation. */
        static int mask(Set<Moment> kinds) {
            int m = 0;
            for (Moment kind : MOMENTS) {
                if (kinds.contains(kind)) {
                    m |= 1 << kind.ordinal();
                }
            }
            return m;
        }

        private boolean wants(Moment kind) {
            return (mask & (1 << kind.ordinal())) != 0;
        }

        /** Constants of q (recomputed only when q changes) and the factors the requested kinds need. */
        void prepare(double q, int mask) {
            if (Double.doubleToLongBits(q) != Double.doubleToLongBits(this.q)) {
                this.q = q;
                double onePlusQ = 1 + q;
                double onePlus2Q = 1 + 2 * q;
                double onePlus3Q = 1 + 3 * q;
                alpha[G1] = 0.5 / onePlusQ;
                alpha[G12] = 0.5 / (onePlusQ * onePlus2Q);
                alpha[G2] = 1.0 / onePlus2Q;
                alpha[G23] = 0.5 / (onePlus2Q * onePlus3Q);
                alpha[G34] = 0.5 / (onePlus3Q * (1 + 4 * q));
                for (int k = 0; k < GAUSSIANS; k++) {
                    beta[k] = Math.sqrt(alpha[k]);
                    erfSlope[k] = TWO_OVER_SQRT_PI * beta[k];
                }
                cD = SQRT_2_OVER_PI / Math.sqrt(onePlusQ);
                cD2 = TWO_OVER_PI / Math.sqrt(onePlus2Q);
                // E[σ²] = 1 − 8T(μ/√(1+q), 1/√(1+2q))
                owenH[T_SQUARE] = 1.0 / Math.sqrt(onePlusQ);
                owenA[T_SQUARE] = 1.0 / Math.sqrt(onePlus2Q);
                // E[σ²σ'] = D (1 − 8T(μ/√((1+q)(1+2q)), √((1+q)/(1+3q))))
                owenH[T_SQUARE_D] = 1.0 / Math.sqrt(onePlusQ * onePlus2Q);
                owenA[T_SQUARE_D] = Math.sqrt(onePlusQ / onePlus3Q);
                // E[σ²σ'²] = D2 (1 − 8T(μ/√((1+2q)(1+3q)), √((1+2q)/(1+4q))))
                owenH[T_S2D2] = 1.0 / Math.sqrt(onePlus2Q * onePlus3Q);
                owenA[T_S2D2] = Math.sqrt(onePlus2Q / (1 + 4 * q));
                for (int m = 0; m < OWENS; m++) {
                    owenSlope[m] = FOUR_OVER_SQRT_2PI * owenH[m];
                }
            }
            this.mask = mask;
            boolean s = wants(Moment.S);
            boolean square = wants(Moment.SQUARE);
            boolean d = wants(Moment.D);
            boolean sd = wants(Moment.SD);
            boolean d2 = wants(Moment.D2);
            boolean sd2 = wants(Moment.SD2);
            boolean s2d2 = wants(Moment.S2D2);
            boolean squareD = wants(Moment.SQUARE_D);
            owen[T_SQUARE] = square;
            owen[T_SQUARE_D] = squareD;
            owen[T_S2D2] = s2d2;
            erf[G1] = s;
            erf[G12] = sd || square;
            erf[G2] = false;
            erf[G23] = sd2 || squareD;
            erf[G34] = s2d2;
            gaussian[G1] = s || d || sd || square || squareD;
            gaussian[G12] = sd || square || squareD;
            gaussian[G2] = d2 || sd2 || s2d2;
            gaussian[G23] = sd2 || squareD || s2d2;
            gaussian[G34] = s2d2;
        }

        /** Point values at μ by exp, erf and Owen's T. */
        void pointValues(double mu) {
            double mu2 = mu * mu;
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussian[k]) {
                    g[k] = Math.exp(-alpha[k] * mu2);
                }
                if (erf[k]) {
                    e[k] = ErrorFunction.erf(beta[k] * mu);
                }
            }
            for (int m = 0; m < OWENS; m++) {
                if (owen[m]) {
                    t[m] = OwensT.smallA(Math.abs(mu) * owenH[m], owenA[m]);
                }
            }
        }

        /** T(j·|step|·h_m, a_m) along the lattice for the requested Owen's-T factors. */
        void owensTOnLattice(double absStep, int n) {
            for (int m = 0; m < OWENS; m++) {
                if (owen[m]) {
                    OwensT.onLattice(absStep * owenH[m], owenA[m], n, owenWork, owenLattice[m]);
                }
            }
        }

        /** Starts the Gaussian recurrences at j = 0: G = 1, R = E = e^(−α step²). */
        void startLattice(double step) {
            double step2 = step * step;
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussian[k]) {
                    double ek = Math.exp(-alpha[k] * step2);
                    g[k] = 1.0;
                    ratio[k] = ek;
                    ratioStep[k] = flush(ek * ek);
                }
            }
        }

        /** Point values at lattice point j (μ = j·step): the Gaussians are already current. */
        void latticeValues(double mu, int j) {
            for (int k = 0; k < GAUSSIANS; k++) {
                if (erf[k]) {
                    e[k] = ErrorFunction.erf(beta[k] * mu);
                }
            }
            for (int m = 0; m < OWENS; m++) {
                if (owen[m]) {
                    t[m] = owenLattice[m][j];
                }
            }
        }

        /** G(j+1) = G(j) R(j), R(j+1) = R(j) E² (flushed to 0 below {@link #TINY}). */
        void advanceLattice() {
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussian[k]) {
                    g[k] *= ratio[k];
                    ratio[k] *= ratioStep[k];
                    if (g[k] < TINY) {
                        g[k] = 0.0;
                        ratio[k] = 0.0;
                    }
                }
            }
        }

        /** The requested moments' jets at μ from the current point values into out[o + kind·n1 + n]. */
        void fill(double mu, int order, double[] out, int o) {
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussian[k]) {
                    // D and D2 need the full jet; the others enter erf jets and Owen's-T derivatives only
                    gaussianJet(alpha[k], g[k], mu, k == G1 || k == G2 ? order : Math.max(0, order - 1), w,
                            k * n1);
                }
                if (erf[k]) {
                    int eo = (GAUSSIANS + k) * n1;
                    w[eo] = e[k];
                    for (int n = 0; n < order; n++) {
                        w[eo + n + 1] = erfSlope[k] * w[k * n1 + n];
                    }
                }
            }
            int dJet = 2 * GAUSSIANS * n1;
            int d2Jet = dJet + n1;
            int product = d2Jet + n1;
            int factor = product + n1;
            if (gaussian[G1]) {
                scale(cD, w, G1 * n1, order, w, dJet);
            }
            if (gaussian[G2]) {
                scale(cD2, w, G2 * n1, order, w, d2Jet);
            }
            if (wants(Moment.S)) {
                System.arraycopy(w, (GAUSSIANS + G1) * n1, out, o + Moment.S.ordinal() * n1, n1);
            }
            if (wants(Moment.D)) {
                System.arraycopy(w, dJet, out, o + Moment.D.ordinal() * n1, n1);
            }
            if (wants(Moment.SD)) {
                leibniz(w, dJet, w, (GAUSSIANS + G12) * n1, order, out, o + Moment.SD.ordinal() * n1);
            }
            if (wants(Moment.D2)) {
                System.arraycopy(w, d2Jet, out, o + Moment.D2.ordinal() * n1, n1);
            }
            if (wants(Moment.SD2)) {
                leibniz(w, d2Jet, w, (GAUSSIANS + G23) * n1, order, out, o + Moment.SD2.ordinal() * n1);
            }
            if (wants(Moment.SQUARE)) {
                owenFactor(T_SQUARE, mu, order, out, o + Moment.SQUARE.ordinal() * n1, product);
            }
            if (wants(Moment.SQUARE_D)) {
                owenFactor(T_SQUARE_D, mu, order, w, factor, product);
                leibniz(w, dJet, w, factor, order, out, o + Moment.SQUARE_D.ordinal() * n1);
            }
            if (wants(Moment.S2D2)) {
                owenFactor(T_S2D2, mu, order, w, factor, product);
                leibniz(w, d2Jet, w, factor, order, out, o + Moment.S2D2.ordinal() * n1);
            }
        }

        /** 1 − 8T(h|μ|, a) and its derivatives 4h φ(hμ) erf(ahμ/√2) (jets of order − 1) into out[o ..]. */
        private void owenFactor(int m, double mu, int order, double[] out, int o, int product) {
            out[o] = 1.0 - 8.0 * t[m];
            if (order > 0) {
                leibniz(w, OWEN_GAUSSIAN[m] * n1, w, (GAUSSIANS + OWEN_ERF[m]) * n1, order - 1, w, product);
                scale(owenSlope[m], w, product, order - 1, out, o + 1);
            }
        }

        private static void scale(double c, double[] in, int io, int order, double[] out, int o) {
            for (int n = 0; n <= order; n++) {
                out[o + n] = c * in[io + n];
            }
        }
    }

    /**
     * The jet of G = value at μ with G' = −2αμG: G⁽ⁿ⁾ = value·Pₙ(μ), P₀ = 1, P₁ = −2αμ,
     * Pₙ₊₁ = −2α(μPₙ + nPₙ₋₁), into out[o .. o + order]. The polynomial is evaluated before scaling by the value,
     * so that two values of G at the same μ (exp or lattice recurrence) give jets that differ by their ratio only.
     */
    private static void gaussianJet(double alpha, double value, double mu, int order, double[] out, int o) {
        out[o] = 1.0;
        if (order > 0) {
            out[o + 1] = -2 * alpha * mu;
        }
        for (int n = 1; n < order; n++) {
            out[o + n + 1] = -2 * alpha * (mu * out[o + n] + n * out[o + n - 1]);
        }
        for (int n = 0; n <= order; n++) {
            out[o + n] *= value;
        }
    }

    /** Largest derivative order of the closed forms (the binomial table's last row). */
    static final int MAX_ORDER = 63;
    /** C(n, k) at n (n + 1) / 2 + k for n ≤ {@link #MAX_ORDER}. */
    private static final double[] BINOMIALS = new double[(MAX_ORDER + 1) * (MAX_ORDER + 2) / 2];

    static {
        for (int n = 0; n <= MAX_ORDER; n++) {
            int row = n * (n + 1) / 2;
            BINOMIALS[row] = 1;
            BINOMIALS[row + n] = 1;
            for (int k = 1; k < n; k++) {
                BINOMIALS[row + k] = BINOMIALS[row - n + k - 1] + BINOMIALS[row - n + k];
            }
        }
    }

    private static void requireOrder(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order: " + order + "; allowed 0.." + MAX_ORDER);
        }
    }

    /**
     * (fg)⁽ⁿ⁾ = Σ_k C(n, k) f⁽ᵏ⁾ g⁽ⁿ⁻ᵏ⁾ for n = 0..order ≤ {@link #MAX_ORDER} (out must not alias f or g). The sum
     * runs k-outer so that consecutive additions go to different outputs (no dependent chain of additions).
     */
    private static void leibniz(double[] f, int fo, double[] g, int go, int order, double[] out, int o) {
        double f0 = f[fo];
        for (int n = 0; n <= order; n++) {
            out[o + n] = f0 * g[go + n];
        }
        for (int k = 1; k <= order; k++) {
            double fk = f[fo + k];
            for (int n = k; n <= order; n++) {
                out[o + n] += BINOMIALS[n * (n + 1) / 2 + k] * fk * g[go + n - k];
            }
        }
    }

    /** Via the common closed-form I4 (Saad–Solla): E[σ'(u)σ'(v)σ(w)σ(z)] with u = v = λ', w = z = λ. */
    @Override
    public double squareTimesDerivativeSquare(double v, double c) {
        return org.sgdlimits.gauss.ErfMoments.i4(v, v, c, c, v, c, c, v, v, v);
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    /** Values below this are flushed to 0 in the lattice recurrences (avoids slow subnormal arithmetic). */
    static final double TINY = 1e-250;

    static double flush(double x) {
        return x < TINY ? 0.0 : x;
    }

    /** Workspace needed by the lattice methods ({@code mu} argument), ≥ n as well. */
    static final int LATTICE_WORKSPACE = OwensT.LATTICE_WORKSPACE;

    @Override
    public void meansOnLattice(double step, int n, double q, double[] work, double[] s, double[] variance) {
        double c = step / Math.sqrt(2 * (1 + q));
        for (int j = 0; j < n; j++) {
            s[j] = ErrorFunction.erf(j * c);
        }
        if (variance != null) {
            // E[σ²|λ*] = 1 − 8 T(|μ|/√(1+q), 1/√(1+2q))
            OwensT.onLattice(Math.abs(step) / Math.sqrt(1 + q), 1.0 / Math.sqrt(1 + 2 * q), n, work, variance);
            for (int j = 0; j < n; j++) {
                variance[j] = Math.max(0.0, 1.0 - 8.0 * variance[j] - s[j] * s[j]);
            }
        }
    }

    @Override
    public void gradientMomentsOnLattice(double step, int n, double q, double[] work, double[] d, double[] sd,
                                         double[] dxi, double[] sdxi) {
        double onePlusQ = 1 + q;
        double prefactor = SQRT_2_OVER_PI / Math.sqrt(onePlusQ);
        double tiltDen = onePlusQ * (1 + 2 * q);
        double cTilt = step / Math.sqrt(2 * tiltDen);
        double qTilt = q / onePlusQ;
        double tiltPrefactor = qTilt * SQRT_2_OVER_PI / Math.sqrt(1 + qTilt);
        double shift = -q / onePlusQ * step;
        double step2 = step * step;
        // Gaussian factors along the lattice: G(j) = E^(j²), G(j+1) = G(j) R(j), R(j+1) = R(j) E²
        double eD = Math.exp(-0.5 * step2 / onePlusQ);
        double eT = Math.exp(-0.5 * step2 / tiltDen);
        double gD = 1.0;
        double rD = eD;
        double eD2 = flush(eD * eD);
        double gT = 1.0;
        double rT = eT;
        double eT2 = flush(eT * eT);
        for (int j = 0; j < n; j++) {
            double dj = prefactor * gD;
            double erfTilt = ErrorFunction.erf(j * cTilt);
            double shiftMu = shift * j;
            d[j] = dj;
            sd[j] = dj * erfTilt;
            dxi[j] = shiftMu * dj;
            sdxi[j] = dj * (shiftMu * erfTilt + tiltPrefactor * gT);
            gD *= rD;
            rD *= eD2;
            gT *= rT;
            rT *= eT2;
            if (gD < TINY) {
                gD = 0.0;
                rD = 0.0;
            }
            if (gT < TINY) {
                gT = 0.0;
                rT = 0.0;
            }
        }
    }

    @Override
    public void noiseMomentsOnLattice(double step, int n, double q, double[] work, double[] d2, double[] sd2,
                                      double[] s2d2) {
        double onePlus2Q = 1 + 2 * q;
        double prefactor = TWO_OVER_PI / Math.sqrt(onePlus2Q);
        double tiltDen = onePlus2Q * (1 + 3 * q);
        double h = 1.0 / Math.sqrt(tiltDen);
        double c = step * h / Math.sqrt(2.0);
        double a = Math.sqrt(onePlus2Q / (1 + 4 * q));
        double e = Math.exp(-step * step / onePlus2Q);
        double g = 1.0;
        double r = e;
        double e2 = flush(e * e);
        if (s2d2 != null) {
            OwensT.onLattice(Math.abs(step) * h, a, n, work, s2d2);
        }
        for (int j = 0; j < n; j++) {
            double d2j = prefactor * g;
            d2[j] = d2j;
            sd2[j] = d2j * ErrorFunction.erf(j * c);
            if (s2d2 != null) {
                s2d2[j] = d2j * (1.0 - 8.0 * s2d2[j]);
            }
            g *= r;
            r *= e2;
            if (g < TINY) {
                g = 0.0;
                r = 0.0;
            }
        }
    }

    @Override
    public double meanSquare(double variance) {
        return TWO_OVER_PI * Math.asin(variance / (1 + variance));
    }

    @Override
    public String toString() {
        return "ErfConditionalMoments(closed form, Owen's T)";
    }
}
