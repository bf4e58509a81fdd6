package org.sgdlimits.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Trajectory file formats of {@code --format}. */
enum OutputFormat {
    /** trajectory.csv: header t,risk,excess_risk,M_i_r,Q_i_j,a_i (docs/theory.md §7). */
    CSV,
    /** trajectory.npy (float64, rows × (1 + columns)) and trajectory.columns.txt. */
    NPY;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive parsing with the allowed values in the error. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.toString().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format; allowed: csv, npy");
        }
    }
}
