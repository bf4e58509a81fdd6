package org.sgdlimits.meanfield.snapshot;

/**
 * The uniform display grid of a {@link DensitySnapshot}: {@code mCells} columns over [mMin, mMax] and
 * {@code qCells} rows over [qMin, qMax] in (m, q⊥). Cell (i, j) has flat index {@code i·qCells + j}.
 */
public record SnapshotGrid(double mMin, double mMax, int mCells, double qMin, double qMax, int qCells) {

    /** Default number of display cells per axis. */
    public static final int DEFAULT_CELLS = 128;

    public SnapshotGrid {
        if (!(mMax > mMin) || !Double.isFinite(mMin) || !Double.isFinite(mMax)) {
            throw new IllegalArgumentException("snapshot grid m range: [" + mMin + ", " + mMax
                    + "]; must be finite with mMin < mMax");
        }
        if (!(qMax > qMin) || !(qMin >= 0) || !Double.isFinite(qMax)) {
            throw new IllegalArgumentException("snapshot grid q range: [" + qMin + ", " + qMax
                    + "]; must be finite with 0 <= qMin < qMax");
        }
        if (mCells < 2 || qCells < 2) {
            throw new IllegalArgumentException("snapshot grid cells: " + mCells + " x " + qCells
                    + "; each must be >= 2");
        }
    }

    /**
     * A window covering weighted points: from the 0.1 % to the 99.9 % weighted quantile on each axis, padded
     * by the larger of 3 bandwidths and 15 % of that range; q⊥ starts at 0 when the padded window would reach
     * below one padding (q⊥ ≥ 0 is a wall).
     */
    public static SnapshotGrid covering(double[] m, double[] q, double[] weights, double hm, double hq, int mCells,
                                        int qCells) {
        double[] mr = WeightedStatistics.quantiles(m, weights, 0.001, 0.999);
        double[] qr = WeightedStatistics.quantiles(q, weights, 0.001, 0.999);
        double padM = Math.max(3 * Math.max(hm, 0), 0.15 * (mr[1] - mr[0]));
        double padQ = Math.max(3 * Math.max(hq, 0), 0.15 * (qr[1] - qr[0]));
        padM = Math.max(padM, 1e-6 * Math.max(1, Math.abs(mr[0])));
        padQ = Math.max(padQ, 1e-6 * Math.max(1, Math.abs(qr[0])));
        double qLo = qr[0] - padQ;
        if (qLo < 0 || qLo < padQ) {
            qLo = 0;
        }
        return new SnapshotGrid(mr[0] - padM, mr[1] + padM, mCells, qLo, qr[1] + padQ, qCells);
    }

    public double mSpacing() { return (mMax - mMin) / mCells; }

    public double qSpacing() { return (qMax - qMin) / qCells; }

    public double cellArea() { return mSpacing() * qSpacing(); }

    public int cellCount() { return mCells * qCells; }

    public int index(int i, int j) { return i * qCells + j; }

    public double mCentre(int i) { return mMin + (i + 0.5) * mSpacing(); }

    public double qCentre(int j) { return qMin + (j + 0.5) * qSpacing(); }

    /** Column containing m, or −1 outside the window. */
    public int mIndexOf(double m) {
        if (!(m >= mMin && m <= mMax)) {
            return -1;
        }
        return Math.min(mCells - 1, (int) ((m - mMin) / mSpacing()));
    }

    /** Row containing q⊥, or −1 outside the window. */
    public int qIndexOf(double q) {
        if (!(q >= qMin && q <= qMax)) {
            return -1;
        }
        return Math.min(qCells - 1, (int) ((q - qMin) / qSpacing()));
    }
}
