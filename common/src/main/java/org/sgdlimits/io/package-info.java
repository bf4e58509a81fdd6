/**
 * Output files of a run, every one written atomically (temporary file, then an atomic move:
 * {@link org.sgdlimits.io.AtomicFile}), so that a failed or interrupted run never leaves a half-written file.
 *
 * <p>{@link org.sgdlimits.io.CsvWriter} and {@link org.sgdlimits.io.NpyWriter} write a
 * {@link org.sgdlimits.trajectory.Trajectory} in the formats of docs/theory.md §7 (doubles in shortest
 * round-trip form; NumPy 1.0 little-endian float64); {@link org.sgdlimits.io.RunReport} is run.json (experiment
 * with defaults, status, statistics, warnings); {@link org.sgdlimits.io.SummaryTable} writes result tables as
 * CSV and Markdown. No physics here.
 */
package org.sgdlimits.io;
