package org.sgdlimits.narrow.phaseretrieval;

import java.util.Locale;

/**
 * When a phase-retrieval run has left the plateau (docs/theory.md §6). The escape time is the first time the criterion
 * is met.
 *
 * <ul>
 *   <li>{@link Kind#OVERLAP} (criterion a): the mean over units of m_i²/ρ reaches the threshold T.</li>
 *   <li>{@link Kind#RISK} (criterion b): the risk has decreased by the fraction T, R(t) ≤ (1 − T) R(0).
 *       Caution for plain SGD: the relaxation of the norms q from 1 to the plateau value q* already lowers the
 *       risk by an O(1) fraction (p = 1, g = 0: from 2 to 4/3), so a small T is met before any escape.</li>
 * </ul>
 *
 * @param kind      which observable is thresholded
 * @param threshold T, strictly between 0 and 1
 */
public record EscapeCriterion(Kind kind, double threshold) {

    /** The two criteria of docs/theory.md §6. */
    public enum Kind {
        OVERLAP, RISK;

        /** Parses "overlap" or "risk" (case-insensitive). */
        public static Kind parse(String s) {
            if (s != null) {
                for (Kind k : values()) {
                    if (k.name().equalsIgnoreCase(s.trim())) {
                        return k;
                    }
                }
            }
            throw new IllegalArgumentException("criterion: unknown value '" + s + "'; allowed: overlap, risk");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EscapeCriterion {
        if (kind == null) {
            throw new IllegalArgumentException("criterion: missing; allowed: overlap, risk");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold T: " + threshold + "; must lie in the open interval (0, 1)");
        }
    }

    /** Criterion (a): mean m²/ρ ≥ T. */
    public static EscapeCriterion overlap(double threshold) {
        return new EscapeCriterion(Kind.OVERLAP, threshold);
    }

    /** Criterion (b): R(t) ≤ (1 − T) R(0). */
    public static EscapeCriterion risk(double threshold) {
        return new EscapeCriterion(Kind.RISK, threshold);
    }

    /**
     * The escape function: negative before escape, zero at the escape time, positive after.
     *
     * @param meanSquaredOverlap mean over units of m_i²/ρ at time t
     * @param risk               R(t)
     * @param initialRisk        R(0)
     */
    public double escapeFunction(double meanSquaredOverlap, double risk, double initialRisk) {
        return kind == Kind.OVERLAP ? meanSquaredOverlap - threshold : (1.0 - threshold) * initialRisk - risk;
    }

    @Override
    public String toString() {
        return kind + " >= " + threshold;
    }
}
