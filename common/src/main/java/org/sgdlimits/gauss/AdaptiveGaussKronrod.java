package org.sgdlimits.gauss;

/**
 * Adaptive 7/15-point Gauss–Kronrod quadrature of a smooth function on a finite interval, by recursive bisection
 * until the QUADPACK error estimate (from |K15 − G7|) of each piece is below its share (proportional to length)
 * of the requested absolute tolerance, or below {@link #PIECE_FLOOR} of it.
 * Allocates only two tiny arrays per integral. The Kronrod nodes and weights are the standard QUADPACK (qk15) values.
 */
final class AdaptiveGaussKronrod {

    /** A real function of one variable. */
    @FunctionalInterface
    interface Integrand {
        double value(double x);
    }

    /** Deepest bisection level (pieces of length 2^−30 of the interval). */
    static final int MAX_DEPTH = 30;

    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000,
    };
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    };
    /** Gauss 7-point weights at XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    };

    private AdaptiveGaussKronrod() {
    }

    /**
     * ∫_a^b f(x) dx to absolute tolerance ≈ {@code tolerance}. Pieces are accepted when their QUADPACK-style
     * error estimate is below their share of the tolerance, or at rounding level, or at {@link #MAX_DEPTH}; at
     * most {@link #MAX_PIECES} pieces are evaluated (best effort beyond).
     */
    static double integrate(Integrand f, double a, double b, double tolerance) {
        int[] budget = {MAX_PIECES};
        double[] scratch = new double[15];
        return piece(f, a, b, tolerance / (b - a), tolerance * PIECE_FLOOR, 0, budget, scratch);
    }

    /**
     * ∫ over [points[0], points[last]] as the sum over the given initial partition (each piece adaptive, sharing
     * the tolerance in proportion to its length).
     */
    static double integrate(Integrand f, double[] points, double tolerance) {
        int[] budget = {MAX_PIECES};
        double[] scratch = new double[15];
        double perLength = tolerance / (points[points.length - 1] - points[0]);
        double sum = 0;
        for (int i = 0; i + 1 < points.length; i++) {
            sum += piece(f, points[i], points[i + 1], perLength, tolerance * PIECE_FLOOR, 0, budget, scratch);
        }
        return sum;
    }

    /** Largest number of 15-point evaluations per integral. */
    static final int MAX_PIECES = 500;
    /**
     * A piece is also accepted when its error estimate is below this fraction of the whole tolerance: tiny
     * pieces where rounding noise dominates the estimate then stop splitting (their total stays ≲ tolerance
     * unless hundreds of them are needed).
     */
    static final double PIECE_FLOOR = 1.0 / 256;

    private static final double EPS = Math.ulp(1.0);

    private static double piece(Integrand f, double a, double b, double tolerancePerLength, double floor, int depth,
                                int[] budget,
                                double[] fv) {
        budget[0]--;
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.value(c);
        fv[14] = fc;
        double kronrod = WGK[7] * fc;
        double gauss = WG[3] * fc;
        double resabs = WGK[7] * Math.abs(fc);
        for (int j = 0; j < 7; j++) {
            double dx = h * XGK[j];
            double f1 = f.value(c - dx);
            double f2 = f.value(c + dx);
            fv[2 * j] = f1;
            fv[2 * j + 1] = f2;
            double sum = f1 + f2;
            kronrod += WGK[j] * sum;
            resabs += WGK[j] * (Math.abs(f1) + Math.abs(f2));
            if ((j & 1) == 1) {
                gauss += WG[j >> 1] * sum;
            }
        }
        double mean = 0.5 * kronrod;
        double resasc = WGK[7] * Math.abs(fc - mean);
        for (int j = 0; j < 7; j++) {
            resasc += WGK[j] * (Math.abs(fv[2 * j] - mean) + Math.abs(fv[2 * j + 1] - mean));
        }
        kronrod *= h;
        gauss *= h;
        resabs *= Math.abs(h);
        resasc *= Math.abs(h);
        double err = Math.abs(kronrod - gauss);
        if (resasc != 0 && err != 0) {
            err = resasc * Math.min(1, Math.pow(200 * err / resasc, 1.5));
        }
        err = Math.max(err, 50 * EPS * resabs);
        boolean accept = err <= tolerancePerLength * (b - a) || err <= floor || err <= 50 * EPS * resabs
                || depth >= MAX_DEPTH || budget[0] <= 0 || !(err == err);
        if (accept) {
            return kronrod;
        }
        // The scratch values of this piece are no longer needed, so the children may reuse the array.
        return piece(f, a, c, tolerancePerLength, floor, depth + 1, budget, fv)
                + piece(f, c, b, tolerancePerLength, floor, depth + 1, budget, fv);
    }
}
