package org.sgdlimits.gauss;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.sgdlimits.activation.BellShapedDerivative;

/**
 * A K-point rule for a bell-shaped derivative as a Gaussian scale mixture, σ'(x) ≈ Σ_k β_k e^(−t_k x²)
 * (docs/theory.md §3.10.1). For sech² the mixing measure is that of t = 1/(2K²), K Kolmogorov-distributed, with
 * weight 2/(K√(2π)) (the logistic density is a normal scale mixture, Andrews and Mallows 1974); the rule is the
 * K-point Gauss rule of that measure in the variable τ = ln K, computed by the Lanczos process from the
 * trapezoidal discretisation of the measure in τ (step 0.05, exact to rounding for the polynomial degrees used).
 * The Gaussian bell is one point. Immutable.
 */
public final class GaussianScaleMixture {
    /** Trapezoidal step and range of the discretised mixing measure in τ = ln K. */
    private static final double STEP = 0.05;
    private static final double TAU_MIN = -3.2;
    private static final double TAU_MAX = 2.2;

    private final double[] exponents;
    private final double[] weights;

    private GaussianScaleMixture(double[] exponents, double[] weights) {
        this.exponents = exponents;
        this.weights = weights;
    }

    /**
     * The K-point rule for σ'(x) = amplitude · bell(x/width).
     *
     * @param points K, in [1, 40] (ignored for the Gaussian bell, which is exact with one point)
     * @throws IllegalArgumentException for K outside [1, 40]
     */
    public static GaussianScaleMixture of(BellShapedDerivative d, int points) {
        if (points < 1 || points > 40) {
            throw new IllegalArgumentException("mixture points: " + points + "; allowed range [1, 40]");
        }
        double w2 = d.width() * d.width();
        if (d.bell() == BellShapedDerivative.Bell.GAUSSIAN) {
            return new GaussianScaleMixture(new double[] {0.5 / w2}, new double[] {d.amplitude()});
        }
        double[][] rule = sechSquaredRule(points);
        double[] t = new double[points];
        double[] b = new double[points];
        for (int k = 0; k < points; k++) {
            t[k] = rule[0][k] / w2;
            b[k] = rule[1][k] * d.amplitude();
        }
        return new GaussianScaleMixture(t, b);
    }

    /** Number of points K. */
    public int size() {
        return exponents.length;
    }

    /** t_k &gt; 0, the exponent of the k-th Gaussian. */
    public double exponent(int k) {
        return exponents[k];
    }

    /** β_k &gt; 0, the weight of the k-th Gaussian. */
    public double weight(int k) {
        return weights[k];
    }

    /** Σ_k β_k e^(−t_k x²). */
    public double value(double x) {
        double s = 0;
        for (int k = 0; k < exponents.length; k++) {
            s += weights[k] * Math.exp(-exponents[k] * x * x);
        }
        return s;
    }

    /**
     * Gauss rule {exponents t_k, weights β_k} for sech²(y) = ∫ (2/√(2π)) k(e^τ) e^(−y² e^(−2τ)/2) dτ, k the
     * Kolmogorov density.
     */
    static double[][] sechSquaredRule(int points) {
        int m = (int) Math.round((TAU_MAX - TAU_MIN) / STEP) + 1;
        double[] x = new double[m];
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            double tau = TAU_MIN + j * STEP;
            x[j] = tau;
            w[j] = STEP * 2 / Math.sqrt(2 * Math.PI) * kolmogorovDensity(Math.exp(tau));
        }
        double[][] gauss = lanczosGauss(x, w, points);
        double[] t = new double[points];
        for (int k = 0; k < points; k++) {
            t[k] = 0.5 * Math.exp(-2 * gauss[0][k]);
        }
        return new double[][] {t, gauss[1]};
    }

    /** The Kolmogorov distribution's density at x &gt; 0 (its two theta series, each where it converges fast). */
    static double kolmogorovDensity(double x) {
        if (x >= 1) {
            double s = 0;
            for (int j = 1; j <= 20; j++) {
                s += (j % 2 == 1 ? 1 : -1) * j * j * Math.exp(-2.0 * j * j * x * x);
            }
            return 8 * x * s;
        }
        double s = 0;
        double x2 = x * x;
        for (int j = 1; j <= 20; j++) {
            double a = (2 * j - 1) * (2 * j - 1) * Math.PI * Math.PI / 8;
            s += Math.exp(-a / x2) * (2 * a / (x2 * x2) - 1 / x2);
        }
        return Math.sqrt(2 * Math.PI) * s;
    }

    /**
     * The K-point Gauss rule of the discrete measure Σ_j w_j δ(x − x_j) (Lanczos with full re-orthogonalisation,
     * then the eigen-decomposition of the Jacobi matrix): {nodes, weights}.
     */
    static double[][] lanczosGauss(double[] x, double[] w, int points) {
        int m = x.length;
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[][] q = new double[points + 1][m];
        for (int j = 0; j < m; j++) {
            q[0][j] = Math.sqrt(w[j] / total);
        }
        double[] alpha = new double[points];
        double[] beta = new double[points];
        for (int k = 0; k < points; k++) {
            double[] v = new double[m];
            for (int j = 0; j < m; j++) {
                v[j] = x[j] * q[k][j];
            }
            double a = 0;
            for (int j = 0; j < m; j++) {
                a += q[k][j] * v[j];
            }
            alpha[k] = a;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= k; i++) {
                    double dot = 0;
                    for (int j = 0; j < m; j++) {
                        dot += q[i][j] * v[j];
                    }
                    for (int j = 0; j < m; j++) {
                        v[j] -= dot * q[i][j];
                    }
                }
            }
            double norm = 0;
            for (double vj : v) {
                norm += vj * vj;
            }
            norm = Math.sqrt(norm);
            beta[k] = norm;
            for (int j = 0; j < m; j++) {
                q[k + 1][j] = v[j] / norm;
            }
        }
        double[] off = new double[points - 1];
        System.arraycopy(beta, 0, off, 0, points - 1);
        if (points == 1) {
            return new double[][] {{alpha[0]}, {total}};
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(alpha, off);
        double[] nodes = eig.getEigenvalues();
        double[] weights = new double[points];
        for (int k = 0; k < points; k++) {
            double first = eig.getEigenvector(k).getEntry(0);
            weights[k] = total * first * first;
        }
        return new double[][] {nodes, weights};
    }

    @Override
    public String toString() {
        return "GaussianScaleMixture(" + exponents.length + " points)";
    }
}
