package org.sgdlimits.study.escape;

import java.util.Locale;

/** How the learning rate changes with the width p in a width study (docs/theory.md §2: g = γ/p). */
public enum RateScaling {
    /** g = γ/p held fixed (γ grows with p). */
    FIXED_G,
    /** γ held fixed (g = γ/p shrinks with p). */
    FIXED_LEARNING_RATE;

    /** g at width p for the given rate value (g itself, or γ). */
    public double reducedRate(double value, int p) {
        return this == FIXED_G ? value : value / p;
    }

    /** Parses "g" or "gamma" (case-insensitive). */
    public static RateScaling parse(String s) {
        if (s != null) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.equals("g")) {
                return FIXED_G;
            }
            if (v.equals("gamma")) {
                return FIXED_LEARNING_RATE;
            }
        }
        throw new IllegalArgumentException("rate scaling: unknown value '" + s + "'; allowed: g, gamma");
    }
}
