package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;

/**
 * {@link MeanShiftedMoments} of any activation pair by tensor Gauss–Hermite quadrature
 * ({@link GaussHermiteQuadrature}) of the shifted factors x ↦ σ(x + m): exact for polynomials of degree
 * ≤ 2n − 1 per axis, and for smooth activations as accurate as the unshifted quadrature at the shifted
 * variances (docs/theory.md §3.4 table). Allocates a few small factor objects per call. Immutable and
 * thread-safe.
 */
public final class QuadratureShiftedMoments implements MeanShiftedMoments {
    private final MomentIntegrands integrands;
    private final GaussHermiteQuadrature quadrature;

    public QuadratureShiftedMoments(Activation student, Activation teacher, GaussHermiteQuadrature quadrature) {
        if (quadrature == null) {
            throw new IllegalArgumentException("quadrature: missing");
        }
        this.integrands = new MomentIntegrands(student, teacher);
        this.quadrature = quadrature;
    }

    /** The factors of {@code base} with argument x + means[i] (a zero mean keeps the factor itself). */
    static Activation.Function[] shifted(Activation.Function[] base, double... means) {
        Activation.Function[] out = new Activation.Function[base.length];
        for (int i = 0; i < base.length; i++) {
            Activation.Function f = base[i];
            double m = means[i];
            out[i] = m == 0 ? f : x -> f.apply(x + m);
        }
        return out;
    }

    /** The factors of K2 = E[σ'(u) σ_b(v)] for a pair. */
    static Activation.Function[] k2Factors(MomentIntegrands integrands, Role b) {
        return new Activation.Function[] {integrands.j2()[0], integrands.i2(b, b)[1]};
    }

    @Override
    public Activation student() {
        return integrands.student();
    }

    @Override
    public Activation teacher() {
        return integrands.teacher();
    }

    @Override
    public double i2(Role a, Role b, double c11, double c12, double c22, double m1, double m2) {
        return quadrature.expectation(shifted(integrands.i2(a, b), m1, m2), MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public double k2(Role b, double c11, double c12, double c22, double m1, double m2) {
        return quadrature.expectation(shifted(k2Factors(integrands, b), m1, m2),
                MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33, double m1,
                     double m3) {
        return quadrature.expectation(shifted(integrands.i3(b), m1, 0, m3),
                MomentIntegrands.cov3(c11, c12, c13, c22, c23, c33));
    }

    @Override
    public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                     double c24, double c33, double c34, double c44, double m1, double m2, double m3, double m4) {
        return quadrature.expectation(shifted(integrands.i4(a, b), m1, m2, m3, m4),
                MomentIntegrands.cov4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44));
    }

    @Override
    public double j2(double c11, double c12, double c22, double m1, double m2) {
        return quadrature.expectation(shifted(integrands.j2(), m1, m2), MomentIntegrands.cov2(c11, c12, c22));
    }

    @Override
    public String toString() {
        return "QuadratureShiftedMoments(" + student() + ", " + teacher() + ", " + quadrature.nodesPerAxis()
                + " nodes)";
    }
}
