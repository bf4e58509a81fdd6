package org.sgdlimits.ode;

import java.util.List;

/**
 * A scalar computed from one recorded row, watched by {@link ThresholdCrossing} and {@link PlateauExit}: a
 * column ({@link #column}) or any continuous function of the columns, e.g. the mean over units of M_ii² for
 * an escape criterion. Must be stateless (one instance may serve concurrent runs).
 */
@FunctionalInterface
public interface RowObservable {

    /** The value for this row. */
    double value(RecordedRow row);

    /**
     * Checks, once per run before integrating, that the observable fits these columns.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    default void validate(List<String> columns) {
    }

    /** The named column. */
    static RowObservable column(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event.observable: missing column name");
        }
        return new RowObservable() {
            @Override
            public double value(RecordedRow row) {
                return row.get(name);
            }

            @Override
            public void validate(List<String> columns) {
                if (!columns.contains(name)) {
                    throw new IllegalArgumentException("event observable: unknown column '" + name + "'; known: "
                            + columns);
                }
            }
        };
    }
}
