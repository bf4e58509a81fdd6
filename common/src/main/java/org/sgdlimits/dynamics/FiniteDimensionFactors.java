package org.sgdlimits.dynamics;

import org.sgdlimits.activation.Activation;

/**
 * The exact finite-d factors of the noise (g-) term (docs/theory.md §3). The d-dimensional drift carries
 * E[|x|²/d · h(λ)] with h = e² σ'(λ_i) σ'(λ_j); Stein's lemma gives E[|x|² h] = d E[h] + E[λ·∇h], and for h
 * positively homogeneous of degree m (Euler: λ·∇h = m h) the factor is (1 + m/d). The noise sum splits into
 * blocks that are each homogeneous when σ and σ* are: with s = deg σ, t = deg σ* (σ' has degree s − 1),
 * <ul>
 *   <li>student–student block c_u c_v σ'σ' σ σ: m = 2(s − 1) + 2s</li>
 *   <li>student–teacher block: m = 2(s − 1) + s + t</li>
 *   <li>teacher–teacher block: m = 2(s − 1) + 2t</li>
 *   <li>label-noise part Δ σ'σ': m = 2(s − 1)</li>
 * </ul>
 * e.g. linear or ReLU (s = t = 1): 2, 2, 2, 0; square (s = t = 2): 6, 6, 6, 2.
 *
 * <p>For any other activation the drift uses the general form E[λ·∇h] = 2 (d/ds) E_{sΩ}[h] at s = 1
 * (the Gaussian with covariance sΩ is that of √s·λ); see {@link PopulationDrift#withFiniteDimension}.
 */
final class FiniteDimensionFactors {
    static final FiniteDimensionFactors INFINITE_DIMENSION = new FiniteDimensionFactors(1, 1, 1, 1);

    final double studentStudent;
    final double studentTeacher;
    final double teacherTeacher;
    final double labelNoise;

    private FiniteDimensionFactors(double studentStudent, double studentTeacher, double teacherTeacher,
                                   double labelNoise) {
        this.studentStudent = studentStudent;
        this.studentTeacher = studentTeacher;
        this.teacherTeacher = teacherTeacher;
        this.labelNoise = labelNoise;
    }

    /**
     * Factors (1 + m/d) for input dimension d (d = +∞ gives all ones).
     *
     * @throws IllegalArgumentException if d is not &gt; 0, or an activation is not positively homogeneous
     */
    static FiniteDimensionFactors forDimension(double d, Activation student, Activation teacher) {
        requireValidDimension(d);
        if (d == Double.POSITIVE_INFINITY) {
            return INFINITE_DIMENSION;
        }
        int s = homogeneityDegree(student, "student");
        int t = homogeneityDegree(teacher, "teacher");
        int derivatives = 2 * (s - 1);
        return new FiniteDimensionFactors(1 + (derivatives + 2 * s) / d, 1 + (derivatives + s + t) / d,
                1 + (derivatives + 2 * t) / d, 1 + derivatives / d);
    }

    /** @throws IllegalArgumentException unless d &gt; 0 (+∞ allowed) */
    static void requireValidDimension(double d) {
        if (!(d > 0)) {
            throw new IllegalArgumentException("dimension: " + d + " is not allowed; must be > 0 (or +infinity)");
        }
    }

    /** Whether σ is positively homogeneous ({@link Activation#homogeneityDegree}), so that the exact factors apply. */
    static boolean isHomogeneous(Activation activation) {
        return activation.homogeneityDegree().isPresent();
    }

    /** Degree of positive homogeneity σ(cx) = c^n σ(x), c &gt; 0. */
    static int homogeneityDegree(Activation activation, String which) {
        java.util.OptionalInt degree = activation.homogeneityDegree();
        if (degree.isPresent()) {
            return degree.getAsInt();
        }
        throw new IllegalArgumentException("dimension: the exact finite-d noise factor needs a positively "
                + "homogeneous " + which + " activation (linear, relu, square); got '" + activation.id()
                + "'; use dimension = +infinity");
    }
}
