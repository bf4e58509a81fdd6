package org.sgdlimits.narrow.simulation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Independent random streams for the seeds of an ensemble: seed index s of base seed b gets a XoRoShiRo128++
 * generator (Commons RNG) whose 128-bit state is the SplitMix64 expansion of b mixed with s. XoRoShiRo128++
 * (period 2¹²⁸ − 1) passes BigCrush and PractRand in all its bits, so the low bits that the ziggurat sampler
 * uses for its layer index are as good as the high ones (unlike XoRoShiRo128+); with half the state of
 * XoShiRo256++ it draws the d Gaussians of an explicit step measurably faster. A stream depends only on
 * (b, s), never on the thread that runs it or on other seeds, so results are identical whatever the number
 * of threads.
 */
public final class SeedStreams {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedStreams() {
    }

    /** The generator of seed index {@code seedIndex} (≥ 0) under {@code baseSeed}. */
    public static XoRoShiRo128PlusPlus stream(long baseSeed, int seedIndex) {
        if (seedIndex < 0) {
            throw new IllegalArgumentException("seedIndex: " + seedIndex + "; must be >= 0");
        }
        // Two SplitMix64 rounds: first decorrelate (base, index) into one 64-bit seed, then expand it.
        long mixed = new SplitMix64(baseSeed).nextLong() ^ new SplitMix64(GOLDEN_GAMMA * (seedIndex + 1L)).nextLong();
        SplitMix64 expand = new SplitMix64(mixed);
        return new XoRoShiRo128PlusPlus(expand.nextLong(), expand.nextLong());
    }

    /** Same as {@link #stream} typed as the interface. */
    public static UniformRandomProvider provider(long baseSeed, int seedIndex) {
        return stream(baseSeed, seedIndex);
    }
}
