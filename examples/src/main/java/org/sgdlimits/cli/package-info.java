/**
 * The {@code sgdlimits} command-line application (picocli): one sub-command per job ({@code ode}, {@code check},
 * {@code simulate}, {@code compare}, {@code meanfield}, {@code escape}, {@code regimes}), entry point
 * {@link org.sgdlimits.cli.SgdLimits}.
 *
 * <p>Holds no physics: commands read an experiment file (docs/experiment-file.md), wire it to the library
 * engines, and write the outputs of docs/theory.md §7. Every command runs through {@code CommandRun}: input is
 * validated before anything is computed or written (bad input: one line naming the field, exit 2, nothing
 * written), files are written atomically, run.json last, and a failed run is rolled back. How to add a command:
 * docs/architecture.md.
 */
package org.sgdlimits.cli;
