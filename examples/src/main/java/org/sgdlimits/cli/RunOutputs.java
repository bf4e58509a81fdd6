package org.sgdlimits.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.LearningCurveChart;
import org.sgdlimits.chart.OverlapChart;
import org.sgdlimits.io.CsvWriter;
import org.sgdlimits.io.NpyWriter;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Writes the standard files of one run into an {@link OutputDirectory}, each atomically, announcing each path:
 * trajectory.csv, trajectory.npy + trajectory.columns.txt, learning-curve.png, overlaps.png. run.json is
 * written last by the caller (so a directory with run.json holds a complete run). Reusable by every
 * sub-command that produces one {@link Trajectory}.
 */
final class RunOutputs {
    /** Most overlap components drawn in overlaps.png. */
    static final int MAX_OVERLAP_CURVES = 12;

    private final OutputDirectory out;
    private final PrintWriter announce;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** @param announce where to print "wrote PATH" lines, or null for quiet */
    RunOutputs(OutputDirectory out, PrintWriter announce) {
        this.out = out;
        this.announce = announce;
    }

    /** Output kind → file name, for run.json. */
    Map<String, String> files() {
        return files;
    }

    /** Notes from the writers (e.g. values left out of a log chart). */
    List<String> warnings() {
        return warnings;
    }

    /** trajectory.csv / trajectory.npy (+ columns file) as chosen by {@code formats}; kinds csv, npy, npyColumns. */
    void trajectory(Trajectory t, Set<OutputFormat> formats) throws IOException {
        trajectory(t, formats, "trajectory", "");
    }

    /**
     * NAME.csv and NAME.npy (+ NAME.columns.txt) of one trajectory, recorded under the kinds PREFIXCsv,
     * PREFIXNpy, PREFIXNpyColumns (csv, npy, npyColumns for an empty prefix).
     */
    void trajectory(Trajectory t, Set<OutputFormat> formats, String name, String kindPrefix) throws IOException {
        String what = kindPrefix.isEmpty() ? "trajectory" : kindPrefix + " trajectory";
        if (formats.contains(OutputFormat.CSV)) {
            Path csv = out.file(name + ".csv");
            CsvWriter.write(t, csv);
            record(kind(kindPrefix, "csv"), csv, what + ", " + t.size() + " rows x " + (t.columns().size() + 1)
                    + " columns");
        }
        if (formats.contains(OutputFormat.NPY)) {
            Path npy = out.file(name + ".npy");
            out.file(NpyWriter.columnsFile(npy).getFileName().toString());
            Path columns = NpyWriter.write(t, npy);
            record(kind(kindPrefix, "npy"), npy, "float64 array " + t.size() + " x " + (t.columns().size() + 1));
            record(kind(kindPrefix, "npyColumns"), columns, "column names of " + npy.getFileName());
        }
    }

    private static String kind(String prefix, String kind) {
        return prefix.isEmpty() ? kind : prefix + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }

    /** learning-curve.png (risk vs t, log-log) and overlaps.png (up to {@link #MAX_OVERLAP_CURVES} components). */
    void charts(Trajectory t, String title) throws IOException {
        chart("learning-curve.png", "learningCurve", LearningCurveChart.of(t, title), "risk vs t, log-log");
        overlapChart(t, title + ": overlaps", "vs t");
        if (!OverlapChart.biasColumns(t).isEmpty()) {
            chart("biases.png", "biases", OverlapChart.biases(t, title + ": biases"), "b_i vs t");
        }
    }

    /** overlaps.png of the default overlap columns of {@code t}, if it has any. */
    void overlapChart(Trajectory t, String title, String what) throws IOException {
        List<String> columns = OverlapChart.defaultColumns(t, MAX_OVERLAP_CURVES);
        if (!columns.isEmpty()) {
            chart("overlaps.png", "overlaps", OverlapChart.of(t, columns, title), String.join(", ",
                    columns.size() > 6 ? List.of(columns.get(0), "...", columns.get(columns.size() - 1)) : columns)
                    + " " + what);
        }
    }

    /** Writes one figure as PNG, keeps its warnings (prefixed by the file name) and announces it. */
    void chart(String fileName, String kind, ChartFigure figure, String what) throws IOException {
        Path png = out.file(fileName);
        figure.writePng(png);
        figure.warnings().forEach(w -> warnings.add(fileName + ": " + w));
        record(kind, png, what);
    }

    /** Writes run.json (call it last: a directory with run.json holds a complete run) and announces it. */
    void report(RunReport report, String what) throws IOException {
        Path runJson = out.file("run.json");
        report.write(runJson);
        record("report", runJson, what);
    }

    void record(String kind, Path file, String what) {
        files.put(kind, file.getFileName().toString());
        if (announce != null) {
            announce.println("  wrote " + file + "  (" + what + ")");
            announce.flush();
        }
    }
}
