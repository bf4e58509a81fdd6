package org.sgdlimits.cli;

import java.util.List;
import java.util.Map;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.trajectory.Trajectory;

/**
 * What one {@code sgdlimits meanfield} run produced.
 *
 * @param trajectory SPEC §7 mean-field columns {@code risk, excess_risk, mean_m2, mean_qperp}, with the status
 * @param snapshots  densities of (m, q⊥) at the snapshot times, in request order
 * @param warnings   things to tell the user (also written to run.json)
 * @param statistics engine statistics for run.json, in insertion order
 */
record MeanfieldRun(Trajectory trajectory, List<DensitySnapshot> snapshots, List<String> warnings,
                    Map<String, Object> statistics) {
    MeanfieldRun {
        snapshots = List.copyOf(snapshots);
        warnings = List.copyOf(warnings);
    }
}
