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
     * The μ-derivatives of every moment in closed form (the algebra of {@link Rows}, one lane): a Gaussian
     * G = e^(−αμ²) has G' = −2αμG, hence G⁽ⁿ⁺¹⁾ = −2α(μG⁽ⁿ⁾ + nG⁽ⁿ⁻¹⁾); erf(βμ)' = (2β/√π)e^(−β²μ²); the Owen's-T
     * factors 1 − 8T(hμ, a) of E[σ²], E[σ²σ'] and E[σ²σ'²] have derivative 4h φ(hμ) erf(ahμ/√2)
     * (∂T/∂h = −φ(h) erf(ah/√2)/2); products by Leibniz. Allocation-free apart from a small per-thread scratch.
     * Checked against the quadrature default.
     */
    @Override
    public void derivatives(double mu, double q, int order, double[] out) {
        requireOrder(order);
        Rows rows = Rows.scratch(order, 1);
        java.util.Arrays.fill(rows.orders, order);
        rows.prepare(q, rows.orders);
        rows.mu[0] = mu;
        rows.pointValues(1);
        rows.fill(1, order + 1, rows.out);
        int n1 = order + 1;
        for (int x = 0; x < 8 * n1; x++) {
            out[x] = rows.out[x][0];
        }
    }

    /**
     * {@link #derivatives} on the lattice μ_j = j·step with the same algebra ({@link Rows#fill}, all points at once
     * in rows, which the JIT vectorises); only the point values differ in how they are obtained: each Gaussian
     * factor e^(−αμ_j²) = E^(j²) by two multiplications per point (G(j+1) = G(j)R(j), R(j+1) = R(j)E², values below
     * {@link #TINY} flushed to 0), erf by {@link ErrorFunction#erf} at β·μ_j, Owen's T by {@link OwensT#onLattice}
     * (only for SQUARE, SQUARE_D, S2D2). Only the requested kinds, to their requested orders, and the factors they
     * need are computed. Agrees with {@link #derivatives} at each μ_j to recurrence rounding (≲ 1e-13 relative;
     * LatticeDerivativesTest).
     */
    @Override
    public void derivativesOnLattice(double step, int n, double q, int[] orders, double[][] out) {
        int stride = ConditionalMoments.latticeStride(orders);
        if (stride == 0) {
            return;
        }
        requireOrder(stride - 1);
        Rows rows = Rows.scratch(Math.max(0, stride - 1), n);
        rows.prepare(q, orders);
        rows.latticeValues(step, n);
        rows.fill(n, stride, out);
    }

    /**
     * The μ-jets (derivatives 0..order) of the eight erf moments at one q⊥ and n values of μ at once, in rows
     * (row = one derivative of one factor, column = one μ): the one home of their derivative algebra, shared by
     * {@link #derivatives} (one column; point values by exp, erf, Owen's T) and {@link #derivativesOnLattice}
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
    private static final class Rows {
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
        static final Moment[] MOMENTS = Moment.values();
        static final int ALL = (1 << MOMENTS.length) - 1;
        private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
        private static final double FOUR_OVER_SQRT_2PI = 4.0 / Math.sqrt(2 * Math.PI);
        /** The Gaussian of each Owen's-T factor's derivative, and its erf. */
        private static final int[] OWEN_GAUSSIAN = {G1, G12, G23};
        private static final int[] OWEN_ERF = {G12, G23, G34};
        private static final ThreadLocal<Rows> SCRATCH = ThreadLocal.withInitial(Rows::new);

        private double q = Double.NaN;
        private final double[] alpha = new double[GAUSSIANS];
        private final double[] beta = new double[GAUSSIANS];
        private final double[] erfSlope = new double[GAUSSIANS];
        private final double[] owenH = new double[OWENS];
        private final double[] owenA = new double[OWENS];
        private final double[] owenSlope = new double[OWENS];
        private double cD;
        private double cD2;

        /** Requested order per moment (−1: not requested), and the jet order each factor needs (−1: none). */
        final int[] orders = new int[MOMENTS.length];
        private final int[] gaussOrder = new int[GAUSSIANS];
        private final int[] erfOrder = new int[GAUSSIANS];
        private int dOrder;
        private int d2Order;
        private final boolean[] owen = new boolean[OWENS];
        private final double[] owenWork = new double[OwensT.LATTICE_WORKSPACE];

        /** μ per lane; point values g_k, erf(β_k μ), T(h_m |μ|, a_m) per lane. */
        double[] mu = new double[0];
        private double[][] g = new double[GAUSSIANS][0];
        private double[][] e = new double[GAUSSIANS][0];
        private double[][] t = new double[OWENS][0];
        /** Jets (row n = derivative n): Gaussian k, erf k, D, D2, two temporaries. */
        private double[][][] gaussJet = new double[GAUSSIANS][0][0];
        private double[][][] erfJet = new double[GAUSSIANS][0][0];
        private double[][] dJet = new double[0][0];
        private double[][] d2Jet = new double[0][0];
        private double[][] factor = new double[0][0];
        private double[][] product = new double[0][0];
        /** Output rows: moment k, derivative d at row k (order + 1) + d. */
        double[][] out = new double[0][0];

        static Rows scratch(int order, int n) {
            Rows rows = SCRATCH.get();
            rows.resize(order + 1, n);
            return rows;
        }

        private void resize(int n1, int n) {
            if (out.length >= 8 * n1 && mu.length >= n) {
                return;
            }
            int width = Math.max(n, mu.length);
            int depth = Math.max(n1, out.length / 8);
            mu = new double[width];
            g = new double[GAUSSIANS][width];
            e = new double[GAUSSIANS][width];
            t = new double[OWENS][width];
            gaussJet = new double[GAUSSIANS][depth][width];
            erfJet = new double[GAUSSIANS][depth][width];
            dJet = new double[depth][width];
            d2Jet = new double[depth][width];
            factor = new double[depth][width];
            product = new double[depth][width];
            out = new double[8 * depth][width];
        }

        private int order(Moment kind) {
            return orders[kind.ordinal()];
        }

        /** Constants of q (recomputed only when q changes) and the factors the requested kinds need. */
        void prepare(double q, int[] requested) {
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
            System.arraycopy(requested, 0, orders, 0, orders.length);
            int s = order(Moment.S);
            int square = order(Moment.SQUARE);
            int d = order(Moment.D);
            int sd = order(Moment.SD);
            int d2 = order(Moment.D2);
            int sd2 = order(Moment.SD2);
            int s2d2 = order(Moment.S2D2);
            int squareD = order(Moment.SQUARE_D);
            owen[T_SQUARE] = square >= 0;
            owen[T_SQUARE_D] = squareD >= 0;
            owen[T_S2D2] = s2d2 >= 0;
            dOrder = Math.max(d, Math.max(sd, squareD));
            d2Order = Math.max(d2, Math.max(sd2, s2d2));
            // an Owen's-T factor of order o needs its Gaussian and its erf to order o − 1
            erfOrder[G1] = s;
            erfOrder[G12] = Math.max(sd, square - 1);
            erfOrder[G2] = -1;
            erfOrder[G23] = Math.max(sd2, squareD - 1);
            erfOrder[G34] = s2d2 - 1;
            gaussOrder[G1] = Math.max(dOrder, Math.max(s - 1, square - 1));
            gaussOrder[G12] = Math.max(erfOrder[G12] - 1, squareD - 1);
            gaussOrder[G2] = d2Order;
            gaussOrder[G23] = Math.max(erfOrder[G23] - 1, s2d2 - 1);
            gaussOrder[G34] = erfOrder[G34] - 1;
        }

        /** Point values at the n values in {@link #mu} by exp, erf and Owen's T. */
        void pointValues(int n) {
            for (int j = 0; j < n; j++) {
                double m = mu[j];
                for (int k = 0; k < GAUSSIANS; k++) {
                    if (gaussOrder[k] >= 0) {
                        g[k][j] = Math.exp(-alpha[k] * m * m);
                    }
                }
                for (int o = 0; o < OWENS; o++) {
                    if (owen[o]) {
                        t[o][j] = OwensT.smallA(Math.abs(m) * owenH[o], owenA[o]);
                    }
                }
            }
            erfValues(n);
        }

        /** Point values on the lattice μ_j = j·step: Gaussians by recurrence, Owen's T by its lattice rule. */
        void latticeValues(double step, int n) {
            double step2 = step * step;
            for (int j = 0; j < n; j++) {
                mu[j] = j * step;
            }
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussOrder[k] >= 0) {
                    latticeGaussian(Math.exp(-alpha[k] * step2), n, g[k]);
                }
            }
            for (int o = 0; o < OWENS; o++) {
                if (owen[o]) {
                    OwensT.onLattice(Math.abs(step) * owenH[o], owenA[o], n, owenWork, t[o]);
                }
            }
            erfValues(n);
        }

        /**
         * E^(j²) for j &lt; n by four interleaved recurrences (independent chains, so they pipeline):
         * G(j + 4) = G(j) R(j), R(j) = E^(8j + 16), R(j + 4) = R(j) E³², starting from G(0..3) = 1, E, E⁴, E⁹; values
         * below {@link #TINY} are flushed to 0 (with their ratio), avoiding slow subnormal arithmetic.
         */
        private static void latticeGaussian(double e, int n, double[] out) {
            double e2 = flush(e * e);
            double e4 = flush(e2 * e2);
            double e8 = flush(e4 * e4);
            double e16 = flush(e8 * e8);
            double e32 = flush(e16 * e16);
            double g0 = 1.0;
            double g1 = e;
            double g2 = e4;
            double g3 = flush(e8 * e);
            double r0 = e16;
            double r1 = flush(e16 * e8);
            double r2 = e32;
            double r3 = flush(e32 * e8);
            int j = 0;
            for (; j + 3 < n; j += 4) {
                out[j] = g0;
                out[j + 1] = g1;
                out[j + 2] = g2;
                out[j + 3] = g3;
                g0 = flush(g0 * r0);
                g1 = flush(g1 * r1);
                g2 = flush(g2 * r2);
                g3 = flush(g3 * r3);
                r0 = flush(r0 * e32);
                r1 = flush(r1 * e32);
                r2 = flush(r2 * e32);
                r3 = flush(r3 * e32);
            }
            if (j < n) {
                out[j++] = g0;
            }
            if (j < n) {
                out[j++] = g1;
            }
            if (j < n) {
                out[j] = g2;
            }
        }

        private void erfValues(int n) {
            for (int k = 0; k < GAUSSIANS; k++) {
                if (erfOrder[k] >= 0) {
                    double b = beta[k];
                    double[] ek = e[k];
                    for (int j = 0; j < n; j++) {
                        ek[j] = b * mu[j];
                    }
                    ErrorFunction.erf(ek, n, ek);
                }
            }
        }

        /**
         * The requested moments' jets from the current point values (n lanes) into rows kind·stride + d of
         * {@code target}, d ≤ the kind's requested order.
         */
        void fill(int n, int stride, double[][] target) {
            for (int k = 0; k < GAUSSIANS; k++) {
                if (gaussOrder[k] >= 0) {
                    gaussianJet(alpha[k], g[k], mu, gaussOrder[k], n, gaussJet[k]);
                }
                if (erfOrder[k] >= 0) {
                    System.arraycopy(e[k], 0, erfJet[k][0], 0, n);
                    for (int d = 0; d < erfOrder[k]; d++) {
                        scale(erfSlope[k], gaussJet[k][d], n, erfJet[k][d + 1]);
                    }
                }
            }
            for (int d = 0; d <= dOrder; d++) {
                scale(cD, gaussJet[G1][d], n, dJet[d]);
            }
            for (int d = 0; d <= d2Order; d++) {
                scale(cD2, gaussJet[G2][d], n, d2Jet[d]);
            }
            copy(erfJet[G1], order(Moment.S), n, target, Moment.S.ordinal() * stride);
            copy(dJet, order(Moment.D), n, target, Moment.D.ordinal() * stride);
            leibniz(dJet, erfJet[G12], order(Moment.SD), n, target, Moment.SD.ordinal() * stride);
            copy(d2Jet, order(Moment.D2), n, target, Moment.D2.ordinal() * stride);
            leibniz(d2Jet, erfJet[G23], order(Moment.SD2), n, target, Moment.SD2.ordinal() * stride);
            owenFactor(T_SQUARE, order(Moment.SQUARE), n, target, Moment.SQUARE.ordinal() * stride);
            if (order(Moment.SQUARE_D) >= 0) {
                owenFactor(T_SQUARE_D, order(Moment.SQUARE_D), n, factor, 0);
                leibniz(dJet, factor, order(Moment.SQUARE_D), n, target, Moment.SQUARE_D.ordinal() * stride);
            }
            if (order(Moment.S2D2) >= 0) {
                owenFactor(T_S2D2, order(Moment.S2D2), n, factor, 0);
                leibniz(d2Jet, factor, order(Moment.S2D2), n, target, Moment.S2D2.ordinal() * stride);
            }
        }

        /** 1 − 8T(h|μ|, a) and its derivatives 4h φ(hμ) erf(ahμ/√2) (jets of order − 1) into rows o ... */
        private void owenFactor(int m, int order, int n, double[][] rows, int o) {
            if (order < 0) {
                return;
            }
            double[] t0 = t[m];
            double[] r0 = rows[o];
            for (int j = 0; j < n; j++) {
                r0[j] = 1.0 - 8.0 * t0[j];
            }
            if (order > 0) {
                leibniz(gaussJet[OWEN_GAUSSIAN[m]], erfJet[OWEN_ERF[m]], order - 1, n, product, 0);
                for (int d = 0; d < order; d++) {
                    scale(owenSlope[m], product[d], n, rows[o + d + 1]);
                }
            }
        }

        private static void scale(double c, double[] in, int n, double[] out) {
            for (int j = 0; j < n; j++) {
                out[j] = c * in[j];
            }
        }

        private static void copy(double[][] in, int order, int n, double[][] out, int o) {
            for (int d = 0; d <= order; d++) {
                System.arraycopy(in[d], 0, out[o + d], 0, n);
            }
        }
    }

    /**
     * The jet of G (values per lane) with G' = −2αμG: G⁽ⁿ⁾ = value·Pₙ(μ), P₀ = 1, P₁ = −2αμ,
     * Pₙ₊₁ = −2α(μPₙ + nPₙ₋₁), into rows out[0 .. order]. The polynomial is evaluated before scaling by the value,
     * so that two values of G at the same μ (exp or lattice recurrence) give jets that differ by their ratio only.
     */
    private static void gaussianJet(double alpha, double[] value, double[] mu, int order, int n, double[][] out) {
        double[] p0 = out[0];
        for (int j = 0; j < n; j++) {
            p0[j] = 1.0;
        }
        if (order > 0) {
            double[] p1 = out[1];
            for (int j = 0; j < n; j++) {
                p1[j] = -2 * alpha * mu[j];
            }
        }
        for (int d = 1; d < order; d++) {
            double[] next = out[d + 1];
            double[] cur = out[d];
            double[] prev = out[d - 1];
            for (int j = 0; j < n; j++) {
                next[j] = -2 * alpha * (mu[j] * cur[j] + d * prev[j]);
            }
        }
        for (int d = 0; d <= order; d++) {
            double[] row = out[d];
            for (int j = 0; j < n; j++) {
                row[j] *= value[j];
            }
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
     * (fg)⁽ᵈ⁾ = Σ_k C(d, k) f⁽ᵏ⁾ g⁽ᵈ⁻ᵏ⁾ for d = 0..order ≤ {@link #MAX_ORDER}, lane by lane (rows of f, g; output rows
     * out[o ..], aliasing neither).
     */
    private static void leibniz(double[][] f, double[][] g, int order, int n, double[][] out, int o) {
        for (int d = 0; d <= order; d++) {
            double[] r = out[o + d];
            double[] f0 = f[0];
            double[] gd = g[d];
            for (int j = 0; j < n; j++) {
                r[j] = f0[j] * gd[j];
            }
            for (int k = 1; k <= d; k++) {
                double c = BINOMIALS[d * (d + 1) / 2 + k];
                double[] fk = f[k];
                double[] gk = g[d - k];
                for (int j = 0; j < n; j++) {
                    r[j] += c * fk[j] * gk[j];
                }
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
