package org.sgdlimits.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsOneEverywhere() {
        LearningRateSchedule s = LearningRateSchedule.constant();
        for (double t : new double[] {0, 1e-9, 3.5, 1e9}) {
            assertEquals(1.0, s.factor(t), 0.0);
        }
        assertEquals("constant", s.description());
    }

    @Test
    void piecewiseConstantSwitchesAtTheBoundariesIncludingTheBoundaryItself() {
        LearningRateSchedule s = LearningRateSchedule.piecewiseConstant(new double[] {1, 5}, new double[] {1, 0.5, 0.1});
        assertEquals(1.0, s.factor(0), 0.0);
        assertEquals(1.0, s.factor(Math.nextDown(1.0)), 0.0);
        assertEquals(0.5, s.factor(1.0), 0.0); // boundaries[i-1] <= t < boundaries[i]
        assertEquals(0.5, s.factor(4.99), 0.0);
        assertEquals(0.1, s.factor(5.0), 0.0);
        assertEquals(0.1, s.factor(1e6), 0.0);
    }

    @Test
    void powerLawMatchesItsFormulaAndDecaysMonotonically() {
        LearningRateSchedule s = LearningRateSchedule.powerLaw(10, 0.5);
        assertEquals(1.0, s.factor(0), 0.0);
        assertEquals(1 / Math.sqrt(2), s.factor(10), 1e-15);
        assertEquals(Math.pow(101, -0.5), s.factor(1000), 1e-15);
        double previous = 2;
        for (double t = 0; t < 1e4; t = 2 * t + 1) {
            double f = s.factor(t);
            assertTrue(f < previous && f > 0);
            previous = f;
        }
        assertEquals(1.0, LearningRateSchedule.powerLaw(3, 0).factor(1e8), 0.0);
    }

    @Test
    void tabulatedInterpolatesLinearlyAndHoldsTheEnds() {
        TabulatedSchedule s = new TabulatedSchedule(new double[] {1, 3, 7}, new double[] {1, 0.2, 0.6});
        assertEquals(1.0, s.factor(0), 0.0);
        assertEquals(1.0, s.factor(1), 0.0);
        assertEquals(0.6, s.factor(2), 1e-15);
        assertEquals(0.2, s.factor(3), 0.0);
        assertEquals(0.4, s.factor(5), 1e-15);
        assertEquals(0.6, s.factor(7), 0.0);
        assertEquals(0.6, s.factor(100), 0.0);
        // continuity across every knot
        for (double knot : new double[] {1, 3, 7}) {
            assertEquals(s.factor(knot), s.factor(knot + 1e-12), 1e-11);
            assertEquals(s.factor(knot), s.factor(knot - 1e-12), 1e-11);
        }
    }

    @Test
    void badSchedulesAreRejectedWithTheFieldName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.piecewiseConstant(new double[] {1}, new double[] {1})).getMessage()
                .startsWith("schedule.factors"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.piecewiseConstant(new double[] {2, 1}, new double[] {1, 1, 1}))
                .getMessage().startsWith("schedule.times"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.piecewiseConstant(new double[] {1}, new double[] {1, -1})).getMessage()
                .startsWith("schedule.factors"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.powerLaw(0, 1))
                .getMessage().startsWith("schedule.t0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.powerLaw(1, -1))
                .getMessage().startsWith("schedule.beta"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TabulatedSchedule(new double[] {0, 0}, new double[] {1, 1})).getMessage()
                .startsWith("schedule.times"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TabulatedSchedule(new double[] {0, 1}, new double[] {1})).getMessage()
                .startsWith("schedule.factors"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TabulatedSchedule(new double[] {0}, new double[] {Double.NaN})).getMessage()
                .startsWith("schedule.factors"));
        assertThrows(IllegalArgumentException.class, () -> new TabulatedSchedule(new double[0], new double[0]));
    }
}
