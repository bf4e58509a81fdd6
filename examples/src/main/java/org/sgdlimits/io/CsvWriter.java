package org.sgdlimits.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Writes a {@link Trajectory} as CSV (docs/theory.md §7): header {@code t,} followed by the column names, then one row
 * per recorded time. Numbers use Java's shortest round-trip decimal form ({@link Double#toString}), so
 * {@code Double.parseDouble} and Python's {@code float} read back exactly the same doubles; non-finite values
 * are written {@code NaN}, {@code Infinity}, {@code -Infinity}. Line ends are {@code \n}. The file is written
 * atomically ({@link AtomicFile}).
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** Writes the trajectory to {@code target} atomically. */
    public static void write(Trajectory trajectory, Path target) throws IOException {
        AtomicFile.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(header(trajectory));
            w.write('\n');
            StringBuilder line = new StringBuilder(32 * (trajectory.columns().size() + 1));
            for (int i = 0; i < trajectory.size(); i++) {
                line.setLength(0);
                line.append(trajectory.time(i));
                double[] row = trajectory.row(i);
                for (double v : row) {
                    line.append(',').append(v);
                }
                line.append('\n');
                w.write(line.toString());
            }
            w.flush();
        });
    }

    /** The header line (without line end): {@code t,} + column names. */
    public static String header(Trajectory trajectory) {
        for (String c : trajectory.columns()) {
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                throw new IllegalArgumentException("trajectory column '" + c + "': CSV column names must not "
                        + "contain commas, quotes or line breaks");
            }
        }
        return "t," + String.join(",", trajectory.columns());
    }
}
