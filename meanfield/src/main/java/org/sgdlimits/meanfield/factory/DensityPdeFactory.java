package org.sgdlimits.meanfield.factory;

import java.util.List;
import java.util.Locale;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.Particles;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.ParticleDriftField;
import org.sgdlimits.meanfield.pde.PdeGridDefaults;
import org.sgdlimits.meanfield.pde.PhaseRetrievalLowRankField;
import org.sgdlimits.meanfield.pde.SlopeLimiter;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.pde.VelocityField;
import org.sgdlimits.validation.FieldPath;

/**
 * The density PDE of the mean-field limit (docs/theory.md §5, k = 1) for a validated {@link Experiment}: which
 * experiments it solves, its domain (the {@link PdeGridDefaults} for every grid value the file leaves open), the
 * initial density and the solver. Errors name the experiment-file field ({@code meanfield.pde} for the grid).
 */
public final class DensityPdeFactory {
    /** The field of the grid options. */
    public static final FieldPath PDE = FieldPath.of("meanfield", "pde");

    private DensityPdeFactory() {
    }

    /**
     * Grid and scheme options of the density PDE; a null value is chosen from the initial condition
     * ({@link PdeGridDefaults}).
     *
     * @param xiCells   cells in ξ (m = s·sinh ξ)
     * @param qCells    cells in q⊥, or null: about 2 cells per sd of the initial q⊥, 40..600
     * @param stretch   s, or null: 0.5·√(σ₀² P/d) for a random start, else half the rms of the initial m (in
     *                  [1e-4, 0.1]; 0.01 when all m are 0)
     * @param mMax      largest |m|, or null: max(3√P, 1.5 max|m_i|)
     * @param qMax      largest q⊥, or null: max(3, 1.5 max q⊥_i) (for a random start max(3, 2σ₀²))
     * @param cfl       fraction of the positivity time-step bound, in (0, 1)
     * @param xiLimiter MUSCL slope limiter in ξ
     * @param qLimiter  slope limiter in q⊥
     */
    public record Grid(int xiCells, Integer qCells, Double stretch, Double mMax, Double qMax, double cfl,
                       SlopeLimiter xiLimiter, SlopeLimiter qLimiter) {

        /** Every value automatic; {@link PdeGridDefaults#XI_CELLS} cells in ξ, CFL 0.8, Koren limiters. */
        public static Grid defaults() {
            return new Grid(PdeGridDefaults.XI_CELLS, null, null, null, null, 0.8, SlopeLimiter.KOREN,
                    SlopeLimiter.KOREN);
        }
    }

    /**
     * The density PDE solves k = 1 with a fixed second layer common to all units.
     *
     * @param secondLayerField the field the second layer came from (explicit particles or {@code student.secondLayer})
     * @param alternative      what to use instead, for the messages (e.g. "use --engine particles")
     * @throws ExperimentException naming the field otherwise
     */
    public static void requireSupported(Experiment e, FieldPath secondLayerField, String alternative) {
        if (e.k() != 1) {
            throw new ExperimentException(FieldPath.of("teacher", "k"), e.k() + "; the pde engine solves the density "
                    + "PDE for k = 1 only; " + alternative + " (or full for small p)");
        }
        if (e.student().trainSecondLayer()) {
            throw new ExperimentException(FieldPath.of("student", "trainSecondLayer"), "true; the pde engine needs a "
                    + "fixed second layer; " + alternative + " (or full for small p)");
        }
        double[] a = e.student().secondLayer();
        for (double v : a) {
            if (v != a[0]) {
                throw new ExperimentException(secondLayerField, "second-layer weights differ (" + a[0] + " and " + v
                        + "); the pde engine needs one common a for all units; " + alternative);
            }
        }
    }

    /** The exact density of a random initialisation at dimension d with Q_ii = σ₀² on the grid of {@code g}. */
    public static DensityGrid randomStartDensity(Experiment e, Grid g, int dimension, double variance) {
        double pOverlap = e.teacher().P()[0];
        double stretch = g.stretch() != null ? g.stretch()
                : PdeGridDefaults.randomStartStretch(dimension, variance, pOverlap);
        double mMax = g.mMax() != null ? g.mMax() : PdeGridDefaults.randomStartMMax(pOverlap);
        double qMax = g.qMax() != null ? g.qMax() : PdeGridDefaults.randomStartQMax(variance);
        int qCells = g.qCells() != null ? g.qCells() : PdeGridDefaults.randomStartQCells(dimension, variance, qMax);
        StretchedGrid grid = Labelled.at(PDE, () -> new StretchedGrid(stretch, mMax, qMax, g.xiCells(), qCells));
        return Labelled.at(PDE, () -> DensityGrid.randomInitialisation(grid, dimension, pOverlap, variance));
    }

    /**
     * The particles deposited on the grid of {@code g} (moment-conserving cloud-in-cell); a warning is added when
     * some lie outside it (they are put into the boundary cells).
     */
    public static DensityGrid particleDensity(Experiment e, Grid g, Particles particles, List<String> warnings) {
        double pOverlap = e.teacher().P()[0];
        double[] m = particles.studentTeacherOverlaps();
        double[] q = particles.orthogonalNorms();
        double maxM = 0;
        double maxQ = 0;
        for (int i = 0; i < m.length; i++) {
            maxM = Math.max(maxM, Math.abs(m[i]));
            maxQ = Math.max(maxQ, q[i]);
        }
        double stretch = g.stretch() != null ? g.stretch() : PdeGridDefaults.particleStretch(m);
        double mMax = g.mMax() != null ? g.mMax() : PdeGridDefaults.particleMMax(m, pOverlap);
        double qMax = g.qMax() != null ? g.qMax() : PdeGridDefaults.particleQMax(q);
        if (maxM > mMax || maxQ > qMax) {
            warnings.add(String.format(Locale.ROOT, "meanfield.pde: initial particles outside the grid (max |m| = "
                    + "%.4g, mMax = %.4g; max q_perp = %.4g, qMax = %.4g) were put into the boundary cells", maxM, mMax,
                    maxQ, qMax));
        }
        int qCells = g.qCells() != null ? g.qCells() : PdeGridDefaults.particleQCells(q, qMax);
        StretchedGrid grid = Labelled.at(PDE, () -> new StretchedGrid(stretch, mMax, qMax, g.xiCells(), qCells));
        return DensityGrid.fromParticles(grid, m, q, null);
    }

    /**
     * The solver: the velocity field of the particle drift (plain closure) or of the phase-retrieval correction
     * (which carries h, docs/closure.md §6), with the options of {@code g}.
     *
     * @param correction the phase-retrieval low-rank drift, or null for the plain closure
     */
    public static ContinuityPde pde(Experiment e, Grid g, ParticleDrift drift, PhaseRetrievalLowRankDrift correction) {
        VelocityField field = correction == null
                ? new ParticleDriftField(drift, e.student().secondLayer()[0], e.schedule().schedule())
                : new PhaseRetrievalLowRankField(correction, e.schedule().schedule(),
                        ParticleDriftField.DEFAULT_MASS_CUTOFF);
        return new ContinuityPde(field, field.defaultOptions().withCfl(g.cfl()).withXiLimiter(g.xiLimiter())
                .withQLimiter(g.qLimiter()));
    }
}
