/**
 * JMH benchmarks of the hot paths: Gaussian moments, the population drift, overlap-ODE trajectories, the SGD
 * simulators (explicit and Gram chain), the mean-field particle drift, the density PDE and escape-time engines.
 * The project's speed claims are measured here (never in timed unit tests); the physics they exercise is in
 * docs/theory.md. Run with {@code java -jar benchmarks/target/benchmarks.jar NAME -f 1 -wi 2 -i 3}.
 */
package org.sgdlimits.bench;
