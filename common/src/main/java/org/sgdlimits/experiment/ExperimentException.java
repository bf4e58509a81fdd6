package org.sgdlimits.experiment;

/**
 * An experiment file, or an {@link Experiment} built in code, is invalid. The message is one line of the form
 * {@code field.path: what is wrong; what is allowed}, e.g.
 * {@code student.secondLayer: has 3 entries; expected p = 2 (student.p)}.
 */
public final class ExperimentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field   dotted path of the offending field ("" for the whole file)
     * @param problem what is wrong and what is allowed (without the field path)
     */
    public ExperimentException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
    }

    /**
     * Re-labels a validation error of a core type (e.g. {@code "Q: not symmetric ..."} from
     * {@link org.sgdlimits.overlap.Overlaps}) with the experiment-file path of the field.
     *
     * @param cause   the core error, whose message starts with {@code name:}
     * @param renames pairs (core name, experiment path), e.g. "Q", "initial.Q"
     */
    static ExperimentException relabel(IllegalArgumentException cause, String... renames) {
        if (cause instanceof ExperimentException e) {
            return e;
        }
        String message = String.valueOf(cause.getMessage());
        for (int i = 0; i + 1 < renames.length; i += 2) {
            String prefix = renames[i] + ":";
            if (message.startsWith(prefix)) {
                ExperimentException e = new ExperimentException(renames[i + 1],
                        message.substring(prefix.length()).trim());
                e.initCause(cause);
                return e;
            }
        }
        int colon = message.indexOf(':');
        boolean labelled = colon > 0 && !message.substring(0, colon).contains(" ");
        ExperimentException e = labelled
                ? new ExperimentException(message.substring(0, colon), message.substring(colon + 1).trim())
                : new ExperimentException("", message);
        e.initCause(cause);
        return e;
    }

    /** Dotted path of the offending field, e.g. {@code student.secondLayer}; empty for file-level problems. */
    public String field() {
        return field;
    }
}
