package org.sgdlimits.narrow.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The SPEC §7 trajectory columns of a narrow network, in order: {@code risk}, {@code excess_risk},
 * {@code M_i_r} (row-major), {@code Q_i_j} (full matrix), {@code a_i}; all indices 0-based.
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
        return names;
    }

    /**
     * Fills a row: risk = ε + Δ/2 (SPEC §1), ε, then M, Q, a.
     *
     * @param row length 2 + pk + p² + p
     */
    public static void fill(double excessRisk, double labelNoise, double[] q, double[] m, double[] a, double[] row) {
        row[0] = excessRisk + 0.5 * labelNoise;
        row[1] = excessRisk;
        System.arraycopy(m, 0, row, 2, m.length);
        System.arraycopy(q, 0, row, 2 + m.length, q.length);
        System.arraycopy(a, 0, row, 2 + m.length + q.length, a.length);
    }
}
