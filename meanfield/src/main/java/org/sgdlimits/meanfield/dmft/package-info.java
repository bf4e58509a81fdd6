/**
 * Multi-pass SGD on a finite data set, n = α d, by discrete-time dynamical mean-field theory (docs/dmft.md).
 *
 * <p>The model: {@link org.sgdlimits.meanfield.dmft.DmftModel} (a generalised linear model: sample ratio α,
 * {@link org.sgdlimits.meanfield.dmft.Loss}, {@link org.sgdlimits.meanfield.dmft.TeacherMap}, ridge, step sizes,
 * {@link org.sgdlimits.meanfield.dmft.SelectionProcess}, {@link org.sgdlimits.meanfield.dmft.Momentum}) and
 * {@link org.sgdlimits.meanfield.dmft.CommitteeModel} (the two-layer committee, p ≤ 4, k ≤ 2, fixed second
 * layer). Both are solved in one causal forward sweep ({@code ForwardSweep}):
 * {@link org.sgdlimits.meanfield.dmft.DmftSweep} on the d-side kernels with an n-side ensemble, either exact
 * ({@code GaussianCoefficientEnsemble}, square loss, linear teacher, GD) or Monte
 * Carlo ({@code MonteCarloEnsemble}), and
 * {@code CommitteeSweep} on p×p blocks
 * ({@code CommitteeEnsemble}, responses pathwise or by Gaussian integration by parts,
 * {@code ResponseEstimator}). Monte Carlo lanes run in chunks with one random stream
 * each ({@code ChunkedLanes}), so results do not depend on the thread count.
 * {@link org.sgdlimits.meanfield.dmft.DmftEngine} and {@link org.sgdlimits.meanfield.dmft.CommitteeEngine} put the
 * sweeps behind the common engine contract (means, standard errors and finite-S bias columns);
 * {@link org.sgdlimits.meanfield.dmft.MarchenkoPastur} and {@link org.sgdlimits.meanfield.dmft.RidgeClosedForm}
 * are the independent closed-form check for ridge GD; {@link org.sgdlimits.meanfield.dmft.MultiPassSimulator} and
 * {@link org.sgdlimits.meanfield.dmft.CommitteeSimulator} are the finite-d multi-pass simulators every curve is
 * checked against. Validation errors are {@link org.sgdlimits.validation.InvalidFieldException}s naming the
 * experiment-file field.
 */
package org.sgdlimits.meanfield.dmft;
