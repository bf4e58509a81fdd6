package org.sgdlimits.meanfield.escape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalInitialCondition;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde;
import org.sgdlimits.narrow.phaseretrieval.PlateauTheory;

class EscapeTimeTest {

    @Test
    void typicalEscapeUsesTheExactSymmetricEngine() {
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(5, 0.05, 0.1);
        EscapeCriterion criterion = EscapeCriterion.overlap(0.5);
        double full = new PhaseRetrievalOde(model).escapeTime(PhaseRetrievalInitialCondition.typical(5, 3000, 1),
                criterion, 100).time();
        assertEquals(full, new EscapeTime(model, criterion, 1).typical(3000).time(), 1e-8);
        // wide networks are cheap on the symmetric subspace
        assertTrue(new EscapeTime(PhaseRetrievalModel.plain(100_000, 0.05, 0.1), criterion, 1).typical(1e6).escaped());
    }

    @Test
    void typicalEscapeApproachesTheLogDimensionLawWithTheOdeConstant() {
        // t(d) − (ln d + K)/c* = O(d^(−κ/c*)) with κ/c* ≈ 1/2: it shrinks by about √100 per factor 100 in d
        EscapeTime escape = new EscapeTime(PhaseRetrievalModel.plain(3, 0.05, 0.0), EscapeCriterion.overlap(0.5), 1);
        double previous = Double.NaN;
        for (double d : new double[] {1e4, 1e6, 1e8}) {
            double gap = escape.typical(d).time() - escape.asymptotics(d).typical();
            if (!Double.isNaN(previous)) {
                assertTrue(Math.abs(gap) < Math.abs(previous) / 5, d + ": " + gap + " vs " + previous);
            }
            previous = gap;
        }
        assertTrue(Math.abs(previous) < 1e-4, "gap at d = 1e8: " + previous);
    }

    @Test
    void sphericalQuenchedShiftMatchesAnAverageOverRandomStarts() {
        // linear phase (small T): mean m² ∝ χ²_p/p at t = 0, so the average escape is later by −E[ln(χ²_p/p)]/c_s
        int p = 3;
        double d = 1e5;
        EscapeTime escape = new EscapeTime(PhaseRetrievalModel.spherical(p, 0.05, 0.0), EscapeCriterion.overlap(0.02), 2);
        EscapeStatistics quenched = escape.quenched((long) d, 200, 5);
        EscapeAsymptotics theory = escape.asymptotics(d);
        double typicalOde = escape.typical(d).time();
        assertEquals(theory.typical(), typicalOde, 0.02 / 8 * 3);
        assertEquals(theory.quenched() - theory.typical(), quenched.mean() - typicalOde, 4 * quenched.standardError());
    }

    @Test
    void quenchedEstimateDoesNotDependOnTheNumberOfThreads() {
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(3, 0.05, 0.0);
        EscapeCriterion criterion = EscapeCriterion.overlap(0.5);
        EscapeStatistics one = new EscapeTime(model, criterion, 1).quenched(2000, 16, 99);
        EscapeStatistics two = new EscapeTime(model, criterion, 2).quenched(2000, 16, 99);
        assertArrayEquals(one.times(), two.times(), 0.0);
        assertEquals(16, one.escaped());
    }

    @Test
    void asymptoticsAreGivenWhereTheyApplyAndExplainedWhereNot() {
        EscapeAsymptotics plain = new EscapeTime(PhaseRetrievalModel.plain(4, 0.05, 0), EscapeCriterion.overlap(0.3), 1)
                .asymptotics(1e4);
        PlateauTheory theory = PlateauTheory.of(4, 0.05, 0);
        assertEquals(theory.typicalEscapeTime(1e4, 0.3), plain.typicalSmallThreshold(), 1e-14);
        assertEquals(theory.quenchedShift(), plain.quenched() - plain.typical(), 1e-14);
        assertTrue(plain.sgd() < plain.quenched());
        EscapeAsymptotics risk = new EscapeTime(PhaseRetrievalModel.plain(4, 0.05, 0), EscapeCriterion.risk(0.3), 1)
                .asymptotics(1e4);
        assertTrue(Double.isNaN(risk.typical()) && risk.note().contains("risk criterion"), risk.note());
        EscapeAsymptotics tooFast = new EscapeTime(PhaseRetrievalModel.plain(1, 0.3, 0), EscapeCriterion.overlap(0.3), 1)
                .asymptotics(1e4);
        assertTrue(tooFast.note().contains("a plateau exists only for"), tooFast.note());
        EscapeAsymptotics sph = new EscapeTime(PhaseRetrievalModel.spherical(4, 0.05, 0), EscapeCriterion.risk(0.1), 1)
                .asymptotics(1e4);
        assertEquals(PlateauTheory.sphericalRiskEscapeTimeFromTalks(4, 1e4, 0.05, 0, 0.1), sph.sphericalTalks(), 0.0);
    }
}
