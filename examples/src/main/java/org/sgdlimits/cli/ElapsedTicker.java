package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line "still working" display for steps without progress information (e.g. one ODE integration):
 * after a short delay, rewrites "  integrating... 12 s" on the terminal every second and clears it on close.
 * Does nothing when the output is not a terminal (pipes, files, tests).
 */
final class ElapsedTicker implements AutoCloseable {
    private static final long DELAY_SECONDS = 2;
    private final ScheduledExecutorService timer;
    private final PrintWriter out;
    private volatile boolean shown;

    ElapsedTicker(PrintWriter out, String what, boolean enabled) {
        this.out = out;
        if (!enabled || System.console() == null) {
            timer = null;
            return;
        }
        long start = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgdlimits-ticker");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            synchronized (out) {
                out.print("\r  " + what + "... " + seconds + " s ");
                out.flush();
                shown = true;
            }
        }, DELAY_SECONDS, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (out) {
            if (shown) {
                out.print("\r" + " ".repeat(40) + "\r");
                out.flush();
            }
        }
    }
}
