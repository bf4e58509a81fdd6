package org.sgdlimits.study.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sgdlimits.io.AtomicFile;

/** Writes a study table as CSV (header, then one line per row; NaN written as "NaN"), atomically. */
final class StudyCsv {
    private StudyCsv() {
    }

    static void write(Path target, List<String> header, List<double[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (double[] row : rows) {
            if (row.length != header.size()) {
                throw new IllegalArgumentException("csv: row has " + row.length + " values for " + header.size()
                        + " columns");
            }
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                double v = row[c];
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    sb.append((long) v);
                } else {
                    sb.append(String.format(Locale.ROOT, "%.10g", v));
                }
            }
            sb.append('\n');
        }
        AtomicFile.writeString(target, sb.toString());
    }
}
