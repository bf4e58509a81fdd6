package org.sgdlimits.study.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's theory and agreement columns: a trend without a predicted exponent has no verdict, no NaN. */
class RegimeAgreementTextTest {

    private static RegimeResult.GapTrend trend(double expected) {
        List<GapPoint> points = List.of(new GapPoint("c", 4, 1e-2, 1e-3, 1e-2, 8),
                new GapPoint("c", 8, 5.1e-3, 4e-4, 5.1e-3, 8), new GapPoint("c", 16, 2.4e-3, 3e-4, 2.4e-3, 8));
        return RegimeResult.GapTrend.of("c", points, expected, "test", 1);
    }

    @Test
    void noTheoryExponentMeansNoVerdictAndNoNaN() {
        RegimeResult.GapTrend none = trend(Double.NaN);
        assertEquals("none", RegimeStudyWriter.theoryText(none.expectedSlope()));
        assertEquals("no theory exponent", RegimeStudyWriter.agreement(none));
    }

    @Test
    void aPredictedExponentGetsAVerdictWithItsDistance() {
        RegimeResult.GapTrend minusOne = trend(-1);
        assertEquals("-1", RegimeStudyWriter.theoryText(-1));
        String verdict = RegimeStudyWriter.agreement(minusOne);
        assertTrue(verdict.matches("(yes|no) \\(\\d+\\.\\d SE\\)"), verdict);
        assertTrue(!verdict.contains("NaN"), verdict);
    }
}
