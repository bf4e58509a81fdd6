package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Biases in the finite-d simulators against the overlap ODE (docs/theory.md §3.11): the rms gap between the mean
 * of explicit SGD runs with trained biases and the ODE falls as d grows; the Gram chain agrees with the
 * finite-d ODE (b_i columns included) within a few standard errors; both record the b_i columns.
 */
@Tag("statistical")
class BiasSimulationVersusOdeTest {
    private static final Biases BIASES = Biases.trained(new double[] {0.4, -0.3}, new double[] {0.1, -0.2, 0.0},
            0.5);

    @Test
    void explicitSgdWithTrainedBiasesApproachesTheOdeAsDimensionGrows() {
        Overlaps start = TestOverlaps.nearOrigin(3, 2, 0.5, 0.3, 12);
        SgdSettings settings = SgdSettings.of(StandardActivation.ERF, StandardActivation.ERF, 0.5)
                .withLabelNoise(0.01).withBiases(BIASES);
        TimeGrid grid = TimeGrid.linear(1.0, 5);
        Trajectory theory = SimulationVersusOdeTest.ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        assertEquals(OverlapColumns.namesWithBiases(3, 2), theory.columns());
        int[] dims = {100, 400, 1600};
        double[] gaps = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            Trajectory sim = SimulationVersusOdeTest.simulate(EngineKind.EXPLICIT, settings, start, dims[i], 12, grid,
                    41).trajectory();
            assertTrue(sim.hasColumn("b_2"), "simulation records b_i");
            gaps[i] = SimulationVersusOdeTest.rmsGap(theory, sim);
        }
        System.out.println("biases: rms gap explicit SGD vs ODE at d = 100, 400, 1600: " + Arrays.toString(gaps));
        assertTrue(gaps[1] < gaps[0], "gap must decrease from d = 100 to 400: " + Arrays.toString(gaps));
        assertTrue(gaps[2] < 0.5 * gaps[0], "gap at d = 1600 must be clearly below d = 100: "
                + Arrays.toString(gaps));
        // the biases moved: the comparison is not trivially about constant columns
        assertTrue(Math.abs(theory.value(theory.size() - 1, "b_0") - 0.1) > 1e-2);
    }

    @Test
    void gramChainWithBiasesAgreesWithTheFiniteDimensionalOde() {
        int d = 60;
        Overlaps start = TestOverlaps.nearOrigin(3, 2, 0.5, 0.3, 13);
        SgdSettings settings = SgdSettings.of(StandardActivation.ERF, StandardActivation.ERF, 0.8)
                .withLabelNoise(0.05).withBiases(BIASES);
        TimeGrid grid = TimeGrid.linear(1.5, 4);
        Trajectory theory0 = MatchingOde.of(settings, Regime.FINITE_DIMENSIONAL, d).solve(start, grid).trajectory();
        Trajectory sim = SimulationVersusOdeTest.simulate(EngineKind.GRAM, settings, start, d, 400, grid, 51)
                .trajectory();
        double worst = SimulationVersusOdeTest.worstExcess(theory0, sim, d);
        assertTrue(worst <= 0, "Gram chain vs finite-d ODE beyond 4 sem + 1/d by " + worst);
        assertTrue(sim.hasColumn("b_0"), "the Gram chain records b_i");
    }
}
