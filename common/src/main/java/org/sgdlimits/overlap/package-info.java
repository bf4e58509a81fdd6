/**
 * The sufficient statistics of a teacher–student pair and real weights that realise them (docs/theory.md §1,
 * §4).
 *
 * <p>{@link org.sgdlimits.overlap.Overlaps} holds Q = WWᵀ/d (p×p), M = WW*ᵀ/d (p×k), P = W*W*ᵀ/d (k×k) and the
 * second layers a, a*, row-major in flat arrays, validated once (sizes, finiteness, symmetry, positive
 * semi-definiteness of Ω = [[Q, M], [Mᵀ, P]]; errors name the field). {@link org.sgdlimits.overlap.InitialWeights}
 * builds d-dimensional weights, random or reproducing a given Ω exactly;
 * {@link org.sgdlimits.overlap.RandomOverlaps} draws generic valid overlaps for tests and benchmarks;
 * {@link org.sgdlimits.overlap.SemidefiniteCholesky} factors rank-deficient Ω (perfect recovery) in place.
 * Values are immutable; weight arrays are copied on access.
 */
package org.sgdlimits.overlap;
