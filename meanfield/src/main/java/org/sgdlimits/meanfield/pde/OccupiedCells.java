package org.sgdlimits.meanfield.pde;

/**
 * The cells of a density that act as weighted particles in a drift evaluation (docs/theory.md §5): every cell
 * with mass above a cutoff, at its centre (m_i, q⊥_j), weighted by its mass. Filled by {@link #gather};
 * the drift is evaluated on the first {@link #count} entries of the flat arrays and written back to the grid
 * with {@link #scatter}. Shared by the velocity fields of the density PDE ({@link ParticleDriftField},
 * {@link PhaseRetrievalLowRankField}). Mutable scratch space: one instance per thread.
 */
final class OccupiedCells {
    final int capacity;
    /** Flat grid index of each gathered cell. */
    final int[] cell;
    final double[] m;
    final double[] q;
    final double[] w;
    int count;

    OccupiedCells(int capacity) {
        this.capacity = capacity;
        this.cell = new int[capacity];
        this.m = new double[capacity];
        this.q = new double[capacity];
        this.w = new double[capacity];
    }

    /**
     * Gathers the cells with mass &gt; {@code massCutoff} (grid order).
     *
     * @return the number gathered
     * @throws IllegalArgumentException if no cell passes the cutoff
     */
    int gather(StretchedGrid grid, double[] masses, double massCutoff) {
        int cells = grid.cellCount();
        int nq = grid.qCells();
        int n = 0;
        for (int c = 0; c < cells; c++) {
            if (masses[c] > massCutoff) {
                int i = c / nq;
                cell[n] = c;
                m[n] = grid.mCentre(i);
                q[n] = grid.qCentre(c - i * nq);
                w[n] = masses[c];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("masses: no cell has positive mass");
        }
        count = n;
        return n;
    }

    /** Writes the per-particle drift (dm, dq⊥ of the gathered cells) to the grid arrays; other cells untouched. */
    void scatter(double[] dm, double[] dq, double[] mDot, double[] qDot) {
        for (int r = 0; r < count; r++) {
            int c = cell[r];
            mDot[c] = dm[r];
            qDot[c] = dq[r];
        }
    }
}
