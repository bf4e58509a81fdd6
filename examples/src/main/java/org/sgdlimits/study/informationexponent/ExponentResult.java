package org.sgdlimits.study.informationexponent;

import java.util.List;
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
}
