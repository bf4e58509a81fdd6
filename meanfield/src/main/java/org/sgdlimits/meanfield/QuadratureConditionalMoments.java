package org.sgdlimits.meanfield;

import org.sgdlimits.activation.Activation;

/**
 * Conditional moments of any activation by Gauss–Hermite quadrature over ξ: λ_l = μ + √q⊥ ξ_l,
 * E[h(λ)] ≈ Σ_l w_l h(λ_l) (see {@link ConditionalMoments} for the list). Exact when q⊥ = 0; for smooth
 * activations (tanh) the error at {@value #DEFAULT_NODES} nodes is at round-off level for q⊥ ≲ 1. For ReLU the
 * kink makes it converge slowly (errors ~1e-3 at 40 nodes). Immutable, thread-safe, allocation-free.
 */
final class QuadratureConditionalMoments implements ConditionalMoments {
    static final int DEFAULT_NODES = 40;
    private final Activation activation;
    private final GaussHermiteRule rule;

    QuadratureConditionalMoments(Activation activation, int nodes) {
        this.activation = activation;
        this.rule = new GaussHermiteRule(nodes);
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public void means(double[] mu, int n, double q, double[] s, double[] variance) {
        double sq = Math.sqrt(q);
        int nodes = rule.size();
        for (int j = 0; j < n; j++) {
            double sum = 0;
            double sum2 = 0;
            for (int l = 0; l < nodes; l++) {
                double v = activation.value(mu[j] + sq * rule.node(l));
                double w = rule.weight(l);
                sum += w * v;
                sum2 += w * v * v;
            }
            s[j] = sum;
            if (variance != null) {
                variance[j] = Math.max(0.0, sum2 - sum * sum);
            }
        }
    }

    @Override
    public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi, double[] sdxi) {
        double sq = Math.sqrt(q);
        int nodes = rule.size();
        for (int j = 0; j < n; j++) {
            double sd0 = 0;
            double sd1 = 0;
            double sd2 = 0;
            double sd3 = 0;
            for (int l = 0; l < nodes; l++) {
                double x = sq * rule.node(l);
                double lambda = mu[j] + x;
                double w = rule.weight(l);
                double v = activation.value(lambda);
                double dv = activation.derivative(lambda);
                sd0 += w * dv;
                sd1 += w * v * dv;
                sd2 += w * dv * x;
                sd3 += w * v * dv * x;
            }
            d[j] = sd0;
            sd[j] = sd1;
            dxi[j] = sd2;
            sdxi[j] = sd3;
        }
    }

    @Override
    public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
        double sq = Math.sqrt(q);
        int nodes = rule.size();
        for (int j = 0; j < n; j++) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            for (int l = 0; l < nodes; l++) {
                double lambda = mu[j] + sq * rule.node(l);
                double w = rule.weight(l);
                double v = activation.value(lambda);
                double dv = activation.derivative(lambda);
                double dv2 = dv * dv;
                a0 += w * dv2;
                a1 += w * v * dv2;
                a2 += w * v * v * dv2;
            }
            d2[j] = a0;
            sd2[j] = a1;
            s2d2[j] = a2;
        }
    }

    @Override
    public double meanSquare(double variance) {
        double s = Math.sqrt(variance);
        double sum = 0;
        for (int l = 0; l < rule.size(); l++) {
            double v = activation.value(s * rule.node(l));
            sum += rule.weight(l) * v * v;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "QuadratureConditionalMoments(" + activation.id() + ", " + rule.size() + " Gauss-Hermite nodes)";
    }
}
