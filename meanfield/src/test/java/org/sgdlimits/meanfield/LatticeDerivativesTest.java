package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.ConditionalMoments.Moment;

/**
 * {@link ConditionalMoments#derivativesOnLattice} against {@link ConditionalMoments#derivatives} at each lattice
 * point μ_j = j·step: erf's override (Gaussian recurrences along the lattice, Owen's T on the lattice) to recurrence
 * rounding, the interface default exactly; unrequested kinds untouched.
 *
 * <p>Erf's tolerance is 1e-13·(1 + |value|) for derivative orders d ≤ 7. For d = 8, 9 it is 3e-13·(1 + |value|):
 * the lattice Gaussians differ from exp by ≤ 2.5e-15 relative (recurrence rounding, growing like j²), and the
 * order-8/9 Leibniz sums of S2D2 and SQUARE_D cancel about 50–100× (measured 1.2e-13 at q⊥ = 0, μ = 1.48, d = 8;
 * every d ≤ 7 entry ≤ 1.1e-14).
 */
class LatticeDerivativesTest {
    private static final double[] Q = {0.0, 1e-3, 0.4, 2.5, 30.0};
    private static final double[] STEPS = {0.37, -0.21, 0.0, 1.9};
    private static final int[] ORDERS = {0, 1, 3, 5, 9};
    private static final int N = 23;
    private static final Set<Moment> LIGHT = EnumSet.of(Moment.S, Moment.D, Moment.SD, Moment.D2, Moment.SD2);
    private static final Set<Moment> ALL = EnumSet.allOf(Moment.class);

    /**
     * Compares every requested entry with derivatives(j·step) (|Δ| ≤ tolerance·(1 + |value|)) and checks that the
     * unrequested kinds' slots still hold NaN; returns the worst |Δ|/(1 + |value|).
     */
    private static double compare(ConditionalMoments cm, double step, double q, int order, Set<Moment> kinds,
                                  double tolerance, double highOrderTolerance) {
        int n1 = order + 1;
        int block = 8 * n1;
        double[][] out = new double[block][N];
        for (double[] row : out) {
            Arrays.fill(row, Double.NaN);
        }
        cm.derivativesOnLattice(step, N, q, order, kinds, out);
        double[] point = new double[block];
        double worst = 0;
        for (int j = 0; j < N; j++) {
            cm.derivatives(j * step, q, order, point);
            for (Moment kind : Moment.values()) {
                for (int d = 0; d <= order; d++) {
                    double got = out[kind.ordinal() * n1 + d][j];
                    String at = cm + " " + kind + " d=" + d + " j=" + j + " step=" + step + " q=" + q
                            + " order=" + order;
                    if (!kinds.contains(kind)) {
                        assertTrue(Double.isNaN(got), "unrequested slot written: " + at);
                        continue;
                    }
                    double want = point[kind.ordinal() * n1 + d];
                    assertTrue(Double.isFinite(got), at);
                    double err = Math.abs(got - want) / (1 + Math.abs(want));
                    worst = Math.max(worst, err);
                    assertTrue(err <= (d <= 7 ? tolerance : highOrderTolerance), at + ": lattice " + got + " vs pointwise " + want);
                }
            }
        }
        return worst;
    }

    @Test
    void erfLatticeEqualsPointwiseDerivativesToRecurrenceRounding() {
        ConditionalMoments erf = ConditionalMoments.forActivation(StandardActivation.ERF);
        double worst = 0;
        for (double q : Q) {
            for (double step : STEPS) {
                for (int order : ORDERS) {
                    worst = Math.max(worst, compare(erf, step, q, order, ALL, 1e-13, 3e-13));
                    worst = Math.max(worst, compare(erf, step, q, order, LIGHT, 1e-13, 3e-13));
                }
            }
        }
        System.out.printf("erf derivativesOnLattice vs derivatives (n = %d, order <= 9): worst |diff|/(1+|value|) "
                + "%.1e%n", N, worst);
    }

    @Test
    void erfLatticeLeavesUnrequestedKindsUntouched() {
        ConditionalMoments erf = ConditionalMoments.forActivation(StandardActivation.ERF);
        for (Set<Moment> kinds : java.util.List.of(EnumSet.of(Moment.S2D2), EnumSet.of(Moment.SQUARE, Moment.D),
                EnumSet.of(Moment.SQUARE_D), EnumSet.noneOf(Moment.class))) {
            compare(erf, 0.37, 0.4, 3, kinds, 1e-13, 1e-13);
        }
    }

    @Test
    void defaultImplementationIsDerivativesAtEachPoint() {
        ConditionalMoments tanh = ConditionalMoments.forActivation(StandardActivation.TANH);
        for (double q : new double[] {0.4, 2.5}) {
            for (double step : new double[] {0.37, -0.21, 0.0}) {
                for (int order : new int[] {0, 3}) {
                    assertEquals(0.0, compare(tanh, step, q, order, ALL, 0.0, 0.0), "tanh q=" + q);
                    assertEquals(0.0, compare(tanh, step, q, order, LIGHT, 0.0, 0.0), "tanh q=" + q);
                }
            }
        }
    }
}
