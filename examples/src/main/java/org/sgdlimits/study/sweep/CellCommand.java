package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A command that can run sweep cells ({@code ode}, {@code simulate}, {@code escape}, ...): it turns one cell's
 * experiment JSON (the base with the axis values set) and the sweep's command options into a validated
 * {@link CellTask}. Implementations wire an existing command's code path (no physics of their own) and are
 * listed in a {@link CellCommandTable}.
 */
public interface CellCommand {
    /** The name used in the sweep file's "command" field, e.g. "ode". */
    String id();

    /** One line for the sweep file's documentation: what the base experiment is. */
    String baseDescription();

    /** The summaries this command's outcomes support. */
    Set<Summary.Kind> summaries();

    /**
     * Validates one cell.
     *
     * @param experiment the cell's experiment JSON (base with the axis values set; not modified)
     * @param options    the sweep's "options" object for this command (an empty object when absent)
     * @throws IllegalArgumentException (usually {@link org.sgdlimits.experiment.ExperimentException}) naming the
     *                                  field when the experiment or an option is invalid
     */
    CellTask prepare(JsonNode experiment, JsonNode options);
}
