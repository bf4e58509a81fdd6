package org.sgdlimits.narrow.schedule;

/**
 * What the schedule minimises (docs/theory.md §3.9).
 */
public sealed interface ScheduleObjective {

    /** Command-line name. */
    String id();

    /** J = ε(T), the excess risk at the horizon (the risk differs by the constant Δ/2). */
    record FinalRisk() implements ScheduleObjective {
        @Override public String id() { return "final-risk"; }
    }

    /**
     * J = τ, the first time with ε(τ) ≤ ε_target, when that happens before the horizon T; otherwise the
     * continuous extension J = T·ε(T)/ε_target ≥ T (equal to T when ε reaches the target exactly at T).
     *
     * @param targetExcessRisk ε_target &gt; 0
     */
    record TimeToRisk(double targetExcessRisk) implements ScheduleObjective {
        public TimeToRisk {
            if (!(targetExcessRisk > 0) || !Double.isFinite(targetExcessRisk)) {
                throw new IllegalArgumentException("target excess risk: " + targetExcessRisk
                        + "; must be a finite number > 0");
            }
        }

        @Override public String id() { return "time-to-risk"; }
    }
}
