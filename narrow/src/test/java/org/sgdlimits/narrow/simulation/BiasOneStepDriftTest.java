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
        double[] b0 = BIASES.student();
        int p = start.studentWidth();
        int k = start.teacherWidth();
        DriftTerms t = drift.newTerms(p);
        drift.evaluate(start.studentOverlapMatrix(), start.studentTeacherOverlapMatrix(), start.studentSecondLayer(),
                driftBias, t);
        double g = settings.learningRate() / p;
        int size = p * p + p * k + p;
        double[] expected = new double[size];
        for (int c = 0; c < p * p; c++) {
            expected[c] = t.dQGradient[c] + g * t.dQNoise[c];
        }
        System.arraycopy(t.dM, 0, expected, p * p, p * k);
        for (int i = 0; i < p; i++) {
            expected[p * p + p * k + i] = BIASES.learningRate() / settings.learningRate() * t.db[i];
        }
        double dt = settings.timeStep(p, d);
        double[] sum = new double[size];
        double[] sumSq = new double[size];
        double[] q0 = new double[p * p];
        double[] m0 = new double[p * k];
        double[] a = new double[p];
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] b = new double[p];
        double[] inc = new double[size];
        for (int s = 0; s < samples; s++) {
            OverlapChain chain = fresh.apply(s);
            chain.overlaps(q0, m0, a);
            chain.step(0.0);
            chain.overlaps(q, m, a);
            chain.biases(b);
            for (int c = 0; c < p * p; c++) {
                inc[c] = (q[c] - q0[c]) / dt;
            }
            for (int c = 0; c < p * k; c++) {
                inc[p * p + c] = (m[c] - m0[c]) / dt;
            }
            for (int i = 0; i < p; i++) {
                inc[p * p + p * k + i] = (b[i] - b0[i]) / dt;
            }
            for (int c = 0; c < size; c++) {
                sum[c] += inc[c];
                sumSq[c] += inc[c] * inc[c];
            }
        }
        double worst = 0;
        for (int c = 0; c < size; c++) {
            double[] me = MeanAndError.of(sum[c], sumSq[c], samples);
            worst = Math.max(worst, Math.abs(me[0] - expected[c]) / (me[1] + 1e-12));
        }
        return worst;
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
