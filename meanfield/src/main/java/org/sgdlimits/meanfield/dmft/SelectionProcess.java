package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The law in time of one sample's weight s(t) in the update w(t+1) = (1 − ηλ) w(t) − η Σ_μ s_μ(t) ℓ′ x_μ/√d
 * (docs/dmft.md §1): the algorithm. Samples are independent; each carries one double of state (in an array
 * indexed by sample), so a simulator or a Monte Carlo lane can hold many without objects.
 *
 * <p>{@link #conditionalMean} and {@link #conditionalSecondMoment} are E[s(t) | past selections] and
 * E[s(t)² | past selections], read from the state <em>before</em> {@link #draw}: the Rao–Blackwell averages
 * of the sweep. Implementations are immutable and thread-safe (the state lives in the caller's array).
 */
public interface SelectionProcess {

    /** Identifier in experiment files (gd, bernoulli, reshuffle, persistent, sgf). */
    String id();

    /** Whether s ≡ 1 (full-batch gradient descent). */
    default boolean deterministic() {
        return false;
    }

    /** E[s(t) | past selections] given the state before step t's draw. */
    double conditionalMean(int t, double state);

    /** E[s(t)² | past selections] given the state before step t's draw; {@code eta} is η_t. */
    double conditionalSecondMoment(int t, double state, double eta);

    /**
     * Draws s(t) and updates {@code state[i]} (which holds 0 before the first draw at t = 0).
     *
     * @param eta η_t (the Gaussian weights of stochastic gradient flow scale with √(τ/η))
     */
    double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                ZigguratSampler.NormalizedGaussian gauss);

    /** Full-batch gradient descent: s ≡ 1. */
    SelectionProcess FULL_BATCH = new SelectionProcess() {
        @Override
        public String id() {
            return "gd";
        }

        @Override
        public boolean deterministic() {
            return true;
        }

        @Override
        public double conditionalMean(int t, double state) {
            return 1.0;
        }

        @Override
        public double conditionalSecondMoment(int t, double state, double eta) {
            return 1.0;
        }

        @Override
        public double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                           ZigguratSampler.NormalizedGaussian gauss) {
            return 1.0;
        }
    };

    /**
     * Bernoulli-b SGD (extensive batch b n): s = 1/b with probability b, else 0, independently per step.
     *
     * @throws IllegalArgumentException unless b ∈ (0, 1]
     */
    static SelectionProcess bernoulli(double b) {
        if (!(b > 0 && b <= 1)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.algorithm.batchFraction"), "" + b + "; must lie in (0, 1]");
        }
        return new SelectionProcess() {
            @Override
            public String id() {
                return "bernoulli";
            }

            @Override
            public boolean deterministic() {
                return b == 1.0;
            }

            @Override
            public double conditionalMean(int t, double state) {
                return 1.0;
            }

            @Override
            public double conditionalSecondMoment(int t, double state, double eta) {
                return 1.0 / b;
            }

            @Override
            public double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                               ZigguratSampler.NormalizedGaussian gauss) {
                return b == 1.0 || rng.nextDouble() < b ? 1.0 / b : 0.0;
            }
        };
    }

    /**
     * Random reshuffling: each epoch of E steps uses every sample exactly once, in a uniformly random slot,
     * with weight E. The state holds the slot of the current epoch.
     *
     * @throws IllegalArgumentException unless E ≥ 1
     */
    static SelectionProcess reshuffle(int epochSteps) {
        if (epochSteps < 1) {
            throw new InvalidFieldException(FieldPath.parse("dmft.algorithm.epochSteps"), "" + epochSteps + "; must be an integer >= 1");
        }
        return new SelectionProcess() {
            @Override
            public String id() {
                return "reshuffle";
            }

            @Override
            public boolean deterministic() {
                return epochSteps == 1;
            }

            @Override
            public double conditionalMean(int t, double state) {
                int k = t % epochSteps;
                return k == 0 || state >= k ? (double) epochSteps / (epochSteps - k) : 0.0;
            }

            @Override
            public double conditionalSecondMoment(int t, double state, double eta) {
                return conditionalMean(t, state) * epochSteps;
            }

            @Override
            public double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                               ZigguratSampler.NormalizedGaussian gauss) {
                int k = t % epochSteps;
                if (k == 0) {
                    state[i] = rng.nextInt(epochSteps);
                }
                return state[i] == k ? epochSteps : 0.0;
            }
        };
    }

    /**
     * Persistent (Markov) SGD: each sample is active or not; at every step it keeps its state with probability
     * {@code persistence}, else redraws it (active with probability b); the stationary active fraction is b and
     * an active sample has weight 1/b. persistence = 0 is Bernoulli-b SGD.
     *
     * @throws IllegalArgumentException unless b ∈ (0, 1] and persistence ∈ [0, 1)
     */
    static SelectionProcess persistent(double b, double persistence) {
        if (!(b > 0 && b <= 1)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.algorithm.batchFraction"), "" + b + "; must lie in (0, 1]");
        }
        if (!(persistence >= 0 && persistence < 1)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.algorithm.persistence"), "" + persistence + "; must lie in [0, 1)");
        }
        return new SelectionProcess() {
            @Override
            public String id() {
                return "persistent";
            }

            private double activeProbability(int t, double state) {
                return t == 0 ? b : persistence * state + (1 - persistence) * b;
            }

            @Override
            public double conditionalMean(int t, double state) {
                return activeProbability(t, state) / b;
            }

            @Override
            public double conditionalSecondMoment(int t, double state, double eta) {
                return activeProbability(t, state) / (b * b);
            }

            @Override
            public double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                               ZigguratSampler.NormalizedGaussian gauss) {
                boolean active;
                if (t > 0 && rng.nextDouble() < persistence) {
                    active = state[i] == 1.0;
                } else {
                    active = rng.nextDouble() < b;
                }
                state[i] = active ? 1.0 : 0.0;
                return active ? 1.0 / b : 0.0;
            }
        };
    }

    /**
     * Stochastic gradient flow of temperature τ: Gaussian weights s = 1 + √(τ/η_t) ξ, independent per step.
     *
     * @throws IllegalArgumentException unless τ ≥ 0
     */
    static SelectionProcess gaussian(double temperature) {
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new InvalidFieldException(FieldPath.parse("dmft.algorithm.temperature"), "" + temperature
                    + "; must be a finite number >= 0");
        }
        return new SelectionProcess() {
            @Override
            public String id() {
                return "sgf";
            }

            @Override
            public boolean deterministic() {
                return temperature == 0;
            }

            @Override
            public double conditionalMean(int t, double state) {
                return 1.0;
            }

            @Override
            public double conditionalSecondMoment(int t, double state, double eta) {
                return 1.0 + temperature / eta;
            }

            @Override
            public double draw(int t, double eta, double[] state, int i, UniformRandomProvider rng,
                               ZigguratSampler.NormalizedGaussian gauss) {
                // the normal is drawn even at τ = 0 so that runs at different τ share their random numbers
                return 1.0 + Math.sqrt(temperature / eta) * gauss.sample();
            }
        };
    }
}
