package org.sgdlimits.cli;

import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.narrow.OverlapOde;

/** Wires an {@link Experiment} to the overlap ODE engine of the narrow module (no physics here). */
final class ExperimentOde {
    private ExperimentOde() {
    }

    /**
     * The configured engine.
     *
     * @throws ExperimentException when the engine rejects a combination (e.g. an activation pair without
     *                             Gaussian moments), with the engine's message
     */
    static OverlapOde of(Experiment e) {
        try {
            OverlapOde.Builder b = OverlapOde.builder(e.student().activation(), e.teacher().activation())
                    .learningRate(e.rate())
                    .labelNoise(e.noise())
                    .weightDecay(e.weightDecay())
                    .batchSize(e.batchSize())
                    .schedule(e.schedule().schedule())
                    .spherical(e.spherical())
                    .integrator(e.integrator().settings())
                    .divergenceBound(e.integrator().divergenceBound());
            if (e.student().trainSecondLayer()) {
                b.trainSecondLayer(e.secondLayerLearningRate());
            } else {
                b.fixedSecondLayer();
            }
            if (e.biases() != null) {
                b.biases(e.biases());
            }
            if (e.regime() == Regime.FINITE_DIMENSIONAL) {
                b.finiteDimension(e.dimension().orElseThrow());
            } else {
                b.regime(e.regime());
            }
            return b.build();
        } catch (ExperimentException x) {
            throw x;
        } catch (UnsupportedOperationException x) {
            throw new ExperimentException("student.activation", "'" + e.student().activation().id()
                    + "' with teacher.activation '" + e.teacher().activation().id() + "' is not supported by the "
                    + "ODE engine (" + x.getMessage() + "); choose another activation pair");
        } catch (IllegalArgumentException x) {
            throw ExperimentException.from(x);
        }
    }

    /**
     * The experiment's initial overlaps (given, or sampled for {@code initial.random}).
     *
     * @throws ExperimentException (field "initial") when they cannot be formed, with the reason
     */
    static org.sgdlimits.overlap.Overlaps initialOverlaps(Experiment e) {
        try {
            return e.initialOverlaps();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            throw new ExperimentException("initial", String.valueOf(x.getMessage()));
        }
    }

    /** One-line description for the start announcement. */
    static String describe(Experiment e) {
        StringBuilder s = new StringBuilder();
        s.append(e.student().activation().id()).append(" student p = ").append(e.p())
                .append(", ").append(e.teacher().activation().id()).append(" teacher k = ").append(e.k())
                .append(", ").append(e.regime().id());
        e.dimension().ifPresent(d -> s.append(" (d = ").append(d).append(')'));
        s.append(", learning rate ").append(e.learningRate()).append(" (g = ").append(fmt(e.g())).append(')');
        if (e.noise() > 0) {
            s.append(", noise ").append(e.noise());
        }
        if (e.spherical()) {
            s.append(", spherical");
        }
        if (e.biases() != null) {
            s.append(e.biases().trained() ? ", trained biases (rate " + e.biases().learningRate() + ")"
                    : ", fixed biases");
        }
        s.append(", t up to ").append(fmt(e.time().end()));
        return s.toString();
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
