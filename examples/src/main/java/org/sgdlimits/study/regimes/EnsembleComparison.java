package org.sgdlimits.study.regimes;

import java.util.List;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SimulationEngine;
import org.sgdlimits.narrow.simulation.SimulationRun;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Simulations of several seeds against a theory trajectory recorded on the same grid, reduced to a
 * {@link GapPoint}: the mean over seeds of each run's root-mean-square relative risk gap (with its standard error)
 * and that of the seed-averaged risk.
 */
final class EnsembleComparison {
    private EnsembleComparison() {
    }

    /** The simulations and their gap to the theory. */
    record Outcome(EnsembleResult ensemble, GapPoint gap) {
    }

    static Outcome run(String comparison, double parameter, SimulationEngine engine, int seeds, long baseSeed,
                       int threads, Overlaps initial, int dimension, TimeGrid grid, Trajectory theory,
                       StudyProgress progress) {
        EnsembleResult ensemble = new MultiSeedSimulation(engine, seeds, baseSeed, threads)
                .run(initial, dimension, grid, progress);
        return new Outcome(ensemble, gap(comparison, parameter, ensemble.runs(), ensemble.trajectory(), theory));
    }

    static GapPoint gap(String comparison, double parameter, List<SimulationRun> runs, Trajectory mean,
                        Trajectory theory) {
        return gap(comparison, parameter, runs.stream().map(SimulationRun::trajectory).toList(), mean, theory, "risk");
    }

    /**
     * The gap of several runs (each recorded on the theory's grid) to the theory in one column: the mean over runs of
     * each run's {@link TrajectoryGap#rmsRelative} with its standard error, and that of the runs' mean trajectory.
     */
    static GapPoint gap(String comparison, double parameter, List<Trajectory> runs, Trajectory mean,
                        Trajectory theory, String column) {
        int n = runs.size();
        double sum = 0;
        double sumSq = 0;
        for (Trajectory r : runs) {
            double g = TrajectoryGap.rmsRelative(r, theory, column);
            sum += g;
            sumSq += g * g;
        }
        double meanGap = sum / n;
        double var = n > 1 ? Math.max(0, (sumSq - n * meanGap * meanGap) / (n - 1)) : Double.NaN;
        return new GapPoint(comparison, parameter, meanGap, Math.sqrt(var / n),
                TrajectoryGap.rmsRelative(mean, theory, column), n);
    }
}
