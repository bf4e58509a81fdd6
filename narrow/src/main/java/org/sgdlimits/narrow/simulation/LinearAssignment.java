package org.sgdlimits.narrow.simulation;

import java.util.Arrays;

/**
 * The linear assignment problem on a square score matrix: the permutation π maximising Σ_i score[i][π(i)],
 * by the Hungarian method with shortest augmenting paths and dual potentials (Kuhn–Munkres in the
 * Jonker–Volgenant form), O(n³) time and O(n²) memory. Exact for any
 * finite scores; among several optimal permutations it returns one of them.
 *
 * <p>(JGraphT's KuhnMunkresMinimalWeightBipartitePerfectMatching solves the same problem on a graph object; it
 * would add three jars for this one routine on a dense matrix.)
 */
final class LinearAssignment {
    private LinearAssignment() {
    }

    /**
     * @param score n×n finite scores (n ≥ 1), score[i][j] = gain of assigning row i to column j
     * @return π with π[i] = the column assigned to row i, a permutation of 0..n−1 maximising the total score
     * @throws IllegalArgumentException for a non-square or non-finite matrix
     */
    static int[] maximising(double[][] score) {
        int n = score.length;
        if (n == 0) {
            throw new IllegalArgumentException("assignment: empty score matrix");
        }
        for (double[] row : score) {
            if (row.length != n) {
                throw new IllegalArgumentException("assignment: score matrix is not square (" + n + " rows, a row of "
                        + row.length + ")");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("assignment: non-finite score " + v);
                }
            }
        }
        // minimise cost = −score; 1-based arrays with a virtual column 0 (the classical formulation)
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minSlack = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOfColumn[0] = i;
            int j0 = 0;
            Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfColumn[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double slack = -score[i0 - 1][j - 1] - u[i0] - v[j];
                        if (slack < minSlack[j]) {
                            minSlack[j] = slack;
                            way[j] = j0;
                        }
                        if (minSlack[j] < delta) {
                            delta = minSlack[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minSlack[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfColumn[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[rowOfColumn[j] - 1] = j - 1;
        }
        return assignment;
    }
}
