package org.sgdlimits.meanfield;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;
import org.sgdlimits.activation.StandardActivation;

/**
 * Exact conditional moments for the polynomial activations σ(x) = x and σ(x) = x² (λ ~ N(μ, q), Gaussian
 * raw moments E[λ²] = μ² + q, E[λ³] = μ³ + 3μq, E[λ⁴] = μ⁴ + 6μ²q + 3q², E[λ⁶] = μ⁶ + 15μ⁴q + 45μ²q² + 15q³,
 * and E[λ^n (λ − μ)] = q n E[λ^(n−1)] by Stein's lemma).
 * <ul>
 *   <li>linear: S = μ, Var = q, D = 1, SD = μ, DXi = 0, SDXi = q, D2 = 1, SD2 = μ, S2D2 = μ² + q</li>
 *   <li>square: S = μ² + q, Var = 4μ²q + 2q², D = 2μ, SD = 2E[λ³], DXi = 2q, SDXi = 6q(μ² + q),
 *       D2 = 4E[λ²], SD2 = 4E[λ⁴], S2D2 = 4E[λ⁶]</li>
 * </ul>
 */
enum PolynomialConditionalMoments implements ConditionalMoments {
    LINEAR {
        @Override
        public void means(double[] mu, int n, double q, double[] s, double[] variance) {
            for (int j = 0; j < n; j++) {
                s[j] = mu[j];
                if (variance != null) {
                    variance[j] = q;
                }
            }
        }

        @Override
        public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi,
                                    double[] sdxi) {
            for (int j = 0; j < n; j++) {
                d[j] = 1.0;
                sd[j] = mu[j];
                dxi[j] = 0.0;
                sdxi[j] = q;
            }
        }

        @Override
        public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
            for (int j = 0; j < n; j++) {
                d2[j] = 1.0;
                sd2[j] = mu[j];
                if (s2d2 != null) {
                    s2d2[j] = mu[j] * mu[j] + q;
                }
            }
        }

        @Override
        public double meanSquare(double variance) {
            return variance;
        }

        @Override
        public Activation activation() {
            return StandardActivation.LINEAR;
        }

        @Override
        public Parity parity() {
            return Parity.ODD;
        }
    },
    SQUARE {
        @Override
        public void means(double[] mu, int n, double q, double[] s, double[] variance) {
            for (int j = 0; j < n; j++) {
                double m2 = mu[j] * mu[j];
                s[j] = m2 + q;
                if (variance != null) {
                    variance[j] = 4 * m2 * q + 2 * q * q;
                }
            }
        }

        @Override
        public void gradientMoments(double[] mu, int n, double q, double[] d, double[] sd, double[] dxi,
                                    double[] sdxi) {
            for (int j = 0; j < n; j++) {
                double m = mu[j];
                double m2 = m * m;
                d[j] = 2 * m;
                sd[j] = 2 * (m2 * m + 3 * m * q);
                dxi[j] = 2 * q;
                sdxi[j] = 6 * q * (m2 + q);
            }
        }

        @Override
        public void noiseMoments(double[] mu, int n, double q, double[] d2, double[] sd2, double[] s2d2) {
            for (int j = 0; j < n; j++) {
                double m2 = mu[j] * mu[j];
                d2[j] = 4 * (m2 + q);
                sd2[j] = 4 * (m2 * m2 + 6 * m2 * q + 3 * q * q);
                if (s2d2 != null) {
                    s2d2[j] = 4 * (m2 * m2 * m2 + 15 * m2 * m2 * q + 45 * m2 * q * q + 15 * q * q * q);
                }
            }
        }

        @Override
        public double meanSquare(double variance) {
            return 3 * variance * variance;
        }

        @Override
        public Activation activation() {
            return StandardActivation.SQUARE;
        }

        @Override
        public Parity parity() {
            return Parity.EVEN;
        }
    }
}
