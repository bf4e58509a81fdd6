package org.sgdlimits.study.informationexponent;

import java.util.List;
import org.sgdlimits.narrow.singleindex.InformationExponentEscape;
import org.sgdlimits.study.regimes.PowerLawFit;

/**
 * The escape times of one information exponent k and their fitted log-log exponents.
 *
 * @param exponent  k
 * @param ode       ODE escape times over d
 * @param simulated Gram-chain escape times over d
 * @param odeFit    fitted exponent of τ_ODE against d with its standard error
 * @param simulatedFit fitted exponent of the simulated mean τ against d (NaN when fewer than 2 points escaped)
 */
public record ExponentResult(int exponent, List<EscapePoint> ode, List<EscapePoint> simulated,
                             PowerLawFit odeFit, PowerLawFit simulatedFit) {

    /** The theoretical exponent of τ in d: k − 2 for k ≥ 3, 0 for k = 1 (O(1)) and k = 2 (log d). */
    public double theoryExponent() {
        return Math.max(exponent - 2, 0);
    }

    /** The theory in words: "O(1)", "log d" or "d^(k−2)". */
    public String theoryLabel() {
        return exponent == 1 ? "O(1)" : exponent == 2 ? "log d" : "d^" + (exponent - 2);
    }

    /** A fit over the escaped points of a list (NaN slope with fewer than 2). */
    static PowerLawFit fit(List<EscapePoint> points) {
        double[] x = points.stream().filter(p -> p.escapeTime() > 0).mapToDouble(EscapePoint::dimension).toArray();
        double[] y = points.stream().filter(p -> p.escapeTime() > 0).mapToDouble(EscapePoint::escapeTime).toArray();
        return x.length < 2 ? new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, x.length, PowerLawFit.Method.UNWEIGHTED)
                : PowerLawFit.fit(x, y, null);
    }

    /**
     * For k = 2 (τ ∝ log d): the growth of the ODE escape time per doubling of d, the least-squares slope of τ
     * against log₂ d over the escaped ODE points (NaN with fewer than 2).
     */
    public double odeGrowthPerDoubling() {
        double[] x = ode.stream().filter(p -> p.escapeTime() > 0)
                .mapToDouble(p -> Math.log(p.dimension()) / Math.log(2)).toArray();
        double[] y = ode.stream().filter(p -> p.escapeTime() > 0).mapToDouble(EscapePoint::escapeTime).toArray();
        if (x.length < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    /**
     * The predicted growth of τ per doubling of d when τ ∝ log d (k = 2): m grows like exp(r τ) from d^(−1/2) at
     * the rate r = c_k γ (1 − θ) (drift c_k γ less the SGD noise, θ of it at the critical rate), so
     * τ = ln d/(2r) and a doubling adds ln 2/(2 c_k (1 − θ) γ) = ln 2/(8 (1 − θ) γ) for k = 2.
     *
     * @param learningRate γ (d-independent for k = 2)
     * @param rateFraction θ
     */
    public double predictedGrowthPerDoubling(double learningRate, double rateFraction) {
        return Math.log(2) / (2 * InformationExponentEscape.drivingCoefficient(exponent) * (1 - rateFraction)
                * learningRate);
    }
}
