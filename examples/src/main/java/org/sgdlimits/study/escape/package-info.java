/**
 * The phase-retrieval escape studies of {@code sgdlimits escape} (docs/theory.md §6): escape time against the
 * width p ({@link org.sgdlimits.study.escape.WidthStudy}), against the dimension d
 * ({@link org.sgdlimits.study.escape.DimensionStudy}) and the effect of SGD noise
 * ({@link org.sgdlimits.study.escape.NoiseStudy}), with their CSV tables ({@code StudyCsv}) and charts. They wire
 * the library's escape-time routes ({@code meanfield.escape.EscapeTime}: typical ODE start, quenched starts,
 * SGD runs) and hold no physics.
 */
package org.sgdlimits.study.escape;
