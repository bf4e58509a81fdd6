package org.sgdlimits.study.sweep;

import org.sgdlimits.trajectory.Trajectory;

/**
 * Measurements on a recorded trajectory used by the sweep {@link Summary}s: last value, first time at or
 * below a level, and the longest plateau. They read only the recorded rows (the resolution is the
 * experiment's time grid). Stateless.
 */
public final class TrajectoryMeasures {
    private TrajectoryMeasures() {
    }

    /** A plateau: recorded times {@code start} to {@code end} (the time the run leaves it). */
    public record Plateau(double start, double end) {
        public double length() {
            return end - start;
        }
    }

    /** The last recorded value of a column; NaN for an empty trajectory. */
    public static double last(Trajectory t, String column) {
        return t.size() == 0 ? Double.NaN : t.value(t.size() - 1, column);
    }

    /**
     * The row of the smallest recorded value of a column (the first such row when several tie; NaN values are
     * skipped), e.g. the early-stopping point of the test risk; -1 when no row holds a number.
     */
    public static int argmin(Trajectory t, String column) {
        double[] v = t.column(column);
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (best < 0 || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The first time the column is at or below {@code level}, linear between the recorded times around the
     * crossing; the first recorded time if it starts there; NaN if it never gets there.
     */
    public static double firstTimeAtOrBelow(Trajectory t, String column, double level) {
        double[] v = t.column(column);
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= level) {
                if (i == 0) {
                    return t.time(0);
                }
                double a = v[i - 1];
                double b = v[i];
                double u = (a - level) / (a - b);
                return t.time(i - 1) + u * (t.time(i) - t.time(i - 1));
            }
        }
        return Double.NaN;
    }

    /**
     * The plateau of the column O (e.g. the Saad–Solla symmetric plateau of the risk): after the run has moved
     * away from its start (|ln(O/O_0)| &gt; ln(1 + band); the start itself, flat in log–log only because t is
     * small, does not count), the flattest recorded interval in log–log (least |Δ ln O / Δ ln t|) fixes the
     * plateau level O_p; the plateau is the run of recorded times around it with O within a factor 1 + band of
     * O_p, from its first time to the first recorded time after it (the exit). Null when the run never moves, or
     * ends inside the band (it never leaves the plateau: no escape, e.g. a noise floor).
     *
     * @param band relative half-width of the plateau band (&gt; 0), e.g. 0.25
     */
    public static Plateau plateau(Trajectory t, String column, double band) {
        double[] v = t.column(column);
        int n = v.length;
        double width = Math.log1p(band);
        int moved = -1;
        for (int i = 1; i < n && moved < 0; i++) {
            if (v[0] > 0 && v[i] > 0 && Math.abs(Math.log(v[i] / v[0])) > width) {
                moved = i;
            }
        }
        if (moved < 0) {
            return null;
        }
        int flattest = -1;
        double least = Double.POSITIVE_INFINITY;
        for (int i = moved; i + 1 < n; i++) {
            double t0 = t.time(i);
            double t1 = t.time(i + 1);
            if (t0 > 0 && t1 > t0 && v[i] > 0 && v[i + 1] > 0) {
                double slope = Math.abs(Math.log(v[i + 1] / v[i])) / Math.log(t1 / t0);
                if (slope < least) {
                    least = slope;
                    flattest = i;
                }
            }
        }
        if (flattest < 0) {
            return null;
        }
        double level = Math.sqrt(v[flattest] * v[flattest + 1]);
        int first = flattest;
        while (first - 1 >= 0 && inside(v[first - 1], level, width)) {
            first--;
        }
        int exit = flattest + 1;
        while (exit < n && inside(v[exit], level, width)) {
            exit++;
        }
        return exit >= n ? null : new Plateau(t.time(first), t.time(exit));
    }

    private static boolean inside(double value, double level, double width) {
        return value > 0 && Math.abs(Math.log(value / level)) <= width;
    }
}
