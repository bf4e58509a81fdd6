package org.sgdlimits.narrow.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Theory versus simulation, per observable: the largest gap |simulation mean − theory| over the recorded times,
 * the largest relative gap |simulation mean − theory| / max(|theory|, {@value #RELATIVE_FLOOR}·max_t|theory|)
 * (the floor keeps a component that passes through zero, or a risk decaying to round-off, from dividing by
 * nothing), and the largest gap in units of the simulation's standard error over seeds (floored at round-off,
 * 1e-12·(1 + |theory|), so that identical starting points do not divide 0 by 0).
 *
 * <p>Standard-error counts are not formed where the theory risk is at rounding level, |R(t)| &lt;
 * {@value #ROUNDING_LEVEL}·|R(t₀)| (R(t₀) the first recorded risk): there the seeds' standard errors are
 * round-off themselves, and "60 standard errors" at R ≈ 1e-17 means nothing. Without a {@code risk} column
 * every row counts. Both trajectories must share their time grid (as an ODE and a simulation recorded on the
 * same {@code TimeGrid} do); only the rows both have are compared (a diverged run is shorter). Exchangeable
 * hidden units must be aligned before ({@link UnitAlignment}).
 *
 * @param gaps               one entry per observable present in both, in the theory's column order
 * @param roundingLevelFrom  the first recorded time from which the theory risk stays at rounding level (no
 *                           standard-error counts from there on), NaN if it never gets there
 */
public record ComparisonSummary(List<Gap> gaps, double roundingLevelFrom) {

    /**
     * @param observable         column name
     * @param largestGap         max_t |sim − theory|
     * @param timeOfLargest      where it occurs
     * @param largestRelativeGap max_t |sim − theory| / max(|theory|, RELATIVE_FLOOR·max_t|theory|) (NaN for a
     *                           column that is zero throughout)
     * @param timeOfLargestRelative where that occurs
     * @param largestGapInSem    max_t |sim − theory|/sem over the rows above rounding level (NaN if no
     *                           standard error is available or every row is at rounding level)
     * @param timeOfLargestInSem where that occurs
     */
    public record Gap(String observable, double largestGap, double timeOfLargest, double largestRelativeGap,
                      double timeOfLargestRelative, double largestGapInSem, double timeOfLargestInSem) {
    }

    /** Relative gaps are taken against at least this fraction of the theory's largest magnitude. */
    public static final double RELATIVE_FLOOR = 1e-3;
    /** A theory risk below this fraction of its initial value is at rounding level: no standard-error counts. */
    public static final double ROUNDING_LEVEL = 1e-10;

    /** Whether {@code risk} is at rounding level relative to {@code initialRisk} (see {@link #ROUNDING_LEVEL}). */
    public static boolean atRoundingLevel(double risk, double initialRisk) {
        return Math.abs(risk) < ROUNDING_LEVEL * Math.abs(initialRisk);
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
        boolean[] countable = new boolean[rows];
        double roundingFrom = Double.NaN;
        if (theory.hasColumn("risk") && rows > 0) {
            double[] risk = theory.column("risk");
            for (int i = rows - 1; i >= 0 && atRoundingLevel(risk[i], risk[0]); i--) {
                roundingFrom = theory.time(i);
            }
            for (int i = 0; i < rows; i++) {
                countable[i] = !atRoundingLevel(risk[i], risk[0]);
            }
        } else {
            Arrays.fill(countable, true);
        }
        List<Gap> gaps = new ArrayList<>();
        for (String c : theory.columns()) {
            if (!simulation.hasColumn(c) || c.endsWith("_sem")) {
                continue;
            }
            double[] th = theory.column(c);
            double[] sim = simulation.column(c);
            double[] sem = simulation.hasColumn(c + "_sem") ? simulation.column(c + "_sem") : null;
            double scale = 0;
            for (int i = 0; i < rows; i++) {
                scale = Math.max(scale, Math.abs(th[i]));
            }
            double largest = 0;
            double tLargest = rows > 0 ? theory.time(0) : Double.NaN;
            double largestRelative = scale > 0 ? 0 : Double.NaN;
            double tLargestRelative = tLargest;
            double largestZ = Double.NaN;
            double tLargestZ = Double.NaN;
            boolean zFormed = false;
            for (int i = 0; i < rows; i++) {
                double gap = Math.abs(sim[i] - th[i]);
                if (gap > largest || Double.isNaN(gap)) {
                    largest = gap;
                    tLargest = theory.time(i);
                }
                if (scale > 0) {
                    double relative = gap / Math.max(Math.abs(th[i]), RELATIVE_FLOOR * scale);
                    if (relative > largestRelative || Double.isNaN(relative)) {
                        largestRelative = relative;
                        tLargestRelative = theory.time(i);
                    }
                }
                if (sem != null && countable[i]) {
                    // floor at round-off: at t = 0 every seed starts from the same Ω and sem ~ 1e-17
                    double z = gap / Math.max(sem[i], ROUND_OFF * (1 + Math.abs(th[i])));
                    if (!zFormed || z > largestZ || Double.isNaN(z)) {
                        largestZ = z;
                        tLargestZ = theory.time(i);
                        zFormed = true;
                    }
                }
            }
            gaps.add(new Gap(c, largest, tLargest, largestRelative, tLargestRelative, largestZ, tLargestZ));
        }
        return new ComparisonSummary(gaps, roundingFrom);
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

    /** The largest relative gap over all observables (NaN-free: columns without one are skipped). */
    public double largestRelativeGap() {
        double m = 0;
        for (Gap g : gaps) {
            if (!Double.isNaN(g.largestRelativeGap())) {
                m = Math.max(m, g.largestRelativeGap());
            }
        }
        return m;
    }

    /** The largest gap in standard errors over all observables, NaN if none was formed. */
    public double largestGapInSem() {
        double m = Double.NaN;
        for (Gap g : gaps) {
            if (!Double.isNaN(g.largestGapInSem()) && (Double.isNaN(m) || g.largestGapInSem() > m)) {
                m = g.largestGapInSem();
            }
        }
        return m;
    }

    /**
     * As a JSON-friendly map: observable → {largestGap, timeOfLargestGap, largestRelativeGap,
     * timeOfLargestRelativeGap, largestGapInSem, timeOfLargestGapInSem}; a value not formed is null.
     */
    public Map<String, Map<String, Double>> asMap() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Gap g : gaps) {
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("largestGap", g.largestGap());
            e.put("timeOfLargestGap", g.timeOfLargest());
            e.put("largestRelativeGap", orNull(g.largestRelativeGap()));
            e.put("timeOfLargestRelativeGap", orNull(g.largestRelativeGap()) == null ? null
                    : g.timeOfLargestRelative());
            e.put("largestGapInSem", orNull(g.largestGapInSem()));
            e.put("timeOfLargestGapInSem", orNull(g.timeOfLargestInSem()));
            out.put(g.observable(), e);
        }
        return out;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
