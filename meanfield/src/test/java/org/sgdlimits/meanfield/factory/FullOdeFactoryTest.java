package org.sgdlimits.meanfield.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.narrow.OverlapOde;

class FullOdeFactoryTest {

    /** The default noise term of an experiment maps back to its own regime (the two choices are inverse). */
    @ParameterizedTest
    @EnumSource(value = Regime.class, names = {"CLASSICAL", "HIGH_DIMENSIONAL"})
    void defaultNoiseTermGivesTheExperimentsRegime(Regime regime) {
        Experiment e = Experiment.builder().regime(regime).build();
        assertEquals(regime, FullOdeFactory.regime(ParticleSystemFactory.defaultNoiseTerm(e)));
        assertEquals(regime, FullOdeFactory.of(e, ParticleSystemFactory.defaultNoiseTerm(e)).regime());
    }

    /** The noise-term switch overrides the file's regime and changes nothing else of the ODE. */
    @Test
    void noiseTermSelectsTheRegimeAndKeepsTheProtocol() {
        Experiment e = Experiment.builder().regime(Regime.CLASSICAL).learningRate(0.3).noise(0.01).build();
        OverlapOde kept = FullOdeFactory.of(e, true);
        OverlapOde dropped = FullOdeFactory.of(e, false);
        assertEquals(Regime.HIGH_DIMENSIONAL, kept.regime());
        assertEquals(Regime.CLASSICAL, dropped.regime());
        assertEquals(0.3, kept.learningRate(), 0.0);
        assertEquals(0.01, kept.labelNoise(), 0.0);
    }
}
