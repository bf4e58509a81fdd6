package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;

/**
 * The one-dimensional factors whose product defines I2, I3, I4 and J2 (docs/theory.md §3) for an activation pair,
 * for the generic (Monte Carlo, quadrature) providers. The returned arrays are shared and must not be modified.
 */
final class MomentIntegrands {
    private static final Activation.Function IDENTITY = x -> x;

    private final Activation student;
    private final Activation teacher;
    private final Activation.Function[][][] i2 = new Activation.Function[2][2][];
    private final Activation.Function[][] i3 = new Activation.Function[2][];
    private final Activation.Function[][][] i4 = new Activation.Function[2][2][];
    private final Activation.Function[] j2;

    MomentIntegrands(Activation student, Activation teacher) {
        if (student == null || teacher == null) {
            throw new IllegalArgumentException("activation: missing (student=" + student + ", teacher=" + teacher + ")");
        }
        this.student = student;
        this.teacher = teacher;
        Activation.Function dStudent = student::derivative;
        for (Role a : Role.values()) {
            for (Role b : Role.values()) {
                i2[a.ordinal()][b.ordinal()] = new Activation.Function[] {sigma(a), sigma(b)};
                i4[a.ordinal()][b.ordinal()] = new Activation.Function[] {dStudent, dStudent, sigma(a), sigma(b)};
            }
            i3[a.ordinal()] = new Activation.Function[] {dStudent, IDENTITY, sigma(a)};
        }
        j2 = new Activation.Function[] {dStudent, dStudent};
    }

    Activation student() {
        return student;
    }

    Activation teacher() {
        return teacher;
    }

    private Activation.Function sigma(Role r) {
        Activation act = r == Role.STUDENT ? student : teacher;
        return act::value;
    }

    Activation.Function[] i2(Role a, Role b) {
        return i2[a.ordinal()][b.ordinal()];
    }

    Activation.Function[] i3(Role b) {
        return i3[b.ordinal()];
    }

    Activation.Function[] i4(Role a, Role b) {
        return i4[a.ordinal()][b.ordinal()];
    }

    Activation.Function[] j2() {
        return j2;
    }

    static double[] cov2(double c11, double c12, double c22) {
        return new double[] {c11, c12, c12, c22};
    }

    static double[] cov3(double c11, double c12, double c13, double c22, double c23, double c33) {
        return new double[] {c11, c12, c13, c12, c22, c23, c13, c23, c33};
    }

    static double[] cov4(double c11, double c12, double c13, double c14, double c22, double c23, double c24,
                         double c33, double c34, double c44) {
        return new double[] {c11, c12, c13, c14, c12, c22, c23, c24, c13, c23, c33, c34, c14, c24, c34, c44};
    }
}
