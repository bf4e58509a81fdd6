package org.sgdlimits.meanfield;

import java.util.List;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.Parity;

/**
 * Moments of one student unit conditional on the teacher field (docs/theory.md §5). Under the mean-field closure the
 * pre-activation of unit i is λ = μ + √q⊥ ξ with μ = m P⁻¹ λ* fixed by the teacher field λ* and ξ ~ N(0, 1)
 * independent of everything else. For a batch of n values μ[0..n) and one q⊥ ≥ 0 an implementation fills
 * (σ the student activation, all expectations over ξ only):
 *
 * <ul>
 *   <li>{@code s}    = E[σ(λ)],           {@code variance} = E[σ(λ)²] − E[σ(λ)]²</li>
 *   <li>{@code d}    = E[σ'(λ)],          {@code sd}   = E[σ(λ) σ'(λ)]</li>
 *   <li>{@code dxi}  = E[σ'(λ)(λ − μ)],   {@code sdxi} = E[σ(λ) σ'(λ)(λ − μ)]  (both = √q⊥ E[· ξ])</li>
 *   <li>{@code d2}   = E[σ'(λ)²],         {@code sd2}  = E[σ(λ) σ'(λ)²],  {@code s2d2} = E[σ(λ)² σ'(λ)²]</li>
 * </ul>
 * and, unconditionally, {@link #meanSquare} = E[σ(λ)²] for λ ~ N(0, v).
 *
 * <p>These are Gaussian expectations of one variable; the tests check them against numerical integration
 * and, averaged over the teacher field, against the common {@code org.sgdlimits.gauss} moments.
 * Implementations are immutable and thread-safe; the methods do not allocate.
 */
public interface ConditionalMoments {

    /** The student activation σ. */
    Activation activation();

    /** Fills s[j] and (if {@code variance != null}) variance[j] for j &lt; n. */
    void means(double[] mu, int n, double qPerp, double[] s, double[] variance);

    /** Fills d, sd, dxi, sdxi (the moments of the gradient terms) for j &lt; n. */
    void gradientMoments(double[] mu, int n, double qPerp, double[] d, double[] sd, double[] dxi, double[] sdxi);

    /** Fills d2, sd2 and (if {@code s2d2 != null}) s2d2, the moments of the SGD-noise term, for j &lt; n. */
    void noiseMoments(double[] mu, int n, double qPerp, double[] d2, double[] sd2, double[] s2d2);

    /**
     * Fills t[j] = E[σ(λ)² σ'(λ)] for j &lt; n (λ = μ_j + √q⊥ ξ), a moment of the SGD-noise term between two
     * units that the low-rank closure needs (docs/closure.md §5). The default integrates over ξ with a
     * {@value #SQUARE_DERIVATIVE_NODES}-point Gauss–Hermite rule (exact for polynomial σ of degree ≤ 26,
     * geometric convergence for smooth σ, slow for kinks); erf overrides it in closed form. Allocates the rule
     * on each call (not meant for hot loops of providers without a closed form).
     */
    default void squareDerivative(double[] mu, int n, double qPerp, double[] t) {
        org.sgdlimits.gauss.GaussHermiteRule rule = new org.sgdlimits.gauss.GaussHermiteRule(SQUARE_DERIVATIVE_NODES);
        double sq = Math.sqrt(Math.max(0.0, qPerp));
        Activation sigma = activation();
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int l = 0; l < rule.size(); l++) {
                double x = mu[j] + sq * rule.node(l);
                double v = sigma.value(x);
                sum += rule.weight(l) * v * v * sigma.derivative(x);
            }
            t[j] = sum;
        }
    }

    /**
     * The conditional moments whose μ-derivatives {@link #derivatives} returns, in this order (block
     * {@code ordinal()} of the output): S = E[σ], SQUARE = E[σ²], D = E[σ'], SD = E[σσ'], D2 = E[σ'²],
     * SD2 = E[σσ'²], S2D2 = E[σ²σ'²], SQUARE_D = E[σ²σ'] (each over ξ, λ = μ + √q⊥ ξ).
     */
    enum Moment { S, SQUARE, D, SD, D2, SD2, S2D2, SQUARE_D }

    /**
     * The μ-derivatives ∂ⁿ/∂μⁿ of every {@link Moment} at one (μ, q⊥), n = 0..order, into
     * {@code out[moment.ordinal() * (order + 1) + n]} (length ≥ 8 (order + 1)). Each moment F(μ, q⊥) = E[g(μ + √q⊥ ξ)]
     * solves the heat equation ∂F/∂q⊥ = ½ ∂²F/∂μ², so these derivatives also give its q⊥-dependence (the
     * heat-kernel series of docs/closure.md §5). The default integrates F⁽ⁿ⁾ = q⊥^(−n/2) E[g(μ + √q⊥ ξ) Heₙ(ξ)]
     * (Gaussian integration by parts, Heₙ the probabilists' Hermite polynomials) with a
     * {@value #SQUARE_DERIVATIVE_NODES}-point Gauss–Hermite rule: needs q⊥ &gt; 0, allocates, and loses digits as
     * n grows or q⊥ → 0 (≈ 1e-5 for erf at n ≤ 4, q⊥ ≥ 0.3); erf overrides it in closed form.
     */
    default void derivatives(double mu, double qPerp, int order, double[] out) {
        if (!(qPerp > 0)) {
            throw new IllegalArgumentException("qPerp: " + qPerp + "; the quadrature derivatives need q⊥ > 0");
        }
        org.sgdlimits.gauss.GaussHermiteRule rule = new org.sgdlimits.gauss.GaussHermiteRule(SQUARE_DERIVATIVE_NODES);
        double sq = Math.sqrt(qPerp);
        Activation sigma = activation();
        int n1 = order + 1;
        java.util.Arrays.fill(out, 0, 8 * n1, 0.0);
        double[] he = new double[n1];
        for (int l = 0; l < rule.size(); l++) {
            double xi = rule.node(l);
            double x = mu + sq * xi;
            double v = sigma.value(x);
            double dv = sigma.derivative(x);
            double[] g = {v, v * v, dv, v * dv, dv * dv, v * dv * dv, v * v * dv * dv, v * v * dv};
            he[0] = 1;
            if (order > 0) {
                he[1] = xi;
            }
            for (int n = 2; n <= order; n++) {
                he[n] = xi * he[n - 1] - (n - 1) * he[n - 2];
            }
            double w = rule.weight(l);
            for (int kind = 0; kind < 8; kind++) {
                for (int n = 0; n <= order; n++) {
                    out[kind * n1 + n] += w * g[kind] * he[n];
                }
            }
        }
        for (int n = 1; n <= order; n++) {
            double scale = Math.pow(qPerp, -0.5 * n);
            for (int kind = 0; kind < 8; kind++) {
                out[kind * n1 + n] *= scale;
            }
        }
    }

    /**
     * {@link #derivatives} on the lattice μ_j = j·step, j &lt; n (step of any sign, or 0), in rows, each kind to its
     * own order: for every kind with {@code orders[kind.ordinal()] ≥ 0} and d = 0..orders[kind.ordinal()],
     * {@code out[kind.ordinal() * stride + d][j]} = ∂ᵈ/∂μᵈ E[g_kind(μ + √q⊥ ξ)] at μ = μ_j, with
     * stride = 1 + max over kinds of orders (rows of length ≥ n; one column per lattice point, so that callers loop
     * over the lattice in contiguous rows). Rows of kinds with a negative order, and rows beyond a kind's order,
     * are left untouched. The values equal {@link #derivatives}{@code (j * step, qPerp, stride − 1, …)} (closed
     * forms may use recurrences along the lattice and agree to rounding; the default is exact). The default calls
     * {@link #derivatives} at each point; erf overrides it with lattice recurrences and computes only what the
     * requested kinds and orders need. Same preconditions as {@link #derivatives} (the default needs q⊥ &gt; 0).
     */
    default void derivativesOnLattice(double step, int n, double qPerp, int[] orders, double[][] out) {
        int stride = latticeStride(orders);
        if (stride == 0) {
            return;
        }
        double[] point = new double[8 * stride];
        for (int j = 0; j < n; j++) {
            derivatives(j * step, qPerp, stride - 1, point);
            for (int kind = 0; kind < 8; kind++) {
                for (int d = 0; d <= orders[kind]; d++) {
                    out[kind * stride + d][j] = point[kind * stride + d];
                }
            }
        }
    }

    /** The row stride of {@link #derivativesOnLattice}'s output: 1 + the largest requested order (0: none). */
    static int latticeStride(int[] orders) {
        int stride = 0;
        for (int o : orders) {
            stride = Math.max(stride, o + 1);
        }
        return stride;
    }

    /** Nodes of the default rule of {@link #squareDerivative}. */
    int SQUARE_DERIVATIVE_NODES = 40;

    /** E[σ(λ)²] for λ ~ N(0, variance). */
    double meanSquare(double variance);

    /**
     * E[σ(λ)² σ'(λ')²] for (λ, λ') jointly Gaussian with equal variances v and covariance c (c = v gives
     * E[σ²σ'²] of one variable), or NaN when no closed form is offered. The drift uses it for the
     * self-interaction parts of the noise term: with Q = m P⁻¹ mᵀ + q⊥ and A = m P⁻¹ mᵀ,
     * E_λ*[E[σ²σ'²|λ*]] = value(Q, Q) and E_λ*[E[σ²|λ*] E[σ'²|λ*]] = value(Q, A) (two units sharing the teacher
     * field), which spares two Owen's T evaluations per node.
     */
    default double squareTimesDerivativeSquare(double variance, double covariance) {
        return Double.NaN;
    }

    /**
     * Symmetry of σ; it fixes the symmetry of every conditional moment in μ. For an odd σ (erf, tanh, linear)
     * the moments S, SD, DXi, SD2 are odd functions of μ and Var, D, SDXi, D2, S2D2 even; for an even σ (square)
     * D, SD are odd and the others even (substitute λ → −λ, ξ → −ξ). The drift uses this to evaluate the
     * moments on half of a symmetric teacher-field rule.
     */
    default Parity parity() {
        return Parity.NONE;
    }

    /**
     * {@link #means} on the lattice μ_j = j·step, j &lt; n. Implementations may use recurrences along the
     * lattice (Gaussian factors e^(−αμ_j²) = E^(j²) by two multiplications per point). The default fills
     * {@code mu} (length ≥ n, used as workspace) and delegates.
     */
    default void meansOnLattice(double step, int n, double qPerp, double[] mu, double[] s, double[] variance) {
        fillLattice(step, n, mu);
        means(mu, n, qPerp, s, variance);
    }

    /** {@link #gradientMoments} on the lattice μ_j = j·step (see {@link #meansOnLattice}). */
    default void gradientMomentsOnLattice(double step, int n, double qPerp, double[] mu, double[] d, double[] sd,
                                          double[] dxi, double[] sdxi) {
        fillLattice(step, n, mu);
        gradientMoments(mu, n, qPerp, d, sd, dxi, sdxi);
    }

    /** {@link #noiseMoments} on the lattice μ_j = j·step (see {@link #meansOnLattice}). */
    default void noiseMomentsOnLattice(double step, int n, double qPerp, double[] mu, double[] d2, double[] sd2,
                                       double[] s2d2) {
        fillLattice(step, n, mu);
        noiseMoments(mu, n, qPerp, d2, sd2, s2d2);
    }

    private static void fillLattice(double step, int n, double[] mu) {
        for (int j = 0; j < n; j++) {
            mu[j] = j * step;
        }
    }

    /**
     * The provider for a student activation: closed forms for erf (with Owen's T), ReLU, linear and square
     * (exact polynomials); Gauss–Hermite quadrature over ξ with {@value QuadratureConditionalMoments#DEFAULT_NODES}
     * nodes for every other activation (≈ 1e-10 for tanh).
     */
    static ConditionalMoments forActivation(Activation student) {
        for (ConditionalMoments closedForm : ClosedForms.ALL) {
            if (closedForm.activation().equals(student)) {
                return closedForm;
            }
        }
        return new QuadratureConditionalMoments(student, QuadratureConditionalMoments.DEFAULT_NODES,
                student.parity());
    }

    /**
     * The registry of closed-form providers, each for its own {@link #activation()}: a new closed form is its
     * provider file plus its entry here (a holder class, so that the list is built after the providers).
     */
    final class ClosedForms {
        /** Erf (Owen's T), ReLU, linear and square. */
        static final List<ConditionalMoments> ALL = List.of(ErfConditionalMoments.INSTANCE,
                ReluConditionalMoments.INSTANCE, PolynomialConditionalMoments.LINEAR,
                PolynomialConditionalMoments.SQUARE);

        private ClosedForms() {
        }
    }
}
