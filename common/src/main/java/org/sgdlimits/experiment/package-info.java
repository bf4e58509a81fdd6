/**
 * The validated experiment model: one run of one-pass SGD as plain, immutable Java values (docs/theory.md §7; field
 * reference in docs/experiment-file.md), with no file format and no JSON library.
 *
 * <p>An {@link org.sgdlimits.experiment.Experiment} is made of {@link org.sgdlimits.experiment.TeacherSpec},
 * {@link org.sgdlimits.experiment.StudentSpec}, the physics {@link org.sgdlimits.dynamics.Regime},
 * {@link org.sgdlimits.experiment.ScheduleSpec}, {@link org.sgdlimits.experiment.InitialCondition} and
 * {@link org.sgdlimits.experiment.IntegratorSpec}; every value is validated once, when the experiment is built,
 * and every error is an {@link org.sgdlimits.experiment.ExperimentException} carrying the field's typed path.
 * The library's engine factories ({@code narrow.factory}, {@code meanfield.factory}) build engines from it.
 * Reading and writing the JSON files is the application's job (in {@code examples}:
 * {@code org.sgdlimits.experiment.json}). Units are those of docs/theory.md §1–§2 (ODE time t = νγ/(pd),
 * Δ a variance).
 */
package org.sgdlimits.experiment;
