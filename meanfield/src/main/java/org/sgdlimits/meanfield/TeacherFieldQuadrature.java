package org.sgdlimits.meanfield;

import org.sgdlimits.activation.StandardNormal;
import org.sgdlimits.gauss.CompositeGaussLegendreRule;
import org.sgdlimits.gauss.GaussHermiteRule;
import org.sgdlimits.overlap.TeacherWhitening;

/**
 * Tensor Gauss–Hermite rule for the teacher field λ* ~ N(0, P) in k dimensions: λ* = L z, P = L Lᵀ
 * (Cholesky), z on the tensor product of n-point standard-normal rules, N = nᵏ nodes.
 * E[f(λ*)] ≈ Σ_ν weight(ν) f(λ*_ν). Also offers L⁻¹ so that a student–teacher overlap row m gives
 * μ = m P⁻¹ λ* = u·z with u = L⁻¹ mᵀ. Immutable.
 */
final class TeacherFieldQuadrature {
    private final int k;
    private final int size;
    private final double[] z;
    private final double[] field;
    private final double[] weights;
    private final TeacherWhitening whitening;

    /** Trapezoid step of the default k = 1 rule and its half-width (tail weight e^(−L²/2) ≈ 2e-16). */
    static final double DEFAULT_TRAPEZOID_STEP = 0.40;
    static final double DEFAULT_TRAPEZOID_HALF_WIDTH = 8.6;

    private final int halfSize;
    private final double[] halfNodes;
    private final double latticeStep;

    /** Tensor Gauss–Hermite rule with n nodes per axis. */
    TeacherFieldQuadrature(double[] teacherOverlap, int k, int nodesPerAxis) {
        this(teacherOverlap, k, gaussHermiteNodes(nodesPerAxis), gaussHermiteWeights(nodesPerAxis), Double.NaN);
    }

    /**
     * The trapezoidal rule z_j = j·step, |z| ≤ halfWidth, weights step·φ(z_j), for k = 1. For integrands
     * analytic in a strip (erf-type conditional moments) its error falls like exp(−c/step²); with the defaults
     * (step 0.4, 43 nodes) the error of a two-unit expectation is ≈ 1e-15 at alignment κ ≤ 1, 6e-12 at κ ≤ 1.5,
     * 3e-8 at κ ≤ 2 (κ² = max(m²/P, P)/(1 + q⊥)), better than 64 Gauss–Hermite nodes; products of more units
     * (the noise term) converge somewhat slower. The uniform lattice lets the
     * conditional moments use recurrences instead of exponentials.
     */
    static TeacherFieldQuadrature trapezoid(double[] teacherOverlap, double step, double halfWidth) {
        double[][] axis = trapezoidAxis(step, halfWidth);
        return new TeacherFieldQuadrature(teacherOverlap, 1, axis[0], axis[1], step);
    }

    /** Nodes and normalised weights {z, w} of the one-dimensional trapezoidal rule of {@link #trapezoid}. */
    private static double[][] trapezoidAxis(double step, double halfWidth) {
        int m = (int) Math.floor(halfWidth / step);
        double[] z = new double[2 * m + 1];
        double[] w = new double[2 * m + 1];
        double sum = 0;
        for (int j = -m; j <= m; j++) {
            z[j + m] = j * step;
            w[j + m] = step * StandardNormal.density(j * step);
            sum += w[j + m];
        }
        for (int j = 0; j < w.length; j++) {
            w[j] /= sum; // normalise the truncated rule (changes weights by ~1e-16)
        }
        return new double[][] {z, w};
    }

    /**
     * The product rule for the teacher field ν ~ N(0, ρ) (k = 1) and r independent standard latent Gaussians
     * ζ (docs/closure.md §5): a (1 + r)-dimensional "teacher" with overlap diag(ρ, 1, …, 1), the default
     * trapezoidal rule ({@link #DEFAULT_TRAPEZOID_STEP}) on the ν axis and a {@code latentNodes[a]}-point
     * Gauss–Hermite rule on latent axis a: field(ν, 0) = ν, field(ν, 1 + a) = ζ_a. With
     * {@code teacherNodes} &gt; 0 the ν axis takes a Gauss–Hermite rule of that many nodes instead (cheaper,
     * less accurate).
     */
    static TeacherFieldQuadrature withLatentAxes(double rho, int[] latentNodes, int teacherNodes) {
        double[][] teacherAxis = teacherNodes > 0
                ? new double[][] {gaussHermiteNodes(teacherNodes), gaussHermiteWeights(teacherNodes)}
                : trapezoidAxis(DEFAULT_TRAPEZOID_STEP, DEFAULT_TRAPEZOID_HALF_WIDTH);
        int k = 1 + latentNodes.length;
        double[][] nodes = new double[k][];
        double[][] weights = new double[k][];
        nodes[0] = teacherAxis[0];
        weights[0] = teacherAxis[1];
        for (int a = 1; a < k; a++) {
            nodes[a] = gaussHermiteNodes(latentNodes[a - 1]);
            weights[a] = gaussHermiteWeights(latentNodes[a - 1]);
        }
        double[] overlap = new double[k * k];
        overlap[0] = rho;
        for (int a = 1; a < k; a++) {
            overlap[a * k + a] = 1.0;
        }
        return new TeacherFieldQuadrature(overlap, k, nodes, weights, Double.NaN);
    }

    /**
     * Composite Gauss–Legendre rule for k = 1 split at z = 0: on each half line [0, halfWidth] cut into
     * {@code panels} equal panels of {@code points} Gauss–Legendre points, weights × φ(z). Meant for integrands
     * with a kink at λ* = 0 (ReLU teacher, ReLU student with small q⊥), where Gauss–Hermite and the trapezoidal
     * rule converge only algebraically; smooth on each side, it converges geometrically.
     */
    static TeacherFieldQuadrature splitLegendre(double[] teacherOverlap, double halfWidth, int panels, int points) {
        CompositeGaussLegendreRule rule = CompositeGaussLegendreRule.splitAtZero(halfWidth, panels, points)
                .renormalised();
        return new TeacherFieldQuadrature(teacherOverlap, 1, rule.nodes(), rule.weights(), Double.NaN);
    }

    private static double[] gaussHermiteNodes(int n) {
        GaussHermiteRule rule = new GaussHermiteRule(n);
        double[] z = new double[n];
        for (int l = 0; l < n; l++) {
            z[l] = rule.node(l);
        }
        return z;
    }

    private static double[] gaussHermiteWeights(int n) {
        GaussHermiteRule rule = new GaussHermiteRule(n);
        double[] w = new double[n];
        for (int l = 0; l < n; l++) {
            w[l] = rule.weight(l);
        }
        return w;
    }

    private TeacherFieldQuadrature(double[] teacherOverlap, int k, double[] axisNodes, double[] axisWeights,
                                   double latticeStep) {
        this(teacherOverlap, k, repeat(axisNodes, k), repeat(axisWeights, k), latticeStep);
    }

    private static double[][] repeat(double[] axis, int k) {
        double[][] out = new double[k][];
        java.util.Arrays.fill(out, axis);
        return out;
    }

    /** Tensor rule with its own one-dimensional rule per axis (sorted, symmetrised when symmetric). */
    private TeacherFieldQuadrature(double[] teacherOverlap, int k, double[][] axisNodes, double[][] axisWeights,
                                   double latticeStep) {
        this.k = k;
        TeacherWhitening whitening = TeacherWhitening.of(teacherOverlap, k);
        this.whitening = whitening;
        double[][] nodes1 = new double[k][];
        double[][] weights1 = new double[k][];
        boolean symmetric = true;
        long total = 1;
        for (int r = 0; r < k; r++) {
            int n = axisNodes[r].length;
            double[] ax = axisNodes[r];
            double[] aw = axisWeights[r];
            // sort the one-dimensional rule ascending and make it exactly symmetric when it is symmetric
            Integer[] order = new Integer[n];
            for (int l = 0; l < n; l++) {
                order[l] = l;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(ax[x], ax[y]));
            nodes1[r] = new double[n];
            weights1[r] = new double[n];
            for (int l = 0; l < n; l++) {
                nodes1[r][l] = ax[order[l]];
                weights1[r][l] = aw[order[l]];
            }
            boolean axisSymmetric = GaussHermiteRule.isSymmetric(nodes1[r], weights1[r]);
            if (axisSymmetric) {
                GaussHermiteRule.symmetrise(nodes1[r], weights1[r]);
            }
            symmetric &= axisSymmetric;
            total *= n;
            if (total > 5_000_000) {
                throw new IllegalArgumentException("teacherNodes: " + n + " per axis for k = " + k
                        + " gives more than 5e6 tensor nodes; allowed nodes^k <= 5e6");
            }
        }
        size = (int) total;
        z = new double[size * k];
        field = new double[size * k];
        weights = new double[size];
        int[] idx = new int[k];
        for (int nu = 0; nu < size; nu++) {
            double w = 1;
            for (int r = 0; r < k; r++) {
                z[nu * k + r] = nodes1[r][idx[r]];
                w *= weights1[r][idx[r]];
            }
            weights[nu] = w;
            whitening.colour(z, nu * k, field, nu * k); // λ* = L z
            for (int r = k - 1; r >= 0; r--) {
                if (++idx[r] < nodes1[r].length) {
                    break;
                }
                idx[r] = 0;
            }
        }
        if (k == 1 && symmetric) {
            halfSize = (size + 1) / 2;
            halfNodes = new double[halfSize];
            for (int j = 0; j < halfSize; j++) {
                halfNodes[j] = z[positiveIndex(j)];
            }
            this.latticeStep = latticeStep;
        } else {
            halfSize = 0;
            halfNodes = new double[0];
            this.latticeStep = Double.NaN;
        }
    }

    /** Whether k = 1 and the rule is symmetric (z_ν = −z_{N−1−ν}, equal weights), so parity can be used. */
    boolean symmetric() {
        return halfSize > 0;
    }

    /** Number of non-negative nodes of a symmetric rule, ⌈N/2⌉. */
    int halfSize() {
        return halfSize;
    }

    /** The j-th non-negative node (ascending; 0 first for odd N). */
    double halfNode(int j) {
        return halfNodes[j];
    }

    /** Index of the node +halfNode(j). */
    int positiveIndex(int j) {
        return size - ((size + 1) / 2) + j;
    }

    /** Index of the node −halfNode(j). */
    int negativeIndex(int j) {
        return (size + 1) / 2 - 1 - j;
    }

    /** The lattice step if the non-negative nodes are j·step (trapezoidal rule), else NaN. */
    double latticeStep() {
        return latticeStep;
    }

    /** Number of axes k. */
    int dimension() {
        return k;
    }

    /** Number of nodes N = nᵏ. */
    int size() {
        return size;
    }

    /** Probability weight of node ν. */
    double weight(int nu) {
        return weights[nu];
    }

    /** Standardised coordinate z_r of node ν. */
    double z(int nu, int r) {
        return z[nu * k + r];
    }

    /** Teacher field λ*_r at node ν. */
    double field(int nu, int r) {
        return field[nu * k + r];
    }

    /** Writes u = L⁻¹ mᵀ for the overlap row m[offset .. offset + k). */
    void whiten(double[] m, int offset, double[] u) {
        whitening.whiten(m, offset, u);
    }

    /** μ_ν = u·z_ν for every node. */
    void projections(double[] u, double[] mu) {
        if (k == 1) {
            double u0 = u[0];
            for (int nu = 0; nu < size; nu++) {
                mu[nu] = u0 * z[nu];
            }
            return;
        }
        for (int nu = 0; nu < size; nu++) {
            double s = 0;
            int base = nu * k;
            for (int r = 0; r < k; r++) {
                s += u[r] * z[base + r];
            }
            mu[nu] = s;
        }
    }
}
