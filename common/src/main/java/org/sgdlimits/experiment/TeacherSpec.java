package org.sgdlimits.experiment;

import org.sgdlimits.validation.FieldPath;
import java.util.Arrays;
import org.sgdlimits.validation.FieldPath;
import java.util.Objects;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.overlap.Overlaps;

/**
 * The teacher network of an experiment (docs/theory.md §1): f*(x) = (1/k) Σ_r a*_r σ*(w*_r·x/√d).
 *
 * @param activation  σ*
 * @param k           number of teacher hidden units, ≥ 1
 * @param secondLayer a*, length k
 * @param P           teacher self-overlap P_rs = w*_r·w*_s/d, row-major k×k, symmetric (to 1e-10 relative;
 *                    stored exactly symmetrised) positive semi-definite
 */
public record TeacherSpec(Activation activation, int k, double[] secondLayer, double[] P) {

    /** Validates sizes, finiteness, symmetry and PSD of P; errors name {@code teacher.<field>}. */
    public TeacherSpec {
        Objects.requireNonNull(activation, "teacher.activation");
        if (k < 1) {
            throw new ExperimentException("teacher.k", k + "; must be an integer >= 1");
        }
        if (secondLayer.length != k) {
            throw new ExperimentException("teacher.secondLayer", "has " + secondLayer.length
                    + " entries; expected k = " + k + " (teacher.k)");
        }
        if (P.length != k * k) {
            throw new ExperimentException("teacher.P", "has " + P.length + " entries; expected a " + k + "x" + k
                    + " matrix (teacher.k = " + k + ")");
        }
        for (int r = 0; r < k; r++) {
            if (!Double.isFinite(secondLayer[r])) {
                throw new ExperimentException("teacher.secondLayer", "entry " + r + " is " + secondLayer[r]
                        + "; all entries must be finite numbers");
            }
        }
        Overlaps teacherOnly;
        try {
            teacherOnly = Overlaps.of(new double[0], new double[0], P, new double[0], secondLayer);
        } catch (IllegalArgumentException e) {
            throw ExperimentException.from(e, java.util.Map.of(FieldPath.of("P"), FieldPath.of("teacher", "P"),
                    FieldPath.of("Omega"), FieldPath.of("teacher", "P")));
        }
        secondLayer = secondLayer.clone();
        P = teacherOnly.teacherOverlapMatrix(); // symmetrised exactly, as every Overlaps built from it
    }

    /** Copy of a*. */
    @Override
    public double[] secondLayer() {
        return secondLayer.clone();
    }

    /** Copy of P (row-major k×k). */
    @Override
    public double[] P() {
        return P.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherSpec t && t.activation.equals(activation) && t.k == k
                && Arrays.equals(t.secondLayer, secondLayer) && Arrays.equals(t.P, P);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activation, k, Arrays.hashCode(secondLayer), Arrays.hashCode(P));
    }

    @Override
    public String toString() {
        return "TeacherSpec[" + activation + ", k=" + k + ", a*=" + Arrays.toString(secondLayer) + ", P="
                + Arrays.toString(P) + "]";
    }
}
