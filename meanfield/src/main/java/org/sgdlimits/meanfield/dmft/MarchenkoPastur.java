package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.function.DoubleUnaryOperator;

/**
 * Quadrature for the Marchenko–Pastur law μ_α of the eigenvalues of A = XᵀX/d, X an n × d matrix of independent
 * standard normals with n = α d (docs/dmft.md §4): density √((a₊ − a)(a − a₋))/(2π a) on [a₋, a₊],
 * a± = (√α ± 1)², plus an atom of mass (1 − α)₊ at a = 0. Mass 1, mean α, second moment α + α².
 *
 * <p>The continuous part is integrated in the angle θ of a = c + r cos θ (c = 1 + α, r = 2√α): the density
 * times da becomes r² sin²θ/(2π a) dθ, a smooth periodic integrand (also at α = 1, where a₋ = 0 and
 * sin²θ/a = (1 − cos θ)/2); the midpoint (Gauss–Chebyshev) rule in θ is applied to (f(a) − f(0))/a and the rest
 * is put on a node at a = 0 (together with the atom), so the rule integrates a polynomial of degree
 * &lt; 2·points − 2 in a exactly and converges geometrically for smooth f at every α. Immutable.
 */
public final class MarchenkoPastur {
    private final double alpha;
    private final double[] nodes;
    private final double[] weights;

    /**
     * @param alpha  sample ratio n/d, finite and &gt; 0
     * @param points number of θ nodes of the continuous part, ≥ 2
     */
    public MarchenkoPastur(double alpha, int points) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new InvalidFieldException(FieldPath.parse("alpha"), "" + alpha + "; must be a finite number > 0");
        }
        if (points < 2) {
            throw new InvalidFieldException(FieldPath.parse("points"), "" + points + "; must be >= 2");
        }
        this.alpha = alpha;
        // Node 0 is a = 0: the atom (1 − α)₊ plus the correction that makes the rule exact for the 1/a of the
        // density: ∫ f dμ_cont = f(0)·min(α, 1) + ∫ (f(a) − f(0))/a · r² sin²θ/(2π) dθ, and (f(a) − f(0))/a is
        // smooth even when a₋ → 0 (α → 1), where the plain rule in θ converges slowly.
        nodes = new double[points + 1];
        weights = new double[points + 1];
        double c = 1 + alpha;
        double r = 2 * Math.sqrt(alpha);
        double continuous = 0;
        for (int i = 0; i < points; i++) {
            double theta = Math.PI * (i + 0.5) / points;
            double cos = Math.cos(theta);
            double a = c + r * cos;
            nodes[i + 1] = a;
            weights[i + 1] = r * r * (1 - cos * cos) / (2 * points) / a;
            continuous += weights[i + 1];
        }
        nodes[0] = 0.0;
        weights[0] = Math.max(0.0, 1 - alpha) + (Math.min(alpha, 1.0) - continuous);
    }

    /** The sample ratio α. */
    public double alpha() {
        return alpha;
    }

    /** Number of nodes (node 0 is a = 0). */
    public int size() {
        return nodes.length;
    }

    /** The i-th node (an eigenvalue a ≥ 0). */
    public double node(int i) {
        return nodes[i];
    }

    /** The i-th weight (the weights sum to 1). */
    public double weight(int i) {
        return weights[i];
    }

    /** ∫ f dμ_α. */
    public double integrate(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += weights[i] * f.applyAsDouble(nodes[i]);
        }
        return s;
    }
}
