package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;

/**
 * The mean one-step increment of Ω, divided by Δt = γ/(p d), is the population drift of docs/theory.md §3: checked for
 * both engines against the shared {@link PopulationDrift}, with the tolerance from the Monte Carlo standard
 * error. At a large learning rate the g-term is needed: without it the increment is many standard errors off.
 */
@Tag("statistical")
class OneStepDriftTest {

    /** Sample mean and standard error of the one-step increments (Q, M, a flattened), divided by Δt. */
    record Increment(double[] mean, double[] standardError) {
    }

    static Increment meanIncrement(Overlaps start, SgdSettings settings, int d, int samples,
                                   Function<Integer, OverlapChain> freshChain) {
        return meanIncrement(start, settings, d, samples, freshChain, false);
    }

    /**
     * The same with the last block of p entries the biases b instead of the second layer a when
     * {@code biasBlock} (flattened Q, M, b).
     */
    static Increment meanIncrement(Overlaps start, SgdSettings settings, int d, int samples,
                                   Function<Integer, OverlapChain> freshChain, boolean biasBlock) {
        int p = start.studentWidth();
        int k = start.teacherWidth();
        int size = p * p + p * k + p;
        double dt = settings.timeStep(p, d);
        double[] sum = new double[size];
        double[] sumSq = new double[size];
        double[] q0 = new double[p * p];
        double[] m0 = new double[p * k];
        double[] a0 = new double[p];
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        double[] a = new double[p];
        for (int s = 0; s < samples; s++) {
            OverlapChain chain = freshChain.apply(s);
            chain.overlaps(q0, m0, a0);
            if (biasBlock) {
                chain.biases(a0);
            }
            chain.step(0.0);
            chain.overlaps(q, m, a);
            if (biasBlock) {
                chain.biases(a);
            }
            for (int c = 0; c < size; c++) {
                double inc;
                if (c < p * p) {
                    inc = (q[c] - q0[c]) / dt;
                } else if (c < p * p + p * k) {
                    inc = (m[c - p * p] - m0[c - p * p]) / dt;
                } else {
                    inc = (a[c - p * p - p * k] - a0[c - p * p - p * k]) / dt;
                }
                sum[c] += inc;
                sumSq[c] += inc * inc;
            }
        }
        double[] mean = new double[size];
        double[] se = new double[size];
        for (int c = 0; c < size; c++) {
            double[] me = MeanAndError.of(sum[c], sumSq[c], samples);
            mean[c] = me[0];
            se[c] = me[1];
        }
        return new Increment(mean, se);
    }

    /** dQ = dQGradient + (g/B) dQNoise, dM, da·(γ_a/γ), flattened like {@link Increment}. */
    static double[] drift(Overlaps start, SgdSettings settings, boolean withNoiseTerm) {
        int p = start.studentWidth();
        int k = start.teacherWidth();
        PopulationDrift drift = SgdSimulator.drift(settings, start);
        DriftTerms terms = drift.newTerms(p);
        drift.evaluate(start, terms);
        double g = settings.learningRate() / p / settings.batchSize();
        double[] out = new double[p * p + p * k + p];
        double[] q = start.studentOverlapMatrix();
        double[] m = start.studentTeacherOverlapMatrix();
        double lambda = settings.weightDecay();
        for (int c = 0; c < p * p; c++) {
            // dQ/dt = G + (g/B) N − 2 λ_wd Q   (docs/theory.md §3)
            out[c] = terms.dQGradient[c] + (withNoiseTerm ? g * terms.dQNoise[c] : 0.0) - 2 * lambda * q[c];
        }
        for (int c = 0; c < p * k; c++) {
            out[p * p + c] = terms.dM[c] - lambda * m[c];
        }
        double ratio = settings.updatesSecondLayer() ? settings.secondLayerLearningRate() / settings.learningRate() : 0;
        for (int i = 0; i < p; i++) {
            out[p * p + p * k + i] = ratio * terms.da[i];
        }
        return out;
    }

    /** Largest |mean − drift| in units of (standard error + allowance). */
    static double worstDeviation(Increment inc, double[] drift, double allowance) {
        double worst = 0;
        for (int c = 0; c < drift.length; c++) {
            double z = Math.abs(inc.mean()[c] - drift[c]) / (inc.standardError()[c] + allowance);
            worst = Math.max(worst, z);
        }
        return worst;
    }

    private static SgdSettings erfSettings(double gamma) {
        Activation erf = StandardActivation.ERF;
        return SgdSettings.of(erf, erf, gamma).withLabelNoise(0.1).withSecondLayerLearningRate(0.5 * gamma);
    }

    @Test
    void gramChainOneStepIncrementIsThePopulationDriftWithNoiseTerm() {
        Overlaps start = TestOverlaps.generic(4, 2, 5, new double[] {1.0, -0.5, 0.8, 1.2});
        SgdSettings settings = erfSettings(3.0);
        int d = 100_000; // finite-d corrections O(g/d) far below the Monte Carlo error
        int samples = 200_000;
        GramChainSimulator engine = new GramChainSimulator(settings);
        org.apache.commons.rng.UniformRandomProvider rng = SeedStreams.stream(1, 0);
        Increment inc = meanIncrement(start, settings, d, samples, s -> new GramChain(start, d, settings, rng));
        double withNoise = worstDeviation(inc, drift(start, settings, true), 1e-9);
        double withoutNoise = worstDeviation(inc, drift(start, settings, false), 1e-9);
        assertTrue(engine.id().equals("gram"));
        assertTrue(withNoise < 4.5, "gram one-step increment vs drift: worst deviation " + withNoise + " SE");
        assertTrue(withoutNoise > 10, "without the g-term the drift must be rejected: " + withoutNoise + " SE");
    }

    @Test
    void explicitOneStepIncrementIsThePopulationDriftWithNoiseTerm() {
        Overlaps start = TestOverlaps.generic(4, 2, 6, new double[] {1.0, 0.7, -0.8, 1.1});
        SgdSettings settings = erfSettings(3.0);
        int d = 400;
        int samples = 30_000;
        org.apache.commons.rng.UniformRandomProvider rng = SeedStreams.stream(2, 0);
        InitialWeights weights = InitialWeights.reproducing(start, d, rng);
        Increment inc = meanIncrement(start, settings, d, samples, s -> new ExplicitChain(weights, settings, rng));
        // finite-d factor of the noise term: E[|x|²/d h] = E[h] + O((p+k)/d)·E[h]: allowance (p+k+2)/d·|g-term|
        double[] full = drift(start, settings, true);
        double[] gradientOnly = drift(start, settings, false);
        double largestNoise = 0;
        for (int c = 0; c < full.length; c++) {
            largestNoise = Math.max(largestNoise, Math.abs(full[c] - gradientOnly[c]));
        }
        double withNoise = worstDeviation(inc, full, 8.0 / d * largestNoise);
        double withoutNoise = worstDeviation(inc, drift(start, settings, false), 0);
        assertTrue(withNoise < 4.5, "explicit one-step increment vs drift: worst deviation " + withNoise + " SE");
        assertTrue(withoutNoise > 6, "without the g-term the drift must be rejected: " + withoutNoise + " SE");
    }

    @Test
    void bothEnginesHaveTheDriftWithMiniBatchWeightDecayAndTrainedSecondLayer() {
        Overlaps start = TestOverlaps.generic(3, 2, 8, new double[] {1.0, -0.6, 0.9});
        Activation erf = StandardActivation.ERF;
        SgdSettings settings = SgdSettings.of(erf, erf, 2.0).withLabelNoise(0.2).withSecondLayerLearningRate(1.5)
                .withWeightDecay(0.4).withBatchSize(3);
        double[] full = drift(start, settings, true);

        int dGram = 200_000;
        org.apache.commons.rng.UniformRandomProvider rng = SeedStreams.stream(4, 0);
        Increment gram = meanIncrement(start, settings, dGram, 100_000, s -> new GramChain(start, dGram, settings, rng));
        double devGram = worstDeviation(gram, full, 1e-9);
        assertTrue(devGram < 4.5, "gram, B = 3, weight decay, trained a: worst deviation " + devGram + " SE");

        int d = 300;
        InitialWeights weights = InitialWeights.reproducing(start, d, rng);
        Increment explicit = meanIncrement(start, settings, d, 15_000, s -> new ExplicitChain(weights, settings, rng));
        // O(1/d) corrections: finite-d noise factor, cross-sample term of the batch, α² = 1 − 2γλ/(pd) + O(1/d²)
        double devExplicit = worstDeviation(explicit, full, 10.0 / d);
        assertTrue(devExplicit < 4.5, "explicit, B = 3, weight decay, trained a: worst deviation " + devExplicit + " SE");
    }

    @Test
    void gramAndExplicitOneStepIncrementsAgreeExactlyInLawAtSmallDimension() {
        // at d = 12 the finite-d factor E[|x|²/d h] differs from E[h] by tens of percent; both engines must agree
        // on it (|x|² = |ξ|² + χ²_{d−r}), here with a rank-deficient Ω (r = 4 of 5)
        double[] omega = {
            1.0, 0.3, 0.3, 0.5, 0.2,
            0.3, 0.8, 0.8, 0.1, 0.0,
            0.3, 0.8, 0.8, 0.1, 0.0,
            0.5, 0.1, 0.1, 1.0, 0.0,
            0.2, 0.0, 0.0, 0.0, 1.0};
        Overlaps start = TestOverlaps.fromCovariance(omega, 3, 2, new double[] {1.0, 0.5, -0.7});
        Activation erf = StandardActivation.ERF;
        SgdSettings settings = SgdSettings.of(erf, erf, 6.0).withLabelNoise(0.5);
        int d = 12;
        // 240 000 samples: the finite-d gap is then about 11 SE (10-12 over 12 seeds), at 60 000 only about 5.7 SE,
        // too close to the 6 SE power threshold below (passed or failed depending on the seed)
        int samples = 240_000;
        org.apache.commons.rng.UniformRandomProvider rng = SeedStreams.stream(9, 0);
        Increment gram = meanIncrement(start, settings, d, samples, s -> new GramChain(start, d, settings, rng));
        InitialWeights weights = InitialWeights.reproducing(start, d, rng);
        Increment explicit = meanIncrement(start, settings, d, samples, s -> new ExplicitChain(weights, settings, rng));
        double worst = 0;
        double worstInfinite = 0;
        double[] infinite = drift(start, settings, true);
        for (int c = 0; c < infinite.length; c++) {
            double se = Math.hypot(gram.standardError()[c], explicit.standardError()[c]);
            worst = Math.max(worst, Math.abs(gram.mean()[c] - explicit.mean()[c]) / (se + 1e-12));
            worstInfinite = Math.max(worstInfinite, Math.abs(gram.mean()[c] - infinite[c]) / (gram.standardError()[c] + 1e-12));
        }
        assertTrue(worst < 4.5, "gram vs explicit one-step increments at d = 12: " + worst + " SE");
        assertTrue(worstInfinite > 6, "at d = 12 the d -> infinity drift must be visibly off: " + worstInfinite + " SE");
    }

    @Test
    void gramChainHandlesSingularOmegaAtPerfectRecovery() {
        // student = teacher (p = k = 2): Omega has rank 2 of 4; with label noise the chain must leave it with the
        // drift of docs/theory.md §3 (only the noise term: g Δ a_i a_j E[σ'σ'])
        double[] omega = {1, 0.3, 1, 0.3, 0.3, 1, 0.3, 1, 1, 0.3, 1, 0.3, 0.3, 1, 0.3, 1};
        Overlaps start = TestOverlaps.fromCovariance(omega, 2, 2, new double[] {1, 1});
        Activation erf = StandardActivation.ERF;
        SgdSettings settings = SgdSettings.of(erf, erf, 2.0).withLabelNoise(0.5);
        int d = 1_000_000;
        org.apache.commons.rng.UniformRandomProvider rng = SeedStreams.stream(3, 0);
        Increment inc = meanIncrement(start, settings, d, 100_000, s -> new GramChain(start, d, settings, rng));
        double dev = worstDeviation(inc, drift(start, settings, true), 1e-9);
        assertTrue(dev < 4.5, "singular Omega: worst deviation " + dev + " SE");
    }
}
