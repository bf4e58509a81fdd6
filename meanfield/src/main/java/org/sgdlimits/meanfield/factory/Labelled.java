package org.sgdlimits.meanfield.factory;

import java.util.function.Supplier;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.validation.FieldPath;

/** Runs a library constructor, turning its errors into experiment-file errors at one field. */
final class Labelled {
    private Labelled() {
    }

    /**
     * @param field the experiment-file field the values came from ({@link FieldPath#ROOT}: the message alone)
     * @throws ExperimentException with the library's message at {@code field}; an activation pair the mean-field
     *                             drift does not support names {@code student.activation}
     */
    static <T> T at(FieldPath field, Supplier<T> build) {
        try {
            return build.get();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            ExperimentException e = new ExperimentException(field, String.valueOf(x.getMessage()));
            e.initCause(x);
            throw e;
        } catch (UnsupportedOperationException x) {
            throw new ExperimentException(FieldPath.of("student", "activation"), "not supported by the mean-field "
                    + "drift: " + x.getMessage());
        }
    }
}
