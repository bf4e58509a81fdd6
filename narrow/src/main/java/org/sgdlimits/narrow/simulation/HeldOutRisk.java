package org.sgdlimits.narrow.simulation;

/**
 * End-of-run cross-check of the risk (docs/theory.md §4): the excess risk ε = ½ E[(f − f*)²] estimated on a fresh
 * held-out sample of inputs, beside the value computed from the final Ω with the shared expectation code.
 *
 * @param samples          held-out sample size (0: not computed, estimates NaN)
 * @param estimate         Monte Carlo estimate of ε
 * @param standardError    its standard error
 * @param fromOverlaps     ε from the final overlaps (PopulationDrift)
 */
public record HeldOutRisk(int samples, double estimate, double standardError, double fromOverlaps) {

    /** Not computed (zero samples or a diverged run). */
    public static HeldOutRisk none(double fromOverlaps) {
        return new HeldOutRisk(0, Double.NaN, Double.NaN, fromOverlaps);
    }

    /** (estimate − fromOverlaps)/standardError: should be O(1). */
    public double discrepancyInStandardErrors() {
        return (estimate - fromOverlaps) / standardError;
    }
}
