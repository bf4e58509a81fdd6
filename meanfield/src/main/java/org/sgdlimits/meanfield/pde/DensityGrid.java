package org.sgdlimits.meanfield.pde;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Gamma;
import org.sgdlimits.activation.StandardNormal;

/**
 * A density of per-unit overlaps μ(m, q⊥) (docs/theory.md §5, k = 1) on a {@link StretchedGrid}, stored as cell
 * MASSES (the fraction of units in each cell, not densities), total mass 1. Immutable.
 *
 * <p>Moments treat every cell as a weighted particle at its centre (m_i, q⊥_j): this is the same
 * representation the PDE drift uses, so the reported moments are those of the evolved particle ensemble.
 *
 * <p>Initial densities: {@link #fromParticles particles deposited} with moment-conserving cloud-in-cell
 * weights ({@link MomentDeposit}), {@link #randomInitialisation the exact law of a random initialisation} at
 * dimension d (the same deposit, integrated over the law), {@link #sampledRandomInitialisation a sampled one}, or
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
     * Deposits weighted particles onto the cells with the moment-conserving cloud-in-cell weights of
     * {@link MomentDeposit} (each particle shared among the four cells around it, linear in m² along m and
     * linear in q⊥ along q⊥). Mass, mean m² and mean q⊥ of the grid (cells at their centres) equal those of
     * the particles to round-off for every particle between two same-sign centres in m and within
     * [Δq/2, qMax − Δq/2] in q⊥; a particle in the central gap between the innermost centres ±c raises mean
     * m² by at most c²·(its weight); particles beyond the outermost centres, or outside the domain, go to the
     * boundary cell (no mass is lost). Weights are normalised to total mass 1.
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
        int nx = grid.xiCells();
        int nq = grid.qCells();
        for (int n = 0; n < m.length; n++) {
            double w = weights == null ? 1.0 : weights[n];
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights[" + n + "]: " + w + "; must be a finite number >= 0");
            }
            if (!Double.isFinite(m[n]) || !(qPerp[n] >= 0) || !Double.isFinite(qPerp[n])) {
                throw new IllegalArgumentException("particle " + n + ": (m, qPerp) = (" + m[n] + ", " + qPerp[n]
                        + "); m must be finite and qPerp a finite number >= 0");
            }
            int i = MomentDeposit.columnBelow(grid, m[n]);
            double upperI = i < 0 || i == nx - 1 ? 0.0 : MomentDeposit.upperColumnShare(grid, i, m[n]);
            int j = MomentDeposit.rowBelow(grid, qPerp[n]);
            double upperJ = j < 0 || j == nq - 1 ? 0.0 : MomentDeposit.upperRowShare(grid, j, qPerp[n]);
            int i0 = Math.max(i, 0);
            int j0 = Math.max(j, 0);
            double wLowI = i < 0 ? 0.0 : 1.0 - upperI;
            double wLowJ = j < 0 ? 0.0 : 1.0 - upperJ;
            // i = −1 (below the first centre): everything to column 0, which is i + 1 → share 1
            double wHighI = i < 0 ? 1.0 : upperI;
            double wHighJ = j < 0 ? 1.0 : upperJ;
            int i1 = Math.min(i + 1, nx - 1);
            int j1 = Math.min(j + 1, nq - 1);
            mass[grid.index(i0, j0)] += w * wLowI * wLowJ;
            mass[grid.index(i0, j1)] += w * wLowI * wHighJ;
            mass[grid.index(i1, j0)] += w * wHighI * wLowJ;
            mass[grid.index(i1, j1)] += w * wHighI * wHighJ;
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
     * (the law {@link org.sgdlimits.meanfield.Particles#sampleRandom} samples). Cell masses are the
     * {@link MomentDeposit moment-conserving deposit} of the law, integrated in closed form (normal and gamma
     * CDFs and partial moments): the grid is what {@link #fromParticles} gives for infinitely many particles
     * of the law. Its mass and mean q⊥ are exact, and its mean m² is exact up to the central gap (too high by
     * at most c²·P(|m| &lt; c), c the innermost centre) and the half cells at the walls.
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
        double[] pm = normalColumnMasses(grid, Math.sqrt(initVariance * teacherOverlap / dimension));
        double[] pq = gammaRowMasses(grid, 0.5 * (dimension - 1), 2.0 * initVariance / dimension);
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
     * {@link #randomInitialisation} (seeded), then deposited ({@link #fromParticles}). This is what a width-p network at dimension d
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

    /**
     * Column masses of m ~ N(0, sd²) under the deposit: the mass of each centre-to-centre interval is shared
     * between its two columns by the partial moments (m² on same-sign intervals, m across 0), the tails beyond
     * the outermost centres go to the end columns.
     */
    private static double[] normalColumnMasses(StretchedGrid g, double sd) {
        int n = g.xiCells();
        double[] col = new double[n];
        col[0] += normalMass(Double.NEGATIVE_INFINITY, g.mCentre(0) / sd);
        col[n - 1] += normalMass(g.mCentre(n - 1) / sd, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n - 1; i++) {
            double lo = g.mCentre(i);
            double hi = g.mCentre(i + 1);
            double za = lo / sd;
            double zb = hi / sd;
            double p0 = normalMass(za, zb);
            double upper;
            if (MomentDeposit.sharedInSquare(g, i)) {
                // ∫ m² φ = sd² [Φ(z) − z φ(z)]: share (m² − lo²)/(hi² − lo²)
                double p2 = sd * sd * (p0 - (zb * StandardNormal.density(zb) - za * StandardNormal.density(za)));
                upper = (p2 - lo * lo * p0) / (hi * hi - lo * lo);
            } else {
                // ∫ m φ = −sd φ(z): share (m − lo)/(hi − lo)
                double p1 = sd * (StandardNormal.density(za) - StandardNormal.density(zb));
                upper = (p1 - lo * p0) / (hi - lo);
            }
            upper = Math.max(0.0, Math.min(p0, upper));
            col[i] += p0 - upper;
            col[i + 1] += upper;
        }
        return col;
    }

    /**
     * Row masses of q⊥ ~ Gamma(shape, scale) under the deposit (linear in q⊥ between row centres; tails to the
     * end rows). Uses E[q 1{a &lt; q &lt; b}] = shape·scale·[P(shape + 1, ·)]_a^b.
     */
    private static double[] gammaRowMasses(StretchedGrid g, double shape, double scale) {
        int n = g.qCells();
        double[] row = new double[n];
        double mean = shape * scale;
        row[0] += gammaMass(shape, 0, g.qCentre(0) / scale);
        row[n - 1] += gammaMass(shape, g.qCentre(n - 1) / scale, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n - 1; j++) {
            double lo = g.qCentre(j);
            double hi = g.qCentre(j + 1);
            double p0 = gammaMass(shape, lo / scale, hi / scale);
            double p1 = mean * gammaMass(shape + 1, lo / scale, hi / scale);
            double upper = Math.max(0.0, Math.min(p0, (p1 - lo * p0) / (hi - lo)));
            row[j] += p0 - upper;
            row[j + 1] += upper;
        }
        return row;
    }

    /** P(za &lt; Z &lt; zb) for a standard normal, from the tail on the side of the interval (no cancellation). */
    private static double normalMass(double za, double zb) {
        if (za >= 0) {
            return StandardNormal.cdf(-za) - StandardNormal.cdf(-zb);
        }
        return StandardNormal.cdf(zb) - StandardNormal.cdf(za);
    }


    /** P(xa &lt; X &lt; xb) for X ~ Gamma(shape, 1), from the tail on the side of the interval. */
    private static double gammaMass(double shape, double xa, double xb) {
        if (xa >= shape) {
            double qb = Double.isInfinite(xb) ? 0.0 : Gamma.regularizedGammaQ(shape, xb);
            return Gamma.regularizedGammaQ(shape, xa) - qb;
        }
        double pb = Double.isInfinite(xb) ? 1.0 : Gamma.regularizedGammaP(shape, xb);
        return pb - Gamma.regularizedGammaP(shape, xa);
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

    /** Mean over units of m P⁻¹ m (docs/theory.md §7 column mean_m2), k = 1: mean m² / P. */
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

    /** Mean over units of q⊥ (docs/theory.md §7 column mean_qperp). */
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
