package org.sgdlimits.narrow.singleindex;

import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.PolynomialActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.GramChainSimulator;
import org.sgdlimits.narrow.simulation.MatchingOde;
import org.sgdlimits.narrow.simulation.OverlapChain;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.ode.ThresholdCrossing;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * Escape from the equator of a single-index teacher σ* = He_k (information exponent k) learned by one unit
 * σ = He_k (p = k = 1, a = a* = 1, no label noise) with spherical one-pass SGD at dimension d
 * (docs/theory.md §6.1).
 *
 * <p>Start: Q = P = 1 and overlap m₀ = d^(−1/2), the typical size of a random start. On the sphere the drift of m
 * is c_k m^(k−1)(1 − m²) − ½ g N(m) m with c_k = k·k! and N the SGD-noise term of dQ/dt (N₀ = N at m = 0); the
 * noise contraction beats the drift at m₀ unless g &lt; 2 c_k m₀^(k−2)/N₀. The learning rate is therefore
 * γ_d = θ · 2 c_k/N₀ · d^(−max(k−2, 0)/2), a fixed fraction θ ∈ (0, 1) of that critical rate (for k = 1, 2 it
 * does not depend on d). The escape time is counted in samples per dimension, τ = ν/d = t/γ (ODE time
 * t = νγ/d), and grows as O(1) for k = 1, log d for k = 2 and d^(k−2) for k ≥ 3. Escape: the first time
 * |m| reaches the threshold (default ½).
 *
 * <p>Immutable and thread-safe; every simulated run draws from the stream given to it.
 */
public final class InformationExponentEscape {
    /** Largest information exponent handled (He_1 … He_6 are available). */
    public static final int MAX_EXPONENT = PolynomialActivation.MAX_HERMITE;

    private final int exponent;
    private final int dimension;
    private final double rateFraction;
    private final double threshold;
    private final Activation hermite;
    private final double noiseAtEquator;
    private final double learningRate;

    /**
     * @param exponent     k, 1 ≤ k ≤ {@value #MAX_EXPONENT}
     * @param dimension    d ≥ 4
     * @param rateFraction θ ∈ (0, 1): the learning rate as a fraction of the critical rate at m₀
     * @param threshold    escape when |m| reaches this, in (m₀, 1)
     * @throws IllegalArgumentException naming the parameter and its allowed range
     */
    public InformationExponentEscape(int exponent, int dimension, double rateFraction, double threshold) {
        if (exponent < 1 || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException("k: " + exponent + "; must be 1.." + MAX_EXPONENT);
        }
        if (dimension < 4) {
            throw new IllegalArgumentException("dimension: " + dimension + "; must be an integer >= 4");
        }
        if (!(rateFraction > 0 && rateFraction < 1)) {
            throw new IllegalArgumentException("rateFraction: " + rateFraction + "; must be in (0, 1)");
        }
        if (!(threshold > 1 / Math.sqrt(dimension) && threshold < 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + "; must be in (d^-1/2, 1) = ("
                    + 1 / Math.sqrt(dimension) + ", 1)");
        }
        this.exponent = exponent;
        this.dimension = dimension;
        this.rateFraction = rateFraction;
        this.threshold = threshold;
        this.hermite = PolynomialActivation.hermite(exponent);
        this.noiseAtEquator = noiseAtEquator(hermite);
        this.learningRate = rateFraction * 2 * drivingCoefficient(exponent) / noiseAtEquator
                * Math.pow(dimension, -Math.max(exponent - 2, 0) / 2.0);
    }

    /** c_k = k·k!: the drift of m on the sphere is c_k m^(k−1)(1 − m²) without the noise term. */
    public static double drivingCoefficient(int k) {
        double f = k;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /** N₀: the SGD-noise term of dQ/dt (per unit g) at Q = 1, m = 0, from the exact Wick moments. */
    private static double noiseAtEquator(Activation he) {
        PopulationDrift drift = new PopulationDrift(GaussianMoments.forPair(he, he), new double[] {1},
                new double[] {1}, 0).withThreads(1);
        DriftTerms terms = drift.newTerms(1);
        drift.evaluate(new double[] {1}, new double[] {0}, new double[] {1}, terms);
        return terms.dQNoise[0];
    }

    /** k. */
    public int exponent() { return exponent; }

    /** d. */
    public int dimension() { return dimension; }

    /** θ. */
    public double rateFraction() { return rateFraction; }

    /** The escape threshold on |m|. */
    public double threshold() { return threshold; }

    /** N₀ (see the class comment). */
    public double noiseAtEquator() { return noiseAtEquator; }

    /** γ_d = θ · 2 c_k/N₀ · d^(−max(k−2, 0)/2). */
    public double learningRate() { return learningRate; }

    /** m₀ = d^(−1/2). */
    public double initialOverlap() { return 1 / Math.sqrt(dimension); }

    /** Q = P = 1, M = m₀, a = a* = 1. */
    public Overlaps initialOverlaps() {
        return Overlaps.of(new double[] {1}, new double[] {initialOverlap()}, new double[] {1}, new double[] {1},
                new double[] {1});
    }

    /** Spherical SGD with σ = σ* = He_k at γ_d, no label noise, no held-out estimate. */
    public SgdSettings settings() {
        return SgdSettings.of(hermite, hermite, learningRate).withSpherical(true).withHeldOutSamples(0);
    }

    /**
     * The horizon in samples per dimension: 50 times the small-m prediction
     * max(1, ln d, m₀^−(k−2)/(c_k)) / ((1 − θ) γ_d) (docs/theory.md §6.1).
     */
    public double horizon() {
        double m0 = initialOverlap();
        double scale = Math.max(1.0, Math.max(Math.log(dimension),
                Math.pow(m0, -Math.max(exponent - 2, 0)) / drivingCoefficient(exponent)));
        return 50 * scale / ((1 - rateFraction) * learningRate);
    }

    /**
     * The escape time τ of the d → ∞ overlap ODE (high-dimensional regime, with the SGD-noise term at γ_d) from
     * m₀, located by event detection; NaN if |m| does not reach the threshold within {@link #horizon()}.
     */
    public double odeEscapeTime() {
        double tMax = horizon() * learningRate;
        OverlapOdeResult r = MatchingOde.of(settings(), Regime.HIGH_DIMENSIONAL, dimension)
                .solve(initialOverlaps(), TimeGrid.linear(tMax, 3),
                        List.of(ThresholdCrossing.above("M_0_0", threshold)));
        for (EventOccurrence e : r.events()) {
            if (e.stoppedRun()) {
                return e.time() / learningRate;
            }
        }
        return Double.NaN;
    }

    /**
     * The escape time τ = ν/d of one Gram-chain SGD run (exact law of the overlaps, cost per step independent
     * of d) from m₀: the first step ν with |m| ≥ threshold; NaN if none within {@link #horizon()} or if the
     * run stopped (non-finite state).
     */
    public double simulatedEscapeTime(UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        OverlapChain chain = new GramChainSimulator(settings()).start(initialOverlaps(), dimension, rng);
        long maxSteps = (long) Math.ceil(horizon() * dimension);
        double dt = learningRate / dimension;
        double[] q = new double[1];
        double[] m = new double[1];
        double[] a = new double[1];
        for (long step = 1; step <= maxSteps; step++) {
            if (chain.step((step - 1) * dt) != null) {
                return Double.NaN;
            }
            chain.overlaps(q, m, a);
            if (Math.abs(m[0]) >= threshold) {
                return step / (double) dimension;
            }
        }
        return Double.NaN;
    }

    /** The number of SGD steps of one simulated run at most (for planning). */
    public long maxSteps() {
        return (long) Math.ceil(horizon() * dimension);
    }
}
