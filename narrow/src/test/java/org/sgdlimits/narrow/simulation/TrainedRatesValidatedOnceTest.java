package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.schedule.SecondLayerLearningRate;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * γ_a and γ_b have one rule each ({@link SecondLayerLearningRate}, {@link Biases#requireRate}): every library entry
 * point (SGD settings, the ODE builder, the biases) refuses the same values with the same field-named message.
 */
class TrainedRatesValidatedOnceTest {
    private static final StandardActivation ERF = StandardActivation.ERF;

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void secondLayerRateHasOneRule(double gammaA) {
        String rule = assertThrows(InvalidFieldException.class, () -> new SecondLayerLearningRate(gammaA))
                .getMessage();
        assertEquals("secondLayerLearningRate: " + gammaA + "; must be a finite number > 0 when the second layer "
                + "is trained", rule);
        assertEquals(rule, assertThrows(InvalidFieldException.class,
                () -> SgdSettings.of(ERF, ERF, 0.1).withSecondLayerLearningRate(gammaA)).getMessage());
        assertEquals(rule, assertThrows(InvalidFieldException.class,
                () -> OverlapOde.builder(ERF, ERF).trainSecondLayer(gammaA)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.NEGATIVE_INFINITY})
    void biasRateHasOneRule(double gammaB) {
        String rule = assertThrows(InvalidFieldException.class, () -> Biases.requireRate(gammaB)).getMessage();
        assertEquals("biasLearningRate: " + gammaB + "; must be a finite number > 0", rule);
        assertEquals(rule, assertThrows(InvalidFieldException.class,
                () -> Biases.trained(new double[] {0}, new double[] {0}, gammaB)).getMessage());
        assertEquals(rule, assertThrows(InvalidFieldException.class,
                () -> OverlapOde.builder(ERF, ERF).trainBias(gammaB)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.7})
    void theValidatedRateReachesTheEngines(double gammaA) {
        SgdSettings s = SgdSettings.of(ERF, ERF, 0.2).withSecondLayerLearningRate(gammaA);
        assertEquals(gammaA, s.secondLayerLearningRate(), 0.0);
        assertEquals(gammaA, MatchingOde.builder(s, org.sgdlimits.dynamics.Regime.HIGH_DIMENSIONAL, 0).build()
                .secondLayerLearningRate(), 0.0);
        assertEquals(0.0, SgdSettings.of(ERF, ERF, 0.2).secondLayerLearningRate(), 0.0);
    }
}
