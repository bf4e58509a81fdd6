package org.sgdlimits.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small table of results (e.g. the theory–simulation gap per dimension) written as CSV for programs and as
 * Markdown for people. Cells are strings or numbers. Immutable; build with {@link #builder}.
 *
 * <p>CSV: RFC 4180 quoting where needed, numbers in Java's shortest round-trip form (integers without a
 * decimal point), non-finite numbers as {@code NaN}, {@code Infinity}, {@code -Infinity}. Markdown: a pipe
 * table, numbers with {@link #significantDigits} significant digits, numbers right-aligned.
 */
public final class SummaryTable {
    private final List<String> columns;
    private final List<List<Object>> rows;
    private final int significantDigits;

    private SummaryTable(List<String> columns, List<List<Object>> rows, int significantDigits) {
        this.columns = columns;
        this.rows = rows;
        this.significantDigits = significantDigits;
    }

    /** A builder for a table with these column names. */
    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    public List<String> columns() { return columns; }

    /** Rows, each a list of String or Number cells (unmodifiable). */
    public List<List<Object>> rows() { return rows; }

    /** The CSV text (header line, then one line per row, {@code \n} line ends). */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        appendCsvLine(b, new ArrayList<>(columns));
        for (List<Object> row : rows) {
            appendCsvLine(b, row);
        }
        return b.toString();
    }

    /** The Markdown pipe table. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("|");
        for (String c : columns) {
            b.append(' ').append(escapeMarkdown(c)).append(" |");
        }
        b.append("\n|");
        for (int c = 0; c < columns.size(); c++) {
            final int col = c;
            boolean numeric = !rows.isEmpty() && rows.stream().allMatch(r -> r.get(col) instanceof Number);
            b.append(numeric ? "---:|" : "---|");
        }
        b.append('\n');
        for (List<Object> row : rows) {
            b.append('|');
            for (Object cell : row) {
                String text = cell instanceof Number n ? formatNumber(n) : escapeMarkdown(String.valueOf(cell));
                b.append(' ').append(text).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Writes the CSV atomically. */
    public void writeCsv(Path target) throws IOException {
        AtomicFile.writeString(target, toCsv());
    }

    /** Writes the Markdown table atomically, optionally under a heading line (null for none). */
    public void writeMarkdown(Path target, String heading) throws IOException {
        AtomicFile.writeString(target, (heading == null ? "" : "## " + heading + "\n\n") + toMarkdown());
    }

    private String formatNumber(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n.toString();
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%." + significantDigits + "g", v);
    }

    private static void appendCsvLine(StringBuilder b, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object cell = cells.get(i);
            if (cell instanceof Integer || cell instanceof Long) {
                b.append(cell);
            } else if (cell instanceof Number n) {
                double v = n.doubleValue();
                b.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
            } else {
                String s = String.valueOf(cell);
                if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                    b.append('"').append(s.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(s);
                }
            }
        }
        b.append('\n');
    }

    private static String escapeMarkdown(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();
        private int significantDigits = 4;

        private Builder(List<String> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("summary table: needs at least one column");
            }
            this.columns = columns;
        }

        /** Adds a row of String or Number cells, one per column. */
        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("summary table: row has " + cells.length + " cells for "
                        + columns.size() + " columns " + columns);
            }
            List<Object> row = new ArrayList<>(cells.length);
            for (Object c : cells) {
                Objects.requireNonNull(c, "summary table cell");
                if (!(c instanceof String || c instanceof Number)) {
                    throw new IllegalArgumentException("summary table: cell " + c + " is a "
                            + c.getClass().getSimpleName() + "; cells are strings or numbers");
                }
                row.add(c);
            }
            rows.add(Collections.unmodifiableList(row));
            return this;
        }

        /** Significant digits of numbers in the Markdown table (default 4), 1–17. */
        public Builder significantDigits(int digits) {
            if (digits < 1 || digits > 17) {
                throw new IllegalArgumentException("summary table: significant digits " + digits + "; allowed 1-17");
            }
            significantDigits = digits;
            return this;
        }

        public SummaryTable build() {
            return new SummaryTable(columns, Collections.unmodifiableList(new ArrayList<>(rows)), significantDigits);
        }
    }
}
