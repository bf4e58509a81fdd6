package org.sgdlimits.dynamics;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the noise sums of all student pairs, on the calling thread plus up to {@code helpers} tasks of the
 * common {@link ForkJoinPool}. Workers claim contiguous chunks of pairs from a shared counter; every pair is
 * computed entirely by one worker in a fixed order and written to its own output cells, so the result is
 * bit-identical whatever the number of threads. A helper that has not started by the time the caller has
 * claimed every chunk is cancelled (it then returns immediately), so a busy pool never blocks the caller.
 */
final class PairLoop {
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int SKIPPED = 2;

    /** Work done by one worker on one pair index. */
    @FunctionalInterface
    interface PairBody {
        void run(int pair, int worker);
    }

    private PairLoop() {
    }

    /** Runs body for every pair in [0, pairCount), with chunks of chunkSize pairs, using up to helpers extra threads. */
    static void run(int pairCount, int chunkSize, int helpers, PairBody body) {
        int chunkCount = (pairCount + chunkSize - 1) / chunkSize;
        int helperCount = Math.min(helpers, chunkCount - 1);
        if (helperCount <= 0) {
            for (int pair = 0; pair < pairCount; pair++) {
                body.run(pair, 0);
            }
            return;
        }
        AtomicInteger nextChunk = new AtomicInteger();
        Helper[] started = new Helper[helperCount];
        for (int h = 0; h < helperCount; h++) {
            started[h] = new Helper(nextChunk, chunkCount, chunkSize, pairCount, h + 1, body);
            started[h].fork();
        }
        drain(nextChunk, chunkCount, chunkSize, pairCount, 0, body);
        for (Helper helper : started) {
            if (!helper.state.compareAndSet(PENDING, SKIPPED)) {
                helper.join();
            }
        }
    }

    private static void drain(AtomicInteger nextChunk, int chunkCount, int chunkSize, int pairCount, int worker,
                              PairBody body) {
        int chunk;
        while ((chunk = nextChunk.getAndIncrement()) < chunkCount) {
            int end = Math.min(pairCount, (chunk + 1) * chunkSize);
            for (int pair = chunk * chunkSize; pair < end; pair++) {
                body.run(pair, worker);
            }
        }
    }

    private static final class Helper extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        final AtomicInteger state = new AtomicInteger(PENDING);
        private final transient AtomicInteger nextChunk;
        private final int chunkCount;
        private final int chunkSize;
        private final int pairCount;
        private final int worker;
        private final transient PairBody body;

        Helper(AtomicInteger nextChunk, int chunkCount, int chunkSize, int pairCount, int worker, PairBody body) {
            this.nextChunk = nextChunk;
            this.chunkCount = chunkCount;
            this.chunkSize = chunkSize;
            this.pairCount = pairCount;
            this.worker = worker;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (state.compareAndSet(PENDING, RUNNING)) {
                drain(nextChunk, chunkCount, chunkSize, pairCount, worker, body);
            }
        }
    }
}
