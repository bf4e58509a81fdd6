package org.sgdlimits.narrow;

import java.util.Random;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.overlap.Overlaps;

/** Shared initial conditions of the erf soft-committee tests (teacher P = I, a = a* = 1). */
final class ErfCommitteeCases {
    static final Activation ERF = Activation.named("erf");

    private ErfCommitteeCases() {
    }

    /** Small random M ~ 1e-3·N(0,1) (seeded), Q diagonal from 0.2 to 0.5, P = I_k, a = a* = 1. */
    static Overlaps smallInitialOverlaps(int p, int k, long seed) {
        Random rnd = new Random(seed);
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] pm = new double[k * k];
        double[] a = new double[p];
        double[] aStar = new double[k];
        for (int i = 0; i < p; i++) {
            q[i * p + i] = p == 1 ? 0.3 : 0.2 + 0.3 * i / (p - 1);
            a[i] = 1;
            for (int r = 0; r < k; r++) {
                m[i * k + r] = 1e-3 * rnd.nextGaussian();
            }
        }
        for (int r = 0; r < k; r++) {
            pm[r * k + r] = 1;
            aStar[r] = 1;
        }
        return Overlaps.of(q, m, pm, a, aStar);
    }

    /** Near the specialised fixed point: M = c·I, Q = c·I (p = k), P = I, a = a* = 1. */
    static Overlaps nearlySpecialised(int p, double c) {
        double[] q = new double[p * p];
        double[] m = new double[p * p];
        double[] pm = new double[p * p];
        double[] a = new double[p];
        for (int i = 0; i < p; i++) {
            q[i * p + i] = c;
            m[i * p + i] = c;
            pm[i * p + i] = 1;
            a[i] = 1;
        }
        return Overlaps.of(q, m, pm, a, a.clone());
    }
}
