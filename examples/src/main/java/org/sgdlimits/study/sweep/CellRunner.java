package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell on the calling thread and turns its outcomes into a {@link CellResult}: every summary per
 * seed, the status (diverged when any seed diverged) and the wall time. A cell whose computation throws
 * becomes a failed result carrying the error (the other cells go on). Shared by every executor, so a cell
 * computes the same numbers wherever it runs.
 */
public final class CellRunner {
    private CellRunner() {
    }

    /** Runs the cell. */
    public static CellResult run(SweepCell cell, SweepDefinition d) {
        List<JsonNode> specs = new ArrayList<>();
        d.summaries().forEach(s -> specs.add(s.toJson()));
        long t0 = System.nanoTime();
        try {
            List<SeedOutcome> outcomes = cell.task().run(cell.seed(), d.seeds());
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Summary s : d.summaries()) {
                double[] v = new double[outcomes.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = s.value(outcomes.get(r));
                }
                values.put(s.name(), v);
            }
            String divergence = "";
            for (int r = 0; r < outcomes.size() && divergence.isEmpty(); r++) {
                var status = outcomes.get(r).status();
                if (status.diverged()) {
                    divergence = "seed " + r + " diverged at t = " + status.time() + " (" + status.cause() + ")";
                }
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            return new CellResult(cell.key(), divergence.isEmpty() ? CellResult.Status.COMPLETED
                    : CellResult.Status.DIVERGED, divergence, wall, d.seeds(), d.rootSeed(), cell.seed(), specs,
                    values, cell.task().resolved());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            double wall = (System.nanoTime() - t0) * 1e-9;
            String message = String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage())
                    .replace('\n', ' ');
            return new CellResult(cell.key(), CellResult.Status.FAILED, message, wall, d.seeds(), d.rootSeed(),
                    cell.seed(), specs, Map.of(), cell.task().resolved());
        }
    }
}
