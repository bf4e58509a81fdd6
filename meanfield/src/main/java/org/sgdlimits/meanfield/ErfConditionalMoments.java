package org.sgdlimits.meanfield;

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
     * The μ-derivatives of every moment in closed form: a Gaussian G = e^(−αμ²) has G' = −2αμG, hence
     * G⁽ⁿ⁺¹⁾ = −2α(μG⁽ⁿ⁾ + nG⁽ⁿ⁻¹⁾); erf(βμ)' = (2β/√π)e^(−β²μ²); the Owen's-T factors 1 − 8T(hμ, a) of E[σ²], E[σ²σ']
     * and E[σ²σ'²] have derivative 4h φ(hμ) erf(ahμ/√2) (∂T/∂h = −φ(h) erf(ah/√2)/2); products by Leibniz.
     * Allocation-free apart from a small per-thread scratch. Checked against the quadrature default.
     */
    @Override
    public void derivatives(double mu, double q, int order, double[] out) {
        int n1 = order + 1;
        double[] w = SCRATCH.get();
        if (w.length < 6 * (n1 + 1)) {
            w = new double[6 * (n1 + 1)];
            SCRATCH.set(w);
        }
        int ga = 0;
        int gb = n1 + 1;
        int ea = 2 * (n1 + 1);
        int eb = 3 * (n1 + 1);
        int fa = 4 * (n1 + 1);
        int fb = 5 * (n1 + 1);
        double onePlusQ = 1 + q;
        double onePlus2Q = 1 + 2 * q;
        double onePlus3Q = 1 + 3 * q;
        // S = erf(μ/√(2(1+q)))
        erf(1.0 / Math.sqrt(2 * onePlusQ), mu, order, w, ga, out, Moment.S.ordinal() * n1);
        // D = √(2/π)(1+q)^(−½) e^(−μ²/(2(1+q)))
        gaussian(0.5 / onePlusQ, SQRT_2_OVER_PI / Math.sqrt(onePlusQ), mu, order, out, Moment.D.ordinal() * n1);
        // SD = D erf(μ/√(2(1+q)(1+2q)))
        erf(1.0 / Math.sqrt(2 * onePlusQ * onePlus2Q), mu, order, w, gb, w, ea);
        leibniz(out, Moment.D.ordinal() * n1, w, ea, order, out, Moment.SD.ordinal() * n1);
        // D2 = (2/π)(1+2q)^(−½) e^(−μ²/(1+2q)),  SD2 = D2 erf(μ/√(2(1+2q)(1+3q)))
        gaussian(1.0 / onePlus2Q, TWO_OVER_PI / Math.sqrt(onePlus2Q), mu, order, out, Moment.D2.ordinal() * n1);
        erf(1.0 / Math.sqrt(2 * onePlus2Q * onePlus3Q), mu, order, w, gb, w, ea);
        leibniz(out, Moment.D2.ordinal() * n1, w, ea, order, out, Moment.SD2.ordinal() * n1);
        // E[σ²] = 1 − 8T(μ/√(1+q), 1/√(1+2q))
        owenFactor(1.0 / Math.sqrt(onePlusQ), 1.0 / Math.sqrt(onePlus2Q), mu, order, w, ga, eb, fb,
                out, Moment.SQUARE.ordinal() * n1);
        // E[σ²σ'] = D (1 − 8T(μ/√((1+q)(1+2q)), √((1+q)/(1+3q))))
        owenFactor(1.0 / Math.sqrt(onePlusQ * onePlus2Q), Math.sqrt(onePlusQ / onePlus3Q), mu, order, w, ga, eb, fb,
                w, fa);
        leibniz(out, Moment.D.ordinal() * n1, w, fa, order, out, Moment.SQUARE_D.ordinal() * n1);
        // E[σ²σ'²] = D2 (1 − 8T(μ/√((1+2q)(1+3q)), √((1+2q)/(1+4q))))
        owenFactor(1.0 / Math.sqrt(onePlus2Q * onePlus3Q), Math.sqrt(onePlus2Q / (1 + 4 * q)), mu, order, w, ga, eb,
                fb, w, fa);
        leibniz(out, Moment.D2.ordinal() * n1, w, fa, order, out, Moment.S2D2.ordinal() * n1);
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

    /** c·e^(−αμ²) and its derivatives 0..order into out[o ..]. */
    private static void gaussian(double alpha, double c, double mu, int order, double[] out, int o) {
        out[o] = c * Math.exp(-alpha * mu * mu);
        if (order > 0) {
            out[o + 1] = -2 * alpha * mu * out[o];
        }
        for (int n = 1; n < order; n++) {
            out[o + n + 1] = -2 * alpha * (mu * out[o + n] + n * out[o + n - 1]);
        }
    }

    /** erf(βμ) and its derivatives 0..order into out[o ..] (work[wo ..] holds order entries). */
    private static void erf(double beta, double mu, int order, double[] work, int wo, double[] out, int o) {
        out[o] = ErrorFunction.erf(beta * mu);
        if (order > 0) {
            gaussian(beta * beta, 2 * beta / Math.sqrt(Math.PI), mu, order - 1, work, wo);
            System.arraycopy(work, wo, out, o + 1, order);
        }
    }

    /** 1 − 8T(hμ, a) and its derivatives (derivative 4h φ(hμ) erf(ahμ/√2)); scratch at g, e, f. */
    private static void owenFactor(double h, double a, double mu, int order, double[] w, int g, int e, int f,
                                   double[] out, int o) {
        out[o] = 1.0 - 8.0 * OwensT.smallA(Math.abs(mu) * h, a);
        if (order > 0) {
            gaussian(0.5 * h * h, 4 * h / Math.sqrt(2 * Math.PI), mu, order - 1, w, g);
            erf(a * h / Math.sqrt(2.0), mu, order - 1, w, f, w, e);
            leibniz(w, g, w, e, order - 1, out, o + 1);
        }
    }

    /** (fg)⁽ⁿ⁾ = Σ_k C(n, k) f⁽ᵏ⁾ g⁽ⁿ⁻ᵏ⁾ for n = 0..order (out must not alias f or g). */
    private static void leibniz(double[] f, int fo, double[] g, int go, int order, double[] out, int o) {
        for (int n = 0; n <= order; n++) {
            double sum = 0;
            double binom = 1;
            for (int k = 0; k <= n; k++) {
                sum += binom * f[fo + k] * g[go + n - k];
                binom = binom * (n - k) / (k + 1);
            }
            out[o + n] = sum;
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
