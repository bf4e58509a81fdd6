/**
 * Gaussian expectations of products of activations and pre-activations: the moments I2, I3, I4 and J2 that
 * every drift is built from (docs/theory.md §3.1, closed forms in §3.4).
 *
 * <p>{@link org.sgdlimits.gauss.GaussianMoments} is the one interface, for a (student σ, teacher σ*) pair;
 * arguments are the entries C_ab = E[ab] of the covariance of the zero-mean variables (u, v, w, z), passed as
 * primitives so that hot loops do not allocate. {@link org.sgdlimits.gauss.GaussianMoments#forPair} picks the
 * provider: {@link org.sgdlimits.gauss.ErfMoments} (Saad–Solla closed forms),
 * {@link org.sgdlimits.gauss.ReluMoments} (arc-cosine kernel, orthant probabilities, I4 by a Price/Plackett
 * reduction to one integral), {@link org.sgdlimits.gauss.PolynomialMoments} (linear and square by
 * Wick/Isserlis), and {@link org.sgdlimits.gauss.GaussHermiteMoments} (tensor Gauss–Hermite quadrature) for
 * everything else. {@link org.sgdlimits.gauss.MonteCarloMoments} is the independent reference used by tests.
 * All providers are immutable and thread-safe.
 */
package org.sgdlimits.gauss;
