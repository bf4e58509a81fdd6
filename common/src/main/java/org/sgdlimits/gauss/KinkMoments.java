package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.KinkQuadrature.Factor;

/**
 * Gaussian moments of a pair with a kink: ReLU mixed with any smooth activation (student ReLU with a smooth
 * teacher or the reverse), centred ({@link GaussianMoments}) or with means, the biases
 * ({@link MeanShiftedMoments}), to ≈ 1e-10 relative or better (docs/theory.md §3.10 "Pairs with a kink",
 * §3.11.2).
 *
 * <p>Every factor of a moment is either <em>kinked</em> — ReLU, its step derivative, or the I3 products u·1[u + m
 * &gt; 0] and w·relu(w + m); each is 1[u &gt; −m]·h(u) with h a polynomial of degree ≤ 2 — or <em>smooth</em> (σ,
 * σ', u σ'(u + m), w σ(w + m) of the smooth activation). Products whose factors are all kinked use the ReLU
 * closed forms ({@link ReluMoments}, {@link ReluShiftedMoments} with means); all smooth and centred,
 * {@link ReducedHermiteMoments}; every other product the nested integral of {@link KinkQuadrature}, whose
 * innermost kinked variable is in closed form (truncated Gaussian moments) when the product has one smooth
 * factor. I3 uses the exact regression E[v | u, w] = p u + q w of {@link ReducedHermiteMoments#regression} (v
 * is centred, so it holds with means too): I3 = p E[u σ'(u + m1) σ_b(w + m3)] + q E[σ'(u + m1) w σ_b(w + m3)].
 *
 * <p>Cost (loaded 2-core machine, docs/theory.md §3.10): I2 ≈ 20 µs, I3 ≈ 35 µs, I4 with three kinked factors
 * (step · step · relu · smooth) ≈ 35 ms (≈ 10⁵ closed forms), with two ≈ 15 ms (≈ 10⁴ Mehler pairs), with one
 * ≈ 10 ms. Immutable and thread-safe; a call allocates small scratch arrays.
 */
public final class KinkMoments implements GaussianMoments, MeanShiftedMoments {

    /** Tolerance of the inner smooth rules ({@link ReducedHermiteMoments}). */
    public static final double DEFAULT_TOLERANCE = 1e-13;
    /** Default Gauss–Legendre nodes per panel. */
    public static final int DEFAULT_NODES = 8;

    private final Activation student;
    private final Activation teacher;
    private final boolean studentKinked;
    private final ReducedHermiteMoments smooth;
    private final KinkQuadrature quadrature;
    private final Activation.Function smoothValue;
    private final Activation.Function smoothDerivative;

    /** Default tolerance and nodes. */
    public KinkMoments(Activation student, Activation teacher) {
        this(student, teacher, DEFAULT_TOLERANCE, DEFAULT_NODES);
    }

    /**
     * @param tolerance tolerance of the inner smooth rules and of the Gaussian tail cut, in [1e-15, 0.1]
     * @param nodes     Gauss–Legendre nodes per outer panel, in [2, 64]
     * @throws IllegalArgumentException naming the argument and its allowed range, or when the pair is not one
     *                                  ReLU and one smooth activation
     */
    public KinkMoments(Activation student, Activation teacher, double tolerance, int nodes) {
        if (!supports(student, teacher)) {
            throw new IllegalArgumentException("activation: " + student + "/" + teacher
                    + "; kink moments need one relu and one smooth activation");
        }
        this.student = student;
        this.teacher = teacher;
        this.studentKinked = student == StandardActivation.RELU;
        Activation g = studentKinked ? teacher : student;
        this.smooth = new ReducedHermiteMoments(g, g, tolerance);
        this.quadrature = new KinkQuadrature(smooth, nodes);
        this.smoothValue = g::value;
        this.smoothDerivative = g::derivative;
    }

    /** Whether this provider handles the pair: exactly one activation is ReLU, the other has no kink. */
    public static boolean supports(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            return false;
        }
        boolean s = student == StandardActivation.RELU;
        boolean t = teacher == StandardActivation.RELU;
        return s != t && !(s ? teacher : student).hasKink();
    }

    @Override
    public Activation student() {
        return student;
    }

    @Override
    public Activation teacher() {
        return teacher;
    }

    private boolean kinked(Role r) {
        return (r == Role.STUDENT) == studentKinked;
    }

    /** σ_r(u + m) as a factor of the centred field u. */
    private Factor value(Role r, double m) {
        if (kinked(r)) {
            return Factor.kinked(-m, m, 1, 0);
        }
        Activation.Function g = smoothValue;
        return Factor.smooth(m == 0 ? g : x -> g.apply(x + m));
    }

    /** σ'(u + m) of the student. */
    private Factor derivative(double m) {
        if (studentKinked) {
            return Factor.kinked(-m, 1, 0, 0);
        }
        Activation.Function d = smoothDerivative;
        return Factor.smooth(m == 0 ? d : x -> d.apply(x + m));
    }

    /** u σ'(u + m) of the student (I3). */
    private Factor timesDerivative(double m) {
        if (studentKinked) {
            return Factor.kinked(-m, 0, 1, 0);
        }
        Activation.Function d = smoothDerivative;
        return Factor.smooth(x -> x * d.apply(x + m));
    }

    /** w σ_r(w + m) (I3). */
    private Factor timesValue(Role r, double m) {
        if (kinked(r)) {
            return Factor.kinked(-m, 0, m, 1);
        }
        Activation.Function g = smoothValue;
        return Factor.smooth(x -> x * g.apply(x + m));
    }

    // ---- centred fields (GaussianMoments) ----

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        return i2(a, b, c11, c12, c22, 0, 0);
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return studentKinked ? ReluMoments.INSTANCE.j2(c11, c12, c22) : smooth.j2(c11, c12, c22);
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        return i3(b, c11, c12, c13, c22, c23, c33, 0, 0);
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        return i4(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44, 0, 0, 0, 0);
    }

    // ---- fields with means (MeanShiftedMoments) ----

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22, double m1, double m2) {
        boolean ka = kinked(a);
        boolean kb = kinked(b);
        boolean centred = m1 == 0 && m2 == 0;
        if (ka && kb) {
            return centred ? ReluMoments.INSTANCE.i2(a, b, c11, c12, c22) : ReluShiftedMoments.i2(c11, c12, c22, m1, m2);
        }
        if (!ka && !kb && centred) {
            return smooth.i2(Role.STUDENT, Role.STUDENT, c11, c12, c22);
        }
        return quadrature.twoPoint(value(a, m1), value(b, m2), c11, c12, c22);
    }

    @Override
    public double k2(Role b, double c11, double c12, double c22, double m1, double m2) {
        if (studentKinked && kinked(b)) {
            return ReluShiftedMoments.k2(c11, c12, c22, m1, m2);
        }
        return quadrature.twoPoint(derivative(m1), value(b, m2), c11, c12, c22);
    }

    @Override
    public double j2(double c11, double c12, double c22, double m1, double m2) {
        if (studentKinked) {
            return ReluShiftedMoments.j2Of(c11, c12, c22, m1, m2);
        }
        if (m1 == 0 && m2 == 0) {
            return smooth.j2(c11, c12, c22);
        }
        return quadrature.twoPoint(derivative(m1), derivative(m2), c11, c12, c22);
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                     double m3) {
        boolean kb = kinked(b);
        boolean centred = m1 == 0 && m3 == 0;
        if (studentKinked && kb) {
            return centred ? ReluMoments.INSTANCE.i3(b, c11, c12, c13, c22, c23, c33)
                    : ReluShiftedMoments.i3(c11, c12, c13, c22, c23, c33, m1, m3);
        }
        if (!studentKinked && !kb && centred) {
            return smooth.i3(Role.STUDENT, c11, c12, c13, c22, c23, c33);
        }
        double[] pq = ReducedHermiteMoments.regression(c11, c12, c13, c23, c33);
        if (pq == null) {
            return 0;
        }
        double first = pq[0] == 0 ? 0
                : pq[0] * quadrature.twoPoint(timesDerivative(m1), value(b, m3), c11, c13, c33);
        double second = pq[1] == 0 ? 0
                : pq[1] * quadrature.twoPoint(derivative(m1), timesValue(b, m3), c11, c13, c33);
        return first + second;
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44, double m1, double m2, double m3, double m4) {
        boolean allKinked = studentKinked && kinked(a) && kinked(b);
        boolean noneKinked = !studentKinked && !kinked(a) && !kinked(b);
        boolean centred = m1 == 0 && m2 == 0 && m3 == 0 && m4 == 0;
        if (allKinked) {
            return centred ? ReluMoments.INSTANCE.i4(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44)
                    : ReluShiftedMoments.i4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44, m1, m2, m3, m4);
        }
        if (noneKinked && centred) {
            return smooth.i4(Role.STUDENT, Role.STUDENT, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
        }
        Factor[] f = {derivative(m1), derivative(m2), value(a, m3), value(b, m4)};
        return quadrature.expectation(f, MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44));
    }

    @Override
    public String toString() {
        return "KinkMoments(" + student + ", " + teacher + ")";
    }
}
