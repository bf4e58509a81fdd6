package org.sgdlimits.ode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The docs/theory.md §7 trajectory columns of a narrow model: {@code risk, excess_risk}, then {@code M_i_r} (row-major),
 * {@code Q_i_j} (the full p×p matrix, 0-based), then {@code a_i}, and for a model with biases
 * (docs/theory.md §3.11) the student biases {@code b_i} last. Shared by every engine that records
 * overlaps, so the CSV layout is the same for ODE and simulation.
 */
public final class OverlapColumns {
    private OverlapColumns() {
    }

    /** Column names for p student and k teacher units. */
    public static List<String> names(int p, int k) {
        List<String> names = new ArrayList<>(2 + p * k + p * p + p);
        names.add("risk");
        names.add("excess_risk");
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < k; r++) {
                names.add("M_" + i + "_" + r);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                names.add("Q_" + i + "_" + j);
            }
        }
        for (int i = 0; i < p; i++) {
            names.add("a_" + i);
        }
        return Collections.unmodifiableList(names);
    }

    /** Column names for p student and k teacher units with student biases: {@link #names} then b_i. */
    public static List<String> namesWithBiases(int p, int k) {
        List<String> names = new ArrayList<>(names(p, k));
        for (int i = 0; i < p; i++) {
            names.add("b_" + i);
        }
        return Collections.unmodifiableList(names);
    }

    /** Number of columns for p, k with biases: {@link #count} + p. */
    public static int countWithBiases(int p, int k) {
        return count(p, k) + p;
    }

    /** Fills the b_i columns of a {@link #namesWithBiases} row (the rest by {@link #fill}). */
    public static void fillBiases(int k, double[] b, double[] row) {
        System.arraycopy(b, 0, row, count(b.length, k), b.length);
    }

    /** Number of columns for p, k. */
    public static int count(int p, int k) {
        return 2 + p * k + p * p + p;
    }

    /**
     * Fills a row in {@link #names} order.
     *
     * @param risk       R = ε + Δ/2
     * @param excessRisk ε
     * @param m          M, p×k row-major
     * @param q          Q, p×p row-major
     * @param a          a, length p
     */
    public static void fill(double risk, double excessRisk, double[] m, double[] q, double[] a, double[] row) {
        row[0] = risk;
        row[1] = excessRisk;
        System.arraycopy(m, 0, row, 2, m.length);
        System.arraycopy(q, 0, row, 2 + m.length, q.length);
        System.arraycopy(a, 0, row, 2 + m.length + q.length, a.length);
    }
}
