package org.sgdlimits.io;

import java.util.List;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/** Trajectories with awkward doubles for writer round-trip tests. */
final class TrajectoryFixtures {
    private TrajectoryFixtures() {
    }

    /** Columns as docs/theory.md §7 (p = 1, k = 2) with values that a lossy format would change. */
    static Trajectory awkward() {
        List<String> columns = List.of("risk", "excess_risk", "M_0_0", "M_0_1", "Q_0_0", "a_0");
        double[] times = {0, 1e-4, 0.1 + 0.2, 1.0 / 3, 7, 1e300};
        double[][] rows = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            rows[i] = new double[] {Math.PI * (i + 1), Math.nextUp(1.0) * i, -0.0, Double.MIN_VALUE * (i + 1),
                    Math.exp(-i * 100.0), i == 4 ? Double.NaN : i == 5 ? Double.NEGATIVE_INFINITY : 1 - 1e-16 * i};
        }
        return new Trajectory(columns, times, rows, RunStatus.completed(1e300));
    }
}
