/**
 * Experiment files: reading, validating and writing back the JSON description of one run
 * (docs/theory.md §7; field reference in docs/experiment-file.md).
 *
 * <p>{@link org.sgdlimits.experiment.ExperimentParser} reads a file strictly (unknown fields, wrong types,
 * non-finite numbers and duplicate keys are errors) into an immutable, validated
 * {@link org.sgdlimits.experiment.Experiment} made of {@link org.sgdlimits.experiment.TeacherSpec},
 * {@link org.sgdlimits.experiment.StudentSpec}, the physics {@link org.sgdlimits.dynamics.Regime},
 * {@link org.sgdlimits.experiment.ScheduleSpec}, {@link org.sgdlimits.experiment.InitialCondition} and
 * {@link org.sgdlimits.experiment.IntegratorSpec}; {@link org.sgdlimits.experiment.ExperimentJson} writes it
 * back with every default filled in (the {@code experiment} of run.json). Every error is an
 * {@link org.sgdlimits.experiment.ExperimentException} whose message starts with the dotted field path.
 * {@link org.sgdlimits.experiment.JsonFields} gives engine-specific sections the same strict reading. Units
 * are those of docs/theory.md §1–§2 (ODE time t = νγ/(pd), Δ a variance).
 */
package org.sgdlimits.experiment;
