package org.sgdlimits.narrow.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/** Gaps in relative terms with a floor, and no standard-error counts where the risk is at rounding level. */
class ComparisonSummaryTest {

    /**
     * Theory: risk decaying from 0.1 to 1e-17, M_0_0 rising to 1. Simulation: risk 1% above the theory with a
     * standard error of 0.5%, M 2 standard errors off while the risk is above rounding level; once the risk is
     * at rounding level every seed has converged and M differs from 1 by 1e-10 with a round-off standard error
     * of 1e-12 (50 "standard errors" that mean nothing).
     */
    private static Trajectory[] converging() {
        int n = 20;
        double[] times = new double[n];
        double[][] theory = new double[n][2];
        double[][] sim = new double[n][4];
        for (int i = 0; i < n; i++) {
            times[i] = i;
            double r = 0.1 * Math.pow(1e-16, i / (n - 1.0));
            double m = 1 - Math.sqrt(r);
            theory[i] = new double[] {r, m};
            boolean rounding = ComparisonSummary.atRoundingLevel(r, 0.1);
            double semM = rounding ? 1e-12 : 0.01;
            double gapM = rounding ? 1e-10 : 0.02;
            sim[i] = new double[] {r * 1.01, m + gapM, r * 0.005, semM};
        }
        RunStatus done = RunStatus.completed(n - 1);
        return new Trajectory[] {new Trajectory(List.of("risk", "M_0_0"), times, theory, done),
            new Trajectory(List.of("risk", "M_0_0", "risk_sem", "M_0_0_sem"), times, sim, done)};
    }

    @Test
    void noStandardErrorCountWhereTheRiskIsAtRoundingLevel() {
        Trajectory[] t = converging();
        ComparisonSummary s = ComparisonSummary.of(t[0], t[1]);
        assertEquals(2.0, s.gap("M_0_0").largestGapInSem(), 1e-9, "only rows above rounding level count");
        assertEquals(2.0, s.largestGapInSem(), 1e-9);
        double firstAtRounding = Double.NaN;
        for (int i = t[0].size() - 1; i >= 0 && t[0].value(i, "risk") < 1e-10 * 0.1; i--) {
            firstAtRounding = t[0].time(i);
        }
        assertTrue(firstAtRounding < t[0].time(t[0].size() - 1), "the example reaches rounding level");
        assertEquals(firstAtRounding, s.roundingLevelFrom(), 0.0);
    }

    @Test
    void relativeGapsUseTheTheoryWithAFloor() {
        Trajectory[] t = converging();
        ComparisonSummary s = ComparisonSummary.of(t[0], t[1]);
        // risk: |sim - th| / |th| = 1% while |th| >= 1e-3 x max|th|; below that floor the ratio only shrinks
        assertEquals(0.01, s.gap("risk").largestRelativeGap(), 1e-12);
        assertTrue(s.gap("risk").largestGap() < 0.0011, "absolute gap is 1% of 0.1");
    }
}
