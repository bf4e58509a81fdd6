package org.sgdlimits.experiment;

import org.sgdlimits.overlap.Overlaps;

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
    }

    /**
     * Sample teacher and student vectors in dimension d with a seed, and start from their overlaps.
     *
     * @param dimension input dimension d used for sampling, ≥ p + k
     * @param seed      seed of the random source
     */
    record Random(int dimension, long seed) implements InitialCondition {
        public Random {
            if (dimension < 1) {
                throw new ExperimentException("initial.random.dimension", dimension + "; must be an integer >= 1");
            }
        }
    }
}
