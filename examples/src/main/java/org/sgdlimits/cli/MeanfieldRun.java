package org.sgdlimits.cli;

import java.util.List;
import java.util.Map;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What one {@code sgdlimits meanfield} run produced, whichever mean-field engine ran: an {@link EngineRun} (the one
 * engine contract) with the snapshots and warnings the command writes.
 *
 * @param trajectory docs/theory.md §7 mean-field columns {@code risk, excess_risk, mean_m2, mean_qperp}, with the status
 * @param snapshots  densities of (m, q⊥) at the snapshot times reached, in request order (each carries the time
 *                   it was taken at)
 * @param requested  the requested time of each snapshot (same order; files are named after it)
 * @param warnings   things to tell the user (also written to run.json)
 * @param statistics engine statistics for run.json, in insertion order
 */
record MeanfieldRun(Trajectory trajectory, List<DensitySnapshot> snapshots, List<Double> requested, List<String> warnings,
                    Map<String, Object> statistics) implements EngineRun {
    MeanfieldRun {
        snapshots = List.copyOf(snapshots);
        requested = List.copyOf(requested);
        if (requested.size() != snapshots.size()) {
            throw new IllegalArgumentException("requested: " + requested.size() + " times for " + snapshots.size()
                    + " snapshots");
        }
        warnings = List.copyOf(warnings);
    }
}
