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
     * The longest plateau of the column O: the longest run of consecutive recorded intervals [t_i, t_{i+1}]
     * (t_i &gt; 0, O &gt; 0 at both ends) with |ln O_{i+1} − ln O_i| / (ln t_{i+1} − ln t_i) &lt; {@code slope}
     * that is followed by an interval above the threshold (the run leaves it). The log–log slope makes the
     * criterion independent of the time unit (a plateau at learning rate γ and at γ/10 is the same stretch,
     * ten times longer). Null when there is none (no plateau, or the run ends on it).
     */
    public static Plateau plateau(Trajectory t, String column, double slope) {
        double[] v = t.column(column);
        Plateau best = null;
        int start = -1;
        for (int i = 0; i + 1 < v.length; i++) {
            double t0 = t.time(i);
            double t1 = t.time(i + 1);
            boolean defined = t0 > 0 && t1 > t0 && v[i] > 0 && v[i + 1] > 0;
            boolean flat = defined && Math.abs(Math.log(v[i + 1] / v[i])) < slope * Math.log(t1 / t0);
            if (flat) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                Plateau p = new Plateau(t.time(start), t0);
                if (defined && (best == null || p.length() > best.length())) {
                    best = p;
                }
                start = -1;
            }
        }
        return best;
    }
}
