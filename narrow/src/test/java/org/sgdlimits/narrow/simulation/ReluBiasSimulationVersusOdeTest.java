package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.fixtures.TestOverlaps;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Relu with biases (docs/theory.md §3.11.1): the overlap ODE driven by {@code ReluShiftedMoments} against the
 * mean of explicit SGD runs with trained biases; the rms gap falls as d grows.
 */
@Tag("statistical")
class ReluBiasSimulationVersusOdeTest {
    private static final Biases BIASES = Biases.trained(new double[] {0.4}, new double[] {0.1, -0.3}, 0.5);

    @Test
    void explicitSgdWithReluBiasesApproachesTheOdeAsDimensionGrows() {
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, 14);
        SgdSettings settings = SgdSettings.of(StandardActivation.RELU, StandardActivation.RELU, 0.5)
                .withLabelNoise(0.01).withBiases(BIASES);
        TimeGrid grid = TimeGrid.linear(1.0, 5);
        Trajectory theory = SimulationVersusOdeTest.ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        int[] dims = {100, 400, 1600};
        double[] gaps = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            Trajectory sim = SimulationVersusOdeTest.simulate(EngineKind.EXPLICIT, settings, start, dims[i], 12, grid,
                    43).trajectory();
            gaps[i] = SimulationVersusOdeTest.rmsGap(theory, sim);
        }
        System.out.println("relu biases: rms gap explicit SGD vs ODE at d = 100, 400, 1600: "
                + Arrays.toString(gaps));
        assertTrue(gaps[1] < gaps[0], "gap must decrease from d = 100 to 400: " + Arrays.toString(gaps));
        assertTrue(gaps[2] < 0.5 * gaps[0], "gap at d = 1600 must be clearly below d = 100: "
                + Arrays.toString(gaps));
        assertTrue(Math.abs(theory.value(theory.size() - 1, "b_0") - 0.1) > 1e-2, "the biases moved");
    }
}
