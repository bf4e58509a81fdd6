package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.io.SummaryTable;

/**
 * The merged outputs of a sweep, from the stored cells: {@code cells.csv} (one row per cell: cell index, key,
 * axis values, status, seeds, each summary's mean over seeds with its standard error and count, wall time,
 * message) and {@code sweep.json} (the resolved sweep, counts, timings, failed and pending cells, files).
 * Undefined numbers are empty CSV fields. Every column but {@code wall_seconds} depends only on the cells'
 * results, so the table is the same whatever executor, chunking or order produced them.
 */
public final class SweepMerge {
    /** Column of the cell's wall time (the only column that varies between identical runs). */
    public static final String WALL_SECONDS = "wall_seconds";

    private SweepMerge() {
    }

    /** The cells.csv table. */
    public static SummaryTable table(SweepResults results) {
        SweepDefinition d = results.plan().definition();
        List<String> columns = new ArrayList<>(List.of("cell", "key"));
        d.axes().forEach(a -> columns.add(a.field()));
        columns.addAll(List.of("status", "seeds"));
        for (Summary s : d.summaries()) {
            columns.addAll(List.of(s.name(), s.name() + "_se", s.name() + "_n"));
        }
        columns.addAll(List.of(WALL_SECONDS, "message"));
        SummaryTable.Builder b = SummaryTable.builder(columns.toArray(String[]::new));
        for (SweepCell c : results.plan().cells()) {
            CellResult r = results.result(c.index());
            List<Object> row = new ArrayList<>();
            row.add(c.index());
            row.add(c.key());
            for (int a = 0; a < d.axes().size(); a++) {
                SweepAxis axis = d.axes().get(a);
                double x = axis.number(c.axisIndex(a));
                row.add(Double.isNaN(x) ? axis.text(c.axisIndex(a)) : (Object) axis.values().get(c.axisIndex(a))
                        .numberValue());
            }
            row.add(results.status(c.index()));
            row.add(r == null ? "" : (Object) r.seeds());
            for (Summary s : d.summaries()) {
                SeedAverage avg = r == null ? new SeedAverage(Double.NaN, Double.NaN, 0) : r.average(s.name());
                row.add(number(avg.mean()));
                row.add(number(avg.standardError()));
                row.add(r == null || r.status() == CellResult.Status.FAILED ? "" : (Object) avg.n());
            }
            row.add(r == null ? "" : (Object) r.wallSeconds());
            row.add(r == null ? "" : r.message());
            b.row(row.toArray());
        }
        return b.build();
    }

    private static Object number(double v) {
        return Double.isNaN(v) ? "" : (Object) v;
    }

    /**
     * Writes cells.csv and sweep.json (atomically, sweep.json last).
     *
     * @param run   facts of the run that produced the results (executor, wall time, ...), or an empty map for
     *              a merge on its own
     * @param files extra files already written (e.g. charts): name → description
     * @return the paths written
     */
    public static List<Path> write(SweepResults results, SweepDirectory dir, Map<String, Object> run,
                                   Map<String, String> files) throws IOException {
        List<Path> written = new ArrayList<>();
        Path csv = dir.file("cells.csv");
        table(results).writeCsv(csv);
        written.add(csv);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("cells.csv", "one row per cell: axis values, status, summaries (mean, se, n over seeds), wall time");
        all.putAll(files);
        Path json = dir.file("sweep.json");
        AtomicFile.writeString(json, CellStore.pretty(report(results, run, all)));
        written.add(json);
        return written;
    }

    private static ObjectNode report(SweepResults results, Map<String, Object> run, Map<String, String> files) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("software", "sgdlimits " + RunReport.softwareVersion());
        o.put("merged", Instant.now().toString());
        o.set("sweep", results.plan().definition().toJson());
        ObjectNode counts = o.putObject("counts");
        int cells = results.plan().cells().size();
        counts.put("cells", cells);
        for (String s : List.of("completed", "diverged", "failed", "pending")) {
            counts.put(s, results.count(s));
        }
        ObjectNode timings = o.putObject("timings");
        double cellSeconds = results.cellSeconds();
        int stored = cells - results.count("pending");
        timings.put("cellSecondsSum", cellSeconds);
        timings.put("meanCellSeconds", stored == 0 ? 0 : cellSeconds / stored);
        ObjectNode runNode = o.putObject("run");
        run.forEach((k, v) -> runNode.putPOJO(k, v));
        ArrayNode failed = o.putArray("failed");
        ArrayNode pending = o.putArray("pending");
        for (SweepCell c : results.plan().cells()) {
            String status = results.status(c.index());
            if (status.equals("failed")) {
                ObjectNode x = failed.addObject();
                x.put("cell", c.index());
                x.put("key", c.key());
                x.put("where", c.describe(results.plan().definition().axes()));
                x.put("error", results.result(c.index()).message());
            } else if (status.equals("pending")) {
                pending.add(c.key());
            }
        }
        ObjectNode fileNode = o.putObject("files");
        files.forEach(fileNode::put);
        return o;
    }
}
