package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * One run of the regime study (one value of γ, d or p in one regime): its trajectories, how it ended, what it
 * cost, for its own directory and {@code run.json}.
 *
 * @param name         directory name, e.g. "gamma-0.05"
 * @param settings     the run's parameters as JSON (the {@code experiment} of run.json)
 * @param trajectories file stem → trajectory (e.g. "simulation" → means with {@code _sem} columns)
 * @param status       worst status of the run's engines (a divergence is reported, not hidden)
 * @param results      headline numbers (gaps, final risks)
 * @param statistics   costs (SGD steps, seeds, wall seconds per engine)
 * @param warnings     things to know (e.g. g not small for the mean-field closure)
 * @param snapshots    density snapshots (mean-field runs), may be empty
 * @param wallSeconds  wall time of the run
 */
public record StudyRun(String name, ObjectNode settings, Map<String, Trajectory> trajectories, RunStatus status,
                       Map<String, Object> results, Map<String, Object> statistics, List<String> warnings,
                       List<DensitySnapshot> snapshots, double wallSeconds) {
    public StudyRun {
        trajectories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trajectories));
        results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        statistics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
        warnings = List.copyOf(warnings);
        snapshots = List.copyOf(snapshots);
    }

    /**
     * The run of one simulation-versus-theory comparison at one parameter value, the shape every regime shares:
     * trajectories {@code simulation} (seed means with {@code _sem} columns) and the theory under its own file
     * stem, the results of {@link #comparisonResults} plus the simulated window, the simulation's status, no
     * warnings or snapshots.
     *
     * @param column     the risk column the gap was measured on ("risk", or "test_risk" for multi-pass runs)
     * @param window     end T of the simulated window
     * @param startNanos {@link System#nanoTime()} when the run began (for its wall time)
     */
    static StudyRun comparison(String name, ObjectNode settings, Trajectory simulation, String theoryName,
                               Trajectory theory, GapPoint gap, String column, double window,
                               Map<String, Object> statistics, long startNanos) {
        Map<String, Trajectory> traj = new LinkedHashMap<>();
        traj.put("simulation", simulation);
        traj.put(theoryName, theory);
        Map<String, Object> results = comparisonResults(gap, simulation, theory, column);
        results.put("window", window);
        return new StudyRun(name, settings, traj, simulation.status(), results, statistics, List.of(), List.of(),
                (System.nanoTime() - startNanos) * 1e-9);
    }

    /** The gap and the final simulated (with standard error) and theory values of {@code column}. */
    static Map<String, Object> comparisonResults(GapPoint gap, Trajectory simulation, Trajectory theory,
                                                 String column) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("comparison", gap.comparison());
        r.put("typicalRmsRelativeRiskGap", gap.gap());
        r.put("typicalRmsRelativeRiskGapSem", gap.gapError());
        r.put("rmsRelativeRiskGapOfSeedMean", gap.meanGap());
        r.put("finalSimulatedRisk", last(simulation, column));
        r.put("finalSimulatedRiskSem", last(simulation, column + "_sem"));
        r.put("finalTheoryRisk", last(theory, column));
        return r;
    }

    /** The last recorded value of a column (NaN for an empty trajectory). */
    static double last(Trajectory t, String column) {
        return t.size() == 0 ? Double.NaN : t.value(t.size() - 1, column);
    }
}
