package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;

/**
 * The exact finite-d drift with mini-batches (docs/theory.md §3.8): the mean one-step increment of Q of the
 * Gram chain and of the explicit network at a small d equals G + (g/B)[N + (B − 1) C], C the cross-sample term
 * a_i a_j E[eσ'(λ_i)λ]ᵀΩ⁺E[eσ'(λ_j)λ]/d, at B = 2, 8, 32; without C it is rejected at B = 8 and 32.
 */
@Tag("statistical")
class FiniteDimensionMiniBatchTest {

    /** dQ/dt of the finite-d drift at batch B, with or without the cross-sample term (flattened Q, then M). */
    private static double[] drift(Overlaps start, SgdSettings settings, int d, boolean crossTerm) {
        int p = start.studentWidth();
        int k = start.teacherWidth();
        PopulationDrift drift = SgdSimulator.drift(settings, start).withFiniteDimension(d)
                .withMiniBatch(crossTerm ? settings.batchSize() : 1);
        DriftTerms terms = drift.newTerms(p);
        drift.evaluate(start, terms);
        double g = settings.learningRate() / p / settings.batchSize();
        double[] out = new double[p * p + p * k + p];
        for (int c = 0; c < p * p; c++) {
            out[c] = terms.dQGradient[c] + g * terms.dQNoise[c];
        }
        System.arraycopy(terms.dM, 0, out, p * p, p * k);
        return out;
    }

    @Test
    void gramChainAndExplicitNetworkFollowTheMiniBatchCrossTerm() {
        Overlaps start = TestOverlaps.generic(2, 1, 3, new double[] {1.0, 0.8});
        Activation relu = StandardActivation.RELU;
        int d = 8;
        StringBuilder report = new StringBuilder();
        for (int b : new int[] {2, 8, 32}) {
            SgdSettings settings = SgdSettings.of(relu, relu, 1.0).withLabelNoise(0.05).withBatchSize(b);
            double[] exact = drift(start, settings, d, true);
            double[] without = drift(start, settings, d, false);
            UniformRandomProvider rng = SeedStreams.stream(11, b);
            OneStepDriftTest.Increment gram = OneStepDriftTest.meanIncrement(start, settings, d, 400_000,
                    s -> new GramChain(start, d, settings, rng));
            InitialWeights weights = InitialWeights.reproducing(start, d, rng);
            OneStepDriftTest.Increment explicit = OneStepDriftTest.meanIncrement(start, settings, d, 200_000,
                    s -> new ExplicitChain(weights, settings, rng));
            double gramExact = OneStepDriftTest.worstDeviation(gram, exact, 1e-9);
            double explicitExact = OneStepDriftTest.worstDeviation(explicit, exact, 1e-9);
            double gramWithout = OneStepDriftTest.worstDeviation(gram, without, 1e-9);
            double explicitWithout = OneStepDriftTest.worstDeviation(explicit, without, 1e-9);
            report.append(String.format(" B = %d: gram %.2f SE (without C %.1f), explicit %.2f SE (without C %.1f);",
                    b, gramExact, gramWithout, explicitExact, explicitWithout));
            System.out.println("finite-d mini-batch, relu p = 2, k = 1, d = " + d + ":" + report);
            assertTrue(gramExact < 4.5, "gram, B = " + b + ": " + gramExact + " SE from the exact drift");
            assertTrue(explicitExact < 4.5, "explicit, B = " + b + ": " + explicitExact + " SE from the exact drift");
            if (b >= 8) {
                assertTrue(gramWithout > 6, "gram, B = " + b + ": without the cross term only " + gramWithout
                        + " SE off");
                assertTrue(explicitWithout > 6, "explicit, B = " + b + ": without the cross term only "
                        + explicitWithout + " SE off");
            }
        }
    }
}
