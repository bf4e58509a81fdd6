/**
 * Pictures of the density μ_t(m, q⊥) of per-unit overlaps (docs/theory.md §5.3), k = 1 or one teacher
 * component.
 *
 * <p>{@link org.sgdlimits.meanfield.snapshot.DensitySnapshot} is a density per unit m per unit q⊥ on a uniform
 * {@link org.sgdlimits.meanfield.snapshot.SnapshotGrid}: from particles by binning and Gaussian smoothing
 * ({@link org.sgdlimits.meanfield.snapshot.GaussianSmoother}, DCT with reflecting walls; bandwidth by a
 * {@link org.sgdlimits.meanfield.snapshot.BandwidthRule}), or from a PDE grid by conservative remapping.
 * Heat-map PNGs, CSV grids and contact sheets of snapshots are drawn in the application layer
 * ({@code org.sgdlimits.chart.DensitySnapshotWriter}, examples module).
 */
package org.sgdlimits.meanfield.snapshot;
