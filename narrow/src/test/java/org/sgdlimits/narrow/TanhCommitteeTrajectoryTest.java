package org.sgdlimits.narrow;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.fixtures.ErfCommitteeCases;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.ReducedHermiteMoments;
import org.sgdlimits.gauss.ScaleMixtureMoments;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * Issue 11's accuracy target on a short window: the tanh committee's overlap ODE with the default moments (the
 * fast {@link ScaleMixtureMoments}, docs/theory.md §3.10.1) agrees with the same ODE on the accurate route
 * ({@link ReducedHermiteMoments}, tolerance 1e-9) to 1e-6 in the risk at every recorded time (p = k = 2,
 * γ = 0.5, the erf tests' small-overlap start, t ≤ 0.5; the p = k = 4, t ≤ 100 figures are in
 * {@code TanhCommitteeTrajectoryBenchmark}).
 */
class TanhCommitteeTrajectoryTest {

    @Test
    void fastDefaultMomentsAgreeWithTheAccurateRouteToOneInAMillion() {
        Activation tanh = StandardActivation.TANH;
        assertInstanceOf(ScaleMixtureMoments.class, GaussianMoments.forPair(tanh, tanh));
        Overlaps init = ErfCommitteeCases.smallInitialOverlaps(2, 2, 1);
        TimeGrid grid = TimeGrid.linear(0.5, 6);
        double[] fast = OverlapOde.builder(tanh, tanh).learningRate(0.5).build().solve(init, grid).trajectory()
                .column("risk");
        double[] accurate = OverlapOde.builder(tanh, tanh).learningRate(0.5)
                .moments(new ReducedHermiteMoments(tanh, tanh, 1e-9)).build().solve(init, grid).trajectory()
                .column("risk");
        double worst = 0;
        for (int i = 0; i < fast.length; i++) {
            worst = Math.max(worst, Math.abs(fast[i] - accurate[i]) / accurate[i]);
        }
        System.out.printf("tanh p = k = 2, t <= 0.5: largest relative risk difference %.1e%n", worst);
        assertTrue(worst < 1e-6, "largest relative risk difference " + worst);
    }
}
