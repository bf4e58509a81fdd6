package org.sgdlimits.experiment;

import java.util.Map;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * An experiment file, or an {@link Experiment} built in code, is invalid. Carries the offending field as a typed
 * {@link FieldPath}; the message is one line of the form {@code field.path: what is wrong; what is allowed}, e.g.
 * {@code student.secondLayer: has 3 entries; expected p = 2 (student.p)}.
 */
public class ExperimentException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;
    private final boolean unknownField;

    /**
     * @param field   path of the offending field ({@link FieldPath#ROOT} for the whole file)
     * @param problem what is wrong and what is allowed (without the field path)
     */
    public ExperimentException(FieldPath field, String problem) {
        this(field, problem, false);
    }

    /**
     * @param field   dotted path of the offending field as written in the source, e.g. {@code "initial.Q"}
     *                ({@code ""} for the whole file); see {@link FieldPath#parse}
     * @param problem what is wrong and what is allowed (without the field path)
     */
    public ExperimentException(String field, String problem) {
        this(FieldPath.parse(field), problem, false);
    }

    private ExperimentException(FieldPath field, String problem, boolean unknownField) {
        super(field, problem);
        this.unknownField = unknownField;
    }

    /** The error for a field the reader does not know (a typo, or a field of another section). */
    public static ExperimentException unknownField(FieldPath field, String problem) {
        return new ExperimentException(field, problem, true);
    }

    /** Whether the field is unknown to the reader (rather than known with a bad value). */
    public boolean isUnknownField() {
        return unknownField;
    }

    /**
     * A validation error of a library type as an experiment-file error: an {@link InvalidFieldException} keeps its
     * typed field, renamed through {@code renames} (e.g. the {@code Q} of {@link org.sgdlimits.overlap.Overlaps}
     * is {@code initial.Q} in the file); any other error becomes a file-level error with its message.
     *
     * @param cause   the library error (an {@code ExperimentException} is returned as it is)
     * @param renames library field → experiment-file field
     */
    public static ExperimentException from(IllegalArgumentException cause, Map<FieldPath, FieldPath> renames) {
        if (cause instanceof ExperimentException e) {
            return e;
        }
        ExperimentException e;
        if (cause instanceof InvalidFieldException f) {
            e = new ExperimentException(renames.getOrDefault(f.fieldPath(), f.fieldPath()), f.problem());
        } else {
            e = new ExperimentException(FieldPath.ROOT, String.valueOf(cause.getMessage()));
        }
        e.initCause(cause);
        return e;
    }

    /** {@link #from(IllegalArgumentException, Map)} without renaming. */
    public static ExperimentException from(IllegalArgumentException cause) {
        return from(cause, Map.of());
    }

    @Override
    public ExperimentException at(FieldPath other) {
        ExperimentException e = new ExperimentException(other, problem(), unknownField);
        e.initCause(this);
        return e;
    }

    @Override
    public ExperimentException under(FieldPath section) {
        return at(fieldPath().under(section));
    }

    /** Dotted path of the offending field, e.g. {@code student.secondLayer}; empty for file-level problems. */
    public String field() {
        return fieldPath().toString();
    }
}
