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

    void trajectory(Trajectory t, Set<OutputFormat> formats) throws IOException {
        if (formats.contains(OutputFormat.CSV)) {
            Path csv = out.file("trajectory.csv");
            CsvWriter.write(t, csv);
            record("csv", csv, "trajectory, " + t.size() + " rows x " + (t.columns().size() + 1) + " columns");
        }
        if (formats.contains(OutputFormat.NPY)) {
            Path npy = out.file("trajectory.npy");
            out.file(NpyWriter.columnsFile(npy).getFileName().toString());
            Path columns = NpyWriter.write(t, npy);
            record("npy", npy, "float64 array " + t.size() + " x " + (t.columns().size() + 1));
            record("npyColumns", columns, "column names of trajectory.npy");
        }
    }

    void charts(Trajectory t, String title) throws IOException {
        ChartFigure curve = LearningCurveChart.of(t, title);
        Path png = out.file("learning-curve.png");
        curve.writePng(png);
        curve.warnings().forEach(w -> warnings.add("learning-curve.png: " + w));
        record("learningCurve", png, "risk vs t, log-log");
        List<String> columns = OverlapChart.defaultColumns(t, MAX_OVERLAP_CURVES);
        if (!columns.isEmpty()) {
            ChartFigure overlaps = OverlapChart.of(t, columns, title + ": overlaps");
            Path p = out.file("overlaps.png");
            overlaps.writePng(p);
            overlaps.warnings().forEach(w -> warnings.add("overlaps.png: " + w));
            record("overlaps", p, String.join(", ", columns.size() > 6
                    ? List.of(columns.get(0), "...", columns.get(columns.size() - 1)) : columns) + " vs t");
        }
    }

    void record(String kind, Path file, String what) {
        files.put(kind, file.getFileName().toString());
        if (announce != null) {
            announce.println("  wrote " + file + "  (" + what + ")");
            announce.flush();
        }
    }
}
