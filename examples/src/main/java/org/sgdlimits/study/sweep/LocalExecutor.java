package org.sgdlimits.study.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cells on this machine: a pool of worker threads, one cell per worker at a time (each cell on one
 * thread), every finished cell written at once through the {@link CellStore}. Killing the process loses only
 * the cells in flight.
 */
public final class LocalExecutor {
    private final int threads;

    /** @param threads worker threads, ≥ 1 */
    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + "; must be an integer >= 1");
        }
        this.threads = threads;
    }

    /** Called after each cell is stored (from worker threads). */
    @FunctionalInterface
    public interface Listener {
        void finished(SweepCell cell, CellResult result);
    }

    /**
     * Runs the cells and stores each result.
     *
     * @throws IOException when a result cannot be written (the cells stored so far stay)
     */
    public void run(List<SweepCell> cells, SweepDefinition d, CellStore store, Listener listener) throws IOException {
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, Math.max(1, cells.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sgdlimits-sweep-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger cursor = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = cursor.getAndIncrement(); i < cells.size() && !Thread.currentThread().isInterrupted();
                     i = cursor.getAndIncrement()) {
                    SweepCell cell = cells.get(i);
                    CellResult result = CellRunner.run(cell, d);
                    store.write(result);
                    listener.finished(cell, result);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
