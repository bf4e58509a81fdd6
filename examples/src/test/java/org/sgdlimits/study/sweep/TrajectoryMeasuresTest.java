package org.sgdlimits.study.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

class TrajectoryMeasuresTest {

    /**
     * R(t) on a log grid: flat for t &lt; 0.1 (as any smooth start is in log-log), a fast drop to a plateau 0.1 on
     * [t1, t2] (drifting like t^-0.01), then e^-(t - t2).
     */
    private static Trajectory plateauCurve(double t1, double t2) {
        Trajectory.Builder b = new Trajectory.Builder(List.of("risk", "excess_risk"));
        for (int i = 0; i <= 400; i++) {
            double t = 0.01 * Math.pow(10, i / 80.0); // 0.01 .. 1e3
            double r;
            if (t < 0.1) {
                r = 0.1 * Math.pow(t1 / 0.1, 2); // the flat start: not a plateau
            } else if (t < t1) {
                r = 0.1 * Math.pow(t1 / t, 2); // slope -2
            } else if (t <= t2) {
                r = 0.1 * Math.pow(t / t1, -0.01);
            } else {
                r = 0.1 * Math.pow(t2 / t1, -0.01) * Math.exp(-(t - t2));
            }
            b.add(t, new double[] {r, r});
        }
        return b.build(RunStatus.completed(1e3));
    }

    @Test
    void plateauIsTheBandAroundTheFlattestStretchAfterTheDropToGridResolution() {
        double t1 = 0.5;
        double t2 = 40;
        double band = 0.25;
        TrajectoryMeasures.Plateau p = TrajectoryMeasures.plateau(plateauCurve(t1, t2), "risk", band);
        assertNotNull(p);
        double step = Math.pow(10, 1 / 80.0); // grid ratio: the ends are known to one grid step
        // the level is 0.1 up to the drift t^-0.01 (at most 4.5 % over the plateau, inside the band), so the
        // entry, where the drop 0.1 (t1/t)^2 comes within 1 + band of it, is in [t1 / sqrt(1 + band), t1]
        assertTrue(p.start() >= t1 / Math.sqrt(1 + band) / step && p.start() <= t1, "start " + p.start());
        // and the exit, where e^-(t - t2) falls below 1/(1 + band) of it, is in [t2, t2 + ln(1 + band)]
        assertTrue(p.end() >= t2 && p.end() <= (t2 + Math.log(1 + band)) * step, "end " + p.end());
        Summary length = new Summary(Summary.Kind.PLATEAU_LENGTH, "plateauLength", band, "risk");
        Summary escape = new Summary(Summary.Kind.ESCAPE_TIME, "escapeTime", band, "risk");
        SeedOutcome o = SeedOutcome.of(plateauCurve(t1, t2));
        assertEquals(p.length(), length.value(o), 0);
        assertEquals(p.end(), escape.value(o), 0);
    }

    @Test
    void aRunThatEndsOnItsPlateauHasNone() {
        Trajectory t = plateauCurve(0.5, 5e3); // the exit is after the last recorded time
        assertNull(TrajectoryMeasures.plateau(t, "risk", 0.25));
        Summary length = new Summary(Summary.Kind.PLATEAU_LENGTH, "plateauLength", 0.25, "risk");
        assertTrue(Double.isNaN(length.value(SeedOutcome.of(t))));
    }

    @Test
    void firstTimeAtOrBelowInterpolatesLinearlyBetweenRecordedTimes() {
        Trajectory.Builder b = new Trajectory.Builder(List.of("risk"));
        b.add(0, new double[] {1.0});
        b.add(1, new double[] {0.5});
        b.add(3, new double[] {0.1});
        Trajectory t = b.build(RunStatus.completed(3));
        assertEquals(0.0, TrajectoryMeasures.firstTimeAtOrBelow(t, "risk", 2.0), 0);
        assertEquals(0.5, TrajectoryMeasures.firstTimeAtOrBelow(t, "risk", 0.75), 1e-15);
        assertEquals(2.0, TrajectoryMeasures.firstTimeAtOrBelow(t, "risk", 0.3), 1e-15);
        assertTrue(Double.isNaN(TrajectoryMeasures.firstTimeAtOrBelow(t, "risk", 0.05)));
    }

    @Test
    void finalRiskOfADivergedRunIsUndefinedAndDivergedCountsIt() {
        Trajectory.Builder b = new Trajectory.Builder(List.of("risk", "excess_risk"));
        b.add(0, new double[] {1.0, 1.0});
        b.add(1, new double[] {1e7, 1e7});
        SeedOutcome o = SeedOutcome.of(b.build(RunStatus.diverged(1, "risk above 1e6")));
        assertTrue(Double.isNaN(new Summary(Summary.Kind.FINAL_RISK, "finalRisk", Double.NaN, "risk").value(o)));
        assertEquals(1.0, new Summary(Summary.Kind.DIVERGED, "diverged", Double.NaN, "risk").value(o), 0);
    }

    @Test
    void seedAverageLeavesOutUndefinedSeedsAndGivesTheStandardErrorOfTheMean() {
        SeedAverage a = SeedAverage.of(new double[] {1, 2, Double.NaN, 3, 6});
        assertEquals(4, a.n());
        assertEquals(3.0, a.mean(), 1e-15);
        // sample variance ((4 + 1 + 0 + 9) / 3) / 4 values
        assertEquals(Math.sqrt(14.0 / 3 / 4), a.standardError(), 1e-15);
        assertTrue(Double.isNaN(SeedAverage.of(new double[] {2}).standardError()));
    }

    /** A dmft-like trajectory: test risk with a minimum 0.3 at t = 2 and 3 (a tie), diverged after t = 4. */
    @Test
    void earlyStoppingIsTheFirstMinimumOfTheTestRiskAndTheRiskColumnFallsBackToTestRisk() {
        Trajectory.Builder b = new Trajectory.Builder(List.of("test_risk", "train_loss"));
        double[] risk = {0.6, 0.4, 0.3, 0.3, 0.5};
        for (int i = 0; i < risk.length; i++) {
            b.add(i, new double[] {risk[i], 0.6 / (1 + i)});
        }
        Trajectory t = b.build(RunStatus.diverged(4, "test"));
        assertEquals(2, TrajectoryMeasures.argmin(t, "test_risk"));
        Summary early = Summary.parse(com.fasterxml.jackson.databind.node.TextNode.valueOf("earlyStopping"), "s");
        Summary there = Summary.parse(com.fasterxml.jackson.databind.node.TextNode.valueOf("earlyStoppingRisk"), "s");
        Summary train = Summary.parse(com.fasterxml.jackson.databind.node.TextNode.valueOf("finalTrainLoss"), "s");
        SeedOutcome o = SeedOutcome.of(t);
        assertEquals(2.0, early.value(o), 0); // defined for a diverged run: the minimum before it
        assertEquals(0.3, there.value(o), 0);
        assertTrue(Double.isNaN(train.value(o))); // final values of a diverged run are undefined
        Trajectory completed = b.build(RunStatus.completed(4));
        assertEquals(0.6 / 5, train.value(SeedOutcome.of(completed)), 0);
        Summary last = Summary.parse(com.fasterxml.jackson.databind.node.TextNode.valueOf("finalRisk"), "s");
        assertEquals(0.5, last.value(SeedOutcome.of(completed)), 0);
    }
}
