package org.sgdlimits.meanfield;

import org.sgdlimits.activation.StandardNormal;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Owen's T function T(h, a) = (1/2π) ∫₀^a exp(−h²(1 + x²)/2) / (1 + x²) dx.
 *
 * <p>It gives the second conditional moment of erf: for X ~ N(μ, v),
 * E[erf(X/√2)²] = 1 − 8 T(μ/√(1+v), 1/√(1+2v)) (bivariate-normal orthant identity
 * Φ₂(h, h; ρ) = Φ(h) − 2T(h, √((1−ρ)/(1+ρ))) with ρ = v/(1+v)).
 *
 * <p>Method for 0 ≤ a ≤ 1 (the only range the drift needs): substitute x = a t,
 * T = (a e^(−h²/2) / 2π) ∫₀¹ exp(−h²a²t²/2) / (1 + a²t²) dt, and apply a fixed {@value #NODES}-point
 * Gauss–Legendre rule. The pole of 1/(1 + a²t²) is at distance ≥ 1 from [0, 1] and the Gaussian factor is
 * damped by the prefactor e^(−h²/2) whenever it is sharp, so the absolute error is ≲ 1e-16 uniformly in h
 * (checked by the tests against adaptive quadrature of the definition). For a &gt; 1 the reflection identity
 * T(h, a) + T(ah, 1/a) = ½Φ(h) + ½Φ(ah) − Φ(h)Φ(ah) (h ≥ 0) is used; symmetry
 * T(−h, a) = T(h, a), T(h, −a) = −T(h, a). Stateless, thread-safe.
 */
final class OwensT {
    static final int NODES = 12;
    private static final double[] T2 = new double[NODES];
    private static final double[] W = new double[NODES];
    private static final double INV_TWO_PI = 1.0 / (2 * Math.PI);

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(NODES, 0.0, 1.0);
        for (int i = 0; i < NODES; i++) {
            double t = rule.getPoint(i);
            T2[i] = t * t;
            W[i] = rule.getWeight(i);
        }
    }

    private OwensT() {
    }

    /** T(h, a) for any real h and a. */
    static double value(double h, double a) {
        if (a < 0) {
            return -value(h, -a);
        }
        double ah = Math.abs(h);
        if (a <= 1.0) {
            return smallA(ah, a);
        }
        // a > 1: T(h, a) = ½Φ(h) + ½Φ(ah) − Φ(h)Φ(ah) − T(ah, 1/a) for h ≥ 0
        double ph = StandardNormal.fastCdf(ah);
        double pah = StandardNormal.fastCdf(a * ah);
        return 0.5 * ph + 0.5 * pah - ph * pah - smallA(a * ah, 1.0 / a);
    }

    /** T(h, a) for h ≥ 0, 0 ≤ a ≤ 1 (no argument checks; the hot-loop entry). */
    static double smallA(double h, double a) {
        double halfH2 = 0.5 * h * h;
        double a2 = a * a;
        double c = halfH2 * a2;
        double sum = 0.0;
        for (int i = 0; i < NODES; i++) {
            double x = a2 * T2[i];
            sum += W[i] * Math.exp(-c * T2[i]) / (1.0 + x);
        }
        return a * Math.exp(-halfH2) * INV_TWO_PI * sum;
    }

    /** Workspace length needed by {@link #onLattice}. */
    static final int LATTICE_WORKSPACE = 4 * NODES;

    /**
     * T(j·hStep, a) for j &lt; n (hStep ≥ 0, 0 ≤ a ≤ 1) into out[0..n), by the same Gauss–Legendre rule as
     * {@link #smallA} with each Gaussian factor exp(−(j hStep)²(1+a²t_l²)/2) = E_l^(j²) updated by two
     * multiplications per lattice point (values below 1e-250 are flushed to 0). {@code work} needs
     * {@link #LATTICE_WORKSPACE} entries.
     */
    static void onLattice(double hStep, double a, int n, double[] work, double[] out) {
        double a2 = a * a;
        double h2 = hStep * hStep;
        int g = 0;
        int r = NODES;
        int e2 = 2 * NODES;
        int c = 3 * NODES;
        for (int l = 0; l < NODES; l++) {
            double x = a2 * T2[l];
            double e = Math.exp(-h2 * 0.5 * (1.0 + x));
            work[g + l] = 1.0;
            work[r + l] = e;
            work[e2 + l] = e * e < 1e-250 ? 0.0 : e * e;
            work[c + l] = W[l] / (1.0 + x);
        }
        double scale = a * INV_TWO_PI;
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int l = 0; l < NODES; l++) {
                double gl = work[g + l];
                sum += work[c + l] * gl;
                double next = gl * work[r + l];
                double nextR = work[r + l] * work[e2 + l];
                work[g + l] = next < 1e-250 ? 0.0 : next;
                work[r + l] = nextR < 1e-250 ? 0.0 : nextR;
            }
            out[j] = scale * sum;
        }
    }
}
