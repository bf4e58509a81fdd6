package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Exact Gaussian moments when student and teacher activations are each linear (σ(x) = x) or square
 * (σ(x) = x², phase retrieval), in any combination, by Wick/Isserlis ({@link GaussianPolynomialExpectation}).
 * Every factor of I2, I3, I4, J2 is then a polynomial of degree ≤ 2 in one variable. Immutable, thread-safe.
 */
public final class PolynomialMoments implements GaussianMoments {

    private static final double[] IDENTITY = {0, 1, 0};

    private final Activation student;
    private final Activation teacher;
    private final double[] studentValue;
    private final double[] teacherValue;
    private final double[] studentDerivative;

    /**
     * @throws IllegalArgumentException unless both activations are {@code linear} or {@code square}
     */
    public PolynomialMoments(Activation student, Activation teacher) {
        this.student = student;
        this.teacher = teacher;
        this.studentValue = valueCoefficients(student, "student");
        this.teacherValue = valueCoefficients(teacher, "teacher");
        this.studentDerivative = derivativeCoefficients(student);
    }

    /** Whether {@code a} is one of the polynomial families handled here. */
    public static boolean supports(Activation a) {
        return a == StandardActivation.LINEAR || a == StandardActivation.SQUARE;
    }

    private static double[] valueCoefficients(Activation a, String field) {
        if (a == StandardActivation.LINEAR) {
            return new double[] {0, 1, 0};
        }
        if (a == StandardActivation.SQUARE) {
            return new double[] {0, 0, 1};
        }
        throw new IllegalArgumentException(field + " activation: '" + (a == null ? null : a.id())
                + "' is not polynomial; allowed: linear, square");
    }

    private static double[] derivativeCoefficients(Activation a) {
        return a == StandardActivation.LINEAR ? new double[] {1, 0, 0} : new double[] {0, 2, 0};
    }

    private double[] sigma(Role r) {
        return r == Role.STUDENT ? studentValue : teacherValue;
    }

    private static double[] concat(double[]... parts) {
        double[] out = new double[3 * parts.length];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, 3 * i, 3);
        }
        return out;
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
        return GaussianPolynomialExpectation.expectation(concat(sigma(a), sigma(b)),
                MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
        return GaussianPolynomialExpectation.expectation(concat(studentDerivative, IDENTITY, sigma(b)),
                MomentIntegrands.cov3(c11, c12, c13, c22, c23, c33));
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44) {
        return GaussianPolynomialExpectation.expectation(
                concat(studentDerivative, studentDerivative, sigma(a), sigma(b)),
                MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44));
    }

    @Override
    public double j2(double c11, double c12, double c22) {
        return GaussianPolynomialExpectation.expectation(concat(studentDerivative, studentDerivative),
                MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public String toString() {
        return "PolynomialMoments(" + student.id() + ", " + teacher.id() + ", Wick)";
    }
}
