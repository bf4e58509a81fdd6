package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.overlap.Biases;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;

/**
 * One SGD step with biases (docs/theory.md §3.11): the mean one-step increment of (Q, M, b), divided by
 * Δt = γ/(pd), is the exact finite-d drift with means (dQ = G + g N, dM = Ψ, db = (γ_b/γ) D) for both
 * simulators, within a few standard errors; the drift that ignores the biases is rejected.
 */
@Tag("statistical")
class BiasOneStepDriftTest {
    private static final Biases BIASES = Biases.trained(new double[] {0.6, -0.4}, new double[] {0.3, -0.5, 0.2},
            1.5);

    /** Largest |mean increment − drift| in standard errors over Q, M and b. */
    private static double worst(Overlaps start, SgdSettings settings, int d, int samples,
                                IntFunction<OverlapChain> fresh, PopulationDrift drift, double[] driftBias) {
        int p = start.studentWidth();
        int k = start.teacherWidth();
        DriftTerms t = drift.newTerms(p);
        drift.evaluate(start.studentOverlapMatrix(), start.studentTeacherOverlapMatrix(), start.studentSecondLayer(),
                driftBias, t);
        double g = settings.learningRate() / p;
        double[] expected = new double[p * p + p * k + p];
        for (int c = 0; c < p * p; c++) {
            expected[c] = t.dQGradient[c] + g * t.dQNoise[c];
        }
        System.arraycopy(t.dM, 0, expected, p * p, p * k);
        for (int i = 0; i < p; i++) {
            expected[p * p + p * k + i] = BIASES.learningRate() / settings.learningRate() * t.db[i];
        }
        OneStepDriftTest.Increment inc = OneStepDriftTest.meanIncrement(start, settings, d, samples, fresh::apply,
                true);
        return OneStepDriftTest.worstDeviation(inc, expected, 1e-12);
    }

    @Test
    void bothSimulatorsStepWithTheFiniteDimensionalDriftWithBiases() {
        Overlaps start = TestOverlaps.generic(3, 2, 9, new double[] {1.0, -0.6, 0.9});
        SgdSettings settings = SgdSettings.of(StandardActivation.ERF, StandardActivation.ERF, 2.0).withLabelNoise(0.1)
                .withBiases(BIASES);
        int d = 200;
        double[] b0 = BIASES.student();
        PopulationDrift exact = SgdSimulator.drift(settings, start).withFiniteDimension(d);
        // the drift that ignores the biases (no means, db = 0)
        PopulationDrift unbiased = SgdSimulator.drift(settings.withBiases(null), start).withFiniteDimension(d);
        UniformRandomProvider rng = SeedStreams.stream(7, 0);
        double gram = worst(start, settings, d, 100_000, s -> new GramChain(start, d, settings, rng), exact, b0);
        assertTrue(gram < 4.5, "Gram chain with biases: worst deviation " + gram + " SE");
        InitialWeights weights = InitialWeights.reproducing(start, d, rng);
        double explicit = worst(start, settings, d, 20_000, s -> new ExplicitChain(weights, settings, rng), exact,
                b0);
        assertTrue(explicit < 4.5, "explicit network with biases: worst deviation " + explicit + " SE");
        double ignored = worst(start, settings, d, 100_000, s -> new GramChain(start, d, settings, rng), unbiased,
                null);
        assertTrue(ignored > 10, "the drift without the biases must be rejected: " + ignored + " SE");
    }
}
