package org.sgdlimits.experiment;

import java.util.Locale;
import org.sgdlimits.ode.IntegratorSettings;

/**
 * The {@code integrator} field of an experiment file: scheme and accuracy of the adaptive ODE integrator, its
 * evaluation budget, and the divergence bound. Maps onto {@link IntegratorSettings} with {@link #settings()}.
 *
 * @param method            "dormand-prince-853" (default) or "dormand-prince-54"
 * @param absoluteTolerance per-component absolute local error tolerance, &gt; 0
 * @param relativeTolerance per-component relative local error tolerance, ≥ 0
 * @param maxEvaluations    right-hand-side evaluation budget of one run, ≥ 1
 * @param divergenceBound   the run ends with status {@code diverged} when any |state component| exceeds this
 *                          (or becomes non-finite), &gt; 0
 */
public record IntegratorSpec(IntegratorSettings.Method method, double absoluteTolerance, double relativeTolerance,
                             int maxEvaluations, double divergenceBound) {

    /**
     * Defaults: those of {@link IntegratorSettings#defaults()} (Dormand–Prince 8(5,3), absolute and relative
     * 1e-11: the plateau risk to about 1e-7 relative), 10⁷ evaluations, divergence bound 1e6.
     */
    public static final IntegratorSpec DEFAULTS = fromSettings(IntegratorSettings.defaults(), 1e6);

    public IntegratorSpec {
        if (method == null) {
            throw new ExperimentException("integrator.method", "missing; allowed: " + allowedMethods());
        }
        if (!(absoluteTolerance > 0) || !Double.isFinite(absoluteTolerance)) {
            throw new ExperimentException("integrator.absoluteTolerance", absoluteTolerance
                    + "; must be a finite number > 0");
        }
        if (!(relativeTolerance >= 0) || !Double.isFinite(relativeTolerance)) {
            throw new ExperimentException("integrator.relativeTolerance", relativeTolerance
                    + "; must be a finite number >= 0");
        }
        if (maxEvaluations < 1) {
            throw new ExperimentException("integrator.maxEvaluations", maxEvaluations + "; must be an integer >= 1");
        }
        if (!(divergenceBound > 0) || !Double.isFinite(divergenceBound)) {
            throw new ExperimentException("integrator.divergenceBound", divergenceBound
                    + "; must be a finite number > 0");
        }
    }

    /** The integrator configuration for the ODE plumbing. */
    public IntegratorSettings settings() {
        return IntegratorSettings.defaults().withMethod(method).withTolerances(absoluteTolerance, relativeTolerance)
                .withMaxEvaluations(maxEvaluations);
    }

    /** The experiment-file name of a scheme: DORMAND_PRINCE_853 → "dormand-prince-853". */
    public static String methodId(IntegratorSettings.Method m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an experiment-file scheme name. */
    public static IntegratorSettings.Method parseMethod(String id) {
        for (IntegratorSettings.Method m : IntegratorSettings.Method.values()) {
            if (methodId(m).equals(id)) {
                return m;
            }
        }
        throw new ExperimentException("integrator.method", "unknown value '" + id + "'; allowed: " + allowedMethods());
    }

    private static String allowedMethods() {
        StringBuilder b = new StringBuilder();
        for (IntegratorSettings.Method m : IntegratorSettings.Method.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(methodId(m));
        }
        return b.toString();
    }

    /** The spec of given integrator settings and divergence bound. */
    public static IntegratorSpec fromSettings(IntegratorSettings settings, double divergenceBound) {
        return new IntegratorSpec(settings.method(), settings.absoluteTolerance(), settings.relativeTolerance(),
                settings.maxEvaluations(), divergenceBound);
    }
}
