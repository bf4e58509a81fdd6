package org.sgdlimits.meanfield.pde;

import java.util.List;
import java.util.Objects;

import org.sgdlimits.meanfield.ParticleSystem;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The velocity field of the density PDE with the corrected (low-rank) closure of phase retrieval
 * (docs/closure.md §3 and §6): the density μ over (m, q⊥) plus one scalar h, with the overlaps
 * Q_ij = m_i m_j/ρ + δ_ij q⊥_i + (1 − δ_ij) h m_i m_j between any two units of the population. Every cell with
 * positive mass acts as a weighted particle at its centre (as in {@link ParticleDriftField}), and the drift
 * (ṁ, q̇⊥) of the cells and ḣ are those of {@link PhaseRetrievalLowRankDrift} for that weighted ensemble (its
 * population sums become integrals against μ; nothing is re-derived here). The solver advances h with the
 * masses ({@link ContinuityPde}: same SSP-RK3 stages), from h(0) = 0, and records it as the column
 * {@value ParticleSystem#CORRECTION_COLUMN}.
 *
 * <p>Width: the drift's self-interaction coefficient c = 1/p applies as for the particle system, so with the
 * same settings the empirical measure of the p-particle corrected closure (with its h) is a solution of this
 * PDE; width = ∞ (c = 0) is the p = ∞ closed form of docs/closure.md §3.
 *
 * <p>Cells lighter than the mass cutoff are left out of the evaluation as in {@link ParticleDriftField}.
 * Thread-safe: buffers live in a per-thread workspace.
 */
public final class PhaseRetrievalLowRankField implements VelocityField {
    private final PhaseRetrievalLowRankDrift correction;
    private final LearningRateSchedule schedule;
    private final double massCutoff;
    private final ThreadLocal<Workspace> workspace = new ThreadLocal<>();

    /**
     * @param correction the corrected phase-retrieval drift (its settings give width, g/B, Δ, λ_wd)
     * @param schedule   learning-rate schedule s(t) (gradient part × s, noise part × s²)
     * @param massCutoff cells with mass ≤ this are left out of the evaluation, in [0, 1e-6)
     */
    public PhaseRetrievalLowRankField(PhaseRetrievalLowRankDrift correction, LearningRateSchedule schedule,
                                      double massCutoff) {
        this.correction = Objects.requireNonNull(correction, "correction");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(massCutoff >= 0) || !(massCutoff < 1e-6)) {
            throw new IllegalArgumentException("massCutoff: " + massCutoff + "; must lie in [0, 1e-6)");
        }
        this.massCutoff = massCutoff;
    }

    /** Constant learning rate, the default mass cutoff {@value ParticleDriftField#DEFAULT_MASS_CUTOFF}. */
    public PhaseRetrievalLowRankField(PhaseRetrievalLowRankDrift correction) {
        this(correction, LearningRateSchedule.constant(), ParticleDriftField.DEFAULT_MASS_CUTOFF);
    }

    /** The teacher overlap P = ρ, for {@link ContinuityPde.Options#teacherOverlap()}. */
    public double teacherOverlap() {
        return correction.teacherNorm();
    }

    /** {@link ContinuityPde.Options#physical} with P taken from the drift. */
    @Override
    public ContinuityPde.Options defaultOptions() {
        return ContinuityPde.Options.physical(teacherOverlap());
    }

    @Override
    public double labelNoise() {
        return correction.settings().labelNoise();
    }

    /** One scalar, h. */
    @Override
    public List<String> scalarNames() {
        return List.of(ParticleSystem.CORRECTION_COLUMN);
    }

    /** h(0) = 0: the start carries no off-diagonal orthogonal overlaps. */
    @Override
    public double[] initialScalars() {
        return new double[1];
    }

    /** The drift with h = 0, i.e. the plain closure of phase retrieval in closed form (h is not advanced). */
    @Override
    public double evaluate(StretchedGrid grid, double t, double[] masses, double[] mDot, double[] qDot) {
        return evaluate(grid, t, masses, new double[1], mDot, qDot, new double[1]);
    }

    /**
     * The corrected drift of the cells and ḣ ({@code scalars[0]} = h, {@code scalarDot[0]} = ḣ); returns the
     * excess risk ε of the density at the ansatz (h included).
     */
    @Override
    public double evaluate(StretchedGrid grid, double t, double[] masses, double[] scalars, double[] mDot,
                           double[] qDot, double[] scalarDot) {
        int cells = grid.cellCount();
        Workspace ws = workspace.get();
        if (ws == null || ws.occupied.capacity < cells) {
            ws = new Workspace(cells);
            workspace.set(ws);
        }
        OccupiedCells oc = ws.occupied;
        int n = oc.gather(grid, masses, massCutoff);
        double h = scalars[0];
        scalarDot[0] = correction.evaluate(n, oc.m, oc.q, oc.w, h, schedule.factor(t), ws.dm, ws.dq);
        oc.scatter(ws.dm, ws.dq, mDot, qDot);
        return correction.excessRisk(n, oc.m, oc.q, oc.w, h);
    }

    private static final class Workspace {
        final OccupiedCells occupied;
        final double[] dm;
        final double[] dq;

        Workspace(int capacity) {
            this.occupied = new OccupiedCells(capacity);
            this.dm = new double[capacity];
            this.dq = new double[capacity];
        }
    }
}
