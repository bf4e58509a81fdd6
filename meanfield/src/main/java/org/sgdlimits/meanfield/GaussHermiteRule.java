package org.sgdlimits.meanfield;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Gauss–Hermite nodes and weights for the standard normal law: E[f(Z)] ≈ Σ_l weights[l] f(nodes[l]),
 * Z ~ N(0, 1), exact for polynomials of degree ≤ 2n − 1 (Hipparchus' physicists' rule rescaled by √2 and
 * 1/√π). Immutable.
 */
final class GaussHermiteRule {
    private final double[] nodes;
    private final double[] weights;

    /** Hipparchus computes the rules in extended precision (slow for large n): cache the converted rules. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, GaussIntegrator> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    GaussHermiteRule(int n) {
        if (n < 1 || n > 200) {
            throw new IllegalArgumentException("quadrature nodes: " + n + "; allowed range 1..200");
        }
        GaussIntegrator rule = CACHE.computeIfAbsent(n, size -> new GaussIntegratorFactory().hermite(size));
        nodes = new double[n];
        weights = new double[n];
        double sqrt2 = Math.sqrt(2.0);
        double invSqrtPi = 1.0 / Math.sqrt(Math.PI);
        for (int l = 0; l < n; l++) {
            nodes[l] = sqrt2 * rule.getPoint(l);
            weights[l] = invSqrtPi * rule.getWeight(l);
        }
    }

    /** The nodes (shared array: do not modify). */
    double[] nodes() {
        return nodes;
    }

    /** The weights (shared array: do not modify). */
    double[] weights() {
        return weights;
    }

    int size() {
        return nodes.length;
    }

    double node(int l) {
        return nodes[l];
    }

    double weight(int l) {
        return weights[l];
    }
}
