/**
 * Output files of a run, every one written atomically (temporary file, then an atomic move:
 * {@link org.sgdlimits.io.AtomicFile}), so that a failed or interrupted run never leaves a half-written file.
 *
 * <p>{@link org.sgdlimits.io.CsvWriter} and {@link org.sgdlimits.io.NpyWriter} write a
 * {@link org.sgdlimits.trajectory.Trajectory} in the formats of docs/theory.md §7 (doubles in shortest
 * round-trip form; NumPy 1.0 little-endian float64); {@link org.sgdlimits.io.RunReport} is run.json (experiment
 * with defaults, status, statistics, warnings); {@link org.sgdlimits.io.SummaryTable} writes result tables as
 * CSV and Markdown; {@link org.sgdlimits.io.ValueAndError} is the one rule for printing a value with its
 * standard error. No physics here, and no physics module depends on this package: file formats live in the
 * application layer (docs/architecture.md, "Modules").
 */
package org.sgdlimits.io;
