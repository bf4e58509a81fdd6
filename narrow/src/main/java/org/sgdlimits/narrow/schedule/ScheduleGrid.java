package org.sgdlimits.narrow.schedule;

import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The parametrisation of s(t) on [0, T]: N pieces of equal length T/N, s constant on each; after T the last
 * value is held. Immutable.
 *
 * @param horizon T &gt; 0 (ODE time)
 * @param pieces  N ≥ 1
 */
public record ScheduleGrid(double horizon, int pieces) {

    /** Largest number of pieces accepted. */
    public static final int MAX_PIECES = 4096;

    public ScheduleGrid {
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon: " + horizon + "; must be a finite number > 0");
        }
        if (pieces < 1 || pieces > MAX_PIECES) {
            throw new IllegalArgumentException("pieces: " + pieces + "; must be an integer in [1, " + MAX_PIECES + "]");
        }
    }

    /** Start time of piece j (j = N gives T). */
    public double start(int j) {
        return j == pieces ? horizon : horizon * j / pieces;
    }

    /** Midpoint of piece j. */
    public double midpoint(int j) {
        return horizon * (j + 0.5) / pieces;
    }

    /** The piece containing t (clamped to [0, N − 1]). */
    public int pieceOf(double t) {
        int j = (int) Math.floor(t / horizon * pieces);
        return Math.max(0, Math.min(pieces - 1, j));
    }

    /** The N − 1 interior boundaries, as {@link LearningRateSchedule#piecewiseConstant} takes them. */
    public double[] interiorBoundaries() {
        double[] b = new double[pieces - 1];
        for (int j = 1; j < pieces; j++) {
            b[j - 1] = start(j);
        }
        return b;
    }

    /** The schedule with these piece values (length N, finite, ≥ 0). */
    public LearningRateSchedule schedule(double[] factors) {
        if (factors.length != pieces) {
            throw new IllegalArgumentException("factors: " + factors.length + " values for " + pieces + " pieces");
        }
        return LearningRateSchedule.piecewiseConstant(interiorBoundaries(), factors);
    }
}
