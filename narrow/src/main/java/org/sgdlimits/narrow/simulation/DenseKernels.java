package org.sgdlimits.narrow.simulation;

/**
 * The loops of an explicit SGD step, on one weight row per array and one input per array (all offsets zero).
 * Written for the HotSpot JIT: with equal indices in both arrays the update loop is vectorised (SIMD) even
 * though the two arrays might alias; reductions are not reordered by the JIT, so they use eight independent
 * FMA chains to run at the scalar FMA throughput.
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /** Σ_j w[j] x[j] for j &lt; length. */
    static double dot(double[] w, double[] x, int length) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= length; j += 8) {
            s0 = Math.fma(w[j], x[j], s0);
            s1 = Math.fma(w[j + 1], x[j + 1], s1);
            s2 = Math.fma(w[j + 2], x[j + 2], s2);
            s3 = Math.fma(w[j + 3], x[j + 3], s3);
            s4 = Math.fma(w[j + 4], x[j + 4], s4);
            s5 = Math.fma(w[j + 5], x[j + 5], s5);
            s6 = Math.fma(w[j + 6], x[j + 6], s6);
            s7 = Math.fma(w[j + 7], x[j + 7], s7);
        }
        for (; j < length; j++) {
            s0 = Math.fma(w[j], x[j], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** w[j] += c·x[j] for j &lt; length (vectorised). */
    static void axpy(double c, double[] x, double[] w, int length) {
        for (int j = 0; j < length; j++) {
            w[j] += c * x[j];
        }
    }

    /**
     * w0[j] += c0·x[j], …, w3[j] += c3·x[j] for j &lt; length: four {@link #axpy} in one pass over x, each element
     * computed exactly as by {@link #axpy} (vectorised).
     */
    static void axpy4(double c0, double c1, double c2, double c3, double[] x,
                      double[] w0, double[] w1, double[] w2, double[] w3, int length) {
        for (int j = 0; j < length; j++) {
            double v = x[j];
            w0[j] += c0 * v;
            w1[j] += c1 * v;
            w2[j] += c2 * v;
            w3[j] += c3 * v;
        }
    }

    /** w[j] *= c for j &lt; length. */
    static void scale(double c, double[] w, int length) {
        for (int j = 0; j < length; j++) {
            w[j] *= c;
        }
    }
}
