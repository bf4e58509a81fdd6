package org.sgdlimits.experiment;

import java.util.Map;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

/**
 * The {@code initial} field of an experiment file: where the student starts.
 * Either explicit overlaps ({@code {"M": ..., "Q": ..., "a": ...}}) or a recipe for sampling real
 * d-dimensional teacher and student vectors ({@code {"random": {"dimension": d, "seed": s}}}); resolving the
 * recipe into overlaps is the engine's job (it needs the sampler in {@code org.sgdlimits.overlap}).
 */
public sealed interface InitialCondition {

    /** Explicit initial overlaps, already validated (sizes, symmetry, PSD Ω). */
    record Explicit(Overlaps overlaps) implements InitialCondition {
        public Explicit {
            java.util.Objects.requireNonNull(overlaps, "initial");
        }

        private static final FieldPath OMEGA = FieldPath.of("Omega");
        private static final FieldPath INITIAL_Q = FieldPath.of("initial", "Q");
        /** The fields of {@link Overlaps} as experiment-file fields. */
        private static final Map<FieldPath, FieldPath> OVERLAP_FIELDS = Map.of(
                FieldPath.of("Q"), INITIAL_Q,
                FieldPath.of("M"), FieldPath.of("initial", "M"),
                FieldPath.of("P"), FieldPath.of("teacher", "P"),
                FieldPath.of("a"), FieldPath.of("student", "secondLayer"),
                FieldPath.of("aStar"), FieldPath.of("teacher", "secondLayer"));

        /**
         * Validated explicit initial overlaps for a teacher and student: M is p×k, Q is p×p (row-major flat);
         * errors are labelled {@code initial.M}, {@code initial.Q}.
         */
        public static Overlaps overlaps(TeacherSpec teacher, StudentSpec student, double[] m, double[] q) {
            int p = student.p();
            int k = teacher.k();
            if (m.length != p * k) {
                throw new ExperimentException("initial.M", "has " + m.length + " entries; expected a " + p + "x" + k
                        + " matrix (p = student.p, k = teacher.k)");
            }
            if (q.length != p * p) {
                throw new ExperimentException("initial.Q", "has " + q.length + " entries; expected a " + p + "x" + p
                        + " matrix (p = student.p)");
            }
            try {
                return Overlaps.of(q, m, teacher.P(), student.secondLayer(), teacher.secondLayer());
            } catch (InvalidFieldException e) {
                if (e.fieldPath().equals(OMEGA)) {
                    ExperimentException x = new ExperimentException(INITIAL_Q, "with initial.M and teacher.P gives "
                            + "Omega = [[Q, M], [M^T, P]] " + e.problem().replaceFirst("^not", "that is not"));
                    x.initCause(e);
                    throw x;
                }
                throw ExperimentException.from(e, OVERLAP_FIELDS);
            } catch (IllegalArgumentException e) {
                throw ExperimentException.from(e);
            }
        }
    }

    /**
     * Sample real teacher and student vectors in dimension d with a seed, and start from their overlaps
     * ({@link InitialWeights#random}: teacher with exactly P, student rows Gaussian with |w_i|²/d =
     * {@code studentSquaredNorm} exactly, so M and the off-diagonal Q are O(d^(−1/2))).
     *
     * @param dimension          input dimension d used for sampling, ≥ p + k
     * @param seed               seed of the random source
     * @param studentSquaredNorm Q_ii of every student unit, &gt; 0 (default 1)
     */
    record Random(int dimension, long seed, double studentSquaredNorm) implements InitialCondition {
        public Random {
            if (dimension < 1) {
                throw new ExperimentException("initial.random.dimension", dimension + "; must be an integer >= 1");
            }
            if (!(studentSquaredNorm > 0) || !Double.isFinite(studentSquaredNorm)) {
                throw new ExperimentException("initial.random.studentSquaredNorm", studentSquaredNorm
                        + "; must be a finite number > 0");
            }
        }

        /** Unit student norms. */
        public Random(int dimension, long seed) {
            this(dimension, seed, 1.0);
        }

        /** Samples the vectors (cost O((p + k) d)) and returns their overlaps. */
        public Overlaps sample(TeacherSpec teacher, StudentSpec student) {
            double[] norms = new double[student.p()];
            java.util.Arrays.fill(norms, studentSquaredNorm);
            return InitialWeights.random(dimension, teacher.P(), norms, student.secondLayer(), teacher.secondLayer(),
                    seed).overlaps();
        }
    }
}
