package org.sgdlimits.study.regimes;

import java.util.Arrays;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The set-up shared by the regimes: an erf teacher with orthonormal rows (P = I) and unit second layers
 * (a* = 1, a = 1, fixed), and the random initial overlaps of a student with |w_i|²/d = 1 at a given d.
 */
final class TeacherStudent {
    private TeacherStudent() {
    }

    static double[] identity(int k) {
        double[] p = new double[k * k];
        for (int r = 0; r < k; r++) {
            p[r * k + r] = 1;
        }
        return p;
    }

    static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    /** Overlaps of Gaussian student rows (Q_ii = 1 exactly) and a teacher with P = I at dimension d. */
    static Overlaps randomOverlaps(int k, int p, int dimension, long seed) {
        return InitialWeights.random(dimension, identity(k), ones(p), ones(p), ones(k), seed).overlaps();
    }

    /**
     * Integrator settings of the study's ODEs: Dormand–Prince 8(5,3) at tolerances 1e-10 (the library measures
     * the risk to about 1e-6 relative there), far below the 1e-3 relative gaps measured, and a little cheaper
     * than the 1e-11 default on the long (t = 10⁴) theory curves.
     */
    static org.sgdlimits.ode.IntegratorSettings integrator() {
        return org.sgdlimits.ode.IntegratorSettings.defaults().withTolerances(1e-10, 1e-10);
    }

    /** The overlap ODE matching an SGD protocol in a regime (docs/theory.md §3), with {@link #integrator()}. */
    static org.sgdlimits.narrow.OverlapOde ode(org.sgdlimits.narrow.simulation.SgdSettings settings,
                                                org.sgdlimits.dynamics.Regime regime, int dimension) {
        return org.sgdlimits.narrow.simulation.MatchingOde.builder(settings, regime, dimension).integrator(integrator())
                .build();
    }

    /** Log grid from end·10⁻³ to end with t = 0 first. */
    static TimeGrid logGrid(double end, int points) {
        return new TimeGrid(end, points, TimeGrid.Spacing.LOG, end * 1e-3);
    }

    /**
     * Log grid to {@code end} with the first time t₁ moved up by {@code shift} of one log step (the grid of
     * {@link #logGrid} for shift 0), t = 0 first: runs at several parameter values on one window, each on its own
     * shift, then have their chart points side by side rather than on top of one another.
     */
    static TimeGrid shiftedLogGrid(double end, int points, double shift) {
        double step = Math.pow(1e3, 1.0 / (points - 2));
        return new TimeGrid(end, points, TimeGrid.Spacing.LOG, end * 1e-3 * Math.pow(step, shift));
    }

    /**
     * Log grid of a theory curve: from the first simulated time (simulationTime·10⁻³) to theoryTime, 10 points
     * per decade, t = 0 first.
     */
    static TimeGrid theoryGrid(double simulationTime, double theoryTime) {
        double start = simulationTime * 1e-3;
        int points = 2 + (int) Math.ceil(10 * Math.log10(theoryTime / start));
        return new TimeGrid(theoryTime, points, TimeGrid.Spacing.LOG, start);
    }

    /** The trajectory restricted to t and the given columns (for compact CSV files of wide models). */
    static Trajectory select(Trajectory t, String... columns) {
        double[][] rows = new double[t.size()][columns.length];
        for (int c = 0; c < columns.length; c++) {
            double[] col = t.column(columns[c]);
            for (int i = 0; i < rows.length; i++) {
                rows[i][c] = col[i];
            }
        }
        return new Trajectory(java.util.List.of(columns), t.times(), rows, t.status());
    }
}
