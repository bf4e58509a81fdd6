/**
 * Parameter sweeps and phase diagrams over any experiment field, run locally or as a Slurm job array
 * ({@code sgdlimits sweep}; the sweep-file format is in README.md, "Sweeps and phase diagrams").
 *
 * <p>Engine-agnostic: a {@link org.sgdlimits.study.sweep.SweepDefinition} expands into a
 * {@link org.sgdlimits.study.sweep.SweepPlan} of cells; a {@link org.sgdlimits.study.sweep.CellCommand} (one per
 * command, written in the command-line module) turns a cell into a {@link org.sgdlimits.study.sweep.CellTask}
 * that runs configured engines of the one contract ({@code trajectory.Engine}: one per replicate through
 * {@link org.sgdlimits.study.sweep.CellTask#ofReplicates}, or one ensemble through
 * {@link org.sgdlimits.study.sweep.CellTask#ofEnsemble}); each run becomes a
 * {@link org.sgdlimits.study.sweep.SeedOutcome} (its trajectory and status), which the
 * {@link org.sgdlimits.study.sweep.Summary}s reduce to the values of cells.csv. A cell's seed depends only on the
 * root seed and the cell key, so results do not depend on the executor or the thread count. No physics here.
 */
package org.sgdlimits.study.sweep;
