package org.sgdlimits.meanfield.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalInitialCondition;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.overlap.Overlaps;

class ReducedParticleEscapeTest {

    @Test
    void oneParticleReproducesTheFullOdeExactly() {
        for (boolean spherical : new boolean[] {false, true}) {
            PhaseRetrievalModel model = new PhaseRetrievalModel(1, 1.0, 0.08, 0.2, spherical);
            Overlaps start = PhaseRetrievalInitialCondition.typical(1, 5000, 1.0);
            for (EscapeCriterion c : new EscapeCriterion[] {EscapeCriterion.overlap(0.5), EscapeCriterion.risk(0.5)}) {
                double full = new PhaseRetrievalOde(model).escapeTime(start, c, 100).time();
                double reduced = new ReducedParticleEscape(model).escapeTime(
                        start.studentTeacherOverlapMatrix(), c, 100).time();
                assertEquals(full, reduced, 1e-7, "spherical=" + spherical + " " + c);
            }
        }
    }

    @Test
    void wideRandomStartAgreesWithTheFullOdeAtSmallG() {
        // closure error O(g) (docs/theory.md §5); at g = 0.02 the escape times agree to a few 1e-3 relative
        int p = 24;
        long d = 5000;
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(p, 0.02, 0.0);
        EscapeCriterion c = EscapeCriterion.overlap(0.5);
        PhaseRetrievalOde full = new PhaseRetrievalOde(model);
        ReducedParticleEscape reduced = new ReducedParticleEscape(model);
        for (int s = 0; s < 3; s++) {
            UniformRandomProvider rng = SeedStreams.stream(77, s);
            Overlaps start = PhaseRetrievalInitialCondition.random(p, d, 1.0, rng);
            double tFull = full.escapeTime(start, c, 100).time();
            double tReduced = reduced.escapeTime(start.studentTeacherOverlapMatrix(), c, 100).time();
            assertEquals(tFull, tReduced, 5e-3 * tFull, "sample " + s);
        }
        // and the O(p) reduced engine handles widths the O(p^3) engine cannot afford
        double[] m = PhaseRetrievalInitialCondition.randomStudentTeacherOverlaps(4096, 100_000, 1.0,
                SeedStreams.stream(78, 0));
        assertTrue(new ReducedParticleEscape(PhaseRetrievalModel.plain(4096, 0.02, 0.0)).escapeTime(m, c, 100).escaped());
    }

    @Test
    void correctedClosureKeepsTheEscapeTimeOfTheFullOdeAtFixedG() {
        // g = 0.1 is not small: the plain closure misses the full ODE by O(g), the corrected one (docs/closure.md)
        // follows it. Full ODE started from the closure's own Q = m m^T + diag(1 - m^2) (no random off-diagonal).
        int p = 24;
        PhaseRetrievalModel model = PhaseRetrievalModel.plain(p, 0.1, 0.0);
        EscapeCriterion c = EscapeCriterion.overlap(0.5);
        PhaseRetrievalOde full = new PhaseRetrievalOde(model);
        ReducedParticleEscape plain = new ReducedParticleEscape(model);
        ReducedParticleEscape corrected = ReducedParticleEscape.corrected(model);
        for (int s = 0; s < 2; s++) {
            double[] m = PhaseRetrievalInitialCondition.randomStudentTeacherOverlaps(p, 5000, 1.0,
                    SeedStreams.stream(91, s));
            double[] q = new double[p * p];
            double[] a = new double[p];
            for (int i = 0; i < p; i++) {
                a[i] = 1;
                for (int j = 0; j < p; j++) {
                    q[i * p + j] = i == j ? 1.0 : m[i] * m[j];
                }
            }
            Overlaps start = Overlaps.unchecked(p, 1, q, m, new double[] {1.0}, a, new double[] {1.0});
            double tFull = full.escapeTime(start, c, 100).time();
            double tCorrected = corrected.escapeTime(m, c, 100).time();
            double tPlain = plain.escapeTime(m, c, 100).time();
            assertEquals(tFull, tCorrected, 1e-4 * tFull, "sample " + s + ", plain closure: " + tPlain);
            assertTrue(Math.abs(tPlain - tFull) > 100 * Math.abs(tCorrected - tFull),
                    "plain " + tPlain + ", corrected " + tCorrected + ", full " + tFull);
        }
    }
}
