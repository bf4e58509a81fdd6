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
 * <p>Not thread-safe (buffers).
 */
public final class SeriesLowRankClosure implements LowRankClosure {

    /** Default order N of the series. */
    public static final int DEFAULT_ORDER = 3;

    private static final int MOMENTS = ConditionalMoments.Moment.values().length;

    private final ConditionalMoments moments;
    private final DenseLowRankClosure.Basis basis;
    private final TeacherFieldQuadrature rule;
    private final double[] teacherOutput;
    private final LatentSeries series;
    private final double rho;
    private final double noiseCoefficient;
    private final double labelNoise;
    private final double c;
    private final int p;
    private final int r;
    private final int order;
    private final int nd;
    private final double[] a;
    private final double[] phi;
    private final double[] dphi;
    private final double[] psi;
    private final double[] s;
    private final double[] mono;
    private final double[] der;
    private final double[] gderBuf;
    private final double[] sgderBuf;
    // per-unit jets (unit size each)
    private final int us;
    private final double[][] unit;
    /** Stored per unit for pass 2: jets D, G, SD2 part, Dμ', R-part of f, D², and five self expectations. */
    private final double[] stored;
    private final int storedStride;
    private final double[] selfTerms;
    // population jets
    private final int js;
    private final double[] popR;
    private final double[] popW;
    private final double[] popX;
    private final double[][] a0;
    private final double[][] bd;
    private final double[][] bc;
    private final double[][] cc;
    private final double[][] bb;
    private final double[] ku;
    private final double[] k0;
    private final double[] tmp;
    private final double[] tmp2;
    private final double[] prepR;
    private final double[] prepX;
    // outputs
    private final double[] gm;
    private final double[] gq;
    private final double[] nq;
    private final double[] pi;
    private final double[] fii;
    private final double[] yGrad;
    private final double[] yNoise;
    private double risk;

    /**
     * @param student     student activation σ (its {@link ConditionalMoments#derivatives}: closed form for erf)
     * @param teacher     teacher activation σ* (k = 1)
     * @param rho         P &gt; 0
     * @param aStar       teacher second layer a*
     * @param secondLayer the fixed a_i (length p, the width)
     * @param basis       the basis Φ (not [m]: phase retrieval has its closed form)
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
        teacherOutput = new double[rule.size()];
        for (int n = 0; n < rule.size(); n++) {
            teacherOutput[n] = aStar * teacher.value(rule.field(n, 0));
        }
        phi = new double[p * r];
        dphi = new double[p * r];
        psi = new double[p * r];
        s = new double[p];
        mono = new double[p * series.monomials()];
        der = new double[MOMENTS * nd];
        gderBuf = new double[nd];
        sgderBuf = new double[nd];
        us = series.unitSize();
        unit = new double[24][us];
        storedStride = 7 * us;
        stored = new double[p * storedStride];
        selfTerms = new double[p * 5];
        js = series.size();
        popR = new double[js];
        popW = new double[js];
        popX = new double[js];
        a0 = new double[r][js];
        bd = new double[r][js];
        bc = new double[r][js];
        cc = new double[r][js];
        bb = new double[r][js];
        ku = new double[js];
        k0 = new double[js];
        tmp = new double[js];
        tmp2 = new double[js];
        prepR = new double[series.contractionSize()];
        prepX = new double[series.contractionSize()];
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

    @Override
    public void derivatives(double[] y, double[] yDot) {
        derivatives(y, 1.0, yDot);
    }

    /** The right-hand side with a learning-rate schedule factor s (gradient parts × s, noise parts × s²). */
    public void derivatives(double[] y, double scheduleFactor, double[] yDot) {
        evaluate(y, true);
        double s1 = scheduleFactor;
        double s2 = scheduleFactor * scheduleFactor * noiseCoefficient;
        for (int i = 0; i < p; i++) {
            double dm = s1 * gm[i];
            double dq = s1 * gq[i] + s2 * nq[i];
            yDot[i] = dm;
            yDot[p + i] = dq;
            basis.fill(a[i], y[i], Math.max(0, y[p + i]), dm, dq, phi, dphi, i * r);
        }
        double[] target = new double[r * r];
        for (int x = 0; x < r * r; x++) {
            target[x] = s1 * yGrad[x] + s2 * yNoise[x];
        }
        LowRankGalerkin.project(p, r, phi, dphi, y, 2 * p, y, Arrays.copyOfRange(yDot, 0, p), rho, target, yDot,
                2 * p);
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
        int mw = series.monomials();
        Arrays.fill(gm, 0.0);
        Arrays.fill(gq, 0.0);
        Arrays.fill(nq, 0.0);
        Arrays.fill(pi, 0.0);
        Arrays.fill(fii, 0.0);
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
        for (int n = 0; n < rule.size(); n++) {
            double w = rule.weight(n);
            double nu = rule.field(n, 0);
            Arrays.fill(popR, 0.0);
            Arrays.fill(popW, 0.0);
            for (int x = 0; x < r; x++) {
                Arrays.fill(a0[x], 0.0);
                Arrays.fill(bd[x], 0.0);
                Arrays.fill(bc[x], 0.0);
                Arrays.fill(cc[x], 0.0);
            }
            // pass 1: unit jets, population jets, stored per-unit jets
            for (int i = 0; i < p; i++) {
                unitPass(i, y, nu, full);
            }
            popR[0] -= teacherOutput[n];                 // R = Σ c a S − a* σ*(ν)
            series.multiply(popR, popR, popX);
            for (int x = 0; x < js; x++) {
                popX[x] += popW[x];                      // X = R² + W
            }
            risk += 0.5 * w * series.expectation(popX);
            if (!full) {
                continue;
            }
            popX[0] += labelNoise;                       // X + Δ
            for (int b = 0; b < r; b++) {
                Arrays.fill(bb[b], 0.0);
                bb[b][0] = smPhi[b] * nu / rho;
                for (int k = 0; k < r; k++) {
                    bb[b][linear[k]] = phiPsi[b * r + k];
                }
            }
            for (int x = 0; x < r; x++) {
                series.multiply(popR, a0[x], ku);
                series.multiply(popX, a0[x], k0);
                series.multiply(popR, bd[x], tmp);
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
            // pass 2: per-unit terms against the node tables of R and X + Δ
            series.prepareContraction(popR, prepR);
            series.prepareContraction(popX, prepX);
            for (int i = 0; i < p; i++) {
                unitTerms(i, w, nu);
            }
        }
        if (!full) {
            return;
        }
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

    /** Per-unit jets at one node; accumulates the population jets; stores the jets pass 2 needs. */
    private void unitPass(int i, double[] y, double nu, boolean full) {
        int mw = series.monomials();
        int n1 = order + 1;
        int twoN = 2 * order;
        int dOff = ConditionalMoments.Moment.D.ordinal() * nd;
        int sdOff = ConditionalMoments.Moment.SD.ordinal() * nd;
        double[] gder = gderBuf;
        double[] sgder = sgderBuf;
        double[] jS = unit[0];
        double[] jE2 = unit[1];
        double[] jD = unit[2];
        double[] jSD = unit[3];
        double[] jD2 = unit[4];
        double[] jSD2 = unit[5];
        double[] jS2D2 = unit[6];
        double[] jT = unit[7];
        double[] jG = unit[8];
        double[] jSG = unit[9];
        double[] jMu = unit[10];
        double[] jd = unit[11];
        double[] t1 = unit[12];
        double[] t2 = unit[13];
        double[] t3 = unit[14];
        double[] jS2 = unit[15];
        double[] jSD0 = unit[16];
        double[] jDD = unit[17];
        double[] jV = unit[18];
        double[] jBd = unit[19];
        double[] jBc = unit[20];
        double[] t4 = unit[21];
        double ai = a[i];
        double qi = Math.max(0, y[p + i]);
        double mu0 = y[i] * nu / rho;
        double si = s[i];
        moments.derivatives(mu0, qi, nd - 1, der);
        series.unitJet(der, ConditionalMoments.Moment.S.ordinal() * nd, si, jS);
        series.unitJet(der, ConditionalMoments.Moment.SQUARE.ordinal() * nd, si, jE2);
        series.unitJet(der, dOff, si, jD);
        series.unitJet(der, sdOff, si, jSD);
        series.unitJet(der, ConditionalMoments.Moment.D2.ordinal() * nd, si, jD2);
        series.unitJet(der, ConditionalMoments.Moment.SD2.ordinal() * nd, si, jSD2);
        series.unitJet(der, ConditionalMoments.Moment.S2D2.ordinal() * nd, si, jS2D2);
        series.unitJet(der, ConditionalMoments.Moment.SQUARE_D.ordinal() * nd, si, jT);
        // G = E[σ'(λ)(λ − μ0)]: G⁽ⁿ⁾ = q D⁽ⁿ⁺¹⁾ + n D⁽ⁿ⁻¹⁾ at μ0 (and SG from SD alike)
        for (int k = 0; k <= twoN; k++) {
            gder[k] = qi * der[dOff + k + 1] + (k > 0 ? k * der[dOff + k - 1] : 0.0);
            sgder[k] = qi * der[sdOff + k + 1] + (k > 0 ? k * der[sdOff + k - 1] : 0.0);
        }
        series.unitJet(gder, 0, si, jG);
        series.unitJet(sgder, 0, si, jSG);
        Arrays.fill(jMu, 0.0);
        jMu[0] = mu0;
        jMu[n1] = 1.0;
        Arrays.fill(jd, 0.0);
        jd[0] = qi;
        jd[1] = -si;
        series.unitMultiply(jS, jS, jS2);
        series.unitMultiply(jS, jD, jSD0);            // S·D
        series.unitMultiply(jD, jD, jDD);             // D²
        for (int x = 0; x < us; x++) {
            jV[x] = jE2[x] - jS2[x];                  // V = E2 − S²
            jBd[x] = jSD[x] - jSD0[x];                // (u − xD)/(c a)
            t1[x] = 2 * jS2[x] - jE2[x];              // S² − V
        }
        series.unitMultiply(t1, jD, t2);              // (S² − V) D
        series.unitMultiply(jS, jSD, t3);             // S·SD
        for (int x = 0; x < us; x++) {
            jBc[x] = t2[x] - 2 * t3[x] + jT[x];       // (x²D − yD − 2xu + t)/(c a)²
        }
        int mo = i * mw;
        double ca = c * ai;
        series.accumulate(popR, jS, ca, mono, mo);
        series.accumulate(popW, jV, ca * ca, mono, mo);
        series.unitMultiply(jd, jD, t4);              // d·D
        for (int b = 0; b < r; b++) {
            double alpha = phi[i * r + b] * ai;
            series.accumulate(a0[b], jD, alpha, mono, mo);
            series.accumulate(bd[b], jBd, alpha * ca, mono, mo);
            series.accumulate(bc[b], jBc, alpha * ca * ca, mono, mo);
            series.accumulate(cc[b], t4, alpha, mono, mo);
        }
        if (!full) {
            return;
        }
        int so = i * storedStride;
        System.arraycopy(jD, 0, stored, so, us);
        System.arraycopy(jG, 0, stored, so + us, us);
        series.unitMultiply(jS, jD2, t1);
        for (int x = 0; x < us; x++) {
            stored[so + 2 * us + x] = t1[x] - jSD2[x];       // S D2 − SD2
        }
        series.unitMultiply(jD, jMu, t2);
        System.arraycopy(t2, 0, stored, so + 3 * us, us);    // D μ'
        series.unitMultiply(jSD, jD, t3);
        series.unitMultiply(jS, jDD, t4);
        for (int x = 0; x < us; x++) {
            stored[so + 4 * us + x] = 4 * ca * (t3[x] - t4[x]); // 4u D − 4x D²
        }
        System.arraycopy(jDD, 0, stored, so + 5 * us, us);   // D²
        System.arraycopy(jD2, 0, stored, so + 6 * us, us);   // D2
        // self expectations (one unit, its own latent variance s_i)
        int eo = i * 5;
        for (int x = 0; x < us; x++) {
            t1[x] = jSD0[x] - jSD[x];
        }
        selfTerms[eo] = series.unitExpectation(t1, si);                   // S D − SD
        series.unitMultiply(jS, jG, t1);
        for (int x = 0; x < us; x++) {
            t1[x] -= jSG[x];
        }
        selfTerms[eo + 1] = series.unitExpectation(t1, si);               // S G − SG
        // (S² − V) D2 − 2 S SD2 + S2D2
        for (int x = 0; x < us; x++) {
            t3[x] = 2 * jS2[x] - jE2[x];
        }
        series.unitMultiply(t3, jD2, t1);
        series.unitMultiply(jS, jSD2, t2);
        for (int x = 0; x < us; x++) {
            t1[x] += -2 * t2[x] + jS2D2[x];
        }
        selfTerms[eo + 2] = series.unitExpectation(t1, si);
        // pi self: c a (SD − S D) μ' + c a d D²
        series.unitMultiply(jBd, jMu, t1);
        series.unitMultiply(jd, jDD, t2);
        for (int x = 0; x < us; x++) {
            t1[x] = ca * (t1[x] + t2[x]);
        }
        selfTerms[eo + 3] = series.unitExpectation(t1, si);
        // fii self: c²a² (4S²D² − 2V D² − 8 S SD D + 2 T D + 2 SD²)
        series.unitMultiply(jS2, jDD, t1);
        series.unitMultiply(jV, jDD, t2);
        series.unitMultiply(jSD0, jSD, t3);
        series.unitMultiply(jT, jD, t4);
        double[] t5 = unit[22];
        series.unitMultiply(jSD, jSD, t5);
        for (int x = 0; x < us; x++) {
            t1[x] = ca * ca * (4 * t1[x] - 2 * t2[x] - 8 * t3[x] + 2 * t4[x] + 2 * t5[x]);
        }
        selfTerms[eo + 4] = series.unitExpectation(t1, si);
        }

    /** Pass 2 at one node: unit i's terms against the node tables of R and X + Δ. */
    private void unitTerms(int i, double w, double nu) {
        int mw = series.monomials();
        double[] t1 = unit[12];
        int so = i * storedStride;
        int mo = i * mw;
        int eo = i * 5;
        double ai = a[i];
        double ca = c * ai;
        System.arraycopy(stored, so, t1, 0, us);
        double eRD = series.contract(prepR, t1, mono, mo);
        gm[i] += -ai * w * nu * (eRD - ca * selfTerms[eo]);
        System.arraycopy(stored, so + us, t1, 0, us);
        double eRG = series.contract(prepR, t1, mono, mo);
        gq[i] += -2 * ai * w * (eRG - ca * selfTerms[eo + 1]);
        // nq: E[(X + Δ) D2] − 2ca E[R (S D2 − SD2)] + c²a² self
        System.arraycopy(stored, so + 2 * us, t1, 0, us);
        double eRsd2 = series.contract(prepR, t1, mono, mo);
        System.arraycopy(stored, so + 3 * us, t1, 0, us);
        double eRDmu = series.contract(prepR, t1, mono, mo);
        System.arraycopy(stored, so + 4 * us, t1, 0, us);
        double eRf = series.contract(prepR, t1, mono, mo);
        System.arraycopy(stored, so + 5 * us, t1, 0, us);
        double eXDD = series.contract(prepX, t1, mono, mo);
        System.arraycopy(stored, so + 6 * us, t1, 0, us);
        double eXD2 = series.contract(prepX, t1, mono, mo);
        nq[i] += ai * ai * w * (eXD2 - 2 * ca * eRsd2 + ca * ca * selfTerms[eo + 2]);
        pi[i] += w * (eRDmu + selfTerms[eo + 3]);
        fii[i] += w * (eXDD + eRf + selfTerms[eo + 4]);
        }
}
