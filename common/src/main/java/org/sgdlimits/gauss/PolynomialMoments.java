package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.PolynomialActivation;

/**
 * Exact Gaussian moments when student and teacher activations are both polynomials
 * ({@link Activation#polynomialCoefficients()}: linear, square, the Hermite polynomials He_1 … He_6, any
 * polynomial by its coefficients), in any combination, by Wick/Isserlis ({@link GaussianPolynomialExpectation};
 * docs/theory.md §3.7). Immutable, thread-safe.
 */
public final class PolynomialMoments implements GaussianMoments {

    private static final double[] IDENTITY = {0, 1};

    private final Activation student;
    private final Activation teacher;
    private final double[] studentValue;
    private final double[] teacherValue;
    private final double[] studentDerivative;
    /** Whether every moment is Euler-weighted (see {@link #eulerWeighted()}). */
    private final boolean euler;

    /**
     * @throws IllegalArgumentException unless both activations are polynomials
     */
    public PolynomialMoments(Activation student, Activation teacher) {
        this.student = student;
        this.teacher = teacher;
        this.studentValue = valueCoefficients(student, "student");
        this.teacherValue = valueCoefficients(teacher, "teacher");
        this.studentDerivative = PolynomialActivation.derivativeCoefficients(studentValue);
        this.euler = false;
    }

    /** The Euler-weighted view of {@code plain}. */
    private PolynomialMoments(PolynomialMoments plain) {
        this.student = plain.student;
        this.teacher = plain.teacher;
        this.studentValue = plain.studentValue;
        this.teacherValue = plain.teacherValue;
        this.studentDerivative = plain.studentDerivative;
        this.euler = true;
    }

    /** Whether {@code a} is a polynomial, so that its moments are exact here. */
    public static boolean supports(Activation a) {
        return a != null && a.polynomialDegree().isPresent();
    }

    private static double[] valueCoefficients(Activation a, String field) {
        double[] c = a == null ? null : a.polynomialCoefficients();
        if (c == null) {
            throw new IllegalArgumentException(field + " activation: '" + (a == null ? null : a.id())
                    + "' is not polynomial; allowed: linear, square, he1..he6, a polynomial");
        }
        return c;
    }

    private double[] sigma(Role r) {
        return r == Role.STUDENT ? studentValue : teacherValue;
    }

    @Override
    public Activation student() {
        return student;
    }

    @Override
    public Activation teacher() {
        return teacher;
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22) {
        return expect(new double[][] {sigma(a), sigma(b)},
                MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        return expect(new double[][] {studentDerivative, IDENTITY, sigma(b)},
                MomentIntegrands.cov3(c11, c12, c13, c22, c23, c33));
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        return expect(new double[][] {studentDerivative, studentDerivative, sigma(a), sigma(b)},
                MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44));
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return expect(new double[][] {studentDerivative, studentDerivative},
                MomentIntegrands.cov2(c11, c12, c22));
    }

    /**
     * The Euler-weighted moments of this pair: every I2, I3, I4, J2 is replaced by E[(u·∇) Π factors], the
     * expectation of each monomial times its total degree ({@link GaussianPolynomialExpectation#eulerExpectation}).
     * By Stein's lemma the noise sum built from them is E[λ·∇h], the exact finite-d correction
     * E[|x|²/d · h] = E[h] + E[λ·∇h]/d of docs/theory.md §3.7, for any (not only homogeneous) polynomials.
     */
    public GaussianMoments eulerWeighted() {
        return new PolynomialMoments(this);
    }

    private double expect(double[][] factors, double[] covariance) {
        return euler ? GaussianPolynomialExpectation.eulerExpectation(factors, covariance)
                : GaussianPolynomialExpectation.expectation(factors, covariance);
    }

    @Override
    public String toString() {
        return "PolynomialMoments(" + student.id() + ", " + teacher.id()
                + (euler ? ", Wick, Euler-weighted)" : ", Wick)");
    }
}
