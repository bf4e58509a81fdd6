package org.sgdlimits.meanfield.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.PdeSolution;
import org.sgdlimits.meanfield.pde.StretchedGrid;

/**
 * The density μ_t(m, q⊥) of per-unit overlaps at one ODE time (docs/theory.md §5, k = 1) on a uniform
 * {@link SnapshotGrid}, as a density per unit m per unit q⊥ (so Σ density · cell area = the mass shown).
 * Immutable.
 *
 * <p>Sources: a particle ensemble, by binning and FFT-based (DCT, reflecting walls) Gaussian smoothing with a
 * {@link BandwidthRule} or explicit bandwidths; or a PDE {@link DensityGrid}, remapped conservatively from
 * its stretched cells (uniform density inside each cell) onto the display cells.
 */
public final class DensitySnapshot {
    private final double time;
    private final SnapshotGrid grid;
    private final double[] density;
    private final double bandwidthM;
    private final double bandwidthQ;
    private final double displayedMass;

    private DensitySnapshot(double time, SnapshotGrid grid, double[] masses, double bandwidthM, double bandwidthQ) {
        this.time = time;
        this.grid = grid;
        this.bandwidthM = bandwidthM;
        this.bandwidthQ = bandwidthQ;
        double area = grid.cellArea();
        this.density = new double[masses.length];
        double shown = 0;
        for (int c = 0; c < masses.length; c++) {
            density[c] = masses[c] / area;
            shown += masses[c];
        }
        this.displayedMass = shown;
    }

    /**
     * Kernel density estimate of weighted particles with the bandwidth of {@code rule} on each axis, on an
     * automatic window ({@link SnapshotGrid#covering}) of {@link SnapshotGrid#DEFAULT_CELLS}² cells.
     *
     * @param weights w_i ≥ 0 (null: equal), normalised internally to total mass 1
     */
    public static DensitySnapshot fromParticles(double time, double[] m, double[] qPerp, double[] weights,
                                                BandwidthRule rule) {
        Objects.requireNonNull(rule, "rule");
        checkParticles(m, qPerp, weights);
        double hm = rule.bandwidth(m, weights);
        double hq = rule.bandwidth(qPerp, weights);
        SnapshotGrid grid = SnapshotGrid.covering(m, qPerp, weights, hm, hq, SnapshotGrid.DEFAULT_CELLS,
                SnapshotGrid.DEFAULT_CELLS);
        return fromParticles(time, m, qPerp, weights, grid, hm, hq);
    }

    /**
     * Kernel density estimate on a given window with explicit bandwidths (standard deviations of the Gaussian
     * kernel along m and q⊥, in overlap units; 0 = histogram only). Particles outside the window are left
     * out ({@link #displayedMass()} &lt; 1).
     */
    public static DensitySnapshot fromParticles(double time, double[] m, double[] qPerp, double[] weights,
                                                SnapshotGrid grid, double bandwidthM, double bandwidthQ) {
        Objects.requireNonNull(grid, "grid");
        checkParticles(m, qPerp, weights);
        if (!(bandwidthM >= 0) || !(bandwidthQ >= 0) || !Double.isFinite(bandwidthM) || !Double.isFinite(bandwidthQ)) {
            throw new IllegalArgumentException("bandwidth: (" + bandwidthM + ", " + bandwidthQ
                    + "); must be finite numbers >= 0");
        }
        double total = WeightedStatistics.totalWeight(m, weights);
        double[] mass = new double[grid.cellCount()];
        for (int n = 0; n < m.length; n++) {
            int i = grid.mIndexOf(m[n]);
            int j = grid.qIndexOf(qPerp[n]);
            if (i >= 0 && j >= 0) {
                mass[grid.index(i, j)] += (weights == null ? 1.0 : weights[n]) / total;
            }
        }
        double[] smooth = GaussianSmoother.smooth(mass, grid.mCells(), grid.qCells(), bandwidthM / grid.mSpacing(),
                bandwidthQ / grid.qSpacing());
        return new DensitySnapshot(time, grid, smooth, bandwidthM, bandwidthQ);
    }

    /** Every snapshot of a PDE run, each on its own automatic window, in time order. */
    public static List<DensitySnapshot> fromPdeSolution(PdeSolution solution) {
        List<DensitySnapshot> out = new ArrayList<>();
        for (PdeSolution.Snapshot s : solution.snapshots()) {
            out.add(fromDensityGrid(s.time(), s.density()));
        }
        return out;
    }

    /** A PDE density on an automatic window covering its mass (0.1 %–99.9 % quantiles, padded). */
    public static DensitySnapshot fromDensityGrid(double time, DensityGrid density) {
        StretchedGrid g = density.grid();
        double[] m = new double[g.xiCells()];
        double[] wm = new double[g.xiCells()];
        for (int i = 0; i < g.xiCells(); i++) {
            m[i] = g.mCentre(i);
            wm[i] = density.columnMass(i);
        }
        double[] q = new double[g.qCells()];
        double[] wq = new double[g.qCells()];
        for (int j = 0; j < g.qCells(); j++) {
            q[j] = g.qCentre(j);
            for (int i = 0; i < g.xiCells(); i++) {
                wq[j] += density.mass(i, j);
            }
        }
        double[] mr = WeightedStatistics.quantiles(m, wm, 0.001, 0.999);
        double[] qr = WeightedStatistics.quantiles(q, wq, 0.001, 0.999);
        double padM = Math.max(0.1 * (mr[1] - mr[0]), 2 * g.mWidth(g.xiIndexOf(0.5 * (mr[0] + mr[1]))));
        double padQ = Math.max(0.1 * (qr[1] - qr[0]), 2 * g.qSpacing());
        double qLo = Math.max(0.0, qr[0] - padQ);
        if (qLo < padQ) {
            qLo = 0;
        }
        SnapshotGrid grid = new SnapshotGrid(Math.max(-g.mMax(), mr[0] - padM), Math.min(g.mMax(), mr[1] + padM),
                SnapshotGrid.DEFAULT_CELLS, qLo, Math.min(g.qMax(), qr[1] + padQ), SnapshotGrid.DEFAULT_CELLS);
        return fromDensityGrid(time, density, grid);
    }

    /**
     * A PDE density remapped onto a display window: the mass of each stretched cell is spread uniformly over
     * its [m_edge, m_edge'] × [q_edge, q_edge'] rectangle and split by overlap area, so the mass inside the
     * window is preserved exactly.
     */
    public static DensitySnapshot fromDensityGrid(double time, DensityGrid density, SnapshotGrid grid) {
        Objects.requireNonNull(density, "density");
        Objects.requireNonNull(grid, "grid");
        StretchedGrid g = density.grid();
        double[][] mOverlap = overlaps(g.xiCells(), g::mEdge, grid.mCells(), grid.mMin(), grid.mSpacing());
        double[][] qOverlap = overlaps(g.qCells(), g::qEdge, grid.qCells(), grid.qMin(), grid.qSpacing());
        double[] mass = new double[grid.cellCount()];
        for (int i = 0; i < g.xiCells(); i++) {
            double[] mo = mOverlap[i];
            if (mo.length == 0) {
                continue;
            }
            for (int j = 0; j < g.qCells(); j++) {
                double cell = density.mass(i, j);
                double[] qo = qOverlap[j];
                if (cell == 0 || qo.length == 0) {
                    continue;
                }
                for (int a = 0; a < mo.length; a += 2) {
                    int di = (int) mo[a];
                    double fm = mo[a + 1];
                    for (int b = 0; b < qo.length; b += 2) {
                        mass[grid.index(di, (int) qo[b])] += cell * fm * qo[b + 1];
                    }
                }
            }
        }
        return new DensitySnapshot(time, grid, mass, Double.NaN, Double.NaN);
    }

    /**
     * For each source interval [edge(s), edge(s+1)], the pairs (display index, fraction of the source interval
     * inside that display cell), flattened.
     */
    private static double[][] overlaps(int sources, java.util.function.IntToDoubleFunction edge, int cells,
                                       double min, double spacing) {
        double[][] out = new double[sources][];
        double max = min + cells * spacing;
        for (int s = 0; s < sources; s++) {
            double lo = edge.applyAsDouble(s);
            double hi = edge.applyAsDouble(s + 1);
            double width = hi - lo;
            double a = Math.max(lo, min);
            double b = Math.min(hi, max);
            if (!(b > a) || !(width > 0)) {
                out[s] = new double[0];
                continue;
            }
            int first = Math.max(0, Math.min(cells - 1, (int) Math.floor((a - min) / spacing)));
            int last = Math.max(0, Math.min(cells - 1, (int) Math.floor((b - min) / spacing)));
            double[] pairs = new double[2 * (last - first + 1)];
            int n = 0;
            for (int d = first; d <= last; d++) {
                double cLo = min + d * spacing;
                double cHi = cLo + spacing;
                double len = Math.min(b, cHi) - Math.max(a, cLo);
                if (len > 0) {
                    pairs[n++] = d;
                    pairs[n++] = len / width;
                }
            }
            out[s] = java.util.Arrays.copyOf(pairs, n);
        }
        return out;
    }

    private static void checkParticles(double[] m, double[] q, double[] w) {
        if (m.length == 0 || m.length != q.length || (w != null && w.length != m.length)) {
            throw new IllegalArgumentException("particles: m, qPerp (and weights) must be non-empty and of equal "
                    + "length (got " + m.length + ", " + q.length + (w == null ? "" : ", " + w.length) + ")");
        }
        double tot = 0;
        for (int n = 0; n < m.length; n++) {
            double wi = w == null ? 1 : w[n];
            if (!Double.isFinite(m[n]) || !Double.isFinite(q[n]) || !(wi >= 0) || !Double.isFinite(wi)) {
                throw new IllegalArgumentException("particle " + n + ": (m, qPerp, weight) = (" + m[n] + ", " + q[n]
                        + ", " + wi + "); must be finite with weight >= 0");
            }
            tot += wi;
        }
        if (!(tot > 0)) {
            throw new IllegalArgumentException("weights: sum " + tot + "; must be > 0");
        }
    }

    /** ODE time t of the snapshot. */
    public double time() { return time; }

    /** The display grid. */
    public SnapshotGrid grid() { return grid; }

    /** Density per unit m per unit q⊥ in cell (i, j). */
    public double density(int i, int j) { return density[grid.index(i, j)]; }

    /** Copy of the densities, flat index {@link SnapshotGrid#index}. */
    public double[] densities() { return density.clone(); }

    /** Σ density · cell area (= {@link #displayedMass()} up to rounding). */
    public double totalMass() {
        double s = 0;
        for (double v : density) {
            s += v;
        }
        return s * grid.cellArea();
    }

    /** The fraction of the total mass that falls inside the window (1 when nothing is cut off). */
    public double displayedMass() { return displayedMass; }

    /** Kernel bandwidth along m (NaN for a PDE snapshot). */
    public double bandwidthM() { return bandwidthM; }

    /** Kernel bandwidth along q⊥ (NaN for a PDE snapshot). */
    public double bandwidthQ() { return bandwidthQ; }

    /** Largest density value. */
    public double maxDensity() {
        double max = 0;
        for (double v : density) {
            max = Math.max(max, v);
        }
        return max;
    }
}
