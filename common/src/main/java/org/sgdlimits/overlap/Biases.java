package org.sgdlimits.overlap;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Arrays;

/**
 * The biases of a model with pre-activations λ_i = w_i·x/√d + b_i and λ*_r = w*_r·x/√d + b*_r
 * (docs/theory.md §3.11): the teacher's b* (fixed), the student's b (initial values when trained), whether the
 * student's are trained and their learning rate γ_b, in the time convention of the second layer: one SGD step
 * is b_i ← b_i − (γ_b s/(p d B)) Σ_b e_b a_i σ'(λ_ib), so db_i/dt = −s (γ_b/γ) a_i E[e σ'(λ_i)]. Immutable
 * (defensive copies).
 *
 * @param teacher      b*, length k, finite
 * @param student      b, length p, finite
 * @param trained      whether b is trained
 * @param learningRate γ_b &gt; 0 when trained (0 otherwise)
 */
public record Biases(double[] teacher, double[] student, boolean trained, double learningRate) {

    /**
     * @throws IllegalArgumentException naming the field (teacher.bias, student.bias, biasLearningRate) for a
     *                                  missing or non-finite entry or a non-positive rate of trained biases
     */
    public Biases {
        teacher = finite("teacher.bias", teacher);
        student = finite("student.bias", student);
        learningRate = trained ? requireRate(learningRate) : 0;
    }

    /** The field γ_b is read from in experiment files. */
    public static final FieldPath RATE_FIELD = FieldPath.of("biasLearningRate");

    /**
     * The one check of γ_b, the learning rate of trained biases.
     *
     * @return γ_b
     * @throws InvalidFieldException (field {@code biasLearningRate}) unless γ_b is a finite number &gt; 0
     */
    public static double requireRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidFieldException(RATE_FIELD, learningRate + "; must be a finite number > 0");
        }
        return learningRate;
    }

    /** Fixed biases b (student) and b* (teacher). */
    public static Biases fixed(double[] teacher, double[] student) {
        return new Biases(teacher, student, false, 0);
    }

    /** Trained student biases starting at b, teacher biases b*, rate γ_b. */
    public static Biases trained(double[] teacher, double[] student, double learningRate) {
        return new Biases(teacher, student, true, learningRate);
    }

    @Override
    public double[] teacher() {
        return teacher.clone();
    }

    @Override
    public double[] student() {
        return student.clone();
    }

    /**
     * Checks the lengths against the widths.
     *
     * @throws IllegalArgumentException naming the field when a length is not p (student) or k (teacher)
     */
    public void requireWidths(int p, int k) {
        if (student.length != p) {
            throw new InvalidFieldException(FieldPath.parse("student.bias"), "length " + student.length + " is not allowed; must be p = "
                    + p);
        }
        if (teacher.length != k) {
            throw new InvalidFieldException(FieldPath.parse("teacher.bias"), "length " + teacher.length + " is not allowed; must be k = "
                    + k);
        }
    }

    private static double[] finite(String field, double[] v) {
        if (v == null || v.length == 0) {
            throw new InvalidFieldException(FieldPath.parse(field), "missing; must be an array of finite numbers");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidFieldException(FieldPath.parse(field).index(i), v[i] + " is not allowed; must be finite");
            }
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Biases other && trained == other.trained && learningRate == other.learningRate
                && Arrays.equals(teacher, other.teacher) && Arrays.equals(student, other.student);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(teacher) + Arrays.hashCode(student)) + Boolean.hashCode(trained);
    }

    @Override
    public String toString() {
        return "Biases[teacher=" + Arrays.toString(teacher) + ", student=" + Arrays.toString(student) + ", trained="
                + trained + ", learningRate=" + learningRate + "]";
    }
}
