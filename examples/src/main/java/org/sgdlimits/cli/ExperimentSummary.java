package org.sgdlimits.cli;

import org.sgdlimits.experiment.Experiment;

/**
 * The one-line summary of an {@link Experiment} for start announcements, and the number format of the console
 * lines. (The engines are built from an experiment by the library factories, e.g.
 * {@link org.sgdlimits.narrow.factory.OverlapOdeFactory}.)
 */
final class ExperimentSummary {
    private ExperimentSummary() {
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
