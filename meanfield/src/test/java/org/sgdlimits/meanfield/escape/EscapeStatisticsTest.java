package org.sgdlimits.meanfield.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EscapeStatisticsTest {

    @Test
    void summaryStatisticsOfASmallSample() {
        EscapeStatistics s = EscapeStatistics.of(new double[] {4, 1, 3, 2, 5}, 2);
        assertEquals(5, s.escaped());
        assertEquals(7, s.runs());
        assertEquals(3.0, s.mean(), 1e-15);
        assertEquals(3.0, s.median(), 1e-15);
        assertEquals(Math.sqrt(2.5), s.standardDeviation(), 1e-15);
        assertEquals(Math.sqrt(2.5 / 5), s.standardError(), 1e-15);
        assertEquals(1.4, s.quantile(0.1), 1e-15);
        assertEquals(5.0, s.quantile(1.0), 1e-15);
        assertEquals(1.0, s.times()[0], 0.0);
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EscapeStatistics.of(new double[] {1, Double.NaN}, 0));
        assertThrows(IllegalArgumentException.class, () -> EscapeStatistics.of(new double[] {1}, -1));
        assertThrows(IllegalArgumentException.class, () -> EscapeStatistics.of(new double[] {1}, 0).quantile(1.5));
        assertEquals(true, Double.isNaN(EscapeStatistics.of(new double[0], 3).mean()));
    }
}
