package org.sgdlimits.dynamics;

import java.util.Locale;

/**
 * Which limit of one-pass SGD an overlap ODE describes (docs/theory.md §3, Arnaboldi et al. 2023). In experiment files
 * the value is written in lower case with hyphens: "classical", "high-dimensional", "finite-dimensional".
 */
public enum Regime {
    /** γ → 0 at fixed d, p: no SGD-noise term; gradient flow on the population risk. */
    CLASSICAL,
    /** d → ∞ at fixed γ, p: the full Saad–Solla ODE with the noise term g/B · a_i a_j E[e² σ'σ']. */
    HIGH_DIMENSIONAL,
    /** Finite d: the noise term carries the exact factor E[|x|²/d · h] (docs/theory.md §3); needs a dimension. */
    FINITE_DIMENSIONAL;

    /** The name used in experiment files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }
}
