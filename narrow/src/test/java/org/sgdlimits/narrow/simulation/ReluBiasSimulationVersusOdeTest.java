package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.fixtures.TestOverlaps;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * A relu student with biases learning a relu teacher (docs/theory.md §3.11.1, {@code ReluShiftedMoments}) or an
 * erf teacher (§3.11.2, {@code KinkMoments} with means): the high-dimensional ODE against the mean of explicit SGD
 * runs with trained biases (the rms gap falls as d grows); for relu/erf also the finite-d ODE against the Gram
 * chain and the classical ODE as the γ → 0 limit of the high-dimensional one.
 */
@Tag("statistical")
class ReluBiasSimulationVersusOdeTest {

    /**
     * relu student (p = 2, initial biases b), teacher σ* (k = 1, bias b*), biases trained with γ_b = γ (db/dt =
     * s (γ_b/γ) D does not change with γ).
     */
    private static SgdSettings settings(Activation teacher, double learningRate, double noise, double[] b) {
        Biases biases = Biases.trained(new double[] {teacher == StandardActivation.RELU ? 0.4 : 0.3}, b, learningRate);
        return SgdSettings.of(StandardActivation.RELU, teacher, learningRate).withLabelNoise(noise).withBiases(biases);
    }

    static Stream<Arguments> teachers() {
        return Stream.of(Arguments.of(StandardActivation.RELU, 14L, 43L, new double[] {0.1, -0.3}),
                Arguments.of(StandardActivation.ERF, 15L, 47L, new double[] {0.2, -0.3}));
    }

    @ParameterizedTest(name = "relu student, {0} teacher")
    @MethodSource("teachers")
    void explicitSgdWithReluBiasesApproachesTheOdeAsDimensionGrows(Activation teacher, long startSeed, long seed,
                                                                    double[] b) {
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, startSeed);
        SgdSettings settings = settings(teacher, 0.5, 0.01, b);
        TimeGrid grid = TimeGrid.linear(1.0, 5);
        Trajectory theory = SimulationVersusOdeTest.ode(settings, Regime.HIGH_DIMENSIONAL, start, grid);
        int[] dims = {100, 400, 1600};
        double[] gaps = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            Trajectory sim = SimulationVersusOdeTest.simulate(EngineKind.EXPLICIT, settings, start, dims[i], 12, grid,
                    seed).trajectory();
            gaps[i] = SimulationVersusOdeTest.rmsGap(theory, sim);
        }
        System.out.println("relu/" + teacher + " biases: rms gap explicit SGD vs ODE at d = 100, 400, 1600: "
                + Arrays.toString(gaps));
        assertTrue(gaps[1] < gaps[0], "gap must decrease from d = 100 to 400: " + Arrays.toString(gaps));
        assertTrue(gaps[2] < 0.5 * gaps[0], "gap at d = 1600 must be clearly below d = 100: "
                + Arrays.toString(gaps));
        assertTrue(Math.abs(theory.value(theory.size() - 1, "b_0") - b[0]) > 1e-2, "the biases moved");
    }

    @Test
    void reluErfGramChainAgreesWithTheFiniteDimensionalOde() {
        int d = 60;
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, 16);
        SgdSettings settings = settings(StandardActivation.ERF, 0.8, 0.05, new double[] {0.2, -0.3});
        TimeGrid grid = TimeGrid.linear(1.5, 4);
        Trajectory theory = MatchingOde.of(settings, Regime.FINITE_DIMENSIONAL, d).solve(start, grid).trajectory();
        Trajectory sim = SimulationVersusOdeTest.simulate(EngineKind.GRAM, settings, start, d, 400, grid, 53)
                .trajectory();
        double worst = SimulationVersusOdeTest.worstExcess(theory, sim, d);
        System.out.println("relu/erf biases: Gram chain vs finite-d ODE, worst excess over 4 sem + 1/d: " + worst);
        assertTrue(worst <= 0, "Gram chain vs finite-d ODE beyond 4 sem + 1/d by " + worst);
    }

    @Test
    void reluErfClassicalOdeIsTheSmallLearningRateLimitOfTheHighDimensionalOne() {
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, 17);
        TimeGrid grid = TimeGrid.linear(1.0, 3);
        double[] bias = {0.2, -0.3};
        Trajectory flow = SimulationVersusOdeTest.ode(settings(StandardActivation.ERF, 0.1, 0.01, bias),
                Regime.CLASSICAL, start, grid);
        double[] rates = {0.1, 0.01};
        double[] gaps = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            gaps[i] = SimulationVersusOdeTest.rmsGap(flow, SimulationVersusOdeTest.ode(
                    settings(StandardActivation.ERF, rates[i], 0.01, bias), Regime.HIGH_DIMENSIONAL, start, grid));
        }
        System.out.println("relu/erf biases: rms gap classical vs high-dimensional ODE at γ = 0.1, 0.01: "
                + Arrays.toString(gaps));
        // the noise term is O(γ): ten times smaller γ, about ten times smaller gap
        assertTrue(gaps[0] > 1e-5, "the noise term acts at γ = 0.1: " + gaps[0]);
        assertTrue(gaps[1] < 0.2 * gaps[0], "gap must fall like γ: " + Arrays.toString(gaps));
    }
}
