package org.sgdlimits.activation;

/**
 * The derivative of an activation written as σ'(x) = amplitude · bell(x/width), for a bell that is a Gaussian
 * scale mixture, bell(y) = ∫ e^(−t y²) dμ(t) with a positive measure μ (docs/theory.md §3.10.1). Then every
 * σ' factor of a Gaussian moment is a mixture of Gaussian tilts of the covariance, which
 * {@code org.sgdlimits.gauss.ScaleMixtureMoments} uses.
 *
 * @param bell      the shape
 * @param amplitude σ'(0) = amplitude · bell(0) = amplitude, &gt; 0
 * @param width     the scale of x, &gt; 0
 */
public record BellShapedDerivative(Bell bell, double amplitude, double width) {

    /** The shapes with a known mixing measure. */
    public enum Bell {
        /** bell(y) = e^(−y²/2): one point, t = 1/2 (erf). */
        GAUSSIAN,
        /**
         * bell(y) = sech²(y): t = 1/(2K²) with K Kolmogorov-distributed and weight 2/(K√(2π)) (Andrews and
         * Mallows 1974: the logistic density is a normal scale mixture; tanh, sigmoid).
         */
        SECH_SQUARED
    }

    public BellShapedDerivative {
        if (bell == null || !(amplitude > 0) || !(width > 0) || !Double.isFinite(amplitude) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("bell-shaped derivative: bell " + bell + ", amplitude " + amplitude
                    + ", width " + width + "; need a bell and finite amplitude, width > 0");
        }
    }
}
