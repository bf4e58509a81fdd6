package org.sgdlimits.narrow.simulation;

import org.sgdlimits.trajectory.EngineRun;
import org.sgdlimits.trajectory.Trajectory;

/**
 * One seeded simulation: the recorded trajectory (docs/theory.md §7 columns, no {@code _sem}), the held-out risk
 * cross-check and the number of SGD steps taken.
 */
public record SimulationRun(Trajectory trajectory, HeldOutRisk heldOut, long steps) implements EngineRun {
}
