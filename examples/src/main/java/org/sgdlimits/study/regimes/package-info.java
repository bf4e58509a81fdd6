/**
 * The regime-comparison study ({@code sgdlimits regimes}): one-pass SGD against its classical (γ → 0),
 * high-dimensional (d → ∞) and mean-field (p → ∞) limits (docs/theory.md §3.2, §5), and multi-pass gradient
 * descent on n = α d samples against its DMFT limit d → ∞ at fixed α (docs/dmft.md), each with the gap between
 * simulation and limit at several values of the parameter that goes to its limit and the fitted power law of
 * the gap. {@link org.sgdlimits.study.regimes.RegimeStudy} runs it from
 * {@link org.sgdlimits.study.regimes.RegimeStudySettings}; {@link org.sgdlimits.study.regimes.RegimeStudyWriter}
 * writes charts, gap tables and one directory per run. Deterministic for given settings (seeded streams,
 * thread-count independent); holds no physics, only library calls.
 */
package org.sgdlimits.study.regimes;
