package org.sgdlimits.meanfield.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PlateauTheory;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SimulationProgress;

@Tag("statistical")
class SgdVersusOdeEscapeTest {

    @Test
    void sgdEscapesEarlierThanTheQuenchedOde() {
        // same random initial conditions for ODE and SGD (paired); docs/theory.md §6: SGD earlier by ≈ ln(1 + ν)/c*
        int p = 3;
        double g = 0.1;
        int d = 2000;
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(p, g, 0.0);
        EscapeTime escape = new EscapeTime(model, EscapeCriterion.overlap(0.5), 2);
        double typical = escape.typical(d).time();
        NoiseEffect effect = escape.noiseEffect(d, 120, 2024, EngineKind.GRAM, 2 * typical + 1, 0.01,
                SimulationProgress.NONE);
        assertEquals(120, effect.difference().escaped());
        double mean = effect.difference().mean();
        double se = effect.difference().standardError();
        assertTrue(mean > 3 * se, "ODE - SGD = " + mean + " +- " + se);
        double predicted = PlateauTheory.of(p, g, 0.0).sgdNoiseShift();
        assertEquals(predicted, mean, 4 * se + 0.01, "theory ln(1+nu)/c* = " + predicted);
    }
}
