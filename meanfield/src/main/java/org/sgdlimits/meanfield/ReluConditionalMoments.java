package org.sgdlimits.meanfield;

import org.sgdlimits.activation.StandardNormal;

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

    private ReluConditionalMoments() {
    }

    @Override
    public Activation activation() {
        return StandardActivation.RELU;
    }

    /** Φ(μ/s) = E[σ'(λ)]; at s = 0 the point mass λ = μ gives 1{μ &gt; 0} (σ'(0) = 0). */
    private static double cdf(double mu, double s) {
        return s == 0 ? (mu > 0 ? 1.0 : 0.0) : StandardNormal.fastCdf(mu / s);
    }

    /** s φ(μ/s) = E[σ'(λ)(λ − μ)] (0 at s = 0). */
    private static double scaledDensity(double mu, double s) {
        return s == 0 ? 0.0 : s * StandardNormal.density(mu / s);
    }

    /** E[σ(λ)] = μΦ + sφ. */
    private static double mean(double mu, double cdf, double scaledDensity) {
        return mu * cdf + scaledDensity;
    }

    /** E[σ(λ)²] = (μ² + q)Φ + μsφ. */
    private static double secondMoment(double mu, double q, double cdf, double scaledDensity) {
        return (mu * mu + q) * cdf + mu * scaledDensity;
    }

    @Override
    public void means(double[] mu, int n, double q, double[] s, double[] variance) {
        double sd = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            double cdf = cdf(mu[j], sd);
            double sPhi = scaledDensity(mu[j], sd);
            double mean = mean(mu[j], cdf, sPhi);
            s[j] = mean;
            if (variance != null) {
                variance[j] = Math.max(0.0, secondMoment(mu[j], q, cdf, sPhi) - mean * mean);
            }
        }
    }

    @Override
    public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi, double[] sdxi) {
        double s = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            double cdf = cdf(mu[j], s);
            double sPhi = scaledDensity(mu[j], s);
            d[j] = cdf;
            sd[j] = mean(mu[j], cdf, sPhi);
            dxi[j] = sPhi;
            sdxi[j] = q * cdf;
        }
    }

    @Override
    public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
        double s = Math.sqrt(q);
        for (int j = 0; j < n; j++) {
            // σ'² = σ': D2 = D, SD2 = S, S2D2 = E[σ²]
            double cdf = cdf(mu[j], s);
            double sPhi = scaledDensity(mu[j], s);
            d2[j] = cdf;
            sd2[j] = mean(mu[j], cdf, sPhi);
            if (s2d2 != null) {
                s2d2[j] = secondMoment(mu[j], q, cdf, sPhi);
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
