package org.sgdlimits.meanfield;

/**
 * Immutable configuration of a {@link ParticleDrift} (docs/theory.md §2, §3, §5).
 *
 * @param width            the number of hidden units p that sets the finite-p self-interaction: the j = i
 *                         terms of the population sums carry the coefficient c = 1/p. Use the true width for
 *                         the finite-p particle system (then p = 1 reproduces the full overlap ODE exactly);
 *                         {@link Double#POSITIVE_INFINITY} for the strict p → ∞ limit (c = 0). When the drift
 *                         is evaluated with explicit weights (grid cells of a density), this is still the
 *                         number of units of the network, not the number of cells. Must be ≥ 1.
 * @param noiseCoefficient g/B = γ/(pB), the factor of the SGD-noise term a_i² E[e² σ'(λ_i)²] in dq⊥/dt;
 *                         0 drops the term (classical regime, or the strict p → ∞ limit at fixed γ). ≥ 0.
 * @param labelNoise       Δ, the label-noise variance, ≥ 0 (enters only the noise term)
 * @param weightDecay      λ_wd ≥ 0: dm/dt gains −λ_wd m, dq⊥/dt gains −2λ_wd q⊥
 * @param secondLayerRate  γ_a/γ ≥ 0; 0 keeps the second layer fixed (da/dt = 0)
 * @param teacherNodes     0 (default) picks the teacher-field rule: Gauss–Hermite with
 *                         {@link #DEFAULT_POLYNOMIAL_NODES} nodes per axis when student and teacher are linear or
 *                         square (exact), the trapezoidal rule of step 0.4 on |z| ≤ 8.6 (43 nodes, evaluated on
 *                         a lattice with recurrences) for k = 1 (for ReLU student or teacher: composite
 *                         Gauss–Legendre split at λ* = 0, 160 nodes, because of the kink), Gauss–Hermite with {@link #DEFAULT_NODES} per
 *                         axis for k &gt; 1. A positive value forces Gauss–Hermite with that many nodes per axis
 *                         (teacherNodesᵏ in all). For erf the error of one two-unit expectation is, with the
 *                         alignment κ² = max(m²/P, P)/(1 + q⊥): default k = 1 rule 1e-15 (κ ≤ 1), 6e-12
 *                         (κ ≤ 1.5), 3e-8 (κ ≤ 2); Gauss–Hermite 40 nodes 4e-11, 2e-8, 6e-6. Measured on whole
 *                         drifts against the closed-form full drift: ≤ 1e-10 for κ ≲ 1.3 (p ≤ 30), the noise term
 *                         ~3e-9 when some units reach κ ≈ 2.
 */
public record ParticleDriftSettings(double width, double noiseCoefficient, double labelNoise, double weightDecay,
                                    double secondLayerRate, int teacherNodes) {

    /** Default teacher-field nodes per axis for non-polynomial activations. */
    public static final int DEFAULT_NODES = 40;
    /** Default teacher-field nodes per axis when both activations are polynomial (exact up to degree 15). */
    public static final int DEFAULT_POLYNOMIAL_NODES = 8;

    public ParticleDriftSettings {
        if (!(width >= 1)) {
            throw new IllegalArgumentException("width: " + width + "; must be >= 1 (or +Infinity for p -> infinity)");
        }
        requireNonNegative("noiseCoefficient", noiseCoefficient);
        requireNonNegative("labelNoise", labelNoise);
        requireNonNegative("weightDecay", weightDecay);
        requireNonNegative("secondLayerRate", secondLayerRate);
        if (teacherNodes < 0 || teacherNodes > 200) {
            throw new IllegalArgumentException("teacherNodes: " + teacherNodes + "; allowed range 0..200 (0 = default)");
        }
    }

    /** Finite width p, no SGD noise, no label noise, no weight decay, fixed second layer, default nodes. */
    public static ParticleDriftSettings ofWidth(double width) {
        return new ParticleDriftSettings(width, 0, 0, 0, 0, 0);
    }

    /** The self-interaction coefficient c = 1/p (0 in the strict limit). */
    public double selfInteraction() {
        return Double.isInfinite(width) ? 0.0 : 1.0 / width;
    }

    public ParticleDriftSettings withWidth(double value) {
        return new ParticleDriftSettings(value, noiseCoefficient, labelNoise, weightDecay, secondLayerRate, teacherNodes);
    }

    public ParticleDriftSettings withNoiseCoefficient(double value) {
        return new ParticleDriftSettings(width, value, labelNoise, weightDecay, secondLayerRate, teacherNodes);
    }

    public ParticleDriftSettings withLabelNoise(double value) {
        return new ParticleDriftSettings(width, noiseCoefficient, value, weightDecay, secondLayerRate, teacherNodes);
    }

    public ParticleDriftSettings withWeightDecay(double value) {
        return new ParticleDriftSettings(width, noiseCoefficient, labelNoise, value, secondLayerRate, teacherNodes);
    }

    public ParticleDriftSettings withSecondLayerRate(double value) {
        return new ParticleDriftSettings(width, noiseCoefficient, labelNoise, weightDecay, value, teacherNodes);
    }

    public ParticleDriftSettings withTeacherNodes(int value) {
        return new ParticleDriftSettings(width, noiseCoefficient, labelNoise, weightDecay, secondLayerRate, value);
    }

    private static void requireNonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + ": " + v + "; must be a finite number >= 0");
        }
    }
}
