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
}
