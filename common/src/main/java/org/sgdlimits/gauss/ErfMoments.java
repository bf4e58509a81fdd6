package org.sgdlimits.gauss;

import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;

/**
 * Closed-form Gaussian moments for σ = σ* = erf(x/√2) (Saad &amp; Solla 1995; docs/theory.md §3).
 *
 * <p>This class is the single home of the erf formulas. The static building blocks ({@link #lambda4},
 * {@link #lambdaSide}, {@link #lambdaCross}, {@link #i4FromLambdas}) let a caller hoist the parts of I4 that
 * depend on fewer indices out of its loops; {@link #i4} is exactly their composition. Arguments {@code cab}
 * are covariance entries E[ab] with 1 = u, 2 = v, 3 = w, 4 = z. Teacher and student activations are both erf,
 * so the {@link Role} arguments of the instance methods are irrelevant. Stateless and thread-safe.
 */
public final class ErfMoments {

    /**
     * The {@link GaussianMoments} provider for the pair (erf, erf); its methods delegate to the statics of
     * this class. (A separate type is needed because the static {@link #j2(double, double, double)} has the
     * same signature as the interface's instance method.)
     */
    public static final Provider INSTANCE = new Provider();

    private static final double TWO_OVER_PI = 2.0 / Math.PI;
    private static final double FOUR_OVER_PI_SQUARED = 4.0 / (Math.PI * Math.PI);

    private ErfMoments() {
    }

    /** The erf/erf moments as a {@link GaussianMoments}; use {@code instanceof ErfMoments.Provider} to detect it. */
    public static final class Provider implements GaussianMoments {
        private Provider() {
        }

        @Override
        public Activation student() {
            return StandardActivation.ERF;
        }

        @Override
        public Activation teacher() {
            return StandardActivation.ERF;
        }

        @Override
        public double i2(Role a, Role b, double c11, double c12, double c22) {
            return ErfMoments.i2(c11, c12, c22);
        }

        @Override
        public double i3(Role b, double c11, double c12, double c13, double c22, double c23, double c33) {
            return ErfMoments.i3(c11, c12, c13, c22, c23, c33);
        }

        @Override
        public double i4(Role a, Role b, double c11, double c12, double c13, double c14, double c22, double c23,
                         double c24, double c33, double c34, double c44) {
            return ErfMoments.i4(c11, c12, c13, c14, c22, c23, c24, c33, c34, c44);
        }

        @Override
        public double j2(double c11, double c12, double c22) {
            return ErfMoments.j2(c11, c12, c22);
        }

        @Override
        public String toString() {
            return "ErfMoments(closed form)";
        }
    }

    /** I2 = E[σ(u) σ(v)] = (2/π) arcsin(C12 / √((1+C11)(1+C22))). */
    public static double i2(double c11, double c12, double c22) {
        return TWO_OVER_PI * Math.asin(clampUnit(c12 / Math.sqrt((1 + c11) * (1 + c22))));
    }

    /**
     * I3 = E[σ'(u) v σ(w)] = (2/π) (C23(1+C11) − C12 C13) / ((1+C11) √Λ3), Λ3 = (1+C11)(1+C33) − C13².
     * ({@code c22} does not enter; it is accepted for a uniform signature.)
     */
    public static double i3(double c11, double c12, double c13, double c22, double c23, double c33) {
        double a11 = 1 + c11;
        double lambda3 = a11 * (1 + c33) - c13 * c13;
        return TWO_OVER_PI * (c23 * a11 - c12 * c13) / (a11 * Math.sqrt(lambda3));
    }

    /** J2 = E[σ'(u) σ'(v)] = (2/π) ((1+C11)(1+C22) − C12²)^(−1/2). */
    public static double j2(double c11, double c12, double c22) {
        return TWO_OVER_PI / Math.sqrt(lambda4(c11, c12, c22));
    }

    /** I4 = E[σ'(u) σ'(v) σ(w) σ(z)] = (4/π²) Λ4^(−1/2) arcsin(Λ0 / √(Λ1 Λ2)). */
    public static double i4(double c11, double c12, double c13, double c14, double c22, double c23, double c24,
                            double c33, double c34, double c44) {
        double l4 = lambda4(c11, c12, c22);
        double l0 = lambdaCross(l4, c11, c12, c22, c13, c14, c23, c24, c34);
        double l1 = lambdaSide(l4, c11, c12, c22, c13, c23, c33);
        double l2 = lambdaSide(l4, c11, c12, c22, c14, c24, c44);
        return i4FromLambdas(l4, l0, l1, l2);
    }

    /** Λ4 = (1+C11)(1+C22) − C12². */
    public static double lambda4(double c11, double c12, double c22) {
        return (1 + c11) * (1 + c22) - c12 * c12;
    }

    /**
     * Λ1 = Λ4(1+C33) − C23²(1+C11) − C13²(1+C22) + 2 C12 C13 C23. Called with (c14, c24, c44) in place of
     * (c13, c23, c33) it gives Λ2.
     */
    public static double lambdaSide(double lambda4, double c11, double c12, double c22, double c13, double c23,
                                    double c33) {
        return lambda4 * (1 + c33) - c23 * c23 * (1 + c11) - c13 * c13 * (1 + c22) + 2 * c12 * c13 * c23;
    }

    /** Λ0 = Λ4 C34 − C23 C24 (1+C11) − C13 C14 (1+C22) + C12 C13 C24 + C12 C14 C23. */
    public static double lambdaCross(double lambda4, double c11, double c12, double c22, double c13, double c14,
                                     double c23, double c24, double c34) {
        return lambda4 * c34 - c23 * c24 * (1 + c11) - c13 * c14 * (1 + c22) + c12 * c13 * c24 + c12 * c14 * c23;
    }

    /** I4 = (4/π²) Λ4^(−1/2) arcsin(Λ0/√(Λ1Λ2)), the arcsin argument clamped to [−1, 1] against rounding. */
    public static double i4FromLambdas(double lambda4, double lambda0, double lambda1, double lambda2) {
        return FOUR_OVER_PI_SQUARED / Math.sqrt(lambda4) * Math.asin(clampUnit(lambda0 / Math.sqrt(lambda1 * lambda2)));
    }

    private static double clampUnit(double x) {
        return x > 1 ? 1 : (x < -1 ? -1 : x);
    }

}
