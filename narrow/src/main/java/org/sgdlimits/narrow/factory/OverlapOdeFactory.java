package org.sgdlimits.narrow.factory;

import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.simulation.MatchingOde;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.validation.FieldPath;

/**
 * The overlap ODE (docs/theory.md §3) of a validated {@link Experiment}: the one place an experiment is mapped to
 * {@link OverlapOde}. The training protocol goes through {@link SgdSettings#from(Experiment)} and
 * {@link MatchingOde} (the same mapping a simulation's matching ODE uses), then the experiment's integrator
 * tolerances and divergence bound are added. Errors are {@link ExperimentException}s naming the file field.
 */
public final class OverlapOdeFactory {
    private OverlapOdeFactory() {
    }

    /**
     * The configured builder (e.g. to change the regime or add moments before building).
     *
     * @throws ExperimentException when a value is refused, naming the field
     */
    public static OverlapOde.Builder builder(Experiment e) {
        try {
            return MatchingOde.builder(SgdSettings.from(e), e.regime(), e.dimension().orElse(0))
                    .integrator(e.integrator().settings())
                    .divergenceBound(e.integrator().divergenceBound());
        } catch (IllegalArgumentException x) {
            throw ExperimentException.from(x);
        }
    }

    /**
     * The configured engine.
     *
     * @throws ExperimentException when the engine rejects a combination (e.g. an activation pair without
     *                             Gaussian moments: field {@code student.activation}), with the engine's message
     */
    public static OverlapOde of(Experiment e) {
        try {
            return builder(e).build();
        } catch (UnsupportedOperationException x) {
            throw new ExperimentException(FieldPath.of("student", "activation"), "'" + e.student().activation().id()
                    + "' with teacher.activation '" + e.teacher().activation().id() + "' is not supported by the "
                    + "ODE engine (" + x.getMessage() + "); choose another activation pair");
        } catch (IllegalArgumentException x) {
            throw ExperimentException.from(x);
        }
    }

    /**
     * The experiment's initial overlaps (given, or sampled for {@code initial.random}).
     *
     * @throws ExperimentException (field {@code initial}) when they cannot be formed, with the reason
     */
    public static Overlaps initialOverlaps(Experiment e) {
        try {
            return e.initialOverlaps();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            throw new ExperimentException(FieldPath.of("initial"), String.valueOf(x.getMessage()));
        }
    }
}
