/**
 * Finite-d simulations of one-pass SGD in the teacher–student setting (docs/theory.md §2, §4) and their comparison with
 * the overlap ODE.
 *
 * <ul>
 *   <li>{@link org.sgdlimits.narrow.simulation.SgdSettings}: the training protocol (activations, Δ, γ, γ_a,
 *       λ_wd, B, schedule, spherical projection), from code or from an experiment file.</li>
 *   <li>Two engines behind {@link org.sgdlimits.narrow.simulation.SimulationEngine}:
 *       {@link org.sgdlimits.narrow.simulation.SgdSimulator} trains the real d-dimensional network;
 *       {@link org.sgdlimits.narrow.simulation.GramChainSimulator} runs the exact Markov chain of Ω (same law,
 *       cost per step independent of d; derivation in its javadoc).</li>
 *   <li>{@link org.sgdlimits.narrow.simulation.MultiSeedSimulation}: S seeds in parallel, means and
 *       standard errors ({@code c_sem} columns), bit-identical whatever the number of threads
 *       ({@link org.sgdlimits.narrow.simulation.SeedStreams}).</li>
 *   <li>{@link org.sgdlimits.narrow.simulation.MatchingOde} and
 *       {@link org.sgdlimits.narrow.simulation.ComparisonSummary}: the ODE of the same protocol and the
 *       per-observable gaps between theory and simulation.</li>
 * </ul>
 * Every run records the risk from Ω with the shared {@link org.sgdlimits.dynamics.PopulationDrift} and, once at
 * the end, a held-out Monte Carlo estimate as a cross-check ({@link org.sgdlimits.narrow.simulation.HeldOutRisk}).
 */
package org.sgdlimits.narrow.simulation;
