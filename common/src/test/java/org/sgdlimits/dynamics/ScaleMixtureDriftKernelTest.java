package org.sgdlimits.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ReducedHermiteMoments;
import org.sgdlimits.gauss.ScaleMixtureMoments;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

/**
 * The shared-tilt drift kernel of {@link ScaleMixtureMoments} (docs/theory.md §3.10.1) against the same provider
 * term by term (so the sharing and block bookkeeping are exact) and against the accurate route
 * {@link ReducedHermiteMoments} (so the whole drift is right), at random overlaps, a nearly specialised state
 * (correlations ≈ 0.95: the Parseval branch of the Mehler sums) and a state outside the coefficient table (the
 * fallback); also at finite d (the scale-derivative path).
 */
class ScaleMixtureDriftKernelTest {

    private static double worst(DriftTerms x, DriftTerms y) {
        double w = Math.abs(x.excessRisk - y.excessRisk) / Math.abs(y.excessRisk);
        for (double[][] pair : new double[][][] {{x.dM, y.dM}, {x.dQGradient, y.dQGradient},
            {x.dQNoise, y.dQNoise}, {x.da, y.da}}) {
            double scale = 0;
            for (double v : pair[1]) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < pair[0].length; i++) {
                w = Math.max(w, Math.abs(pair[0][i] - pair[1][i]) / scale);
            }
        }
        return w;
    }

    private static DriftTerms evaluate(PopulationDrift drift, Overlaps o) {
        DriftTerms t = drift.newTerms(o.studentWidth());
        drift.evaluate(o.studentOverlapMatrix(), o.studentTeacherOverlapMatrix(), o.studentSecondLayer(), t);
        return t;
    }

    private static Overlaps nearlySpecialised(double c) {
        double[] q = {1.0, 0.05, 0.05, 0.8};
        double[] m = {c, 0.02, 0.03, c * Math.sqrt(0.8)};
        return Overlaps.of(q, m, new double[] {1, 0, 0, 1}, new double[] {0.8, 1.1}, new double[] {1.0, 0.7});
    }

    @Test
    void sharedTiltsEqualTheTermByTermSumsAndTheAccurateRoute() {
        UniformRandomProvider rng = RandomOverlaps.generator(20261207L);
        Activation[][] pairs = {{StandardActivation.TANH, StandardActivation.TANH},
            {StandardActivation.SIGMOID, StandardActivation.GELU}};
        Overlaps[] states = {
            RandomOverlaps.wishart(rng, 12, 1.0, new double[] {0.8, 1.1}, new double[] {1.0, 0.7}),
            nearlySpecialised(0.95),
            // a student variance of 12: tilted scales above the table, so noise pairs take the fallback
            Overlaps.of(new double[] {12, 0.1, 0.1, 0.5}, new double[] {0.3, 0.1, 0.1, 0.2},
                    new double[] {1, 0, 0, 1}, new double[] {0.8, 1.1}, new double[] {1.0, 0.7}),
        };
        for (Activation[] pair : pairs) {
            ScaleMixtureMoments fast = new ScaleMixtureMoments(pair[0], pair[1]);
            ReducedHermiteMoments accurate = new ReducedHermiteMoments(pair[0], pair[1]);
            for (int index = 0; index < states.length; index++) {
                Overlaps o = states[index];
                PopulationDrift shared = new PopulationDrift(fast, o.teacherOverlapMatrix(), o.teacherSecondLayer(),
                        0.01);
                PopulationDrift termByTerm = shared.withGenericPath();
                PopulationDrift reference = new PopulationDrift(accurate, o.teacherOverlapMatrix(),
                        o.teacherSecondLayer(), 0.01);
                double sharing = worst(evaluate(shared, o), evaluate(termByTerm, o));
                double total = worst(evaluate(shared, o), evaluate(reference, o));
                System.out.printf("%s/%s: shared vs term by term %.1e, vs reduced Hermite %.1e%n", pair[0], pair[1],
                        sharing, total);
                // the fallback state: the kernel recomputes a whole pair by the accurate route, the term-by-term
                // sum only the moments outside the table, so the two differ by the accuracy of the fast moments
                assertTrue(sharing < (index == 2 ? 1e-10 : 1e-12), "sharing " + sharing);
                assertTrue(total < 1e-9, "vs accurate route " + total);
            }
        }
    }

    @Test
    void finiteDimensionalDriftMatchesTheTermByTermPath() {
        Overlaps o = nearlySpecialised(0.6);
        ScaleMixtureMoments fast = new ScaleMixtureMoments(StandardActivation.TANH, StandardActivation.TANH);
        PopulationDrift shared = new PopulationDrift(fast, o.teacherOverlapMatrix(), o.teacherSecondLayer(), 0.0)
                .withFiniteDimension(50);
        double w = worst(evaluate(shared, o), evaluate(shared.withGenericPath(), o));
        assertTrue(w < 1e-12, "finite d: " + w);
    }
}
