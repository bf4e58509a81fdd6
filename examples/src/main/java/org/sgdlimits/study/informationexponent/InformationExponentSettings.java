package org.sgdlimits.study.informationexponent;

import java.util.Arrays;

/**
 * Sizes of the information-exponent study.
 *
 * @param exponents          the information exponents k studied (1 … 6)
 * @param odeDimensions      dimensions of the ODE escape times (same for every k)
 * @param simulatedDimensions per k (same order as {@code exponents}): dimensions of the Gram-chain runs
 * @param seeds              Gram-chain runs per (k, d)
 * @param rateFraction       θ: learning rate as a fraction of the critical rate at m₀ = d^(−1/2)
 * @param threshold          escape when |m| reaches it
 * @param seed               base random seed
 * @param threads            worker threads
 */
public record InformationExponentSettings(int[] exponents, int[] odeDimensions, int[][] simulatedDimensions,
                                          int seeds, double rateFraction, double threshold, long seed,
                                          int threads) {

    /** Default sizes: a few minutes on two cores. */
    public static InformationExponentSettings defaults() {
        return new InformationExponentSettings(new int[] {1, 2, 3, 4},
                new int[] {64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384},
                new int[][] {{64, 128, 256, 512, 1024}, {64, 128, 256, 512, 1024}, {32, 64, 128, 256},
                    {16, 24, 32, 48}}, 16, 0.5, 0.5, 1, Runtime.getRuntime().availableProcessors());
    }

    /** Small sizes that still show the trend (tests): seconds. */
    public static InformationExponentSettings tiny() {
        return new InformationExponentSettings(new int[] {1, 2, 3, 4}, new int[] {64, 256, 1024, 4096},
                new int[][] {{64, 256}, {64, 256}, {32, 64}, {12, 16}}, 6, 0.5, 0.5, 1, 2);
    }

    /**
     * @throws IllegalArgumentException naming the field and its range
     */
    public InformationExponentSettings {
        if (exponents.length < 1 || simulatedDimensions.length != exponents.length) {
            throw new IllegalArgumentException("exponents: need >= 1 and one list of simulated dimensions each");
        }
        if (odeDimensions.length < 2) {
            throw new IllegalArgumentException("odeDimensions: need at least 2 dimensions for a fitted exponent");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds: " + seeds + "; must be an integer >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + "; must be an integer >= 1");
        }
        if (!(rateFraction > 0 && rateFraction < 1)) {
            throw new IllegalArgumentException("--rate-fraction: " + rateFraction + "; must be in (0, 1)");
        }
        exponents = exponents.clone();
        odeDimensions = odeDimensions.clone();
        simulatedDimensions = Arrays.stream(simulatedDimensions).map(int[]::clone).toArray(int[][]::new);
    }

    /** The same sizes with another seed. */
    public InformationExponentSettings withSeed(long s) {
        return new InformationExponentSettings(exponents, odeDimensions, simulatedDimensions, seeds, rateFraction,
                threshold, s, threads);
    }

    /** The same sizes with another thread count. */
    public InformationExponentSettings withThreads(int n) {
        return new InformationExponentSettings(exponents, odeDimensions, simulatedDimensions, seeds, rateFraction,
                threshold, seed, n);
    }

    /** The same sizes with another number of seeds. */
    public InformationExponentSettings withSeeds(int n) {
        return new InformationExponentSettings(exponents, odeDimensions, simulatedDimensions, n, rateFraction,
                threshold, seed, threads);
    }

    /** The same sizes with another θ. */
    public InformationExponentSettings withRateFraction(double theta) {
        return new InformationExponentSettings(exponents, odeDimensions, simulatedDimensions, seeds, theta,
                threshold, seed, threads);
    }

    @Override public int[] exponents() { return exponents.clone(); }
    @Override public int[] odeDimensions() { return odeDimensions.clone(); }
    @Override public int[][] simulatedDimensions() {
        return Arrays.stream(simulatedDimensions).map(int[]::clone).toArray(int[][]::new);
    }
}
