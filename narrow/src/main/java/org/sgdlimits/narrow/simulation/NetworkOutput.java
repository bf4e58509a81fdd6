package org.sgdlimits.narrow.simulation;

import org.sgdlimits.activation.Activation;

/**
 * Outputs of the two-layer networks on given pre-activations (docs/theory.md §1): the student
 * f = (1/p) Σ_i a_i σ(λ_i) and the teacher f* = (1/k) Σ_r a*_r σ*(λ*_r).
 */
final class NetworkOutput {
    private NetworkOutput() {
    }

    /** (1/width) Σ_u weights[u] σ(fields[offset + u] + shift[u]) (biases, docs/theory.md §3.11). */
    static double output(Activation sigma, double[] weights, double[] fields, int offset, int width,
                         double[] shift) {
        double s = 0;
        for (int u = 0; u < width; u++) {
            s += weights[u] * sigma.value(fields[offset + u] + shift[u]);
        }
        return s / width;
    }

    /** (1/width) Σ_u weights[u] σ(fields[offset + u]). */
    static double output(Activation sigma, double[] weights, double[] fields, int offset, int width) {
        double s = 0;
        for (int u = 0; u < width; u++) {
            s += weights[u] * sigma.value(fields[offset + u]);
        }
        return s / width;
    }
}
