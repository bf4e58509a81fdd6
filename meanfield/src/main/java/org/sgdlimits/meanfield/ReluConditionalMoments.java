package org.sgdlimits.meanfield;

import org.sgdlimits.activation.ErrorFunction;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Closed-form conditional moments for σ(x) = max(0, x), λ ~ N(μ, q), s = √q, t = μ/s, Φ, φ the standard normal
 * distribution and density at t (see {@link ConditionalMoments}); σ' = 1{λ &gt; 0}, so σ'² = σ':
 * <ul>
 *   <li>S = μΦ + sφ,  E[σ²] = (μ² + q)Φ + μsφ</li>
 *   <li>D = D2 = Φ,  SD = SD2 = S,  S2D2 = E[σ²]</li>
 *   <li>DXi = E[1{λ&gt;0}(λ − μ)] = sφ,  SDXi = E[σ(λ)(λ − μ)] = q Φ (Stein)</li>
 *   <li>q = 0: λ = μ, Φ = 1{μ &gt; 0} (σ'(0) = 0, the right-derivative convention of the activation)</li>
 *   <li>E[σ(λ)²] for λ ~ N(0, v): v/2</li>
 * </ul>
 */
final class ReluConditionalMoments implements ConditionalMoments {
    static final ReluConditionalMoments INSTANCE = new ReluConditionalMoments();
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private ReluConditionalMoments() {
    }

    @Override
    public Activation activation() {
        return StandardActivation.RELU;
    }

    private static double cdf(double t) {
        return 0.5 * (1.0 + ErrorFunction.erf(t * INV_SQRT2));
    }

    @Override
    public void means(double[] mu, int n, double q, double[] s, double[] variance) {
        double sd = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            if (q == 0) {
                s[j] = m > 0 ? m : 0.0;
                if (variance != null) {
                    variance[j] = 0.0;
                }
                continue;
            }
            double t = m / sd;
            double phi = INV_SQRT_2PI * Math.exp(-0.5 * t * t);
            double cdf = cdf(t);
            double mean = m * cdf + sd * phi;
            s[j] = mean;
            if (variance != null) {
                double second = (m * m + q) * cdf + m * sd * phi;
                variance[j] = Math.max(0.0, second - mean * mean);
            }
        }
    }

    @Override
    public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi, double[] sdxi) {
        double s = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            if (q == 0) {
                d[j] = m > 0 ? 1.0 : 0.0;
                sd[j] = m > 0 ? m : 0.0;
                dxi[j] = 0.0;
                sdxi[j] = 0.0;
                continue;
            }
            double t = m / s;
            double phi = INV_SQRT_2PI * Math.exp(-0.5 * t * t);
            double cdf = cdf(t);
            d[j] = cdf;
            sd[j] = m * cdf + s * phi;
            dxi[j] = s * phi;
            sdxi[j] = q * cdf;
        }
    }

    @Override
    public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
        double s = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            double m = mu[j];
            if (q == 0) {
                d2[j] = m > 0 ? 1.0 : 0.0;
                sd2[j] = m > 0 ? m : 0.0;
                if (s2d2 != null) {
                    s2d2[j] = m > 0 ? m * m : 0.0;
                }
                continue;
            }
            double t = m / s;
            double phi = INV_SQRT_2PI * Math.exp(-0.5 * t * t);
            double cdf = cdf(t);
            d2[j] = cdf;
            sd2[j] = m * cdf + s * phi;
            if (s2d2 != null) {
                s2d2[j] = (m * m + q) * cdf + m * s * phi;
            }
        }
    }

    @Override
    public double meanSquare(double variance) {
        return 0.5 * variance;
    }

    @Override
    public String toString() {
        return "ReluConditionalMoments(closed form)";
    }
}
