package org.sgdlimits.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.trajectory.RunProgress;

/**
 * A progress bar on standard error (me.tongfei progressbar), shown only on a terminal, when enabled (not
 * {@code --quiet}) and once the run has taken more than two seconds. The engines only update a thread-safe
 * counter ({@link #runProgress} for any engine's fraction of the run, {@link #advanced} for SGD steps,
 * {@link #odeTime} for the ODE time: no allocation, no I/O on the engine's thread); a timer thread draws it.
 * Closing clears the bar.
 */
final class TerminalProgress implements SimulationProgress, AutoCloseable {
    private static final long DELAY_MILLIS = 2000;
    private final AtomicLong done = new AtomicLong();
    private final long unitSize;
    private final long total;
    private final ScheduledExecutorService timer;
    private ProgressBar bar;

    /**
     * @param task     the label before the bar
     * @param total    the counter's value at the end; negative when unknown (the bar then shows elapsed time)
     * @param unit     unit name shown after the counts
     * @param unitSize counter ticks per displayed unit
     * @param enabled  false for {@code --quiet}
     */
    TerminalProgress(String task, long total, String unit, long unitSize, boolean enabled) {
        this.unitSize = unitSize;
        this.total = total;
        if (!enabled || System.console() == null) {
            timer = null;
            return;
        }
        long start = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgdlimits-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            if (bar == null && System.nanoTime() - start > DELAY_MILLIS * 1_000_000L) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(unit, unitSize).setUpdateIntervalMillis(500)
                        .startsFrom(0, Duration.ofNanos(System.nanoTime() - start)) // elapsed since the run began
                        .clearDisplayOnFinish().build();
            }
            if (bar != null) {
                bar.stepTo(done.get());
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** No progress information (e.g. a mean-field run): an indeterminate bar showing the elapsed time. */
    static TerminalProgress elapsed(String task, boolean enabled) {
        return new TerminalProgress(task, -1, "", 1, enabled);
    }

    /** SGD steps: a bar against the total number of steps of all seeds. */
    static TerminalProgress steps(String task, long totalSteps, boolean enabled) {
        return new TerminalProgress(task, totalSteps, " steps", 1, enabled);
    }

    /**
     * ODE time: a bar against t from 0 to {@code end}, counted in ticks of 10^-n time units so that the bar has
     * at least a thousand ticks; feed it through {@link #odeTime}.
     */
    static TerminalProgress time(String task, double end, boolean enabled) {
        long ticksPerUnit = 1;
        while (end * ticksPerUnit < 1000 && ticksPerUnit < 1_000_000_000L) {
            ticksPerUnit *= 10;
        }
        return new TerminalProgress(task, Math.max(1, Math.round(end * ticksPerUnit)), "", ticksPerUnit, enabled);
    }

    @Override
    public void advanced(long steps) {
        done.addAndGet(steps);
    }

    /** The hook for {@code OverlapOde.solve(..., progress)} of a {@link #time} display: records the ODE time. */
    DoubleConsumer odeTime() {
        long scale = unitSize;
        return t -> done.set((long) (t * scale));
    }

    /**
     * The hook for {@link org.sgdlimits.trajectory.Engine#run(RunProgress)}, whatever the engine: the fraction of
     * the run done moves the counter to that fraction of the bar's total (SGD steps of all seeds, ODE time in
     * ticks), so a {@link #steps} or {@link #time} bar shows the same numbers as when fed directly. An
     * {@link #elapsed} bar ignores it.
     */
    RunProgress runProgress() {
        if (total <= 0) {
            return RunProgress.NONE;
        }
        return fraction -> done.accumulateAndGet(Math.round(fraction * total), Math::max);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (bar != null) {
                bar.close();
            }
        }
    }
}
