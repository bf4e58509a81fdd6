/**
 * The JSON form of experiment files (docs/theory.md §7; field reference in docs/experiment-file.md), in the
 * application layer so that the physics modules do not depend on a JSON library.
 *
 * <p>{@link org.sgdlimits.experiment.json.ExperimentParser} reads a file strictly (unknown fields, wrong types,
 * non-finite numbers and duplicate keys are errors) into the validated {@link org.sgdlimits.experiment.Experiment}
 * of {@code common}; {@link org.sgdlimits.experiment.json.ExperimentJson} writes it back with every default filled
 * in (the {@code experiment} of run.json); {@link org.sgdlimits.experiment.json.JsonFields} gives engine-specific
 * sections the same strict, path-aware reading. Every error is an
 * {@link org.sgdlimits.experiment.ExperimentException} carrying the field's typed
 * {@link org.sgdlimits.validation.FieldPath}.
 */
package org.sgdlimits.experiment.json;
