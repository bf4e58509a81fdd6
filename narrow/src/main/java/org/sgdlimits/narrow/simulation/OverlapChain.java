package org.sgdlimits.narrow.simulation;

/**
 * The per-run mutable state of a simulation engine: a Markov chain whose law for Ω is that of one-pass SGD.
 * Obtained from {@link SimulationEngine#start}; drive it step by step when a run needs its own stopping rule
 * (or to time single steps). Not thread-safe; one instance per run.
 */
public interface OverlapChain {

    /**
     * One SGD step (one mini-batch) at ODE time t.
     *
     * @return null, or a description of what became non-finite (the run then ends as diverged)
     */
    String step(double t);

    /** The current Q (p×p), M (p×k) and a (p) into the given arrays. */
    void overlaps(double[] q, double[] m, double[] a);

    /** The current student biases b (p; zeros for a model without biases, docs/theory.md §3.11). */
    void biases(double[] b);

    /**
     * Monte Carlo estimate of ε = ½ E[(f − f*)²] on {@code samples} fresh inputs from the chain's stream.
     *
     * @return {mean, standard error}
     */
    double[] heldOutExcessRisk(int samples);
}
