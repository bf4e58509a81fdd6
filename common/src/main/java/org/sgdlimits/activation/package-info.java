/**
 * Hidden-unit activation functions σ with their first two derivatives (docs/theory.md §1).
 *
 * <p>{@link org.sgdlimits.activation.Activation} is the type every engine takes;
 * {@link org.sgdlimits.activation.StandardActivation} holds the families named in experiment files
 * ({@code erf}, {@code relu}, {@code linear}, {@code square}, {@code tanh}); user-defined activations are made
 * with {@link org.sgdlimits.activation.Activation#custom}. Convention: σ acts on the O(1) pre-activation
 * λ = w·x/√d; {@code erf} means σ(x) = erf(x/√2) (Saad–Solla scaling) and ReLU uses the right derivative
 * σ'(0) = 0. {@link org.sgdlimits.activation.ErrorFunction} is the fast erf used in hot loops. Everything here is
 * immutable and thread-safe. The Gaussian moments of each family are in {@code org.sgdlimits.gauss}
 * (docs/theory.md §3.4).
 */
package org.sgdlimits.activation;
