package org.sgdlimits.study.regimes;

import org.sgdlimits.trajectory.Trajectory;

/**
 * The distance between a run and its theory used by the regime study, from the relative gap of one column (the
 * risk) at the recorded times both trajectories have, δ(t) = |x_run(t) − x_theory(t)| / |x_theory(t)|: its
 * root mean square over the times t &gt; 0 ({@link #rmsRelative}, the study's gap: less noisy than the largest
 * value for a fluctuating run) or its largest value ({@link #largestRelative}).
 * The risk R = ε + Δ/2 ≥ Δ/2 &gt; 0 with label noise, so the ratio is well defined at every time. Both
 * trajectories must be recorded on the same time grid (times are checked to 1e-9 relative).
 */
public final class TrajectoryGap {
    private TrajectoryGap() {
    }

    /**
     * Root mean square of δ(t) over the common recorded times t &gt; 0.
     *
     * @throws IllegalArgumentException when a column is missing, the grids differ or the theory value is 0
     */
    public static double rmsRelative(Trajectory run, Trajectory theory, String column) {
        double[] d = relative(run, theory, column);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (run.time(i) > 0) {
                sum += d[i] * d[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("gap: no recorded time t > 0 in common");
        }
        return Math.sqrt(sum / n);
    }

    /**
     * Largest δ(t) over the common recorded times (NaN if any is NaN).
     *
     * @throws IllegalArgumentException when a column is missing, the grids differ or the theory value is 0
     */
    public static double largestRelative(Trajectory run, Trajectory theory, String column) {
        double largest = 0;
        for (double g : relative(run, theory, column)) {
            if (Double.isNaN(g)) {
                return Double.NaN;
            }
            largest = Math.max(largest, g);
        }
        return largest;
    }

    /** δ(t_i) at the common recorded times. */
    static double[] relative(Trajectory run, Trajectory theory, String column) {
        double[] x = run.column(column);
        double[] y = theory.column(column);
        int n = Math.min(x.length, y.length);
        if (n == 0) {
            throw new IllegalArgumentException("gap: no recorded times in common");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double tr = run.time(i);
            double tt = theory.time(i);
            if (Math.abs(tr - tt) > 1e-9 * Math.max(1, Math.abs(tt))) {
                throw new IllegalArgumentException("gap: recorded time " + i + " differs (" + tr + " vs " + tt + ")");
            }
            if (y[i] == 0) {
                throw new IllegalArgumentException("gap: theory " + column + " is 0 at t = " + tt);
            }
            out[i] = Math.abs(x[i] - y[i]) / Math.abs(y[i]);
        }
        return out;
    }
}
