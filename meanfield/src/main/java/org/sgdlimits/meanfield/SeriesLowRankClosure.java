package org.sgdlimits.meanfield;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;
import org.sgdlimits.meanfield.ConditionalMoments.Moment;

/**
 * The corrected (low-rank) closure of docs/closure.md §2 for any activation (k = 1, fixed second layer) by the
 * heat-kernel (Price) series in H of docs/closure.md §5 ("Series route"), truncated at order N: error O(|H|^(N+1))
 * with a p-independent constant, for H of any sign, in O(p · n_ν · N² r^N) operations (n_ν the plain closure's
 * teacher-field rule).
 *
 * <p><b>Construction.</b> H = U Λ Uᵀ, ψ_i = Φ_i U, s_i = Σ_k Λ_k ψ_ik². Given the teacher field ν and a latent
 * shift w, λ_i = m_i ν/ρ + ψ_i·w + √(q⊥_i − s_i) ξ_i makes the units independent, and w ~ N(0, Λ) gives the
 * ansatz's covariance. Every quantity of the latent-Gaussian construction ({@link LatentLowRankClosure}: the
 * population sums R, W and the Galerkin node sums, the per-unit drift terms) is a polynomial in population sums
 * Σ_l f_l(w) and per-unit functions of w, averaged with the formal Gaussian E[w^β] = Π_k (β_k − 1)!! Λ_k^(β_k/2):
 * an identity between polynomials in H order by order, so it holds for indefinite H and needs no q⊥_i ≥ s_i.
 *
 * <p><b>Wick form (docs/closure.md §5).</b> A unit's function F(μ + z, q⊥ − s) of its shift z = ψ_i·w has the
 * normal-ordered expansion Σ_n F⁽ⁿ⁾(μ, q⊥)/n! :zⁿ:, and a product of two such functions of one unit is
 * Σ_c C(a,c) C(b,c) c! s^c :z^(a+b−2c): per pair of terms. In this basis a factor's terms of degree n must be
 * contracted with other factors (n powers of H), so each unit contributes only its terms with n + j ≤ N (j the
 * power of s from its own contractions): N + 1 derivatives per moment, population sums over (β, j) with
 * |β| + j ≤ N ({@link LatentSeries#wickSize}), and contractions E[P · J] = Σ_n J_n Σ_{|β|=n} (n!/β!) ψ^β Λ^β
 * E[∂^β P] (Gaussian integration by parts). The node-level algebra (products of population sums, pairings) runs
 * on ordinary (w, ε) jets ({@link LatentSeries#wickToOrdinary}).
 *
 * <p><b>Evaluation.</b> Two passes over the units, like {@link ParticleDrift}: the first accumulates the population
 * sums of every teacher-field node and the single-unit (self) terms, the second contracts each unit's jets with
 * node tables of R and X + Δ. The moment derivatives of a unit come for all its nodes at once from
 * {@link ConditionalMoments#derivativesOnLattice} (the nodes ν_j = j h give μ_j = j·m_i h/ρ), each moment to the
 * order it is used at, and all of a unit's nodes are processed together as rows of lanes ({@link UnitWickAlgebra});
 * S2D2 enters only a self term through its value, whose teacher-field average is the provider's closed form when it
 * has one ({@link ConditionalMoments#squareTimesDerivativeSquare}, erf), as in the plain drift. For an odd
 * student and an odd teacher every integrand is even in ν (ν → −ν is w → −w with signs that cancel in pairs), so
 * only the nodes ν ≥ 0 are visited, with doubled weights. Chunks of {@value #CHUNK} units run on the common
 * fork-join pool; partial sums are reduced in chunk order (bit-identical for any thread count). Not thread-safe
 * (buffers).
 */
public final class SeriesLowRankClosure implements LinearCostLowRankClosure {

    /** Default order N of the series. */
    public static final int DEFAULT_ORDER = 2;

    /** Units per chunk: the plain drift's chunk size. */
    static final int CHUNK = ParticleDrift.CHUNK;

    private static final int MOMENTS = Moment.values().length;

    private final ConditionalMoments moments;
    private final DenseLowRankClosure.Basis basis;
    private final TeacherFieldQuadrature rule;
    private final LatentSeries series;
    private final UnitWickAlgebra unit;
    private final double rho;
    private final double noiseCoefficient;
    private final double labelNoise;
    private final double c;
    private final int p;
    private final int r;
    private final int order;
    /** Derivatives 0..N + 1 per moment (G = E[σ'(λ)(λ − μ0)] needs one more than N). */
    private final int nd;
    private final int centre;
    /**
     * Derivative orders per moment of the two passes: N for a moment's Wick jet, N + 1 for D (G = q⊥ D' + …; SG
     * enters only through its value q⊥ SD'), S2D2 only through a self term's value (closed form for erf); the
     * second pass needs no Owen's-T moment.
     */
    private final int[] populationOrders;
    /** Whether Σ_ν w S2D2 = E_ν[E[σ²σ'²]] comes from {@link ConditionalMoments#squareTimesDerivativeSquare}. */
    private final boolean closedS2D2;
    private final int[] contractedOrders;
    /** Teacher-field nodes visited (all, or ν ≥ 0 under parity), their weights, fields and teacher outputs. */
    private final int visits;
    private final double[] visitWeight;
    private final double[] visitWeightField;
    private final double[] visitField;
    private final double[] visitTeacher;
    private final boolean mirrored;
    private final int ws;
    private final int js;
    private final int sums;
    private final double[] a;
    private final double[] phi;
    private final double[] dphi;
    private final double[] psi;
    private final double[] s;
    /** Per unit: s^j ψ^β over the population Wick entries. */
    private final double[] weights;
    private final Workspace[] workspaces;
    /** Population Wick sums in rows of lanes: [sum · ws + x][v], sums R, W, then per column a0, bd, bc, C. */
    private final double[][] popWick;
    /** The same as ordinary jets: [(v · sums + sum) · js]. */
    private final double[] pop;
    /** Contraction tables of R and X + Δ in rows of lanes: [x][v]. */
    private final double[][] tableR;
    private final double[][] tableX;
    private final double[] ku;
    private final double[] k0;
    private final double[] tmp;
    private final double[] popX;
    private final double[][] bb;
    // outputs
    private final double[] gm;
    private final double[] gq;
    private final double[] nq;
    private final double[] pi;
    private final double[] fii;
    private final double[] yGrad;
    private final double[] yNoise;
    private double risk;

    /** Per-chunk buffers: one unit's derivatives on its lattice and Wick jets, the chunk's partial sums. */
    private final class Workspace {
        /** Derivatives in rows of lanes: moment k, order n, lane v at der[k·nd + n][v]. */
        final double[][] der = new double[MOMENTS * nd][visits];
        /** Per moment, its rows of {@link #der} (views, no copies): the linear jets of {@link UnitWickAlgebra}. */
        final double[][][] moment = new double[MOMENTS][][];
        /** The mirrored lattice's derivatives (all nodes visited). */
        final double[][] lattice = new double[MOMENTS * nd][centre + 1];
        final double[][] centredD = unit.newLinear();
        final double[][] mu = unit.newLinear();
        /** General jets: S⋆S, S⋆D, SD − S⋆D, 2 S⋆S − E2, the Bc jet, D⋆D and one temporary. */
        final double[][] ss = unit.newGeneral();
        final double[][] sd = unit.newGeneral();
        final double[][] bd = unit.newGeneral();
        final double[][] t1 = unit.newGeneral();
        final double[][] bc = unit.newGeneral();
        final double[][] dd = unit.newGeneral();
        final double[][] tmp = unit.newGeneral();
        final double[][] acc = new double[5][visits];
        final double[] sPowers = new double[order + 1];
        final double[][] reducedR = unit.newGeneral();
        final double[][] reducedX = unit.newGeneral();
        final double[][] popWick = new double[sums * ws][visits];
        /** Per column b: α_b = Φ_ib a_i, α_b c a_i, α_b c² a_i², and the first rows of its four sums. */
        final double[] alpha = new double[r];
        final double[] alphaCa = new double[r];
        final double[] alphaCa2 = new double[r];
        final double[] alphaQ = new double[r];
        final double[] alphaMinus = new double[r];
        final int[] rowsA0 = new int[r];
        final int[] rowsBd = new int[r];
        final int[] rowsBc = new int[r];
        final int[] rowsC = new int[r];

        Workspace() {
            Arrays.fill(mu[1], 1.0);
            for (int b = 0; b < r; b++) {
                rowsA0[b] = (2 + 4 * b) * ws;
                rowsBd[b] = rowsA0[b] + ws;
                rowsBc[b] = rowsA0[b] + 2 * ws;
                rowsC[b] = rowsA0[b] + 3 * ws;
            }
            for (int k = 0; k < MOMENTS; k++) {
                moment[k] = Arrays.copyOfRange(der, k * nd, (k + 1) * nd);
            }
        }
    }

    /**
     * @param student     student activation σ (its {@link ConditionalMoments#derivatives}: closed form for erf)
     * @param teacher     teacher activation σ* (k = 1)
     * @param rho         P &gt; 0
     * @param aStar       teacher second layer a*
     * @param secondLayer the fixed a_i (length p, the width)
     * @param basis       the basis Φ
     * @param settings    width p (self-interaction 1/p), noise coefficient g/B, label noise; weight decay and a
     *                    second-layer rate must be 0
     * @param order       N, 1..4
     */
    public SeriesLowRankClosure(Activation student, Activation teacher, double rho, double aStar,
                                double[] secondLayer, DenseLowRankClosure.Basis basis, ParticleDriftSettings settings,
                                int order) {
        this(student, teacher, rho, aStar, secondLayer, basis, settings, order, true);
    }

    /** As the public constructor; {@code useParity = false} visits every node even when the integrands are even. */
    SeriesLowRankClosure(Activation student, Activation teacher, double rho, double aStar, double[] secondLayer,
                         DenseLowRankClosure.Basis basis, ParticleDriftSettings settings, int order,
                         boolean useParity) {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(teacher, "teacher");
        this.basis = Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(settings, "settings");
        if (!(rho > 0)) {
            throw new IllegalArgumentException("P: " + rho + "; must be > 0");
        }
        if (settings.weightDecay() != 0 || settings.secondLayerRate() != 0) {
            throw new IllegalArgumentException("weightDecay, secondLayerRate: the low-rank closure is written for "
                    + "no weight decay and a fixed second layer");
        }
        this.p = secondLayer.length;
        if (Math.abs(settings.selfInteraction() * p - 1) > 1e-12) {
            throw new IllegalArgumentException("settings.width: " + settings.width() + "; must equal the number of "
                    + "units " + p);
        }
        this.series = new LatentSeries(basis.rank(), order);
        this.order = order;
        this.nd = order + 2;
        populationOrders = new int[MOMENTS];
        Arrays.fill(populationOrders, order);
        populationOrders[Moment.D.ordinal()] = order + 1;
        this.moments = ConditionalMoments.forActivation(student);
        // S2D2 enters only a self term through its value, whose teacher-field average has a closed form for erf
        this.closedS2D2 = !Double.isNaN(moments.squareTimesDerivativeSquare(1.0, 0.5));
        populationOrders[Moment.S2D2.ordinal()] = closedS2D2 ? -1 : 0;
        contractedOrders = new int[MOMENTS];
        Arrays.fill(contractedOrders, -1);
        for (Moment kind : new Moment[] {Moment.S, Moment.SD, Moment.D2, Moment.SD2}) {
            contractedOrders[kind.ordinal()] = order;
        }
        contractedOrders[Moment.D.ordinal()] = order + 1;
        this.rho = rho;
        this.r = basis.rank();
        this.a = secondLayer.clone();
        this.noiseCoefficient = settings.noiseCoefficient();
        this.labelNoise = settings.labelNoise();
        this.c = settings.selfInteraction();
        this.rule = TeacherFieldQuadrature.trapezoid(new double[] {rho}, TeacherFieldQuadrature.DEFAULT_TRAPEZOID_STEP,
                TeacherFieldQuadrature.DEFAULT_TRAPEZOID_HALF_WIDTH);
        int nodes = rule.size();
        this.centre = (nodes - 1) / 2; // the trapezoid rule: node centre ± j is ν = ±j·step
        this.mirrored = useParity && moments.parity() == Parity.ODD && teacher.parity() == Parity.ODD;
        this.visits = mirrored ? centre + 1 : nodes;
        visitWeight = new double[visits];
        visitField = new double[visits];
        visitTeacher = new double[visits];
        visitWeightField = new double[visits];
        for (int v = 0; v < visits; v++) {
            int node = v <= centre ? centre + v : centre - (v - centre);
            visitWeight[v] = rule.weight(node) * (mirrored && v > 0 ? 2 : 1);
            visitField[v] = rule.field(node, 0);
            visitTeacher[v] = aStar * teacher.value(visitField[v]);
            visitWeightField[v] = visitWeight[v] * visitField[v];
        }
        this.unit = new UnitWickAlgebra(order, visits);
        phi = new double[p * r];
        dphi = new double[p * r];
        psi = new double[p * r];
        s = new double[p];
        ws = series.wickSize();
        js = series.size();
        weights = new double[p * ws];
        sums = 2 + 4 * r;
        popWick = new double[sums * ws][visits];
        pop = new double[visits * sums * js];
        int chunks = (p + CHUNK - 1) / CHUNK;
        workspaces = new Workspace[chunks];
        for (int ch = 0; ch < chunks; ch++) {
            workspaces[ch] = new Workspace();
        }
        tableR = new double[ws][visits];
        tableX = new double[ws][visits];
        ku = new double[js];
        k0 = new double[js];
        tmp = new double[js];
        popX = new double[js];
        bb = new double[r][js];
        gm = new double[p];
        gq = new double[p];
        nq = new double[p];
        pi = new double[p];
        fii = new double[p];
        yGrad = new double[r * r];
        yNoise = new double[r * r];
    }

    @Override
    public int width() {
        return p;
    }

    @Override
    public int rank() {
        return r;
    }

    @Override
    public double teacherOverlap() {
        return rho;
    }

    @Override
    public double labelNoise() {
        return labelNoise;
    }

    /** The order N of the series. */
    public int order() {
        return order;
    }

    /** Copy of the fixed second layer a_i. */
    public double[] secondLayer() {
        return a.clone();
    }

    @Override
    public void derivatives(double[] y, double[] yDot) {
        derivatives(y, 1.0, yDot);
    }

    /** The right-hand side with a learning-rate schedule factor s (gradient parts × s, noise parts × s²). */
    public void derivatives(double[] y, double scheduleFactor, double[] yDot) {
        evaluate(y, true);
        LowRankGalerkin.assemble(p, basis, a, rho, y, scheduleFactor, noiseCoefficient, gm, gq, nq, yGrad, yNoise,
                phi, dphi, yDot);
    }

    @Override
    public double excessRisk(double[] y) {
        evaluate(y, false);
        return risk;
    }

    /** Φ, the eigen-decomposition of H, ψ_i, s_i, the units' expansion weights and the series' variances. */
    private void prepare(double[] y) {
        double[][] eig = LowRankGalerkin.eigen(y, p, r);
        double[] lambda = eig[0];
        double[] u = eig[1];
        series.setVariances(lambda);
        ParticleDrift.runChunks(workspaces.length, ch -> {
            int end = Math.min(p, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                basis.fill(a[i], y[i], Math.max(0, y[p + i]), 0, 0, phi, dphi, i * r);
                double si = 0;
                for (int k = 0; k < r; k++) {
                    double v = 0;
                    for (int x = 0; x < r; x++) {
                        v += phi[i * r + x] * u[x * r + k];
                    }
                    psi[i * r + k] = v;
                    si += lambda[k] * v * v;
                }
                s[i] = si;
                series.unitWeights(psi, i * r, si, weights, i * ws);
            }
        });
    }

    /** One evaluation: ε and, if {@code full}, gm, gq, nq (per unit) and yGrad, yNoise. */
    private void evaluate(double[] y, boolean full) {
        prepare(y);
        int chunks = workspaces.length;
        Arrays.fill(gm, 0.0);
        Arrays.fill(gq, 0.0);
        Arrays.fill(nq, 0.0);
        Arrays.fill(pi, 0.0);
        Arrays.fill(fii, 0.0);
        // pass 1: population sums per node and the self terms, chunk partials reduced in chunk order
        ParticleDrift.runChunks(chunks, ch -> {
            Workspace w = workspaces[ch];
            for (double[] row : w.popWick) {
                Arrays.fill(row, 0.0);
            }
            int end = Math.min(p, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                unitPopulation(w, i, y);
            }
        });
        for (double[] row : popWick) {
            Arrays.fill(row, 0.0);
        }
        for (int ch = 0; ch < chunks; ch++) {
            double[][] part = workspaces[ch].popWick;
            for (int x = 0; x < popWick.length; x++) {
                UnitWickAlgebra.axpy(1, part[x], popWick[x]);
            }
        }
        for (int v = 0; v < visits; v++) {
            for (int sum = 0; sum < sums; sum++) {
                series.wickToOrdinary(popWick, sum * ws, v, pop, (v * sums + sum) * js);
            }
        }
        double[] z = new double[r * r];
        Arrays.fill(yNoise, 0.0);
        risk = 0;
        // B_b = Σ_j Φ_jb μ'_j: constant Σ_j Φ_jb m_j ν/ρ, linear Σ_j Φ_jb ψ_jk w_k
        double[] smPhi = new double[r];
        double[] phiPsi = new double[r * r];
        for (int i = 0; i < p; i++) {
            for (int x = 0; x < r; x++) {
                smPhi[x] += phi[i * r + x] * y[i];
                for (int k = 0; k < r; k++) {
                    phiPsi[x * r + k] += phi[i * r + x] * psi[i * r + k];
                }
            }
        }
        int[] linear = new int[r];
        for (int k = 0; k < r; k++) {
            linear[k] = series.linearIndex(k);
        }
        double[] rr = new double[js];
        double[] ww = new double[js];
        double[][] a0 = new double[r][js];
        double[][] bd = new double[r][js];
        double[][] bc = new double[r][js];
        double[][] cc = new double[r][js];
        for (int v = 0; v < visits; v++) {
            double w = visitWeight[v];
            double nu = visitField[v];
            int o = v * sums * js;
            System.arraycopy(pop, o, rr, 0, js);
            System.arraycopy(pop, o + js, ww, 0, js);
            rr[0] -= visitTeacher[v];                    // R = Σ c a S − a* σ*(ν)
            series.multiply(rr, rr, popX);
            for (int x = 0; x < js; x++) {
                popX[x] += ww[x];                        // X = R² + W
            }
            risk += 0.5 * w * series.expectation(popX);
            if (!full) {
                continue;
            }
            popX[0] += labelNoise;                       // X + Δ
            for (int b = 0; b < r; b++) {
                int ob = o + (2 + 4 * b) * js;
                System.arraycopy(pop, ob, a0[b], 0, js);
                System.arraycopy(pop, ob + js, bd[b], 0, js);
                System.arraycopy(pop, ob + 2 * js, bc[b], 0, js);
                System.arraycopy(pop, ob + 3 * js, cc[b], 0, js);
                Arrays.fill(bb[b], 0.0);
                bb[b][0] = smPhi[b] * nu / rho;
                for (int k = 0; k < r; k++) {
                    bb[b][linear[k]] = phiPsi[b * r + k];
                }
            }
            for (int x = 0; x < r; x++) {
                series.multiply(rr, a0[x], ku);
                series.multiply(popX, a0[x], k0);
                series.multiply(rr, bd[x], tmp);
                for (int t = 0; t < js; t++) {
                    ku[t] += bd[x][t];                                  // G_a = R a0 + bd
                    k0[t] += 2 * tmp[t] + bc[x][t];                     // (X + Δ) a0 + 2R bd + bc
                }
                for (int q = 0; q < r; q++) {
                    z[x * r + q] += w * (series.pair(ku, bb[q]) + c * series.pair(a0[x], cc[q]));
                    yNoise[x * r + q] += w * (series.pair(k0, a0[q]) + series.pair(a0[x], bc[q])
                            + 2 * series.pair(ku, bd[q]));
                }
            }
            series.contractionTable(rr, tableR, v);
            series.contractionTable(popX, tableX, v);
        }
        if (!full) {
            return;
        }
        // pass 2: per-unit terms against the node tables of R and X + Δ
        ParticleDrift.runChunks(chunks, ch -> {
            Workspace w = workspaces[ch];
            int end = Math.min(p, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                unitTerms(w, i, y);
            }
        });
        double[] mGrad = new double[r * r];
        double[] mNoise = new double[r * r];
        for (int i = 0; i < p; i++) {
            double ai = a[i];
            for (int x = 0; x < r; x++) {
                double alx = phi[i * r + x] * ai;
                for (int q = 0; q < r; q++) {
                    mGrad[x * r + q] += alx * phi[i * r + q] * pi[i];
                    mNoise[x * r + q] += alx * phi[i * r + q] * ai * fii[i];
                }
            }
        }
        for (int x = 0; x < r * r; x++) {
            z[x] -= mGrad[x];
            yNoise[x] -= mNoise[x];
        }
        for (int x = 0; x < r; x++) {
            for (int q = 0; q < r; q++) {
                yGrad[x * r + q] = -(z[x * r + q] + z[q * r + x]);
            }
        }
    }

    /**
     * Unit i's moment derivatives (orders 0..N + 1 of the requested kinds) at every visited node into w.der: the
     * lattice μ_j = j·m_i h/ρ, j = 0..centre, at slots 0..centre, and (all nodes visited) the mirrored lattice at
     * slots centre + 1 .. 2·centre + 1.
     */
    private void unitDerivatives(Workspace w, double m, double q, int[] orders) {
        double step = m * visitField[1] / rho;
        lattice(step, q, orders, w, 0, 0);
        if (!mirrored) {
            lattice(-step, q, orders, w, 1, centre);
        }
    }

    /** Lattice points j ≥ first into lanes shift + j. */
    private void lattice(double step, double q, int[] orders, Workspace w, int first, int shift) {
        if (first == 0 && shift == 0) {
            moments.derivativesOnLattice(step, centre + 1, q, orders, w.der);
            return;
        }
        moments.derivativesOnLattice(step, centre + 1, q, orders, w.lattice);
        for (int x = 0; x < w.der.length; x++) {
            System.arraycopy(w.lattice[x], first, w.der[x], shift + first, centre + 1 - first);
        }
    }

    /** Pass 1: unit i's terms of every population sum (into w.popWick) and its self terms (gm, gq, nq, pi, fii). */
    private void unitPopulation(Workspace w, int i, double[] y) {
        UnitWickAlgebra u = unit;
        double ai = a[i];
        double ca = c * ai;
        double ca2 = ca * ca;
        double qi = Math.max(0, y[p + i]);
        int wo = i * ws;
        double[][][] m = w.moment;
        double[][] lS = m[Moment.S.ordinal()];
        double[][] lE2 = m[Moment.SQUARE.ordinal()];
        double[][] lD = m[Moment.D.ordinal()];
        double[][] lSD = m[Moment.SD.ordinal()];
        double[][] lSQD = m[Moment.SQUARE_D.ordinal()];
        double[][] lD2 = m[Moment.D2.ordinal()];
        double[][] lSD2 = m[Moment.SD2.ordinal()];
        double[][] lS2D2 = m[Moment.S2D2.ordinal()];
        double[][] lG = w.centredD;
        double[][] lMu = w.mu;
        double[][] ss = w.ss;
        double[][] sdp = w.sd;
        double[][] j15 = w.bd;
        double[][] t1 = w.t1;
        double[][] j20 = w.bc;
        double[][] dd = w.dd;
        double[][] tmp1 = w.tmp;
        double[] sp = w.sPowers;
        u.powers(s[i], sp);
        unitDerivatives(w, y[i], qi, populationOrders);
        u.centredLinear(lD, qi, lG);
        muJet(y[i], lMu);
        u.multiply(lS, lS, ss);
        u.multiply(lS, lD, sdp);
        u.multiply(lS, lSD, tmp1);
        u.multiply(lD, lD, dd);
        u.scale(sdp, -1, j15);
        u.addLinear(lSD, 1, j15);                        // SD − S⋆D = (u − xD)/(c a)
        u.scale(ss, 2, t1);
        u.addLinear(lE2, -1, t1);                        // S⋆S − V = 2 S⋆S − E2
        u.multiplyGeneral(t1, lD, j20);
        u.add(tmp1, -2, j20);
        u.addLinear(lSQD, 1, j20);                       // (x²D − yD − 2xu + t)/(c a)²
        double[][] pw = w.popWick;
        series.accumulateLinear(lS, ca, weights, wo, pw, 0);
        series.accumulateLinear(lE2, ca2, weights, wo, pw, ws);        // W: V = E2 − S⋆S
        series.accumulate(ss, -ca2, weights, wo, pw, ws);
        double[] al = w.alpha;
        double[] al1 = w.alphaCa;
        double[] al2 = w.alphaCa2;
        double[] alq = w.alphaQ;
        double[] alm = w.alphaMinus;
        for (int b = 0; b < r; b++) {
            al[b] = phi[i * r + b] * ai;
            al1[b] = al[b] * ca;
            al2[b] = al1[b] * ca;
            alq[b] = al[b] * qi;
            alm[b] = -al[b];
        }
        series.accumulateLinearColumns(lD, 0, al, weights, wo, pw, w.rowsA0);
        series.accumulateColumns(j15, al1, weights, wo, pw, w.rowsBd);
        series.accumulateColumns(j20, al2, weights, wo, pw, w.rowsBc);
        // C = Σ α d⋆D with d = q⊥ − s: q⊥ D on the s⁰ entries, −D on the s¹ entries
        series.accumulateLinearColumns(lD, 0, alq, weights, wo, pw, w.rowsC);
        series.accumulateLinearColumns(lD, 1, alm, weights, wo, pw, w.rowsC);
        // self terms: single-unit expectations E1 over the unit's own shift, per node
        double[] accM = w.acc[0];
        double[] accQ = w.acc[1];
        double[] accN = w.acc[2];
        double[] accP = w.acc[3];
        double[] accF = w.acc[4];
        // ṁ: −a ν c a E1[SD − S⋆D];  q̇⊥: 2 a c a (E1[S⋆G] − SG)
        u.setMean(j15, sp, -ai * ca, accM);
        UnitWickAlgebra.scaleRow(-2 * ai * ca * qi, lSD[1], accQ);   // SG = q⊥ SD' (Stein)
        u.addPair(lS, lG, sp, 2 * ai * ca, accQ);
        // noise: a² c²a² (E1[(S⋆S − V)⋆D2] − 2 E1[S⋆SD2] + S2D2)
        if (closedS2D2) {
            Arrays.fill(accN, 0.0);
        } else {
            UnitWickAlgebra.scaleRow(ai * ai * ca2, lS2D2[0], accN);
        }
        u.addPairGeneral(t1, lD2, sp, ai * ai * ca2, accN);
        u.addPair(lS, lSD2, sp, -2 * ai * ai * ca2, accN);
        // Galerkin diagonal, gradient: c a (E1[(SD − S⋆D)⋆μ'] + E1[d⋆D⋆D]); d = q⊥ − s has no z-dependence, so
        // E1[d⋆D⋆D] = Σ_c (q⊥ s^c − s^(c+1) [c < N]) (D⁽ᶜ⁾)²/c!
        Arrays.fill(accP, 0.0);
        u.addPairGeneral(j15, lMu, sp, ca, accP);
        for (int cc = 0; cc <= order; cc++) {
            double coef = (qi * sp[cc] - (cc < order ? sp[cc + 1] : 0.0)) / UnitWickAlgebra.factorial(cc);
            UnitWickAlgebra.product(ca * coef, lD[cc], lD[cc], accP);
        }
        // Galerkin diagonal, noise: c²a² E1[(4 S⋆S − 2V)⋆D⋆D + (−8 S⋆D + 2 SD)⋆SD + 2 SQD⋆D], 4 S⋆S − 2V = 6 S⋆S − 2 E2
        Arrays.fill(accF, 0.0);
        u.addPairGenerals(ss, dd, sp, 6 * ca2, accF);
        u.addPairGeneral(dd, lE2, sp, -2 * ca2, accF);
        u.addPairGeneral(sdp, lSD, sp, -8 * ca2, accF);
        u.addPair(lSD, lSD, sp, 2 * ca2, accF);
        u.addPair(lSQD, lD, sp, 2 * ca2, accF);
        gm[i] += dot(visitWeightField, accM);
        gq[i] += dot(visitWeight, accQ);
        nq[i] += dot(visitWeight, accN);
        if (closedS2D2) {
            double qii = y[i] * y[i] / rho + qi;       // Var λ_i = m²/ρ + q⊥ (the teacher-field average)
            nq[i] += ai * ai * ca2 * moments.squareTimesDerivativeSquare(qii, qii);
        }
        pi[i] += dot(visitWeight, accP);
        fii[i] += dot(visitWeight, accF);
    }

    /** Pass 2: unit i's drift terms (gm, gq, nq) and Galerkin diagonal terms (pi, fii) against the node tables. */
    private void unitTerms(Workspace w, int i, double[] y) {
        UnitWickAlgebra u = unit;
        double ai = a[i];
        double ca = c * ai;
        double qi = Math.max(0, y[p + i]);
        int wo = i * ws;
        double[][][] m = w.moment;
        double[][] lS = m[Moment.S.ordinal()];
        double[][] lD = m[Moment.D.ordinal()];
        double[][] lSD = m[Moment.SD.ordinal()];
        double[][] lD2 = m[Moment.D2.ordinal()];
        double[][] lSD2 = m[Moment.SD2.ordinal()];
        double[][] lG = w.centredD;
        double[][] lMu = w.mu;
        double[][] dd = w.dd;
        unitDerivatives(w, y[i], qi, contractedOrders);
        u.centredLinear(lD, qi, lG);
        muJet(y[i], lMu);
        double[][] rR = w.reducedR;
        double[][] rX = w.reducedX;
        series.reduce(tableR, weights, wo, rR);
        series.reduce(tableX, weights, wo, rX);
        double[] accM = w.acc[0];
        double[] accQ = w.acc[1];
        double[] accN = w.acc[2];
        double[] accP = w.acc[3];
        double[] accF = w.acc[4];
        Arrays.fill(accM, 0.0);
        Arrays.fill(accQ, 0.0);
        Arrays.fill(accN, 0.0);
        Arrays.fill(accF, 0.0);
        // ṁ: −a ν E[R D];  q̇⊥ gradient: −2a E[R G]
        u.addDot(lD, rR, 1, accM);                       // E[R D] per node, scaled below
        u.addDot(lG, rR, -2 * ai, accQ);
        // noise: a² (E[(X + Δ) D2] − 2 c a E[R (S⋆D2 − SD2)])
        u.addDot(lD2, rX, ai * ai, accN);
        u.addDotProduct(lS, lD2, rR, -2 * ai * ai * ca, accN);
        u.addDot(lSD2, rR, 2 * ai * ai * ca, accN);
        // Galerkin diagonal, gradient: E[R D⋆μ'] = μ0 E[R D] + E[R D⋆z]
        double[] mu0 = lMu[0];
        for (int v = 0; v < accP.length; v++) {
            accP[v] = mu0[v] * accM[v];
        }
        u.addDotShift(lD, rR, 1, accP);
        // Galerkin diagonal, noise: E[(X + Δ) D⋆D] + 4 c a E[R (SD⋆D − S⋆D⋆D)]
        u.addDotProduct(lD, lD, rX, 1, accF);
        u.addDotProduct(lSD, lD, rR, 4 * ca, accF);
        u.multiply(lD, lD, dd);
        u.addDotProductGeneral(dd, lS, rR, -4 * ca, accF);
        gm[i] -= ai * dot(visitWeightField, accM);
        gq[i] += dot(visitWeight, accQ);
        nq[i] += dot(visitWeight, accN);
        pi[i] += dot(visitWeight, accP);
        fii[i] += dot(visitWeight, accF);
    }

    /** μ' = μ0 + z as a linear jet (derivatives in μ0): row 0 μ0 = m ν/ρ (rows 1: 1 and higher: 0 are fixed). */
    private void muJet(double m, double[][] out) {
        UnitWickAlgebra.scaleRow(m / rho, visitField, out[0]);
    }

    private double dot(double[] weight, double[] acc) {
        double sum = 0;
        for (int v = 0; v < visits; v++) {
            sum += weight[v] * acc[v];
        }
        return sum;
    }
}
