package org.sgdlimits.narrow.simulation;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * The explicit finite-d simulator (docs/theory.md §4): the real network, student W (p×d) and teacher W* (k×d), trained by
 * one-pass SGD with the update of {@link SgdSettings} on one fresh Gaussian mini-batch per step, recording Ω,
 * a and the risk (from Ω, with the shared {@link PopulationDrift}) at the requested ODE times, and once per
 * run a held-out Monte Carlo estimate of the excess risk as a cross-check.
 *
 * <p>Starting from overlaps, the weights are built to reproduce them exactly
 * ({@link InitialWeights#reproducingAlignedWithAxes}: W = M P⁻¹ W* + W⊥, the teacher span along the first k axes,
 * W⊥ a Haar-random orthogonal part drawn from the run's stream). By rotation invariance of the inputs this has
 * the same law for Ω as any other orientation, and the teacher fields cost O(k²) instead of O(k d). Or pass
 * weights directly to {@link #run(InitialWeights, TimeGrid, UniformRandomProvider, SimulationProgress)}.
 *
 * <p>Cost per step O(p d): B·d Gaussians (Commons RNG ziggurat on XoRoShiRo128++, {@link SeedStreams}), one pass of dot
 * products, one update pass. Immutable and thread-safe; every run owns its state and stream.
 */
public final class SgdSimulator implements SimulationEngine {
    private final SgdSettings settings;

    public SgdSimulator(SgdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public SgdSettings settings() {
        return settings;
    }

    @Override
    public String id() {
        return "explicit";
    }

    @Override
    public SimulationRun run(Overlaps initial, int dimension, TimeGrid grid, UniformRandomProvider rng,
                             SimulationProgress progress) {
        InitialWeights weights = InitialWeights.reproducingAlignedWithAxes(initial, dimension, rng);
        return run(weights, grid, rng, progress);
    }

    @Override
    public OverlapChain start(Overlaps initial, int dimension, UniformRandomProvider rng) {
        return new ExplicitChain(InitialWeights.reproducingAlignedWithAxes(initial, dimension, rng), settings, rng);
    }

    @Override
    public int minimumDimension(int p, int k) {
        return p + k;
    }

    @Override
    public String minimumDimensionRule() {
        return "p + k";
    }

    /** One run from explicit weights; the stream is used for the inputs, labels and held-out sample. */
    public SimulationRun run(InitialWeights weights, TimeGrid grid, UniformRandomProvider rng,
                             SimulationProgress progress) {
        ExplicitChain chain = new ExplicitChain(weights, settings, rng);
        PopulationDrift drift = drift(settings, weights.overlaps());
        return ChainRunner.run(chain, settings, drift, weights.studentWidth(), weights.teacherWidth(),
                weights.dimension(), grid, progress);
    }

    /** The shared population drift for this teacher (single-threaded: ensembles parallelise over seeds). */
    static PopulationDrift drift(SgdSettings settings, Overlaps teacherOf) {
        PopulationDrift drift = PopulationDrift.forTeacherOf(GaussianMoments.forPair(settings.student(),
                settings.teacher()), teacherOf, settings.labelNoise()).withThreads(1);
        return settings.hasBiases() ? drift.withBiases(settings.biases().teacher()) : drift;
    }
}
