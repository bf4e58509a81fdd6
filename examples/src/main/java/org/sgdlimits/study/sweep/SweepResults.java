package org.sgdlimits.study.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored results of a plan's cells (null for a cell not finished yet), in cell order. Immutable.
 */
public final class SweepResults {
    private final SweepPlan plan;
    private final List<CellResult> results;

    private SweepResults(SweepPlan plan, List<CellResult> results) {
        this.plan = plan;
        this.results = java.util.Collections.unmodifiableList(results);
    }

    /** Reads every cell of the plan from the store (a stored result that does not answer the plan counts as pending). */
    public static SweepResults read(SweepPlan plan, CellStore store) {
        List<CellResult> r = new ArrayList<>();
        for (SweepCell c : plan.cells()) {
            CellResult x = store.read(c.key());
            boolean usable = x != null && (x.finishedFor(plan.definition())
                    || x.status() == CellResult.Status.FAILED);
            r.add(usable ? x : null);
        }
        return new SweepResults(plan, r);
    }

    public SweepPlan plan() {
        return plan;
    }

    /** Result of cell i, or null when pending. */
    public CellResult result(int i) {
        return results.get(i);
    }

    /** "completed", "diverged", "failed" or "pending". */
    public String status(int i) {
        CellResult r = results.get(i);
        return r == null ? "pending" : r.status().id();
    }

    /** Number of cells with this status. */
    public int count(String status) {
        int n = 0;
        for (int i = 0; i < results.size(); i++) {
            if (status(i).equals(status)) {
                n++;
            }
        }
        return n;
    }

    /** Sum of the stored cells' wall times, seconds. */
    public double cellSeconds() {
        double s = 0;
        for (CellResult r : results) {
            if (r != null) {
                s += r.wallSeconds();
            }
        }
        return s;
    }
}
