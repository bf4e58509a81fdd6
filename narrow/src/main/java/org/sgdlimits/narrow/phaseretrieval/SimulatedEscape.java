package org.sgdlimits.narrow.phaseretrieval;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.SimulationEngine;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.narrow.simulation.SimulationRun;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Escape times of finite-d one-pass SGD for phase retrieval, measured on the simulators of the narrow module:
 * the exact Gram chain (docs/theory.md §4, cost per step independent of d) or the explicit network. A run is recorded on
 * a uniform grid of spacing {@link #resolution()} and the escape time is the first zero of the criterion's
 * escape function, linearly interpolated between the two bracketing records (error O(h²) for a smooth path,
 * O(h) at worst for the stochastic path; h is a small fraction of the escape time).
 *
 * <p>Learning rate γ = g·p (docs/theory.md §2), σ = σ* = x², a = a* = 1 fixed, label noise Δ, plain or spherical as in
 * the {@link PhaseRetrievalModel}. Immutable and thread-safe; every run draws from the stream given to it.
 */
public final class SimulatedEscape {
    private final PhaseRetrievalModel model;
    private final SimulationEngine engine;
    private final double resolution;

    /**
     * @param model      the phase-retrieval model (ρ must be 1: the simulators draw a teacher of norm ρ = P
     *                   from the initial overlaps, which is supported, but the plateau theory assumes ρ = 1)
     * @param engine     GRAM (fast, exact law) or EXPLICIT (real weights, O(p d) per step)
     * @param resolution grid spacing h &gt; 0 in ODE time
     */
    public SimulatedEscape(PhaseRetrievalModel model, EngineKind engine, double resolution) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engine, "engine");
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution: " + resolution + "; must be finite and > 0");
        }
        if (!(model.reducedRate() > 0)) {
            throw new IllegalArgumentException("g: " + model.reducedRate() + "; a simulation needs g > 0");
        }
        SgdSettings settings = SgdSettings.of(StandardActivation.SQUARE, StandardActivation.SQUARE,
                        model.learningRate())
                .withLabelNoise(model.noise())
                .withSpherical(model.spherical())
                .withHeldOutSamples(0);
        this.engine = engine.create(settings);
        this.resolution = resolution;
    }

    public PhaseRetrievalModel model() {
        return model;
    }

    /** Grid spacing of the recorded path (ODE time). */
    public double resolution() {
        return resolution;
    }

    /** The underlying simulation engine. */
    public SimulationEngine engine() {
        return engine;
    }

    /** SGD steps of one run up to {@code maxTime} at dimension d. */
    public long stepsFor(int dimension, double maxTime) {
        return engine.stepsFor(model.width(), dimension, grid(maxTime));
    }

    /**
     * One run of SGD from {@code initial} at dimension d until {@code maxTime}; the escape time is the first
     * grid-interpolated time the criterion is met (not escaped: NaN and a COMPLETED or DIVERGED status).
     */
    public EscapeResult run(Overlaps initial, int dimension, EscapeCriterion criterion, double maxTime,
                            UniformRandomProvider rng, SimulationProgress progress) {
        SimulationRun run = engine.run(initial, dimension, grid(maxTime), rng, progress);
        return firstEscape(run.trajectory(), criterion, model);
    }

    /**
     * First time the criterion is met on a recorded trajectory with docs/theory.md §7 columns ({@code risk},
     * {@code M_i_0}), linearly interpolated between records.
     */
    static EscapeResult firstEscape(Trajectory tr, EscapeCriterion criterion, PhaseRetrievalModel model) {
        int p = model.width();
        double rho = model.teacherNorm();
        double initialRisk = tr.value(0, "risk");
        double previous = Double.NaN;
        double[] m = new double[p];
        String[] names = new String[p];
        for (int i = 0; i < p; i++) {
            names[i] = "M_" + i + "_0";
        }
        for (int row = 0; row < tr.size(); row++) {
            for (int i = 0; i < p; i++) {
                m[i] = tr.value(row, names[i]);
            }
            double value = criterion.escapeFunction(PhaseRetrievalDrift.meanSquaredOverlap(m, p, rho),
                    tr.value(row, "risk"), initialRisk);
            if (row == 0 && value >= 0) {
                throw new IllegalArgumentException("initial condition already meets the escape criterion " + criterion
                        + " (escape function " + value + " >= 0)");
            }
            if (value >= 0) {
                double t0 = tr.time(row - 1);
                double t1 = tr.time(row);
                double t = t0 + (t1 - t0) * (-previous) / (value - previous);
                return EscapeResult.escapedAt(t, criterion.toString());
            }
            previous = value;
        }
        return EscapeResult.notEscaped(tr.status());
    }

    private TimeGrid grid(double maxTime) {
        if (!(maxTime > 0) || !Double.isFinite(maxTime)) {
            throw new IllegalArgumentException("maximum time: " + maxTime + "; must be finite and > 0");
        }
        int points = (int) Math.max(3, Math.ceil(maxTime / resolution) + 1);
        return TimeGrid.linear(maxTime, points);
    }
}
