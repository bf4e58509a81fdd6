/**
 * The {@code sgdlimits} command-line application (picocli): one sub-command per job ({@code ode}, {@code check},
 * {@code simulate}, {@code compare}, {@code meanfield}, {@code escape}, {@code regimes}), entry point
 * {@link org.sgdlimits.cli.SgdLimits}.
 *
 * <p>Holds no physics: commands read an experiment file (docs/experiment-file.md), wire it to the library
 * engines, and write the outputs of docs/theory.md §7. Every command runs through {@code CommandRun}, and every
 * command that writes a run has one skeleton, options → run → write ({@code RunCommand},
 * {@code CommandRun.runAndWrite}): input is validated and the engines configured before anything is computed or
 * written (bad input: one line naming the field, exit 2, nothing written), the engines run through the one
 * contract ({@code CommandRun.run(what, engine, bar)}), files are written atomically, run.json last, and a failed
 * run is rolled back. The sweep cells ({@code *Cell}) hand each command's engines to
 * {@code study.sweep.CellTask}. How to add a command: docs/architecture.md.
 */
package org.sgdlimits.cli;
