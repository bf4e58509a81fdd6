package org.sgdlimits.narrow.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Theory versus simulation, per observable: the largest gap |simulation mean − theory| over the recorded times
 * and the largest gap in units of the simulation's standard error over seeds (floored at round-off,
 * 1e-12·(1 + |theory|), so that identical starting points do not divide 0 by 0). Both trajectories must share
 * their time grid (as an ODE and a simulation recorded on the same {@code TimeGrid} do); only the rows both
 * have are compared (a diverged run is shorter).
 *
 * @param gaps one entry per observable present in both, in the theory's column order
 */
public record ComparisonSummary(List<Gap> gaps) {

    /**
     * @param observable      column name
     * @param largestGap      max_t |sim − theory|
     * @param timeOfLargest   where it occurs
     * @param largestGapInSem max_t |sim − theory|/sem (NaN if no standard error is available)
     * @param timeOfLargestInSem where that occurs
     */
    public record Gap(String observable, double largestGap, double timeOfLargest, double largestGapInSem,
                      double timeOfLargestInSem) {
    }

    /** Standard errors are floored at this relative round-off level. */
    static final double ROUND_OFF = 1e-12;

    public ComparisonSummary {
        gaps = List.copyOf(gaps);
    }

    /**
     * Compares {@code simulation} (with {@code c_sem} columns) against {@code theory}.
     *
     * @throws IllegalArgumentException if the recorded times differ
     */
    public static ComparisonSummary of(Trajectory theory, Trajectory simulation) {
        int rows = Math.min(theory.size(), simulation.size());
        for (int i = 0; i < rows; i++) {
            double a = theory.time(i);
            double b = simulation.time(i);
            if (Math.abs(a - b) > 1e-9 * Math.max(1.0, Math.abs(a))) {
                throw new IllegalArgumentException("time grid: theory t[" + i + "] = " + a + " but simulation t["
                        + i + "] = " + b + "; record both on the same TimeGrid");
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (String c : theory.columns()) {
            if (!simulation.hasColumn(c) || c.endsWith("_sem")) {
                continue;
            }
            double[] th = theory.column(c);
            double[] sim = simulation.column(c);
            double[] sem = simulation.hasColumn(c + "_sem") ? simulation.column(c + "_sem") : null;
            double largest = 0;
            double tLargest = rows > 0 ? theory.time(0) : Double.NaN;
            double largestZ = sem == null ? Double.NaN : 0;
            double tLargestZ = tLargest;
            for (int i = 0; i < rows; i++) {
                double gap = Math.abs(sim[i] - th[i]);
                if (gap > largest || Double.isNaN(gap)) {
                    largest = gap;
                    tLargest = theory.time(i);
                }
                if (sem != null && gap > 0) {
                    // floor at round-off: at t = 0 every seed starts from the same Ω and sem ~ 1e-17
                    double z = gap / Math.max(sem[i], ROUND_OFF * (1 + Math.abs(th[i])));
                    if (z > largestZ || Double.isNaN(z)) {
                        largestZ = z;
                        tLargestZ = theory.time(i);
                    }
                }
            }
            gaps.add(new Gap(c, largest, tLargest, largestZ, tLargestZ));
        }
        return new ComparisonSummary(gaps);
    }

    /** The gap of one observable. @throws IllegalArgumentException when absent */
    public Gap gap(String observable) {
        for (Gap g : gaps) {
            if (g.observable().equals(observable)) {
                return g;
            }
        }
        throw new IllegalArgumentException("observable: no column '" + observable + "' in the comparison");
    }

    /** The largest gap over all observables. */
    public double largestGap() {
        double m = 0;
        for (Gap g : gaps) {
            m = Math.max(m, g.largestGap());
        }
        return m;
    }

    /** The largest gap in standard errors over all observables. */
    public double largestGapInSem() {
        double m = 0;
        for (Gap g : gaps) {
            m = Math.max(m, g.largestGapInSem());
        }
        return m;
    }

    /** As a JSON-friendly map: observable → {largestGap, time, largestGapInSem, timeInSem}. */
    public Map<String, Map<String, Double>> asMap() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Gap g : gaps) {
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("largestGap", g.largestGap());
            e.put("timeOfLargestGap", g.timeOfLargest());
            e.put("largestGapInSem", g.largestGapInSem());
            e.put("timeOfLargestGapInSem", g.timeOfLargestInSem());
            out.put(g.observable(), e);
        }
        return out;
    }
}
