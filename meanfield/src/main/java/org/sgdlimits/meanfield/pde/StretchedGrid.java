package org.sgdlimits.meanfield.pde;

/**
 * The cells of the density PDE (docs/theory.md §5, k = 1): a tensor grid on (m, q⊥) built in the stretched coordinate
 * ξ with m = s·sinh ξ. The grid is uniform in ξ over [−ξmax, ξmax] (nξ cells) and uniform in q⊥ over
 * [0, qMax] (nq cells). Near m = 0 the spacing in m is about s·Δξ (resolving the random-initialisation scale
 * m ~ d^(−1/2) when s ≲ d^(−1/2)); for |m| ≫ s it grows like |m|·Δξ, so O(1) overlaps are resolved too.
 *
 * <p>Cells are indexed by (i, j), i the ξ index in [0, nξ), j the q⊥ index in [0, nq); flat index
 * {@code c = i·nq + j} (q⊥ fastest). Immutable and thread-safe.
 */
public final class StretchedGrid {
    private final double stretch;
    private final double xiMax;
    private final double qMax;
    private final int xiCells;
    private final int qCells;
    private final double dXi;
    private final double dQ;
    private final double[] xiCentre;
    private final double[] mCentre;
    private final double[] mEdge;
    private final double[] qCentre;
    private final double[] xiJacobian;

    /**
     * @param stretch s > 0: the m scale below which the grid is uniform in m
     * @param mMax    largest |m| covered (> 0); ξmax = asinh(mMax/s)
     * @param qMax    largest q⊥ covered (> 0), about 3 by default
     * @param xiCells number of cells in ξ (≥ 4)
     * @param qCells  number of cells in q⊥ (≥ 4)
     */
    public StretchedGrid(double stretch, double mMax, double qMax, int xiCells, int qCells) {
        requirePositive("stretch", stretch);
        requirePositive("mMax", mMax);
        requirePositive("qMax", qMax);
        if (xiCells < 4) {
            throw new IllegalArgumentException("xiCells: " + xiCells + "; must be an integer >= 4");
        }
        if (qCells < 4) {
            throw new IllegalArgumentException("qCells: " + qCells + "; must be an integer >= 4");
        }
        this.stretch = stretch;
        this.xiMax = asinh(mMax / stretch);
        this.qMax = qMax;
        this.xiCells = xiCells;
        this.qCells = qCells;
        this.dXi = 2 * xiMax / xiCells;
        this.dQ = qMax / qCells;
        this.xiCentre = new double[xiCells];
        this.mCentre = new double[xiCells];
        this.xiJacobian = new double[xiCells];
        this.mEdge = new double[xiCells + 1];
        for (int i = 0; i <= xiCells; i++) {
            mEdge[i] = stretch * Math.sinh(-xiMax + i * dXi);
        }
        mEdge[0] = -mMax;
        mEdge[xiCells] = mMax;
        for (int i = 0; i < xiCells; i++) {
            double xi = -xiMax + (i + 0.5) * dXi;
            xiCentre[i] = xi;
            mCentre[i] = stretch * Math.sinh(xi);
            xiJacobian[i] = stretch * Math.cosh(xi);
        }
        this.qCentre = new double[qCells];
        for (int j = 0; j < qCells; j++) {
            qCentre[j] = (j + 0.5) * dQ;
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": " + v + "; must be a finite number > 0");
        }
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** s in m = s·sinh ξ. */
    public double stretch() { return stretch; }

    /** Half-width of the ξ domain. */
    public double xiMax() { return xiMax; }

    /** Largest |m| covered: s·sinh ξmax. */
    public double mMax() { return mEdge[xiCells]; }

    /** Upper wall of the q⊥ domain. */
    public double qMax() { return qMax; }

    /** Number of cells in ξ. */
    public int xiCells() { return xiCells; }

    /** Number of cells in q⊥. */
    public int qCells() { return qCells; }

    /** Total number of cells nξ·nq. */
    public int cellCount() { return xiCells * qCells; }

    /** Cell width in ξ. */
    public double xiSpacing() { return dXi; }

    /** Cell width in q⊥. */
    public double qSpacing() { return dQ; }

    /** Flat index of cell (i, j). */
    public int index(int i, int j) { return i * qCells + j; }

    /** ξ at the centre of column i. */
    public double xiCentre(int i) { return xiCentre[i]; }

    /** m = s·sinh ξ at the centre of column i. */
    public double mCentre(int i) { return mCentre[i]; }

    /** dm/dξ = s·cosh ξ at the centre of column i. */
    public double mJacobian(int i) { return xiJacobian[i]; }

    /** m at the edge e ∈ [0, nξ] (edge i is the left edge of column i). */
    public double mEdge(int e) { return mEdge[e]; }

    /** Width of column i in m. */
    public double mWidth(int i) { return mEdge[i + 1] - mEdge[i]; }

    /** q⊥ at the centre of row j. */
    public double qCentre(int j) { return qCentre[j]; }

    /** q⊥ at the edge e ∈ [0, nq]. */
    public double qEdge(int e) { return e == qCells ? qMax : e * dQ; }

    /** Column index containing m (clamped to the domain). */
    public int xiIndexOf(double m) {
        double xi = asinh(m / stretch);
        int i = (int) Math.floor((xi + xiMax) / dXi);
        return Math.max(0, Math.min(xiCells - 1, i));
    }

    /** Row index containing q⊥ (clamped to the domain). */
    public int qIndexOf(double q) {
        int j = (int) Math.floor(q / dQ);
        return Math.max(0, Math.min(qCells - 1, j));
    }

    @Override
    public String toString() {
        return "StretchedGrid[s=" + stretch + ", mMax=" + mMax() + ", qMax=" + qMax + ", " + xiCells + "x" + qCells
                + "]";
    }
}
