package org.sgdlimits.experiment;

/**
 * The {@code integrator} field of an experiment file: accuracy of the adaptive ODE integrator and the
 * divergence bound.
 *
 * @param absoluteTolerance per-component absolute error tolerance, &gt; 0
 * @param relativeTolerance per-component relative error tolerance, &gt; 0
 * @param divergenceBound   the run ends with status {@code diverged} when any |state component| exceeds this
 *                          (or becomes non-finite), &gt; 0
 */
public record IntegratorSettings(double absoluteTolerance, double relativeTolerance, double divergenceBound) {

    /** Defaults: absoluteTolerance 1e-10, relativeTolerance 1e-10, divergenceBound 1e6. */
    public static final IntegratorSettings DEFAULTS = new IntegratorSettings(1e-10, 1e-10, 1e6);

    public IntegratorSettings {
        requirePositive("integrator.absoluteTolerance", absoluteTolerance);
        requirePositive("integrator.relativeTolerance", relativeTolerance);
        requirePositive("integrator.divergenceBound", divergenceBound);
    }

    private static void requirePositive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ExperimentException(field, v + "; must be a finite number > 0");
        }
    }
}
