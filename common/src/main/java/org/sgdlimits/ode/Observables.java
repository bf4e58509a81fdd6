package org.sgdlimits.ode;

import java.util.List;

/**
 * The named quantities recorded at every time of a {@link org.sgdlimits.trajectory.TimeGrid}: one row of a
 * {@link org.sgdlimits.trajectory.Trajectory} computed from the state. An instance belongs to one run.
 */
public interface Observables {

    /** Column names (without {@code t}), in row order. */
    List<String> columns();

    /** Writes the row for state y at time t into {@code row} (length {@code columns().size()}). */
    void evaluate(double t, double[] y, double[] row);
}
