package org.sgdlimits.study.regimes;

/**
 * One row of a gap table: the agreement of one comparison at one value of the regime's parameter (γ, d or p).
 *
 * @param comparison   what is compared with what, e.g. "SGD vs gradient flow"
 * @param parameter    the value of γ, d or p
 * @param gap          typical gap: mean over seeds of each run's root-mean-square relative risk gap
 *                     ({@link TrajectoryGap#rmsRelative}); for a deterministic comparison, the gap itself
 * @param gapError     standard error of {@code gap} over seeds (0 for a deterministic comparison)
 * @param meanGap      root-mean-square relative risk gap of the seed-averaged trajectory (equal to gap when
 *                     deterministic)
 * @param seeds        number of SGD runs (0 for a deterministic comparison)
 */
public record GapPoint(String comparison, double parameter, double gap, double gapError, double meanGap,
                       int seeds) {
}
