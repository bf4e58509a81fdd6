package org.sgdlimits.meanfield.pde;

import java.util.Objects;

import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftTerms;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The mean-field velocity field of the density PDE (docs/theory.md §5): every cell with positive mass acts as a
 * weighted particle at its centre (a, m_i, q⊥_j) with weight = its mass, and the velocity is the
 * {@link ParticleDrift} of that weighted ensemble (O(cells · nodes), never cells²). k = 1, fixed second
 * layer (all units share the same a).
 *
 * <p>The drift's {@link org.sgdlimits.meanfield.ParticleDriftSettings#width() width} sets the finite-p
 * self-interaction exactly as for the particle system: with the same settings the empirical measure of the
 * p-particle system is itself a solution of this PDE, which is what the grid-convergence test uses; use
 * width = ∞ for the strict p → ∞ limit.
 *
 * <p>Cells lighter than {@code massCutoff} (default {@value #DEFAULT_MASS_CUTOFF}) are left out of the
 * evaluation: they get zero velocity (they keep what flows in until they pass the cutoff) and do not enter
 * the population sums. This bounds the work by the cells that matter (the exact initial law has Gaussian
 * tails of 1e-100 in thousands of cells) at a cost of at most (cells · cutoff) in mass seen by the drift.
 * The PDE stays exactly conservative and positive either way; use cutoff 0 for the exact ensemble.
 *
 * <p>Thread-safe: buffers live in a per-thread workspace.
 */
public final class ParticleDriftField implements VelocityField {
    private final ParticleDrift drift;
    private final double secondLayer;
    private final LearningRateSchedule schedule;
    private final double massCutoff;
    private final ThreadLocal<Workspace> workspace = new ThreadLocal<>();

    /** Default mass below which a cell is left out of the drift evaluation. */
    public static final double DEFAULT_MASS_CUTOFF = 1e-15;

    /**
     * @param drift       the particle drift (teacher width k = 1, second layer not trained)
     * @param secondLayer the common second-layer weight a of every unit
     * @param schedule    learning-rate schedule s(t) (drift × s, noise term × s²)
     * @param massCutoff  cells with mass ≤ this are left out of the evaluation (≥ 0; 0 keeps every occupied cell)
     */
    public ParticleDriftField(ParticleDrift drift, double secondLayer, LearningRateSchedule schedule,
                              double massCutoff) {
        this.drift = Objects.requireNonNull(drift, "drift");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (drift.teacherWidth() != 1) {
            throw new IllegalArgumentException("teacher.k: " + drift.teacherWidth()
                    + "; the density PDE is implemented for k = 1 only");
        }
        if (drift.settings().secondLayerRate() != 0) {
            throw new IllegalArgumentException("secondLayerLearningRate: " + drift.settings().secondLayerRate()
                    + "; the density PDE needs a fixed second layer (0)");
        }
        if (!Double.isFinite(secondLayer)) {
            throw new IllegalArgumentException("secondLayer: " + secondLayer + "; must be finite");
        }
        if (!(massCutoff >= 0) || !(massCutoff < 1e-6)) {
            throw new IllegalArgumentException("massCutoff: " + massCutoff + "; must lie in [0, 1e-6)");
        }
        this.secondLayer = secondLayer;
        this.massCutoff = massCutoff;
    }

    /** Schedule with the default mass cutoff. */
    public ParticleDriftField(ParticleDrift drift, double secondLayer, LearningRateSchedule schedule) {
        this(drift, secondLayer, schedule, DEFAULT_MASS_CUTOFF);
    }

    /** Constant learning rate, default mass cutoff. */
    public ParticleDriftField(ParticleDrift drift, double secondLayer) {
        this(drift, secondLayer, LearningRateSchedule.constant());
    }

    /** The teacher overlap P (k = 1), for {@link ContinuityPde.Options#teacherOverlap()}. */
    public double teacherOverlap() {
        return drift.teacherOverlap()[0];
    }

    /** {@link ContinuityPde.Options#physical} with P taken from the drift. */
    @Override
    public ContinuityPde.Options defaultOptions() {
        return ContinuityPde.Options.physical(teacherOverlap());
    }

    @Override
    public double labelNoise() {
        return drift.settings().labelNoise();
    }

    @Override
    public double evaluate(StretchedGrid grid, double t, double[] masses, double[] mDot, double[] qDot) {
        int cells = grid.cellCount();
        Workspace ws = workspace.get();
        if (ws == null || ws.occupied.capacity < cells) {
            ws = new Workspace(cells);
            workspace.set(ws);
        }
        OccupiedCells oc = ws.occupied;
        int n = oc.gather(grid, masses, massCutoff);
        drift.evaluate(n, ws.a, oc.m, oc.q, oc.w, schedule.factor(t), ws.terms);
        oc.scatter(ws.terms.dm, ws.terms.dqPerp, mDot, qDot);
        return ws.terms.excessRisk;
    }

    private final class Workspace {
        final OccupiedCells occupied;
        final double[] a;
        final ParticleDriftTerms terms;

        Workspace(int capacity) {
            this.occupied = new OccupiedCells(capacity);
            this.a = new double[capacity];
            java.util.Arrays.fill(a, secondLayer);
            this.terms = new ParticleDriftTerms(capacity, 1);
        }
    }
}
