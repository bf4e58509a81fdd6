package org.sgdlimits.gauss;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.sgdlimits.activation.StandardNormal;

/**
 * A composite Gauss–Legendre rule for the standard normal weight: E[f(X)], X ~ N(0, 1), is approximated by
 * Σ_l w_l f(x_l) with [−L, L] cut into equal panels of {@code points} Gauss–Legendre points each and
 * w_l = (panel half-width)·(Legendre weight)·φ(x_l). Unlike {@link GaussHermiteRule}, whose error is set by
 * the distance of the integrand's nearest complex singularity from the real axis on the N(0, 1) scale, it
 * converges geometrically in the points per panel as soon as f is analytic on each panel's neighbourhood:
 * the rule for integrands whose singularities come close (tanh at a wide variance) or with a kink at a panel
 * edge (an even panel count puts one at 0). The mass beyond ±L is dropped (2Φ(−L): 4e-28 at L = 11).
 * Nodes run panel by panel from −L; the weights are not renormalised (they sum to 1 − 2Φ(−L) up to the rule's error). Immutable.
 */
public final class CompositeGaussLegendreRule {
    private final double[] nodes;
    private final double[] weights;

    private CompositeGaussLegendreRule(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The rule on [−halfWidth, halfWidth] with {@code panels} equal panels of {@code points} points.
     *
     * @param halfWidth L &gt; 0
     * @param panels    number of panels, ≥ 1 (even: a panel edge at 0)
     * @param points    Gauss–Legendre points per panel, ≥ 1
     * @throws IllegalArgumentException naming the argument out of range
     */
    public static CompositeGaussLegendreRule standardNormal(double halfWidth, int panels, int points) {
        if (!(halfWidth > 0) || !Double.isFinite(halfWidth)) {
            throw new IllegalArgumentException("halfWidth: " + halfWidth + "; must be a finite number > 0");
        }
        if (panels < 1 || points < 1) {
            throw new IllegalArgumentException("panels, points: " + panels + ", " + points + "; both must be >= 1");
        }
        GaussIntegrator gl = new GaussIntegratorFactory().legendre(points, -1, 1);
        double[] x = new double[panels * points];
        double[] w = new double[panels * points];
        double half = halfWidth / panels;
        for (int pn = 0; pn < panels; pn++) {
            double centre = -halfWidth + (2 * pn + 1) * half;
            for (int l = 0; l < points; l++) {
                double node = centre + half * gl.getPoint(l);
                x[pn * points + l] = node;
                w[pn * points + l] = half * gl.getWeight(l) * StandardNormal.density(node);
            }
        }
        return new CompositeGaussLegendreRule(x, w);
    }

    /** Number of nodes (panels × points). */
    public int size() {
        return nodes.length;
    }

    /** Copy of the nodes, panel by panel from −L. */
    public double[] nodes() {
        return nodes.clone();
    }

    /** Copy of the weights (normal density included). */
    public double[] weights() {
        return weights.clone();
    }
}
