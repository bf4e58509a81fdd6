package org.sgdlimits.study.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

class TrajectoryGapTest {
    private static Trajectory risk(double[] t, double[] r) {
        double[][] rows = new double[t.length][1];
        for (int i = 0; i < t.length; i++) {
            rows[i][0] = r[i];
        }
        return new Trajectory(List.of("risk"), t, rows, RunStatus.completed(t[t.length - 1]));
    }

    @Test
    void rmsAndLargestRelativeGapsSkipTimeZeroAndUseTheTheoryAsScale() {
        double[] t = {0, 1, 2};
        Trajectory theory = risk(t, new double[] {1.0, 0.5, 0.25});
        Trajectory run = risk(t, new double[] {2.0, 0.55, 0.2});
        // relative gaps at t > 0: 0.1 and 0.2; t = 0 is excluded from the rms but not from the largest gap
        assertEquals(Math.sqrt((0.01 + 0.04) / 2), TrajectoryGap.rmsRelative(run, theory, "risk"), 1e-15);
        assertEquals(1.0, TrajectoryGap.largestRelative(run, theory, "risk"), 1e-15);
    }

    @Test
    void differentTimeGridsAreRejected() {
        Trajectory a = risk(new double[] {0, 1}, new double[] {1, 1});
        Trajectory b = risk(new double[] {0, 2}, new double[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> TrajectoryGap.rmsRelative(a, b, "risk"));
    }

    /** The particle snapshots are taken at the requested times: the snapshot run's grid contains them. */
    @Test
    void snapshotGridContainsTheRequestedTimes() {
        double[] requested = {0, 1, 2, 4};
        double[] times = MeanFieldRegime.snapshotGrid(requested, 4, 25).times();
        for (double t : requested) {
            boolean found = false;
            for (double g : times) {
                found |= Math.abs(g - t) <= 1e-12;
            }
            assertTrue(found, "time " + t + " on the grid " + java.util.Arrays.toString(times));
        }
        double[] odd = MeanFieldRegime.snapshotGrid(new double[] {0, 0.7, 3}, 3, 25).times();
        assertEquals(0.1, odd[1] - odd[0], 1e-12, "the coarsest grid with 0.7 and 3 has step 0.1");
    }
}
