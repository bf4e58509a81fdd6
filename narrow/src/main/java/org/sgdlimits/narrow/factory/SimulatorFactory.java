package org.sgdlimits.narrow.factory;

import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.SimulationEngine;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * The finite-d SGD simulators (explicit network or Gram chain, docs/theory.md §2) of a validated
 * {@link Experiment}: the training protocol is {@link SgdSettings#from(Experiment)}, the engine is chosen by
 * {@link EngineKind}, and the dimension is checked against the engine's own minimum
 * ({@link SimulationEngine#minimumDimension}) before anything runs.
 */
public final class SimulatorFactory {
    /** The field a dimension error names (a command places it at its own option, e.g. {@code --dimension}). */
    public static final FieldPath DIMENSION = FieldPath.of("dimension");

    private SimulatorFactory() {
    }

    /**
     * The configured multi-seed simulation of the experiment at dimension d.
     *
     * @param heldOutSamples held-out Monte Carlo samples for the end-of-run risk check (0: off)
     * @throws InvalidFieldException naming {@link #DIMENSION} when d is below the engine's minimum, or the
     *                               experiment field (an {@link ExperimentException}) for a refused value
     */
    public static MultiSeedSimulation of(Experiment e, EngineKind kind, int dimension, int heldOutSamples, int seeds,
                                         long baseSeed, int threads) {
        SgdSettings settings = settings(e, heldOutSamples);
        SimulationEngine engine = kind.create(settings);
        int needed = engine.minimumDimension(e.p(), e.k());
        if (dimension < needed) {
            throw new InvalidFieldException(DIMENSION, dimension + "; must be an integer >= " + needed + " ("
                    + engine.minimumDimensionRule() + ")");
        }
        requireRiskMoments(settings);
        return new MultiSeedSimulation(engine, seeds, baseSeed, threads);
    }

    /** The training protocol of the experiment with this held-out sample size; errors name the file field. */
    public static SgdSettings settings(Experiment e, int heldOutSamples) {
        try {
            return SgdSettings.from(e).withHeldOutSamples(heldOutSamples);
        } catch (IllegalArgumentException x) {
            throw ExperimentException.from(x);
        }
    }

    /**
     * Fails now, not in a worker thread, when the activation pair has no Gaussian moments for the risk (field
     * {@code student.activation}).
     */
    private static void requireRiskMoments(SgdSettings settings) {
        try {
            GaussianMoments.forPair(settings.student(), settings.teacher());
        } catch (UnsupportedOperationException x) {
            throw new ExperimentException(FieldPath.of("student", "activation"), "'" + settings.student().id()
                    + "' with teacher.activation '" + settings.teacher().id() + "': " + x.getMessage());
        }
    }
}
