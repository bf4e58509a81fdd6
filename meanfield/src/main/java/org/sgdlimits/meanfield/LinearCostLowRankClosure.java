package org.sgdlimits.meanfield;

/**
 * A corrected (low-rank) closure evaluated in O(p) per right-hand side, with a learning-rate schedule factor: what
 * the particle engine ({@link ParticleSystem#lowRank}) runs. Implementations: {@link SeriesLowRankClosure} (the
 * heat-kernel series in H, any sign of H) and {@link LatentLowRankClosure} (latent Gaussians on a quadrature rule),
 * docs/closure.md §5.
 */
public interface LinearCostLowRankClosure extends LowRankClosure {

    /** The right-hand side with a schedule factor s (gradient parts × s, noise parts × s²) into {@code yDot}. */
    void derivatives(double[] y, double scheduleFactor, double[] yDot);

    /** Copy of the fixed second layer a_i. */
    double[] secondLayer();
}
