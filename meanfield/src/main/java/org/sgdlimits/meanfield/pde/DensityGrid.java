package org.sgdlimits.meanfield.pde;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * A density of per-unit overlaps μ(m, q⊥) (SPEC §5, k = 1) on a {@link StretchedGrid}, stored as cell
 * MASSES (the fraction of units in each cell, not densities), total mass 1. Immutable.
 *
 * <p>Moments treat every cell as a weighted particle at its centre (m_i, q⊥_j): this is the same
 * representation the PDE drift uses, so the reported moments are those of the evolved particle ensemble.
 *
 * <p>Initial densities: {@link #fromParticles binning particles}, {@link #randomInitialisation the exact law
 * of a random initialisation} at dimension d, {@link #sampledRandomInitialisation a sampled one}, or
 * {@link #fromDensity a formula} integrated over cells.
 */
public final class DensityGrid {
    private final StretchedGrid grid;
    private final double[] masses;

    private DensityGrid(StretchedGrid grid, double[] masses) {
        this.grid = grid;
        this.masses = masses;
    }

    /**
     * Wraps given cell masses (copied).
     *
     * @throws IllegalArgumentException if the length does not match the grid or a mass is negative/non-finite
     */
    public static DensityGrid ofMasses(StretchedGrid grid, double[] masses) {
        Objects.requireNonNull(grid, "grid");
        if (masses.length != grid.cellCount()) {
            throw new IllegalArgumentException("masses: length " + masses.length + "; must equal the cell count "
                    + grid.cellCount() + " of " + grid);
        }
        for (int c = 0; c < masses.length; c++) {
            if (!(masses[c] >= 0) || !Double.isFinite(masses[c])) {
                throw new IllegalArgumentException("masses[" + c + "]: " + masses[c]
                        + "; must be a finite number >= 0");
            }
        }
        return new DensityGrid(grid, masses.clone());
    }

    /**
     * Bins weighted particles into cells (nearest cell; particles outside the domain go to the boundary
     * cell, so no mass is lost). Weights are normalised to total mass 1.
     *
     * @param m       student–teacher overlaps m_i
     * @param qPerp   orthogonal norms q⊥_i ≥ 0
     * @param weights w_i ≥ 0 (null for equal weights 1/p)
     */
    public static DensityGrid fromParticles(StretchedGrid grid, double[] m, double[] qPerp, double[] weights) {
        if (m.length != qPerp.length || (weights != null && weights.length != m.length)) {
            throw new IllegalArgumentException("particles: m, qPerp and weights must have the same length (got "
                    + m.length + ", " + qPerp.length + ", " + (weights == null ? "null" : weights.length) + ")");
        }
        if (m.length == 0) {
            throw new IllegalArgumentException("particles: empty; need at least one particle");
        }
        double[] mass = new double[grid.cellCount()];
        double total = 0;
        for (int n = 0; n < m.length; n++) {
            double w = weights == null ? 1.0 : weights[n];
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights[" + n + "]: " + w + "; must be a finite number >= 0");
            }
            if (!Double.isFinite(m[n]) || !(qPerp[n] >= 0) || !Double.isFinite(qPerp[n])) {
                throw new IllegalArgumentException("particle " + n + ": (m, qPerp) = (" + m[n] + ", " + qPerp[n]
                        + "); m must be finite and qPerp a finite number >= 0");
            }
            mass[grid.index(grid.xiIndexOf(m[n]), grid.qIndexOf(qPerp[n]))] += w;
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights: sum " + total + "; must be > 0");
        }
        scale(mass, 1.0 / total);
        return new DensityGrid(grid, mass);
    }

    /**
     * The exact law of one unit of a random initialisation at dimension d with w ~ N(0, I_d) (σ₀² = 1, so
     * Q_ii ≈ 1); see {@link #randomInitialisation(StretchedGrid, int, double, double)}.
     */
    public static DensityGrid randomInitialisation(StretchedGrid grid, int dimension, double teacherOverlap) {
        return randomInitialisation(grid, dimension, teacherOverlap, 1.0);
    }

    /**
     * The exact law of one unit of a random initialisation at dimension d: w ~ N(0, σ₀² I_d) and a teacher with
     * |w*|² / d = P give m = w·w* / d ~ N(0, σ₀² P/d) and, independently, q⊥ = |w⊥|²/d ~ σ₀² χ²_{d−1}/d
     * (the law {@link org.sgdlimits.meanfield.Particles#sampleRandom} samples). Cell masses are the exact
     * probabilities of the cells (normal and gamma CDF differences); the tails beyond the domain are assigned
     * to the boundary cells.
     *
     * @param dimension      input dimension d ≥ 2
     * @param teacherOverlap P = |w*|² / d > 0
     * @param initVariance   σ₀² > 0
     */
    public static DensityGrid randomInitialisation(StretchedGrid grid, int dimension, double teacherOverlap,
                                                   double initVariance) {
        requireDimension(dimension);
        requireTeacherOverlap(teacherOverlap);
        requireInitVariance(initVariance);
        double sdM = Math.sqrt(initVariance * teacherOverlap / dimension);
        double[] pm = new double[grid.xiCells()];
        double prev = 0;
        for (int i = 0; i < grid.xiCells(); i++) {
            double cdf = i == grid.xiCells() - 1 ? 1.0 : normalCdf(grid.mEdge(i + 1) / sdM);
            pm[i] = cdf - prev;
            prev = cdf;
        }
        double shape = 0.5 * (dimension - 1);
        double[] pq = new double[grid.qCells()];
        prev = 0;
        for (int j = 0; j < grid.qCells(); j++) {
            // q⊥ = σ₀² X/d, X ~ χ²_{d−1} = Gamma((d−1)/2, 2): P(q⊥ ≤ x) = regularizedGammaP((d−1)/2, x·d/(2σ₀²))
            double cdf = j == grid.qCells() - 1 ? 1.0
                    : Gamma.regularizedGammaP(shape, 0.5 * dimension * grid.qEdge(j + 1) / initVariance);
            pq[j] = cdf - prev;
            prev = cdf;
        }
        double[] mass = new double[grid.cellCount()];
        for (int i = 0; i < grid.xiCells(); i++) {
            for (int j = 0; j < grid.qCells(); j++) {
                mass[grid.index(i, j)] = Math.max(0.0, pm[i] * pq[j]);
            }
        }
        normalise(mass);
        return new DensityGrid(grid, mass);
    }

    /**
     * A sampled random initialisation (σ₀² = 1): {@code particles} units drawn from the law of
     * {@link #randomInitialisation} (seeded), then binned. This is what a width-p network at dimension d
     * starts from.
     */
    public static DensityGrid sampledRandomInitialisation(StretchedGrid grid, int dimension, double teacherOverlap,
                                                          int particles, long seed) {
        if (particles < 1) {
            throw new IllegalArgumentException("particles: " + particles + "; must be an integer >= 1");
        }
        double[][] sample = sampleRandomInitialisation(dimension, teacherOverlap, 1.0, particles, seed);
        return fromParticles(grid, sample[0], sample[1], null);
    }

    /**
     * Draws {@code particles} units of a random initialisation at dimension d with variance σ₀² (see
     * {@link #randomInitialisation(StretchedGrid, int, double, double)}): returns {m[], qPerp[]}.
     */
    public static double[][] sampleRandomInitialisation(int dimension, double teacherOverlap, double initVariance,
                                                        int particles, long seed) {
        requireDimension(dimension);
        requireTeacherOverlap(teacherOverlap);
        requireInitVariance(initVariance);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        var gamma = AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * (dimension - 1), 2.0 * initVariance / dimension);
        double sdM = Math.sqrt(initVariance * teacherOverlap / dimension);
        double[] m = new double[particles];
        double[] q = new double[particles];
        for (int n = 0; n < particles; n++) {
            m[n] = sdM * normal.sample();
            q[n] = gamma.sample();
        }
        return new double[][] {m, q};
    }

    /**
     * Integrates a density formula ρ(m, q⊥) ≥ 0 (per unit m per unit q⊥, need not be normalised) over every
     * cell with an n-point Gauss–Legendre rule per axis in (ξ, q⊥) (Jacobian s·cosh ξ included), then
     * normalises to total mass 1.
     *
     * @param nodesPerAxis Gauss–Legendre nodes per axis and cell, 1..20
     */
    public static DensityGrid fromDensity(StretchedGrid grid, DoubleBinaryOperator density, int nodesPerAxis) {
        if (nodesPerAxis < 1 || nodesPerAxis > 20) {
            throw new IllegalArgumentException("nodesPerAxis: " + nodesPerAxis + "; must be in [1, 20]");
        }
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(nodesPerAxis, -1, 1);
        double[] x = new double[nodesPerAxis];
        double[] wt = new double[nodesPerAxis];
        for (int n = 0; n < nodesPerAxis; n++) {
            x[n] = rule.getPoint(n);
            wt[n] = rule.getWeight(n);
        }
        double hx = 0.5 * grid.xiSpacing();
        double hq = 0.5 * grid.qSpacing();
        double[] mass = new double[grid.cellCount()];
        for (int i = 0; i < grid.xiCells(); i++) {
            for (int a = 0; a < nodesPerAxis; a++) {
                double xi = grid.xiCentre(i) + hx * x[a];
                double m = grid.stretch() * Math.sinh(xi);
                double jac = grid.stretch() * Math.cosh(xi) * hx * wt[a];
                for (int j = 0; j < grid.qCells(); j++) {
                    double sum = 0;
                    for (int b = 0; b < nodesPerAxis; b++) {
                        double q = grid.qCentre(j) + hq * x[b];
                        double rho = density.applyAsDouble(m, q);
                        if (!(rho >= 0) || !Double.isFinite(rho)) {
                            throw new IllegalArgumentException("density(" + m + ", " + q + "): " + rho
                                    + "; must be a finite number >= 0");
                        }
                        sum += rho * hq * wt[b];
                    }
                    mass[grid.index(i, j)] += jac * sum;
                }
            }
        }
        normalise(mass);
        return new DensityGrid(grid, mass);
    }

    private static void normalise(double[] mass) {
        double total = 0;
        for (double v : mass) {
            total += v;
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("density: total mass on the grid " + total
                    + "; must be a finite number > 0 (is the density inside the domain?)");
        }
        scale(mass, 1.0 / total);
    }

    private static void scale(double[] a, double f) {
        for (int c = 0; c < a.length; c++) {
            a[c] *= f;
        }
    }

    private static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    private static void requireDimension(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("dimension: " + d + "; must be an integer >= 2");
        }
    }

    private static void requireInitVariance(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("initVariance: " + v + "; must be a finite number > 0");
        }
    }

    private static void requireTeacherOverlap(double p) {
        if (!(p > 0) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("teacherOverlap P: " + p + "; must be a finite number > 0");
        }
    }

    /** The cells. */
    public StretchedGrid grid() { return grid; }

    /** Copy of the cell masses (flat index {@link StretchedGrid#index}). */
    public double[] masses() { return masses.clone(); }

    /** Mass of cell (i, j). */
    public double mass(int i, int j) { return masses[grid.index(i, j)]; }

    /** Σ masses (1 up to round-off for a valid density). */
    public double totalMass() {
        double s = 0;
        for (double v : masses) {
            s += v;
        }
        return s;
    }

    /** Mean over units of m² (cells at their centres). */
    public double meanM2() {
        double s = 0;
        double tot = 0;
        for (int i = 0; i < grid.xiCells(); i++) {
            double m = grid.mCentre(i);
            double col = columnMass(i);
            s += col * m * m;
            tot += col;
        }
        return s / tot;
    }

    /** Mean over units of m P⁻¹ m (SPEC §7 column mean_m2), k = 1: mean m² / P. */
    public double meanNormalisedM2(double teacherOverlap) {
        requireTeacherOverlap(teacherOverlap);
        return meanM2() / teacherOverlap;
    }

    /** Mean over units of m. */
    public double meanM() {
        double s = 0;
        double tot = 0;
        for (int i = 0; i < grid.xiCells(); i++) {
            double col = columnMass(i);
            s += col * grid.mCentre(i);
            tot += col;
        }
        return s / tot;
    }

    /** Mean over units of q⊥ (SPEC §7 column mean_qperp). */
    public double meanQPerp() {
        double s = 0;
        double tot = 0;
        for (int i = 0; i < grid.xiCells(); i++) {
            for (int j = 0; j < grid.qCells(); j++) {
                double w = masses[grid.index(i, j)];
                s += w * grid.qCentre(j);
                tot += w;
            }
        }
        return s / tot;
    }

    /** Marginal mass of column i (all q⊥). */
    public double columnMass(int i) {
        double s = 0;
        int base = grid.index(i, 0);
        for (int j = 0; j < grid.qCells(); j++) {
            s += masses[base + j];
        }
        return s;
    }

    /** Smallest cell mass (≥ 0 for a valid density). */
    public double minimumMass() {
        double min = Double.POSITIVE_INFINITY;
        for (double v : masses) {
            min = Math.min(min, v);
        }
        return min;
    }
}
