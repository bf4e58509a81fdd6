package org.sgdlimits.narrow.simulation;

/**
 * The two passes of an explicit SGD step over flat row-major weights: the pre-activation dot products and the
 * rank-B update. Written for the JIT: plain counted loops, several independent FMA chains per row.
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /**
     * out[outOffset + r] = w_r · x for rows r = 0..rows−1 of the row-major rows×d matrix w and the vector
     * x[xOffset .. xOffset + d). Rows are taken four at a time so that x is loaded once per four FMAs, with
     * two accumulators per row (eight independent chains).
     */
    static void dotRows(double[] w, int rows, int d, double[] x, int xOffset, double[] out, int outOffset) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = r * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            int j = 0;
            for (; j + 2 <= d; j += 2) {
                double x0 = x[xOffset + j];
                double x1 = x[xOffset + j + 1];
                s0 = Math.fma(w[o0 + j], x0, s0);
                s1 = Math.fma(w[o1 + j], x0, s1);
                s2 = Math.fma(w[o2 + j], x0, s2);
                s3 = Math.fma(w[o3 + j], x0, s3);
                t0 = Math.fma(w[o0 + j + 1], x1, t0);
                t1 = Math.fma(w[o1 + j + 1], x1, t1);
                t2 = Math.fma(w[o2 + j + 1], x1, t2);
                t3 = Math.fma(w[o3 + j + 1], x1, t3);
            }
            if (j < d) {
                double x0 = x[xOffset + j];
                s0 = Math.fma(w[o0 + j], x0, s0);
                s1 = Math.fma(w[o1 + j], x0, s1);
                s2 = Math.fma(w[o2 + j], x0, s2);
                s3 = Math.fma(w[o3 + j], x0, s3);
            }
            out[outOffset + r] = s0 + t0;
            out[outOffset + r + 1] = s1 + t1;
            out[outOffset + r + 2] = s2 + t2;
            out[outOffset + r + 3] = s3 + t3;
        }
        for (; r < rows; r++) {
            int o = r * d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 4 <= d; j += 4) {
                s0 = Math.fma(w[o + j], x[xOffset + j], s0);
                s1 = Math.fma(w[o + j + 1], x[xOffset + j + 1], s1);
                s2 = Math.fma(w[o + j + 2], x[xOffset + j + 2], s2);
                s3 = Math.fma(w[o + j + 3], x[xOffset + j + 3], s3);
            }
            for (; j < d; j++) {
                s0 = Math.fma(w[o + j], x[xOffset + j], s0);
            }
            out[outOffset + r] = (s0 + s1) + (s2 + s3);
        }
    }

    /** w[offset .. offset + d) += c · x[xOffset .. xOffset + d). */
    static void axpy(double c, double[] x, int xOffset, double[] w, int offset, int d) {
        for (int j = 0; j < d; j++) {
            w[offset + j] = Math.fma(c, x[xOffset + j], w[offset + j]);
        }
    }

    /** Same as {@link #axpy} and returns the squared norm of the updated row. */
    static double axpyNorm(double c, double[] x, int xOffset, double[] w, int offset, int d) {
        double n0 = 0, n1 = 0;
        int j = 0;
        for (; j + 2 <= d; j += 2) {
            double v0 = Math.fma(c, x[xOffset + j], w[offset + j]);
            double v1 = Math.fma(c, x[xOffset + j + 1], w[offset + j + 1]);
            w[offset + j] = v0;
            w[offset + j + 1] = v1;
            n0 = Math.fma(v0, v0, n0);
            n1 = Math.fma(v1, v1, n1);
        }
        for (; j < d; j++) {
            double v = Math.fma(c, x[xOffset + j], w[offset + j]);
            w[offset + j] = v;
            n0 = Math.fma(v, v, n0);
        }
        return n0 + n1;
    }

    /** w[offset + j] *= c for j &lt; d. */
    static void scale(double c, double[] w, int offset, int d) {
        for (int j = 0; j < d; j++) {
            w[offset + j] *= c;
        }
    }

    /** Σ_j x_j² over x[offset .. offset + d). */
    static double squaredNorm(double[] x, int offset, int d) {
        double s0 = 0, s1 = 0;
        int j = 0;
        for (; j + 2 <= d; j += 2) {
            s0 = Math.fma(x[offset + j], x[offset + j], s0);
            s1 = Math.fma(x[offset + j + 1], x[offset + j + 1], s1);
        }
        if (j < d) {
            s0 = Math.fma(x[offset + j], x[offset + j], s0);
        }
        return s0 + s1;
    }
}
