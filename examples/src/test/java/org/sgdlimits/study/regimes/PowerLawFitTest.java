package org.sgdlimits.study.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {

    @Test
    void recoversAnExactPowerLawWeightedOrNot() {
        double[] x = {100, 400, 1600};
        double[] y = {3 * Math.pow(100, -0.5), 3 * Math.pow(400, -0.5), 3 * Math.pow(1600, -0.5)};
        PowerLawFit unweighted = PowerLawFit.fit(x, y, null);
        assertEquals(-0.5, unweighted.slope(), 1e-12);
        assertEquals(Math.log(3), unweighted.lnPrefactor(), 1e-12);
        assertEquals(0, unweighted.standardError(), 1e-12);
        PowerLawFit weighted = PowerLawFit.fit(x, y, new double[] {0.01 * y[0], 0.05 * y[1], 0.2 * y[2]});
        assertEquals(PowerLawFit.Method.WEIGHTED, weighted.method());
        assertEquals(-0.5, weighted.slope(), 1e-12);
        assertEquals(3 * Math.pow(800, -0.5), weighted.at(800), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, 0},
                null));
    }

    /** The weighted fit's propagated standard error is the spread of the fitted slope over noisy replicas. */
    @Test
    void weightedStandardErrorMatchesTheSpreadOfSlopesOverReplicas() {
        double[] x = {0.003125, 0.0125, 0.05};
        double[] rel = {0.15, 0.08, 0.04};
        SplittableRandom rng = new SplittableRandom(7);
        int n = 20000;
        double sum = 0;
        double sumSq = 0;
        double se = 0;
        int covered = 0;
        for (int r = 0; r < n; r++) {
            double[] y = new double[3];
            double[] e = new double[3];
            for (int i = 0; i < 3; i++) {
                y[i] = 0.02 * Math.sqrt(x[i]) * Math.exp(rel[i] * gaussian(rng));
                e[i] = rel[i] * y[i];
            }
            PowerLawFit f = PowerLawFit.fit(x, y, e);
            sum += f.slope();
            sumSq += f.slope() * f.slope();
            // without the Birge scaling the error is the same in every replica
            se = Math.sqrt(1 / sxxWeighted(x, rel));
            covered += f.agreesWith(0.5) ? 1 : 0;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0.5, mean, 4 * sd / Math.sqrt(n), "unbiased slope");
        assertEquals(se, sd, 0.03 * se, "propagated standard error vs spread of slopes");
        // the Birge ratio only widens the interval: coverage of +-2 SE at least the Gaussian 95.4 %
        assertTrue(covered > 0.95 * n, "coverage of the true exponent: " + covered + " of " + n);
    }

    @Test
    void unweightedErrorComesFromResidualsAndTwoPointsHaveNone() {
        double[] x = {1, 2, 4};
        double[] y = {1, Math.exp(0.1) * 0.5, 0.25};
        PowerLawFit f = PowerLawFit.fit(x, y, null);
        assertEquals(PowerLawFit.Method.UNWEIGHTED, f.method());
        // ln y = -ln x + 0.1 at the middle point: residuals (-1/30, 2/30·... ) in closed form
        double l2 = Math.log(2);
        double sxx = 2 * l2 * l2;
        double r0 = -0.1 / 3;
        double r1 = 0.2 / 3;
        double r2 = -0.1 / 3;
        assertEquals(-1, f.slope(), 1e-12);
        assertEquals(Math.sqrt((r0 * r0 + r1 * r1 + r2 * r2) / 1 / sxx), f.standardError(), 1e-12);
        PowerLawFit two = PowerLawFit.fit(new double[] {4, 32}, new double[] {0.1, 0.02}, null);
        assertFalse(two.hasError());
        assertFalse(two.agreesWith(two.slope()), "no error, no claim of agreement");
        assertEquals(0, two.degreesOfFreedom());
    }

    private static double sxxWeighted(double[] x, double[] rel) {
        double sw = 0;
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            sw += 1 / (rel[i] * rel[i]);
            m += Math.log(x[i]) / (rel[i] * rel[i]);
        }
        m /= sw;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (Math.log(x[i]) - m) * (Math.log(x[i]) - m) / (rel[i] * rel[i]);
        }
        return s;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
