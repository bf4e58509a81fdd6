package org.sgdlimits.experiment;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlimits.activation.Activation;

/**
 * The student network of an experiment (docs/theory.md §1): f(x) = (1/p) Σ_i a_i σ(w_i·x/√d).
 *
 * @param activation       σ
 * @param p                number of student hidden units, ≥ 1
 * @param secondLayer      initial a, length p (the fixed second layer when it is not trained)
 * @param trainSecondLayer whether a is trained (at rate {@link Experiment#secondLayerLearningRate()})
 */
public record StudentSpec(Activation activation, int p, double[] secondLayer, boolean trainSecondLayer) {

    /** Validates sizes and finiteness; errors name {@code student.<field>}. */
    public StudentSpec {
        Objects.requireNonNull(activation, "student.activation");
        if (p < 1) {
            throw new ExperimentException("student.p", p + "; must be an integer >= 1");
        }
        if (secondLayer.length != p) {
            throw new ExperimentException("student.secondLayer", "has " + secondLayer.length
                    + " entries; expected p = " + p + " (student.p)");
        }
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(secondLayer[i])) {
                throw new ExperimentException("student.secondLayer", "entry " + i + " is " + secondLayer[i]
                        + "; all entries must be finite numbers");
            }
        }
        secondLayer = secondLayer.clone();
    }

    /** Copy of the initial a. */
    @Override
    public double[] secondLayer() {
        return secondLayer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StudentSpec s && s.activation.equals(activation) && s.p == p
                && Arrays.equals(s.secondLayer, secondLayer) && s.trainSecondLayer == trainSecondLayer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(activation, p, Arrays.hashCode(secondLayer), trainSecondLayer);
    }

    @Override
    public String toString() {
        return "StudentSpec[" + activation + ", p=" + p + ", a=" + Arrays.toString(secondLayer) + ", train="
                + trainSecondLayer + "]";
    }
}
