package org.sgdlimits.meanfield;

import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.sgdlimits.activation.Activation;

/**
 * The corrected (low-rank) closure of docs/closure.md §2 for any activation (k = 1, fixed second layer) by the
 * heat-kernel (Price) series in H of docs/closure.md §5 ("Series route"), truncated at order N: error O(|H|^(N+1))
 * with a p-independent constant, for H of any sign, in O(p · n_ν · J) operations (n_ν the plain closure's
 * teacher-field rule, J the jet length of {@link LatentSeries}).
 *
 * <p><b>Construction.</b> H = U Λ Uᵀ, ψ_i = Φ_i U, s_i = Σ_k Λ_k ψ_ik². Given the teacher field ν and a latent
 * shift w, λ_i = m_i ν/ρ + ψ_i·w + √(q⊥_i − s_i) ξ_i makes the units independent, and w ~ N(0, Λ) gives the
 * ansatz's covariance. Every quantity of the latent-Gaussian construction ({@link LatentLowRankClosure}: the
 * population sums R, W and the Galerkin node sums, the per-unit drift terms) is a polynomial in population sums
 * Σ_l f_l(w) and per-unit moments of w; their Taylor jets in (w, ε) (ε the order in H, the variance shift −ε s_i
 * through the heat equation) are multiplied as truncated polynomials and averaged with the formal Gaussian
 * E[w^β] = Π_k (β_k − 1)!! Λ_k^(β_k/2). This is an identity between polynomials in H order by order, so it holds
 * for indefinite H and needs no q⊥_i ≥ s_i. Per-unit terms use {@link LatentSeries#contract} (a unit's jet
 * against a node-level table), so the cost per unit and node is O(J), not O(J²).
 *
 * <p><b>Evaluation.</b> Two passes over the units, like {@link ParticleDrift}: the first accumulates the population
 * jets of every teacher-field node, the second contracts each unit's jets with node tables. The moment
 * derivatives are evaluated on the non-negative half of the symmetric teacher rule and reflected by parity
 * (derivative n of a moment of parity π at −μ is π(−1)ⁿ times that at μ). Chunks of {@value #CHUNK} units run on
 * the common fork-join pool; partial sums are reduced in chunk order (bit-identical for any thread count).
 * Not thread-safe (buffers).
 */
public final class SeriesLowRankClosure implements LinearCostLowRankClosure {

    /** Default order N of the series. */
    public static final int DEFAULT_ORDER = 2;

    /** Units per chunk: the plain drift's chunk size. */
    static final int CHUNK = ParticleDrift.CHUNK;

    private static final int MOMENTS = ConditionalMoments.Moment.values().length;

    private final ConditionalMoments moments;
    private final DenseLowRankClosure.Basis basis;
    private final TeacherFieldQuadrature rule;
    private final double[] teacherOutput;
    private final LatentSeries series;
    /** Sign of each moment at −μ relative to +μ (null: no known parity). */
    private final double[] reflection;
    private final double rho;
    private final double noiseCoefficient;
    private final double labelNoise;
    private final double c;
    private final int p;
    private final int r;
    private final int order;
    private final int nd;
    private final int us;
    private final int js;
    private final int sums;
    private final int nodes;
    private final int centre;
    private final double[] a;
    private final double[] phi;
    private final double[] dphi;
    private final double[] psi;
    private final double[] s;
    private final double[] mono;
    private final Workspace[] workspaces;
    /** Population jets per node: [(node · sums + sum) · js], sums R, W, then per column a0, bd, bc, C. */
    private final double[] pop;
    private final double[] prepR;
    private final double[] prepX;
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

    /** Per-chunk buffers: one unit's derivatives and jets, and the chunk's partial population jets. */
    private final class Workspace {
        final double[] der = new double[MOMENTS * nd];
        final double[] derNeg = new double[MOMENTS * nd];
        final double[] gder = new double[nd];
        final double[] sgder = new double[nd];
        final double[][] j = new double[26][us];
        final double[] pop;

        Workspace(int size) {
            pop = new double[size];
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
        this.nd = 2 * order + 2; // derivatives 0..2N+1 (G and SG need one more than 2N)
        this.rho = rho;
        this.r = basis.rank();
        this.a = secondLayer.clone();
        this.noiseCoefficient = settings.noiseCoefficient();
        this.labelNoise = settings.labelNoise();
        this.c = settings.selfInteraction();
        this.moments = ConditionalMoments.forActivation(student);
        this.rule = TeacherFieldQuadrature.trapezoid(new double[] {rho}, TeacherFieldQuadrature.DEFAULT_TRAPEZOID_STEP,
                TeacherFieldQuadrature.DEFAULT_TRAPEZOID_HALF_WIDTH);
        this.nodes = rule.size();
        this.centre = (nodes - 1) / 2; // the trapezoid rule: node centre ± j is ν = ±j·step
        // S, SQUARE, D, SD, D2, SD2, S2D2, SQUARE_D for odd σ (even: σ even, σ' odd)
        this.reflection = switch (moments.parity()) {
            case ODD -> new double[] {-1, 1, 1, -1, 1, -1, 1, 1};
            case EVEN -> new double[] {1, 1, -1, -1, 1, 1, 1, -1};
            default -> null;
        };
        teacherOutput = new double[nodes];
        for (int n = 0; n < nodes; n++) {
            teacherOutput[n] = aStar * teacher.value(rule.field(n, 0));
        }
        phi = new double[p * r];
        dphi = new double[p * r];
        psi = new double[p * r];
        s = new double[p];
        mono = new double[p * series.monomials()];
        us = series.unitSize();
        js = series.size();
        sums = 2 + 4 * r;
        pop = new double[nodes * sums * js];
        int chunks = (p + CHUNK - 1) / CHUNK;
        workspaces = new Workspace[chunks];
        for (int ch = 0; ch < chunks; ch++) {
            workspaces[ch] = new Workspace(pop.length);
        }
        prepR = new double[nodes * series.contractionSize()];
        prepX = new double[nodes * series.contractionSize()];
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

    /** Φ, the eigen-decomposition of H, ψ_i, s_i, the unit monomials and the series' variances. */
    private void prepare(double[] y) {
        for (int i = 0; i < p; i++) {
            basis.fill(a[i], y[i], Math.max(0, y[p + i]), 0, 0, phi, dphi, i * r);
        }
        double[][] h = new double[r][r];
        for (int x = 0; x < r; x++) {
            for (int z = 0; z < r; z++) {
                h[x][z] = 0.5 * (y[2 * p + x * r + z] + y[2 * p + z * r + x]);
            }
        }
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(h, false), 1e-12,
                false);
        double[] lambda = e.getEigenvalues().clone();
        double[] u = new double[r * r];
        for (int k = 0; k < r; k++) {
            for (int x = 0; x < r; x++) {
                u[x * r + k] = e.getEigenvector(k).getEntry(x);
            }
        }
        series.setVariances(lambda);
        int mw = series.monomials();
        for (int i = 0; i < p; i++) {
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
            series.unitMonomials(psi, i * r, mono, i * mw);
        }
    }

    /** One evaluation: ε and, if {@code full}, gm, gq, nq (per unit) and yGrad, yNoise. */
    private void evaluate(double[] y, boolean full) {
        prepare(y);
        int chunks = workspaces.length;
        // pass 1: population jets per node, chunk partials reduced in chunk order
        ParticleDrift.runChunks(chunks, ch -> {
            Workspace ws = workspaces[ch];
            Arrays.fill(ws.pop, 0.0);
            int end = Math.min(p, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                unitPopulation(ws, i, y);
            }
        });
        Arrays.fill(pop, 0.0);
        for (int ch = 0; ch < chunks; ch++) {
            double[] part = workspaces[ch].pop;
            for (int x = 0; x < pop.length; x++) {
                pop[x] += part[x];
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
        int cs = series.contractionSize();
        double[] rr = new double[js];
        double[] ww = new double[js];
        double[][] a0 = new double[r][js];
        double[][] bd = new double[r][js];
        double[][] bc = new double[r][js];
        double[][] cc = new double[r][js];
        for (int n = 0; n < nodes; n++) {
            double w = rule.weight(n);
            double nu = rule.field(n, 0);
            int o = n * sums * js;
            System.arraycopy(pop, o, rr, 0, js);
            System.arraycopy(pop, o + js, ww, 0, js);
            rr[0] -= teacherOutput[n];                   // R = Σ c a S − a* σ*(ν)
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
            series.prepareContraction(rr, prepR, n * cs);
            series.prepareContraction(popX, prepX, n * cs);
        }
        if (!full) {
            return;
        }
        // pass 2: per-unit terms against the node tables of R and X + Δ
        Arrays.fill(gm, 0.0);
        Arrays.fill(gq, 0.0);
        Arrays.fill(nq, 0.0);
        Arrays.fill(pi, 0.0);
        Arrays.fill(fii, 0.0);
        ParticleDrift.runChunks(chunks, ch -> {
            Workspace ws = workspaces[ch];
            int end = Math.min(p, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                unitTerms(ws, i, y);
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
     * Unit i's moment derivatives at the nodes centre ± j (ν ≥ 0 evaluated, ν &lt; 0 by parity): calls
     * {@code node} with the node index, μ0 = m_i ν/ρ and the derivative array.
     */
    private void forEachNode(Workspace ws, int i, double[] y, NodeAction node) {
        double qi = Math.max(0, y[p + i]);
        for (int j = 0; j <= centre; j++) {
            double nu = rule.field(centre + j, 0);
            double mu0 = y[i] * nu / rho;
            moments.derivatives(mu0, qi, nd - 1, ws.der);
            node.at(centre + j, mu0, ws.der);
            if (j == 0) {
                continue;
            }
            if (reflection == null) {
                moments.derivatives(-mu0, qi, nd - 1, ws.derNeg);
            } else {
                for (int kind = 0; kind < MOMENTS; kind++) {
                    double sign = reflection[kind];
                    for (int n = 0; n < nd; n++) {
                        ws.derNeg[kind * nd + n] = sign * ws.der[kind * nd + n];
                        sign = -sign;
                    }
                }
            }
            node.at(centre - j, -mu0, ws.derNeg);
        }
    }

    @FunctionalInterface
    private interface NodeAction {
        void at(int node, double mu0, double[] der);
    }

    /** The jets both passes need, from unit i's derivatives at one node (into ws.j[0..15)). */
    private void baseJets(Workspace ws, double[] der, double mu0, double qi, double si) {
        double[][] j = ws.j;
        series.unitJet(der, ConditionalMoments.Moment.S.ordinal() * nd, si, j[0]);
        series.unitJet(der, ConditionalMoments.Moment.SQUARE.ordinal() * nd, si, j[1]);
        series.unitJet(der, ConditionalMoments.Moment.D.ordinal() * nd, si, j[2]);
        series.unitJet(der, ConditionalMoments.Moment.SD.ordinal() * nd, si, j[3]);
        Arrays.fill(j[10], 0.0);
        j[10][0] = mu0;                               // μ' = μ0 + z
        j[10][order + 1] = 1.0;
        Arrays.fill(j[11], 0.0);
        j[11][0] = qi;                                // d = q⊥ − ε s
        j[11][1] = -si;
        series.unitMultiply(j[0], j[0], j[12]);       // S²
        series.unitMultiply(j[0], j[2], j[13]);       // S·D
        series.unitMultiply(j[2], j[2], j[14]);       // D²
        for (int x = 0; x < us; x++) {
            j[15][x] = j[3][x] - j[13][x];            // SD − S·D = (u − xD)/(c a)
        }
    }

    /** Pass 1: unit i's contributions to the population jets of every node (into ws.pop). */
    private void unitPopulation(Workspace ws, int i, double[] y) {
        int mo = i * series.monomials();
        double ai = a[i];
        double ca = c * ai;
        double qi = Math.max(0, y[p + i]);
        double si = s[i];
        double[][] j = ws.j;
        forEachNode(ws, i, y, (node, mu0, der) -> {
            baseJets(ws, der, mu0, qi, si);
            series.unitJet(der, ConditionalMoments.Moment.SQUARE_D.ordinal() * nd, si, j[7]);
            for (int x = 0; x < us; x++) {
                j[16][x] = j[1][x] - j[12][x];                // V = E2 − S²
                j[17][x] = 2 * j[12][x] - j[1][x];            // S² − V
            }
            series.unitMultiply(j[17], j[2], j[18]);          // (S² − V) D
            series.unitMultiply(j[0], j[3], j[19]);           // S·SD
            for (int x = 0; x < us; x++) {
                j[20][x] = j[18][x] - 2 * j[19][x] + j[7][x]; // (x²D − yD − 2xu + t)/(c a)²
            }
            series.unitMultiply(j[11], j[2], j[21]);          // d·D
            int o = node * sums * series.size();
            int size = series.size();
            series.accumulate(ws.pop, o, j[0], ca, mono, mo);
            series.accumulate(ws.pop, o + size, j[16], ca * ca, mono, mo);
            for (int b = 0; b < r; b++) {
                double alpha = phi[i * r + b] * ai;
                int ob = o + (2 + 4 * b) * size;
                series.accumulate(ws.pop, ob, j[2], alpha, mono, mo);
                series.accumulate(ws.pop, ob + size, j[15], alpha * ca, mono, mo);
                series.accumulate(ws.pop, ob + 2 * size, j[20], alpha * ca * ca, mono, mo);
                series.accumulate(ws.pop, ob + 3 * size, j[21], alpha, mono, mo);
            }
        });
    }

    /** Pass 2: unit i's drift terms (gm, gq, nq) and Galerkin diagonal terms (pi, fii) over all nodes. */
    private void unitTerms(Workspace ws, int i, double[] y) {
        int mo = i * series.monomials();
        int cs = series.contractionSize();
        int twoN = 2 * order;
        double ai = a[i];
        double ca = c * ai;
        double qi = Math.max(0, y[p + i]);
        double si = s[i];
        double[][] j = ws.j;
        forEachNode(ws, i, y, (node, mu0, der) -> {
            double w = rule.weight(node);
            double nu = rule.field(node, 0);
            int po = node * cs;
            baseJets(ws, der, mu0, qi, si);
            int dOff = ConditionalMoments.Moment.D.ordinal() * nd;
            int sdOff = ConditionalMoments.Moment.SD.ordinal() * nd;
            // G = E[σ'(λ)(λ − μ0)]: G⁽ⁿ⁾ = q D⁽ⁿ⁺¹⁾ + n D⁽ⁿ⁻¹⁾ at μ0 (and SG from SD alike)
            for (int k = 0; k <= twoN; k++) {
                ws.gder[k] = qi * der[dOff + k + 1] + (k > 0 ? k * der[dOff + k - 1] : 0.0);
                ws.sgder[k] = qi * der[sdOff + k + 1] + (k > 0 ? k * der[sdOff + k - 1] : 0.0);
            }
            series.unitJet(ws.gder, 0, si, j[8]);
            series.unitJet(ws.sgder, 0, si, j[9]);
            series.unitJet(der, ConditionalMoments.Moment.D2.ordinal() * nd, si, j[4]);
            series.unitJet(der, ConditionalMoments.Moment.SD2.ordinal() * nd, si, j[5]);
            series.unitJet(der, ConditionalMoments.Moment.S2D2.ordinal() * nd, si, j[6]);
            series.unitJet(der, ConditionalMoments.Moment.SQUARE_D.ordinal() * nd, si, j[7]);
            double[] t1 = j[22];
            double[] t2 = j[23];
            double[] t3 = j[24];
            double[] t4 = j[25];
            // ṁ: E[R D] − c a E1[S D − SD]
            double eRD = series.contract(prepR, po, j[2], mono, mo);
            gm[i] += -ai * w * nu * (eRD + ca * series.unitExpectation(j[15], si));
            // q̇⊥ gradient: E[R G] − c a E1[S G − SG]
            double eRG = series.contract(prepR, po, j[8], mono, mo);
            series.unitMultiply(j[0], j[8], t1);
            for (int x = 0; x < us; x++) {
                t1[x] -= j[9][x];
            }
            gq[i] += -2 * ai * w * (eRG - ca * series.unitExpectation(t1, si));
            // noise: E[(X + Δ) D2] − 2 c a E[R (S D2 − SD2)] + c²a² E1[(S² − V) D2 − 2 S SD2 + S2D2]
            double eXD2 = series.contract(prepX, po, j[4], mono, mo);
            series.unitMultiply(j[0], j[4], t1);
            for (int x = 0; x < us; x++) {
                t1[x] -= j[5][x];
                t3[x] = 2 * j[12][x] - j[1][x];               // S² − V = 2S² − E2
            }
            double eRsd2 = series.contract(prepR, po, t1, mono, mo);
            series.unitMultiply(t3, j[4], t1);
            series.unitMultiply(j[0], j[5], t2);
            for (int x = 0; x < us; x++) {
                t1[x] += -2 * t2[x] + j[6][x];
            }
            nq[i] += ai * ai * w * (eXD2 - 2 * ca * eRsd2 + ca * ca * series.unitExpectation(t1, si));
            // Galerkin diagonal, gradient: E[R D μ'] + E1[c a (SD − S D) μ' + c a d D²]
            series.unitMultiply(j[2], j[10], t1);
            double eRDmu = series.contract(prepR, po, t1, mono, mo);
            series.unitMultiply(j[15], j[10], t1);
            series.unitMultiply(j[11], j[14], t2);
            for (int x = 0; x < us; x++) {
                t1[x] = ca * (t1[x] + t2[x]);
            }
            pi[i] += w * (eRDmu + series.unitExpectation(t1, si));
            // Galerkin diagonal, noise: E[(X + Δ) D²] + E[R 4ca (SD D − S D²)]
            //   + E1[c²a² (4S²D² − 2V D² − 8 S SD D + 2 T D + 2 SD²)]
            double eXDD = series.contract(prepX, po, j[14], mono, mo);
            series.unitMultiply(j[3], j[2], t1);
            series.unitMultiply(j[0], j[14], t2);
            for (int x = 0; x < us; x++) {
                t1[x] = 4 * ca * (t1[x] - t2[x]);
            }
            double eRf = series.contract(prepR, po, t1, mono, mo);
            series.unitMultiply(j[12], j[14], t1);            // S² D²
            for (int x = 0; x < us; x++) {
                t3[x] = j[1][x] - j[12][x];                   // V
            }
            series.unitMultiply(t3, j[14], t2);               // V D²
            series.unitMultiply(j[13], j[3], t3);             // S D SD
            series.unitMultiply(j[7], j[2], t4);              // T D
            for (int x = 0; x < us; x++) {
                t1[x] = 4 * t1[x] - 2 * t2[x] - 8 * t3[x] + 2 * t4[x];
            }
            series.unitMultiply(j[3], j[3], t2);              // SD²
            for (int x = 0; x < us; x++) {
                t1[x] = ca * ca * (t1[x] + 2 * t2[x]);
            }
            fii[i] += w * (eXDD + eRf + series.unitExpectation(t1, si));
        });
    }
}
