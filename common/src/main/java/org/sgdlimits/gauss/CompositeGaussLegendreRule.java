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
 * Nodes run panel by panel from −L; the weights are not renormalised (they sum to 1 − 2Φ(−L) up to the rule's
 * error) unless {@link #renormalised()} is asked for. Immutable.
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
        check(halfWidth, panels, points);
        double half = halfWidth / panels;
        double[] centres = new double[panels];
        for (int pn = 0; pn < panels; pn++) {
            centres[pn] = -halfWidth + (2 * pn + 1) * half;
        }
        return onPanels(centres, half, points);
    }

    /**
     * The rule of {@link #standardNormal standardNormal(halfWidth, 2·panelsPerSide, points)} with each panel
     * centre measured from the split point 0 (±(2j + 1)·h, h = halfWidth/(2·panelsPerSide)) instead of from −L:
     * the same rule up to the rounding of the nodes (a few ulp of L), but exactly symmetric about 0, with a panel
     * edge exactly at the kink 0.
     *
     * @param halfWidth     L &gt; 0
     * @param panelsPerSide panels on each half line, ≥ 1
     * @param points        Gauss–Legendre points per panel, ≥ 1
     * @throws IllegalArgumentException naming the argument out of range
     */
    public static CompositeGaussLegendreRule splitAtZero(double halfWidth, int panelsPerSide, int points) {
        check(halfWidth, panelsPerSide, points);
        double half = 0.5 * halfWidth / panelsPerSide;
        double[] centres = new double[2 * panelsPerSide];
        for (int j = 0; j < panelsPerSide; j++) {
            double centre = (2 * j + 1) * half;
            centres[panelsPerSide - 1 - j] = -centre;
            centres[panelsPerSide + j] = centre;
        }
        return onPanels(centres, half, points);
    }

    private static void check(double halfWidth, int panels, int points) {
        if (!(halfWidth > 0) || !Double.isFinite(halfWidth)) {
            throw new IllegalArgumentException("halfWidth: " + halfWidth + "; must be a finite number > 0");
        }
        if (panels < 1 || points < 1) {
            throw new IllegalArgumentException("panels, points: " + panels + ", " + points + "; both must be >= 1");
        }
    }

    /** Gauss–Legendre points on the panels [c − h, c + h] of the given centres c, weights × φ. */
    private static CompositeGaussLegendreRule onPanels(double[] centres, double half, int points) {
        GaussIntegrator gl = new GaussIntegratorFactory().legendre(points, -1, 1);
        int panels = centres.length;
        double[] x = new double[panels * points];
        double[] w = new double[panels * points];
        for (int pn = 0; pn < panels; pn++) {
            for (int l = 0; l < points; l++) {
                double node = centres[pn] + half * gl.getPoint(l);
                x[pn * points + l] = node;
                w[pn * points + l] = half * gl.getWeight(l) * StandardNormal.density(node);
            }
        }
        return new CompositeGaussLegendreRule(x, w);
    }

    /**
     * The same nodes with the weights divided by their sum (so that the rule integrates 1 exactly up to
     * rounding; the dropped tail mass 2Φ(−L) is spread over the nodes).
     */
    public CompositeGaussLegendreRule renormalised() {
        double sum = 0;
        for (double wl : weights) {
            sum += wl;
        }
        double[] w = new double[weights.length];
        for (int l = 0; l < w.length; l++) {
            w[l] = weights[l] / sum;
        }
        return new CompositeGaussLegendreRule(nodes.clone(), w);
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
