package org.sgdlimits.meanfield.pde;

/**
 * The default geometry and size of the density PDE's {@link StretchedGrid} (k = 1), in one place for the
 * {@code meanfield} command, the studies and the accuracy tests. The cell counts and the stretch are chosen
 * against a converged particle reference on mean m², mean q⊥ and the risk (docs/pde-convergence.md gives the
 * convergence table and the command that makes it): the q⊥ cells follow the initial spread of q⊥
 * ({@link #qCellsFor}), because the q⊥ error of 40 fixed cells over [0, 3] grows like (Δq/sd)² when the start
 * is narrower than a cell (d = 1000: sd 0.045 against Δq = 0.075).
 */
public final class PdeGridDefaults {
    /** Default number of cells in ξ (m = s·sinh ξ). */
    public static final int XI_CELLS = 600;
    /** Fewest cells in q⊥ of the automatic choice ({@link #qCellsFor}). */
    public static final int Q_CELLS = 40;
    /** Most cells in q⊥ of the automatic choice. */
    public static final int MAX_Q_CELLS = 600;
    /** Cells per standard deviation of the initial q⊥ that the automatic choice resolves. */
    public static final double CELLS_PER_Q_SD = 2.0;
    /**
     * The stretch s in units of the sd (random start) or rms (particles) of the initial m. Near m = 0 the cells
     * are s·Δξ wide (at the default grid about 1/12 of the sd: the start is resolved); for
     * |m| ≫ s they are |m|·Δξ wide with Δξ = 2 asinh(mMax/s)/nξ, so a larger s resolves the late, aligned
     * density better and makes the step (bounded by v_ξ = ṁ/(s cosh ξ) near 0) larger: against s = 0.5 sd
     * (the previous default), s = 4 sd gives 2.6 times fewer steps and a smaller error on the same grid, s = 8 sd
     * smaller still (docs/pde-convergence.md).
     */
    public static final double STRETCH_IN_SD = 8.0;

    private PdeGridDefaults() {
    }

    /** Stretch s for a random start: {@value #STRETCH_IN_SD} times the sd √(σ₀²P/d) of m. */
    public static double randomStartStretch(int dimension, double initVariance, double teacherOverlap) {
        return STRETCH_IN_SD * Math.sqrt(initVariance * teacherOverlap / dimension);
    }

    /**
     * Cells in q⊥ that resolve an initial q⊥ spread of standard deviation {@code sd} on [0, qMax] by
     * {@value #CELLS_PER_Q_SD} cells per sd, within [{@value #Q_CELLS}, {@value #MAX_Q_CELLS}]. The work of a
     * step grows with the OCCUPIED cells only (empty cells are skipped), about 8 sd/Δq ≈ 16 rows per column
     * whatever d, so a narrow start does not cost more than a wide one.
     */
    public static int qCellsFor(double sd, double qMax) {
        if (!(sd > 0)) {
            return Q_CELLS;
        }
        double cells = Math.ceil(CELLS_PER_Q_SD * qMax / sd);
        return (int) Math.max(Q_CELLS, Math.min(MAX_Q_CELLS, cells));
    }

    /** Cells in q⊥ on [0, qMax] for a random start: q⊥ ~ σ₀²χ²_(d−1)/d has sd σ₀²√(2(d − 1))/d. */
    public static int randomStartQCells(int dimension, double initVariance, double qMax) {
        return qCellsFor(initVariance * Math.sqrt(2.0 * (dimension - 1)) / dimension, qMax);
    }

    /** Cells in q⊥ on [0, qMax] for given particles: from the sd of their q⊥ ({@value #Q_CELLS} if all equal). */
    public static int particleQCells(double[] qPerp, double qMax) {
        double mean = 0;
        for (double x : qPerp) {
            mean += x / qPerp.length;
        }
        double var = 0;
        for (double x : qPerp) {
            var += (x - mean) * (x - mean) / qPerp.length;
        }
        return qCellsFor(Math.sqrt(var), qMax);
    }

    /** Largest |m| for a random start: 3√P. */
    public static double randomStartMMax(double teacherOverlap) {
        return 3 * Math.sqrt(teacherOverlap);
    }

    /** Largest q⊥ for a random start: max(3, 2σ₀²). */
    public static double randomStartQMax(double initVariance) {
        return Math.max(3.0, 2 * initVariance);
    }

    /**
     * Stretch s for given particles: {@value #STRETCH_IN_SD} times the rms of m, clipped to [1e-4, 1] (0.01 when
     * every m is 0). With the upper clip at 0.1 the flow case of docs/pde-convergence.md (rms 0.1) stayed
     * 1.4e-3 off on mean m² at the default cell counts.
     */
    public static double particleStretch(double[] m) {
        double sum2 = 0;
        for (double x : m) {
            sum2 += x * x;
        }
        double rms = Math.sqrt(sum2 / m.length);
        return rms > 0 ? Math.min(1.0, Math.max(1e-4, STRETCH_IN_SD * rms)) : 0.01;
    }

    /** Largest |m| for given particles: max(3√P, 1.5 max |m_i|). */
    public static double particleMMax(double[] m, double teacherOverlap) {
        double maxM = 0;
        for (double x : m) {
            maxM = Math.max(maxM, Math.abs(x));
        }
        return Math.max(3 * Math.sqrt(teacherOverlap), 1.5 * maxM);
    }

    /** Largest q⊥ for given particles: max(3, 1.5 max q⊥_i). */
    public static double particleQMax(double[] qPerp) {
        double maxQ = 0;
        for (double x : qPerp) {
            maxQ = Math.max(maxQ, x);
        }
        return Math.max(3.0, 1.5 * maxQ);
    }

    /** The default grid for the exact law of a random start (d, σ₀², P): every default. */
    public static StretchedGrid forRandomStart(int dimension, double initVariance, double teacherOverlap) {
        return forRandomStart(dimension, initVariance, teacherOverlap, XI_CELLS,
                randomStartQCells(dimension, initVariance, randomStartQMax(initVariance)));
    }

    /** The default grid for the exact law of a random start (d, σ₀², P) with the given cell counts. */
    public static StretchedGrid forRandomStart(int dimension, double initVariance, double teacherOverlap,
                                               int xiCells, int qCells) {
        return new StretchedGrid(randomStartStretch(dimension, initVariance, teacherOverlap),
                randomStartMMax(teacherOverlap), randomStartQMax(initVariance), xiCells, qCells);
    }

    /** The default grid for given particles (m_i, q⊥_i) and teacher overlap P: every default. */
    public static StretchedGrid forParticles(double[] m, double[] qPerp, double teacherOverlap) {
        return forParticles(m, qPerp, teacherOverlap, XI_CELLS, particleQCells(qPerp, particleQMax(qPerp)));
    }

    /** The default grid for given particles (m_i, q⊥_i) and teacher overlap P with the given cell counts. */
    public static StretchedGrid forParticles(double[] m, double[] qPerp, double teacherOverlap, int xiCells,
                                             int qCells) {
        return new StretchedGrid(particleStretch(m), particleMMax(m, teacherOverlap), particleQMax(qPerp), xiCells,
                qCells);
    }
}
