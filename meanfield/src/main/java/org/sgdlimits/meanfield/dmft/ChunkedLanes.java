package org.sgdlimits.meanfield.dmft;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.sgdlimits.narrow.simulation.SeedStreams;

/**
 * The fixed partition of a Monte Carlo ensemble's paths into chunks of {@value #CHUNK} lanes (the last one
 * shorter), shared by {@link MonteCarloEnsemble} and {@link CommitteeEnsemble}: chunk c holds lanes
 * [c·{@value #CHUNK}, min(paths, (c + 1)·{@value #CHUNK})) and draws from its own random stream
 * {@link SeedStreams#stream}(seed, c). The callers sum their per-chunk partial sums in chunk order, so with a
 * fixed chunk size the results do not depend on the number of threads. Immutable.
 */
final class ChunkedLanes {
    /** Lanes per chunk (fixed, so results do not depend on the thread count). */
    static final int CHUNK = 512;

    private final int paths;
    private final int chunks;
    private final boolean parallel;

    /**
     * @param paths    number of lanes, ≥ 1
     * @param parallel whether {@link #forEach} may run chunks on several threads
     */
    ChunkedLanes(int paths, boolean parallel) {
        this.paths = paths;
        this.chunks = (paths + CHUNK - 1) / CHUNK;
        this.parallel = parallel;
    }

    /** Number of chunks. */
    int count() {
        return chunks;
    }

    /** First lane of chunk c. */
    int first(int c) {
        return c * CHUNK;
    }

    /** Number of lanes of chunk c ({@value #CHUNK} except for the last chunk). */
    int size(int c) {
        int lo = c * CHUNK;
        return Math.min(paths, lo + CHUNK) - lo;
    }

    /** The random stream of chunk c under the ensemble's seed. */
    static UniformRandomProvider stream(long seed, int c) {
        return SeedStreams.stream(seed, c);
    }

    /** Runs body(c) for every chunk, on several threads when parallel and there is more than one chunk. */
    void forEach(IntConsumer body) {
        if (parallel && chunks > 1) {
            IntStream.range(0, chunks).parallel().forEach(body);
        } else {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
        }
    }
}
