package org.sgdlimits.dynamics;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.MeanShiftedMoments;
import org.sgdlimits.gauss.Role;

/**
 * A {@link GaussianMoments} provider seen as {@link MeanShiftedMoments} for centred fields only: the drift
 * kernel of a drift without biases (every mean zero) calls the provider's own moments, unchanged and in the
 * same order. K2 is not part of {@link GaussianMoments}; a drift without biases never asks for it.
 */
record CentredMoments(GaussianMoments moments) implements MeanShiftedMoments {

    @Override
    public Activation student() {
        return moments.student();
    }

    @Override
    public Activation teacher() {
        return moments.teacher();
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22, double m1, double m2) {
        return moments.i2(a, b, c11, c12, c22);
    }

    @Override
    public double k2(Role b, double c11, double c12, double c22, double m1, double m2) {
        throw new UnsupportedOperationException("K2 needs a drift with biases (MeanShiftedMoments)");
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                     double m3) {
        return moments.i3(b, c11, c12, c13, c22, c23, c33);
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44, double m1, double m2, double m3, double m4) {
        return moments.i4(a, b, c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
    }

    @Override
    public double j2(double c11, double c12, double c22, double m1, double m2) {
        return moments.j2(c11, c12, c22);
    }
}
