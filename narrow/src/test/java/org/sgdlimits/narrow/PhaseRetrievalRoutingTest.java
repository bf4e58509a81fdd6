package org.sgdlimits.narrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The overlap ODE routes phase retrieval (σ = σ* = x², k = 1, a = a* = 1) to the closed matrix-polynomial
 * drift; it must be the same right-hand side as the generic four-point Gaussian moments.
 */
class PhaseRetrievalRoutingTest {

    /** p = 3 overlaps with M ≠ 0, off-diagonal Q and Ω positive definite; ρ = P = 1.3. */
    private static Overlaps overlaps(double[] a, double aStar) {
        double[] q = {0.9, 0.12, -0.05,
                      0.12, 1.1, 0.08,
                      -0.05, 0.08, 0.7};
        double[] m = {0.3, -0.2, 0.1};
        return Overlaps.of(q, m, new double[] {1.3}, a, new double[] {aStar});
    }

    private static OverlapOde.Builder builder() {
        return OverlapOde.builder(StandardActivation.SQUARE, StandardActivation.SQUARE)
                .learningRate(0.6).labelNoise(0.2).weightDecay(0.05).batchSize(2)
                .schedule(LearningRateSchedule.constant());
    }

    private static double[] derivatives(OverlapOde ode, Overlaps start, double t) {
        OverlapOde.Equations eq = ode.newSystem(start);
        double[] y = eq.layout().pack(start);
        double[] dy = new double[y.length];
        eq.derivatives(t, y, dy);
        return dy;
    }

    private static void assertSameRightHandSide(OverlapOde.Builder routed, OverlapOde.Builder generic, Overlaps start) {
        OverlapOde fast = routed.build();
        OverlapOde slow = generic.moments(GaussianMoments.forPair(StandardActivation.SQUARE, StandardActivation.SQUARE))
                .build();
        assertTrue(fast.newSystem(start).closedForm(), "routed to the closed form");
        assertFalse(slow.newSystem(start).closedForm(), "explicit moments keep the generic path");
        double[] a = derivatives(fast, start, 0.3);
        double[] b = derivatives(slow, start, 0.3);
        for (int c = 0; c < a.length; c++) {
            assertEquals(b[c], a[c], 1e-12, "component " + c);
        }
        // the recorded risk too
        double[] rowA = new double[fast.newSystem(start).observables().columns().size()];
        double[] rowB = rowA.clone();
        fast.newSystem(start).observables().evaluate(0, fast.newSystem(start).layout().pack(start), rowA);
        slow.newSystem(start).observables().evaluate(0, slow.newSystem(start).layout().pack(start), rowB);
        assertEquals(rowB[0], rowA[0], 1e-12, "risk");
        assertEquals(rowB[1], rowA[1], 1e-12, "excess risk");
    }

    @Test
    void closedFormEqualsGenericMomentsWithNoiseTermLabelNoiseAndWeightDecay() {
        Overlaps start = overlaps(new double[] {1, 1, 1}, 1.0);
        assertSameRightHandSide(builder(), builder(), start);
    }

    @Test
    void closedFormEqualsGenericMomentsInTheClassicalRegime() {
        Overlaps start = overlaps(new double[] {1, 1, 1}, 1.0);
        assertSameRightHandSide(builder().regime(Regime.CLASSICAL), builder().regime(Regime.CLASSICAL), start);
    }

    @Test
    void closedFormEqualsGenericMomentsForSphericalSgd() {
        double[] q = {1.0, 0.2, -0.1,
                      0.2, 1.0, 0.15,
                      -0.1, 0.15, 1.0};
        Overlaps start = Overlaps.of(q, new double[] {0.3, -0.2, 0.1}, new double[] {1.0}, new double[] {1, 1, 1},
                new double[] {1.0});
        assertSameRightHandSide(builder().spherical(true), builder().spherical(true), start);
    }

    @Test
    void casesTheClosedFormDoesNotCoverTakeTheGenericPath() {
        // second layer ≠ 1, teacher second layer ≠ 1, trained second layer, finite dimension
        assertFalse(builder().build().newSystem(overlaps(new double[] {1, 2, 1}, 1.0)).closedForm());
        assertFalse(builder().build().newSystem(overlaps(new double[] {1, 1, 1}, 0.5)).closedForm());
        assertFalse(builder().trainSecondLayer(0.1).build().newSystem(overlaps(new double[] {1, 1, 1}, 1.0))
                .closedForm());
        assertFalse(builder().batchSize(1).finiteDimension(500).build()
                .newSystem(overlaps(new double[] {1, 1, 1}, 1.0)).closedForm());
        assertFalse(OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).build()
                .newSystem(overlaps(new double[] {1, 1, 1}, 1.0)).closedForm());
    }
}
