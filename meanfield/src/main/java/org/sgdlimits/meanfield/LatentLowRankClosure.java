package org.sgdlimits.meanfield;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlimits.activation.Activation;

/**
 * The corrected (low-rank) closure of docs/closure.md §2 for any activation (k = 1, fixed second layer) in
 * O(p · N) operations, N = n_ν · n_ζ^r quadrature nodes: the latent-Gaussian construction of docs/closure.md §5.
 *
 * <p><b>Construction.</b> With H = U Λ Uᵀ split as H₊ − H₋ (positive and negative eigenvalues), take the
 * latent loadings v_i = Φ_i U diag(√ℓ) with ℓ_k = max(Λ_k, 0) + t max(−Λ_k, 0) (latent covariance H₊ + t H₋).
 * Then
 * <pre>
 *   λ_i = (m_i/ρ) ν + v_i·ζ + √d_i ξ_i,   d_i = q⊥_i − |v_i|²,   ζ ~ N(0, I_r), ξ_i i.i.d. N(0, 1)
 * </pre>
 * has Cov(λ_i, λ_j) = m_i m_j/ρ + (Φ(H₊ + tH₋)Φᵀ)_ij and Var(λ_i) = m_i²/ρ + q⊥_i. Given (ν, ζ) the units are
 * independent, so every expectation of the drift is the plain closure's construction on a rule over (ν, ζ):
 * (ṁ, q̇⊥, ε) come from {@link ParticleDrift} with a (1 + r)-dimensional "teacher" (ν, ζ) and overlap rows
 * (m_i, v_i) ({@link TeacherFieldQuadrature#withLatentAxes}); the Galerkin sums Y_ab = Σ_{i≠j} Φ_ia Q̇_ij Φ_jb
 * come from node sums of conditional moments (the Stein and cumulant identities of docs/closure.md §5), then
 * {@link LowRankGalerkin} gives Ḣ.
 *
 * <p><b>Exactness.</b> For H ⪰ 0 (t = 1 needs no negative part) the right-hand side is that of the dense
 * reference {@link DenseLowRankClosure} up to quadrature (1e-12 in the tests with 10 latent nodes per axis).
 * For indefinite H, f(t) (any output, as a function of the latent covariance H₊ + tH₋) is computed at
 * t = 0, ½, 1 and extrapolated to t = −1 by the quadratic through them, f(−1) ≈ 6f(0) − 8f(½) + 3f(1): the
 * error is −½ f'''(τ), τ ∈ (−1, 1), i.e. O(|H₋|³) (each t-derivative brings one more factor
 * ½ Σ_ab (H₋)_ab (Φ_a·∂)(Φ_b·∂) acting on the drift). Real latent variables cannot carry −ΦH₋Φᵀ, so this part
 * is not exact. Both routes need d_i ≥ 0 at t = 1, q⊥_i ≥ (Φ|H|Φᵀ)_ii; {@link #derivatives} throws
 * IllegalStateException when a unit violates it.
 *
 * <p>Cost: one (H ⪰ 0) or three (indefinite) evaluations, each O(p N) conditional moments
 * (N = 43 · n_ζ^r with the default trapezoidal teacher rule). Not thread-safe (buffers).
 */
public final class LatentLowRankClosure implements LinearCostLowRankClosure {

    /** Default Gauss–Hermite nodes per latent axis. */
    public static final int DEFAULT_LATENT_NODES = 8;

    /** Default target of the per-axis node choice (see the ten-argument constructor). */
    public static final double DEFAULT_LATENT_TOLERANCE = 1e-10;

    /** Weights of f(0), f(½), f(1) in the quadratic extrapolation to t = −1. */
    private static final double[] EXTRAPOLATION = {6.0, -8.0, 3.0};
    private static final double[] T_NODES = {0.0, 0.5, 1.0};

    private final ConditionalMoments moments;
    private final Activation teacher;
    private final double[] augmentedOverlap;
    private final double[] augmentedSecondLayer;
    private final ParticleDriftSettings settings;
    private final int maxLatentNodes;
    private final int teacherNodes;
    private final double latentTolerance;
    /** Rules over (ν, ζ) and their drifts, by per-axis node counts. */
    private final java.util.Map<Integer, Route> routes = new java.util.HashMap<>();
    private ParticleDrift drift;
    private TeacherFieldQuadrature rule;
    private int nodes;
    private final DenseLowRankClosure.Basis basis;
    private final double rho;
    private final double noiseCoefficient;
    private final double labelNoise;
    private final double c;
    private final int p;
    private final int r;
    private final int kk;
    private final double[] a;
    // buffers
    private final double[] phi;
    private final double[] dphi;
    private final double[] mAug;
    private final double[] residualVar;
    private final double[] loadings;
    private final ParticleDriftTerms terms;
    private double[] mu = new double[0];
    private double[] s;
    private double[] var;
    private double[] d;
    private double[] sd;
    private double[] dxi;
    private double[] sdxi;
    private double[] t3;
    private final double[] u;
    /** Node sums per column: A0, A1, A2, Ay, Au, Axu, At, C (8 r N). */
    private double[] sums = new double[0];
    private final double[] gm;
    private final double[] gq;
    private final double[] nq;
    private final double[] yGrad;
    private final double[] yNoise;
    private final double[] outGm;
    private final double[] outGq;
    private final double[] outNq;
    private final double[] outYGrad;
    private final double[] outYNoise;

    /**
     * @param student     student activation σ
     * @param teacher     teacher activation σ* (k = 1)
     * @param rho         P &gt; 0
     * @param aStar       teacher second layer a*
     * @param secondLayer the fixed a_i (length p, the width)
     * @param basis       the basis Φ
     * @param settings    width p (self-interaction 1/p), noise coefficient g/B, label noise; weight decay and a
     *                    second-layer rate must be 0 (not implemented for the corrected closure)
     * @param latentNodes Gauss–Hermite nodes per latent axis (≥ 2)
     */
    public LatentLowRankClosure(Activation student, Activation teacher, double rho, double aStar,
                                double[] secondLayer, DenseLowRankClosure.Basis basis, ParticleDriftSettings settings,
                                int latentNodes) {
        this(student, teacher, rho, aStar, secondLayer, basis, settings, latentNodes, 0);
    }

    /**
     * As above; {@code teacherNodes} &gt; 0 replaces the default 43-node trapezoidal rule on the teacher field by
     * a Gauss–Hermite rule of that many nodes (cheaper, ≈ 1e-7 instead of ≈ 1e-13 at 12 nodes).
     */
    public LatentLowRankClosure(Activation student, Activation teacher, double rho, double aStar,
                                double[] secondLayer, DenseLowRankClosure.Basis basis, ParticleDriftSettings settings,
                                int latentNodes, int teacherNodes) {
        this(student, teacher, rho, aStar, secondLayer, basis, settings, latentNodes, teacherNodes, 0.0);
    }

    /**
     * As above with per-axis node counts chosen from the loadings: latent axis k (eigenvalue Λ_k) gets the smallest
     * n ≤ {@code latentNodes} with 0.014·(2.2 s_k²)ⁿ ≤ {@code latentTolerance}, s_k² = |Λ_k| max_i (Φ_i·U_k)²
     * (an empirical bound of the n-node Gauss–Hermite error for erf, measured at s² ≈ 0.06: the tests check the
     * resulting accuracy); 0 keeps {@code latentNodes} on every axis. Directions with small loadings then cost
     * one or two nodes instead of n_ζ.
     */
    public LatentLowRankClosure(Activation student, Activation teacher, double rho, double aStar,
                                double[] secondLayer, DenseLowRankClosure.Basis basis, ParticleDriftSettings settings,
                                int latentNodes, int teacherNodes, double latentTolerance) {
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
        if (latentNodes < 2 || latentNodes > 40) {
            throw new IllegalArgumentException("latentNodes: " + latentNodes + "; allowed 2..40");
        }
        this.p = secondLayer.length;
        if (Math.abs(settings.selfInteraction() * p - 1) > 1e-12) {
            throw new IllegalArgumentException("settings.width: " + settings.width() + "; must equal the number of "
                    + "units " + p);
        }
        this.rho = rho;
        this.r = basis.rank();
        this.kk = 1 + r;
        this.a = secondLayer.clone();
        this.noiseCoefficient = settings.noiseCoefficient();
        this.labelNoise = settings.labelNoise();
        this.c = settings.selfInteraction();
        this.moments = ConditionalMoments.forActivation(student);
        if (teacherNodes < 0 || teacherNodes > 200) {
            throw new IllegalArgumentException("teacherNodes: " + teacherNodes + "; allowed 0 (default rule)..200");
        }
        if (!(latentTolerance >= 0 && latentTolerance < 1)) {
            throw new IllegalArgumentException("latentTolerance: " + latentTolerance + "; allowed [0, 1)");
        }
        this.teacher = teacher;
        this.settings = settings;
        this.maxLatentNodes = latentNodes;
        this.teacherNodes = teacherNodes;
        this.latentTolerance = latentTolerance;
        this.augmentedOverlap = new double[kk * kk];
        augmentedOverlap[0] = rho;
        for (int x = 1; x < kk; x++) {
            augmentedOverlap[x * kk + x] = 1.0;
        }
        this.augmentedSecondLayer = new double[kk];
        augmentedSecondLayer[0] = kk * aStar; // F* = (1/k') Σ a*'_r σ*(λ*_r) = a* σ*(ν)
        int[] uniform = new int[r];
        Arrays.fill(uniform, latentNodes);
        useRoute(uniform); // validates the teacher pair once
        phi = new double[p * r];
        dphi = new double[p * r];
        mAug = new double[p * kk];
        residualVar = new double[p];
        loadings = new double[r * r];
        terms = new ParticleDriftTerms(p, kk);
        u = new double[kk];
        gm = new double[p];
        gq = new double[p];
        nq = new double[p];
        yGrad = new double[r * r];
        yNoise = new double[r * r];
        outGm = new double[p];
        outGq = new double[p];
        outNq = new double[p];
        outYGrad = new double[r * r];
        outYNoise = new double[r * r];
    }

    /** A rule over (ν, ζ) and the plain drift on it. */
    private record Route(TeacherFieldQuadrature rule, ParticleDrift drift) {
    }

    /** Selects (building once) the rule with the given latent node counts and sizes the node buffers. */
    private void useRoute(int[] latentNodes) {
        int key = 0;
        for (int k = r - 1; k >= 0; k--) {
            key = key * 64 + latentNodes[k];
        }
        Route route = routes.computeIfAbsent(key, x -> {
            TeacherFieldQuadrature q = TeacherFieldQuadrature.withLatentAxes(rho, latentNodes, teacherNodes);
            return new Route(q, new ParticleDrift(moments, teacher, augmentedOverlap, augmentedSecondLayer, settings,
                    q));
        });
        rule = route.rule();
        drift = route.drift();
        nodes = rule.size();
        if (mu.length < nodes) {
            mu = new double[nodes];
            s = new double[nodes];
            var = new double[nodes];
            d = new double[nodes];
            sd = new double[nodes];
            dxi = new double[nodes];
            sdxi = new double[nodes];
            t3 = new double[nodes];
            sums = new double[8 * r * nodes];
        }
    }

    /** Per-axis node counts for the eigenpairs (see the constructor), then {@link #useRoute}. */
    private void chooseRoute(double[][] eig) {
        int[] counts = new int[r];
        for (int k = 0; k < r; k++) {
            if (latentTolerance == 0) {
                counts[k] = maxLatentNodes;
                continue;
            }
            double load = 0;
            for (int i = 0; i < p; i++) {
                double v = 0;
                for (int x = 0; x < r; x++) {
                    v += phi[i * r + x] * eig[1][x * r + k];
                }
                load = Math.max(load, v * v);
            }
            double s2 = Math.abs(eig[0][k]) * load;
            int n = maxLatentNodes;
            double base = 2.2 * s2;
            if (base < 1) {
                n = base == 0 ? 1 : (int) Math.ceil(Math.log(latentTolerance / 0.014) / Math.log(base));
                n = Math.max(1, Math.min(maxLatentNodes, n));
            }
            counts[k] = n;
        }
        useRoute(counts);
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

    /** Copy of the fixed second layer a_i. */
    public double[] secondLayer() {
        return a.clone();
    }

    /** The basis Φ. */
    public DenseLowRankClosure.Basis basis() {
        return basis;
    }

    /** Number of quadrature nodes N over (ν, ζ) of the last evaluation. */
    public int nodes() {
        return nodes;
    }

    /** Whether H (row-major r×r at {@code y[2p ..]}) has a negative eigenvalue (the extrapolated route). */
    public boolean indefinite(double[] y) {
        return LowRankGalerkin.eigen(y, p, r)[0][0] < 0;
    }

    @Override
    public void derivatives(double[] y, double[] yDot) {
        derivatives(y, 1.0, yDot);
    }

    /**
     * The right-hand side with a learning-rate schedule factor s (gradient parts × s, noise parts × s²).
     *
     * @throws IllegalStateException when q⊥_i &lt; (Φ|H|Φᵀ)_ii for some unit (no latent representation)
     */
    public void derivatives(double[] y, double scheduleFactor, double[] yDot) {
        fillBasis(y);
        double[][] eig = LowRankGalerkin.eigen(y, p, r);
        chooseRoute(eig);
        boolean negative = eig[0][0] < 0;
        Arrays.fill(outGm, 0.0);
        Arrays.fill(outGq, 0.0);
        Arrays.fill(outNq, 0.0);
        Arrays.fill(outYGrad, 0.0);
        Arrays.fill(outYNoise, 0.0);
        int slots = negative ? 3 : 1;
        for (int sl = 0; sl < slots; sl++) {
            double tt = negative ? T_NODES[sl] : 1.0;
            double weight = negative ? EXTRAPOLATION[sl] : 1.0;
            latentLoadings(eig, tt);
            evaluate(y, true);
            for (int i = 0; i < p; i++) {
                outGm[i] += weight * gm[i];
                outGq[i] += weight * gq[i];
                outNq[i] += weight * nq[i];
            }
            for (int x = 0; x < r * r; x++) {
                outYGrad[x] += weight * yGrad[x];
                outYNoise[x] += weight * yNoise[x];
            }
        }
        LowRankGalerkin.assemble(p, basis, a, rho, y, scheduleFactor, noiseCoefficient, outGm, outGq, outNq,
                outYGrad, outYNoise, phi, dphi, yDot);
    }

    @Override
    public double excessRisk(double[] y) {
        fillBasis(y);
        double[][] eig = LowRankGalerkin.eigen(y, p, r);
        chooseRoute(eig);
        if (eig[0][0] >= 0) {
            latentLoadings(eig, 1.0);
            return evaluateRisk(y);
        }
        double sum = 0;
        for (int sl = 0; sl < 3; sl++) {
            latentLoadings(eig, T_NODES[sl]);
            sum += EXTRAPOLATION[sl] * evaluateRisk(y);
        }
        return sum;
    }

    private void fillBasis(double[] y) {
        for (int i = 0; i < p; i++) {
            basis.fill(a[i], y[i], Math.max(0, y[p + i]), 0, 0, phi, dphi, i * r);
        }
    }

    /** loadings (r×r): U diag(√ℓ), ℓ_k = max(Λ_k, 0) + t max(−Λ_k, 0). */
    private void latentLoadings(double[][] eig, double tt) {
        for (int k = 0; k < r; k++) {
            double lk = eig[0][k];
            double ell = Math.sqrt(Math.max(lk, 0) + tt * Math.max(-lk, 0));
            for (int x = 0; x < r; x++) {
                loadings[x * r + k] = eig[1][x * r + k] * ell;
            }
        }
    }

    /** Fills mAug (rows (m_i, v_i)) and residualVar d_i = q⊥_i − |v_i|² (checked ≥ 0). */
    private void augmentedState(double[] y) {
        for (int i = 0; i < p; i++) {
            mAug[i * kk] = y[i];
            double v2 = 0;
            for (int k = 0; k < r; k++) {
                double v = 0;
                for (int x = 0; x < r; x++) {
                    v += phi[i * r + x] * loadings[x * r + k];
                }
                mAug[i * kk + 1 + k] = v;
                v2 += v * v;
            }
            double q = Math.max(0, y[p + i]);
            double di = q - v2;
            if (di < -1e-12 * Math.max(1, q)) {
                throw new IllegalStateException("low-rank closure: unit " + i + " has q⊥ = " + q + " < (Φ|H|Φᵀ)_ii = "
                        + v2 + "; the latent-Gaussian representation needs q⊥_i >= (Φ|H|Φᵀ)_ii");
            }
            residualVar[i] = Math.max(0, di);
        }
    }

    private double evaluateRisk(double[] y) {
        augmentedState(y);
        return drift.excessRisk(p, a, mAug, residualVar, null, terms);
    }

    /** One evaluation at the current loadings: gm, gq, nq (per unit), yGrad, yNoise (Y_ab parts). */
    private void evaluate(double[] y, boolean galerkin) {
        augmentedState(y);
        drift.evaluate(p, a, mAug, residualVar, null, 1.0, terms);
        for (int i = 0; i < p; i++) {
            gm[i] = terms.gradientM[i * kk];
            double g = terms.gradientQPerp[i];
            // −2 a_i E[e σ'_i μ'_i] = 2 Σ_r (m'_i P'⁻¹)_r gradientM'_ir; remove the ν part (it belongs to m)
            for (int k = 0; k < r; k++) {
                g += 2 * mAug[i * kk + 1 + k] * terms.gradientM[i * kk + 1 + k];
            }
            gq[i] = g;
            nq[i] = terms.noiseQPerp[i];
        }
        if (galerkin) {
            galerkinSums(y);
        }
    }

    /**
     * Y_ab = Σ_{i≠j} Φ_ia Q̇_ij Φ_jb split into the gradient part −(Z_ab + Z_ba),
     * Z_ab = Σ_{i≠j} α_ia Φ_jb E[e σ'_i λ_j] (α_ia = Φ_ia a_i), and the noise part
     * Σ_{i≠j} α_ia α_jb E[e² σ'_i σ'_j] (docs/closure.md §5, "Galerkin sums in O(p)").
     */
    private void galerkinSums(double[] y) {
        double[] res = terms.nodeResidual;
        double[] wsum = terms.nodeVariance;
        Arrays.fill(sums, 0.0);
        double[] mGrad = new double[r * r];
        double[] mNoise = new double[r * r];
        double[] smPhi = new double[r];
        double[] phiV = new double[r * r];
        int block = r * nodes;
        for (int i = 0; i < p; i++) {
            double ai = a[i];
            double di = residualVar[i];
            rule.whiten(mAug, i * kk, u);
            rule.projections(u, mu);
            moments.means(mu, nodes, di, s, var);
            moments.gradientMoments(mu, nodes, di, d, sd, dxi, sdxi);
            moments.squareDerivative(mu, nodes, di, t3);
            double ca = c * ai;
            double pi = 0;
            double fii = 0;
            for (int n = 0; n < nodes; n++) {
                double dn = d[n];
                double x = ca * s[n];
                double yv = ca * ca * var[n];
                double un = ca * sd[n];
                double tn = ca * ca * t3[n];
                double rr = res[n] - x;
                double w = rule.weight(n);
                pi += w * ((rr * dn + un) * mu[n] + ca * di * dn * dn);
                double r2 = res[n] - 2 * x;
                fii += w * (r2 * r2 * dn * dn + (wsum[n] + labelNoise - 2 * yv) * dn * dn + 4 * r2 * un * dn
                        + 2 * tn * dn + 2 * un * un);
                for (int b = 0; b < r; b++) {
                    double alpha = phi[i * r + b] * ai;
                    int o = b * nodes + n;
                    sums[o] += alpha * dn;
                    sums[block + o] += alpha * x * dn;
                    sums[2 * block + o] += alpha * x * x * dn;
                    sums[3 * block + o] += alpha * yv * dn;
                    sums[4 * block + o] += alpha * un;
                    sums[5 * block + o] += alpha * x * un;
                    sums[6 * block + o] += alpha * tn;
                    sums[7 * block + o] += alpha * di * dn;
                }
            }
            for (int x = 0; x < r; x++) {
                double alx = phi[i * r + x] * ai;
                smPhi[x] += phi[i * r + x] * y[i];
                for (int z = 0; z < r; z++) {
                    mGrad[x * r + z] += alx * phi[i * r + z] * pi;
                    mNoise[x * r + z] += alx * phi[i * r + z] * ai * fii;
                    phiV[x * r + z] += phi[i * r + x] * mAug[i * kk + 1 + z];
                }
            }
        }
        double[] z = new double[r * r];
        Arrays.fill(yNoise, 0.0);
        double[] bb = new double[r];
        for (int n = 0; n < nodes; n++) {
            double w = rule.weight(n);
            double nu = rule.field(n, 0);
            double rn = res[n];
            double wn = wsum[n] + labelNoise;
            for (int b = 0; b < r; b++) {
                double v = smPhi[b] * nu / rho;
                for (int k = 0; k < r; k++) {
                    v += phiV[b * r + k] * rule.field(n, 1 + k);
                }
                bb[b] = v;
            }
            for (int x = 0; x < r; x++) {
                int ox = x * nodes + n;
                double a0 = sums[ox];
                double a1 = sums[block + ox];
                double a2 = sums[2 * block + ox];
                double ay = sums[3 * block + ox];
                double au = sums[4 * block + ox];
                double axu = sums[5 * block + ox];
                double at = sums[6 * block + ox];
                double g1 = rn * a0 - a1 + au;
                for (int q = 0; q < r; q++) {
                    int oq = q * nodes + n;
                    double b0 = sums[oq];
                    double b1 = sums[block + oq];
                    double b2 = sums[2 * block + oq];
                    double by = sums[3 * block + oq];
                    double bu = sums[4 * block + oq];
                    double bxu = sums[5 * block + oq];
                    double bt = sums[6 * block + oq];
                    double cb = sums[7 * block + oq];
                    z[x * r + q] += w * (g1 * bb[q] + c * a0 * cb);
                    yNoise[x * r + q] += w * ((rn * rn + wn) * a0 * b0 - 2 * rn * (a1 * b0 + a0 * b1)
                            + (a2 * b0 + 2 * a1 * b1 + a0 * b2) - (ay * b0 + a0 * by)
                            + 2 * rn * (au * b0 + a0 * bu) - 2 * (axu * b0 + a1 * bu + au * b1 + a0 * bxu)
                            + at * b0 + 2 * au * bu + a0 * bt);
                }
            }
        }
        for (int x = 0; x < r; x++) {
            for (int q = 0; q < r; q++) {
                z[x * r + q] -= mGrad[x * r + q];
                yNoise[x * r + q] -= mNoise[x * r + q];
            }
        }
        for (int x = 0; x < r; x++) {
            for (int q = 0; q < r; q++) {
                yGrad[x * r + q] = -(z[x * r + q] + z[q * r + x]);
            }
        }
    }
}
