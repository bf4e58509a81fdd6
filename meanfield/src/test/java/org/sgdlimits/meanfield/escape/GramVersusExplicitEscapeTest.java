package org.sgdlimits.meanfield.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SimulationProgress;

@Tag("statistical")
class GramVersusExplicitEscapeTest {

    @Test
    void gramChainAndExplicitSimulatorGiveTheSameEscapeDistribution() {
        int p = 2;
        int d = 300;
        int seeds = 50;
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(p, 0.1, 0.0);
        EscapeTime escape = new EscapeTime(model, EscapeCriterion.overlap(0.5), 2);
        double limit = 2.5 * escape.typical(d).time() + 1;
        EscapeStatistics gram = escape.simulated(d, seeds, 11, EngineKind.GRAM, limit, 0.01,
                SimulationProgress.NONE);
        EscapeStatistics explicit = escape.simulated(d, seeds, 12, EngineKind.EXPLICIT, limit, 0.01,
                SimulationProgress.NONE);
        assertEquals(seeds, gram.escaped());
        assertEquals(seeds, explicit.escaped());
        double se = Math.hypot(gram.standardError(), explicit.standardError());
        assertEquals(gram.mean(), explicit.mean(), 3.5 * se);
        // two-sample Kolmogorov–Smirnov statistic below its 1% critical value 1.63 √(2/n)
        assertTrue(ks(gram.times(), explicit.times()) < 1.63 * Math.sqrt(2.0 / seeds));
    }

    private static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double worst = 0;
        while (i < a.length && j < b.length) {
            if (a[i] <= b[j]) {
                i++;
            } else {
                j++;
            }
            worst = Math.max(worst, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return worst;
    }
}
