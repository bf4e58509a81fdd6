package org.sgdlimits.validation;

import java.util.Objects;

/**
 * A value given for a field is invalid. Carries the field as a typed {@link FieldPath} and the problem
 * separately; the message is the one line {@code field.path: problem} (just the problem for the
 * {@linkplain FieldPath#ROOT root}), e.g. {@code Q: not symmetric (Q[0][1] = 0.3, Q[1][0] = 0.2)}.
 *
 * <p>Core types name their own fields (an {@link org.sgdlimits.overlap.Overlaps} names {@code Q}, {@code M}, ...);
 * a reader of a nested input places the error in the whole input with {@link #under} or {@link #at}, so that
 * the message names the path the user wrote.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The field (not serialised: rebuilt as the root). */
    private final transient FieldPath field;
    private final String problem;

    /**
     * @param field   the offending field ({@link FieldPath#ROOT} for the input as a whole)
     * @param problem what is wrong and what is allowed (without the field path)
     */
    public InvalidFieldException(FieldPath field, String problem) {
        super(field.isRoot() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The offending field. */
    public FieldPath fieldPath() {
        return field == null ? FieldPath.ROOT : field;
    }

    /** What is wrong and what is allowed, without the field path. */
    public String problem() {
        return problem;
    }

    /** The same problem at the field read inside {@code section}; this exception is its cause. */
    public InvalidFieldException under(FieldPath section) {
        return at(fieldPath().under(section));
    }

    /** The same problem at another field (e.g. the experiment-file path of a core type's field). */
    public InvalidFieldException at(FieldPath other) {
        InvalidFieldException e = new InvalidFieldException(other, problem);
        e.initCause(this);
        return e;
    }
}
