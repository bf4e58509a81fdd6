package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;

/**
 * {@link MeanShiftedMoments} of a pair whose student and teacher share one activation, so that the roles do not
 * matter: each moment is one role-free form (erf, relu: docs/theory.md §3.11, §3.11.1). Subclasses hand their
 * static forms to the constructor. Immutable.
 */
abstract class OneActivationShiftedMoments implements MeanShiftedMoments {

    /** A role-free two-point form (I2, K2, J2) of (c11, c12, c22; m1, m2). */
    @FunctionalInterface
    interface TwoPoint {
        double of(double c11, double c12, double c22, double m1, double m2);
    }

    /** The role-free I3 of (c11, c12, c13, c22, c23, c33; m1, m3). */
    @FunctionalInterface
    interface ThreePoint {
        double of(double c11, double c12, double c13, double c22, double c23, double c33, double m1, double m3);
    }

    /** The role-free I4 of the ten covariance entries and four means. */
    @FunctionalInterface
    interface FourPoint {
        double of(double c11, double c12, double c13, double c14, double c22, double c23, double c24, double c33,
                  double c34, double c44, double m1, double m2, double m3, double m4);
    }

    private final Activation activation;
    private final TwoPoint i2;
    private final TwoPoint k2;
    private final TwoPoint j2;
    private final ThreePoint i3;
    private final FourPoint i4;

    OneActivationShiftedMoments(Activation activation, TwoPoint i2, TwoPoint k2, TwoPoint j2, ThreePoint i3,
                                FourPoint i4) {
        this.activation = activation;
        this.i2 = i2;
        this.k2 = k2;
        this.j2 = j2;
        this.i3 = i3;
        this.i4 = i4;
    }

    @Override
    public final Activation student() {
        return activation;
    }

    @Override
    public final Activation teacher() {
        return activation;
    }

    @Override
    public final double i2(Role a, Role b, double c11, double c12, double c22, double m1, double m2) {
        return i2.of(c11, c12, c22, m1, m2);
    }

    @Override
    public final double k2(Role b, double c11, double c12, double c22, double m1, double m2) {
        return k2.of(c11, c12, c22, m1, m2);
    }

    @Override
    public final double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                           double m3) {
        return i3.of(c11, c12, c13, c22, c23, c33, m1, m3);
    }

    @Override
    public final double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                           double c24, double c33, double c34, double c44, double m1, double m2, double m3,
                           double m4) {
        return i4.of(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44, m1, m2, m3, m4);
    }

    @Override
    public final double j2(double c11, double c12, double c22, double m1, double m2) {
        return j2.of(c11, c12, c22, m1, m2);
    }
}
