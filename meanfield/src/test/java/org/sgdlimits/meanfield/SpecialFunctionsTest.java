package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    /** Adaptive Gauss–Legendre integration of the definition T(h, a) = (1/2π) ∫₀^a e^(−h²(1+x²)/2)/(1+x²) dx. */
    private static double owensTByIntegration(double h, double a) {
        if (a == 0) {
            return 0.0;
        }
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-15, 1e-17);
        double v = integrator.integrate(1_000_000, x -> Math.exp(-0.5 * h * h * (1 + x * x)) / (1 + x * x),
                0, Math.abs(a));
        return Math.signum(a) * v / (2 * Math.PI);
    }

    @Test
    void owensTMatchesNumericalIntegrationOfItsDefinition() {
        double maxError = 0;
        for (double h = -9; h <= 9; h += 0.37) {
            for (double a : new double[] {0, 0.01, 0.1, 0.3, 0.577, 0.8, 0.99, 1.0, 1.3, 2.5, 7.0, -0.4, -3.0}) {
                maxError = Math.max(maxError, Math.abs(OwensT.value(h, a) - owensTByIntegration(h, a)));
            }
        }
        assertEquals(0.0, maxError, 2e-15);
    }

    @Test
    void owensTSatisfiesKnownIdentities() {
        for (double a : new double[] {0.1, 0.5, 1, 3}) {
            assertEquals(Math.atan(a) / (2 * Math.PI), OwensT.value(0, a), 1e-16);
        }
        for (double h : new double[] {0.2, 1.0, 2.5}) {
            double phi = 0.5 * (1 + Erf.erf(h / Math.sqrt(2)));
            assertEquals(0.5 * phi * (1 - phi), OwensT.value(h, 1.0), 1e-15);
        }
    }

    @Test
    void erfSecondMomentFromOwensTMatchesTheArcsineFormulaAtZeroMean() {
        // E[erf(X/√2)²], X ~ N(0, v) = (2/π) arcsin(v/(1+v))
        for (double v : new double[] {0.01, 0.3, 1, 4, 30}) {
            double viaT = 1 - 8 * OwensT.value(0, 1 / Math.sqrt(1 + 2 * v));
            assertEquals(2 / Math.PI * Math.asin(v / (1 + v)), viaT, 1e-15);
        }
    }
}
