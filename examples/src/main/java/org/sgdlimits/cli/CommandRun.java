package org.sgdlimits.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.Supplier;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.EngineRun;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shared life cycle of one command run, in one place: validating the input (an
 * {@link IllegalArgumentException} becomes one line and exit {@link SgdLimits#BAD_INPUT}; any other failure
 * before the run is {@link SgdLimits#RUN_FAILED}, nothing written), the start announcement (not with
 * {@code --quiet}), the interrupt notice, the computation (a failure is one line, nothing written), and
 * writing the outputs into the {@link OutputDirectory} (stale temporaries of a killed run removed and old
 * run.json retired first; on failure everything this run wrote is rolled back). Ctrl-C / SIGTERM while
 * writing rolls the run's files back before the JVM exits and says so; while computing it says that nothing
 * was written. A failed step throws {@link Exit} carrying the exit code, already reported.
 *
 * <p>Every command that writes a run has the same skeleton, options → run → write, and it lives here once:
 * {@link #runAndWrite} (check the output directory, announce, compute under the interrupt notice and time it,
 * write the files, run.json last through {@link RunOutputs#report}). A command (a {@link RunCommand}, whose
 * {@code call()} is {@code CommandRun.execute(spec, output.directory(), quiet.quiet, this::run)}) holds only its
 * options, its computation (engines run through {@link #run(String, Engine, TerminalProgress)}) and its files:
 *
 * <pre>{@code
 * int run(CommandRun run) throws CommandRun.Exit {
 *     Experiment e = run.prepare(() -> ExperimentParser.read(file));            // options: validated first
 *     Engine<OverlapOdeResult> engine = run.prepare(() -> ...);
 *     var done = run.runAndWrite("sgdlimits ode: ...",
 *             () -> run.run("the integration", engine, TerminalProgress.time(...)),  // run
 *             (outputs, result, timing) -> {                                     // write
 *                 outputs.trajectory(result.trajectory(), formats);
 *                 outputs.report(new RunReport(...), "experiment with defaults, status, statistics");
 *             });
 *     run.out().println(summary(done.result()));
 *     return SgdLimits.OK;
 * }
 * }</pre>
 */
final class CommandRun {
    private final String name;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputDirectory dir;
    private final boolean quiet;
    /** Set once {@link #writeOutputs} starts: an interrupt from then on rolls the files back. */
    private volatile boolean writing;
    /** Set by the interrupt hook: the main thread's late failures are not reported (the hook told the truth). */
    private volatile boolean interrupted;

    /** @param dir the output directory, or null for a command that writes nothing */
    CommandRun(CommandSpec spec, OutputDirectory dir, boolean quiet) {
        this.name = "sgdlimits " + spec.name();
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.dir = dir;
        this.quiet = quiet;
    }

    /** A step that ended the run; the message has been printed. */
    static final class Exit extends Exception {
        private final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** The body of a command's {@code call()}: returns the exit code or throws {@link Exit}. */
    @FunctionalInterface
    interface Body {
        int run(CommandRun run) throws Exit;
    }

    /**
     * Runs a command body: {@code return CommandRun.execute(spec, output.directory(), quiet.quiet, this::run);}
     *
     * @param dir the output directory, or null for a command that writes nothing
     * @return the body's exit code, or the code of the {@link Exit} it threw
     */
    static int execute(CommandSpec spec, OutputDirectory dir, boolean quiet, Body body) {
        CommandRun run = new CommandRun(spec, dir, quiet);
        try {
            return body.run(run);
        } catch (Exit exit) {
            return exit.code();
        }
    }

    /** Work that may throw an I/O error. */
    @FunctionalInterface
    interface Writing {
        void write(RunOutputs outputs) throws IOException;
    }

    /**
     * When a run started and how long its computation took (from just before the computation to its end, writing
     * excluded), for run.json.
     *
     * @param started     wall-clock start
     * @param wallSeconds seconds the computation took
     */
    record Timing(Instant started, double wallSeconds) {
    }

    /** A command's computation: it runs its engines (through {@link #run(String, Engine, TerminalProgress)}). */
    @FunctionalInterface
    interface Computation<T> {
        T compute() throws Exit;
    }

    /** A command's files from its result: trajectories, tables, charts, and run.json last ({@link RunOutputs#report}). */
    @FunctionalInterface
    interface Outputs<T> {
        void write(RunOutputs outputs, T result, Timing timing) throws IOException;
    }

    /** What {@link #runAndWrite} computed, with its timing. */
    record Completed<T>(T result, Timing timing) {
    }

    /**
     * The skeleton every command shares, options → run → write, once: checks the output directory (after the
     * command validated its options), announces the run (a null announcement prints nothing), computes under the
     * interrupt notice (timed), then writes the files with {@link #writeOutputs} (atomically, rolled back on
     * failure; run.json last).
     *
     * @param announcement the start line (not with {@code --quiet}), or null
     * @param computation  runs the engines; its failures are reported through {@link #compute}
     * @param files        writes the outputs of the result
     * @return the result and its timing
     */
    <T> Completed<T> runAndWrite(String announcement, Computation<T> computation, Outputs<T> files) throws Exit {
        prepare(dir::check);
        if (announcement != null) {
            announce(announcement);
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (InterruptNotice notice = interruptNotice()) {
            T result = computation.compute();
            Timing timing = new Timing(started, (System.nanoTime() - t0) * 1e-9);
            writeOutputs(outputs -> files.write(outputs, result, timing));
            return new Completed<>(result, timing);
        }
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    OutputDirectory directory() {
        return dir;
    }

    boolean quiet() {
        return quiet;
    }

    /** Validation or set-up before anything is written. */
    <T> T prepare(Supplier<T> step) throws Exit {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw fail(SgdLimits.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw fail(SgdLimits.RUN_FAILED, "could not set up the run: " + e + " (nothing written)");
        }
    }

    /** {@link #prepare(Supplier)} for a step without a value (e.g. {@code directory()::check}). */
    void prepare(Runnable step) throws Exit {
        prepare(() -> {
            step.run();
            return null;
        });
    }

    /**
     * Refuses, before anything runs, a size whose estimated memory exceeds what the Java heap can still give:
     * one line naming the field, exit {@link SgdLimits#BAD_INPUT}.
     */
    void requireMemory(MemoryEstimate... estimates) throws Exit {
        Runtime rt = Runtime.getRuntime();
        double available = rt.maxMemory() - (double) (rt.totalMemory() - rt.freeMemory());
        for (MemoryEstimate e : estimates) {
            if (e.bytes() > available) {
                throw fail(SgdLimits.BAD_INPUT, e.field() + ": too large for the available memory: " + e.what()
                        + " needs at least " + MemoryEstimate.human(e.bytes()) + " but the Java heap has "
                        + MemoryEstimate.human(available) + " free; choose a smaller size or raise the heap "
                        + "(SGDLIMITS_JAVA_OPTS=-Xmx...)");
            }
        }
    }

    /** Prints one line on standard output unless quiet. */
    void announce(String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }

    /** Prints "NAME: warning: ..." on standard error. */
    void warn(String warning) {
        err.println(name + ": warning: " + warning);
        err.flush();
    }

    /**
     * On Ctrl-C / SIGTERM: before writing, says that nothing was written; while writing, stops the atomic
     * writers, removes the files of this run (and the directory if this run created it) and says so.
     */
    InterruptNotice interruptNotice() {
        return new InterruptNotice(err, name, this::onInterrupt);
    }

    /** Runs in the shutdown hook; returns the truth about the directory afterwards. */
    private String onInterrupt() {
        interrupted = true;
        if (dir == null || !writing) {
            return "nothing written";
        }
        AtomicFile.stopCommitting(); // from here on no file appears or is renamed
        boolean removeDirectory = dir.created();
        dir.rollBack();
        return "the files this run had written were removed"
                + (removeDirectory ? " and " + dir.path() + " (created by this run) with them"
                : " from " + dir.path() + (Files.exists(dir.path().resolve("run.json")) ? ""
                : " (it holds no run.json)"));
    }

    /** The computation; a failure reads "NAME: WHAT failed: ... (nothing written)". */
    <T> T compute(String what, Supplier<T> step) throws Exit {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw fail(SgdLimits.RUN_FAILED, what + " failed: " + e + " (nothing written)");
        }
    }

    /**
     * Runs any engine through {@link #compute}, its progress drawn on {@code bar} (closed afterwards): the one way a
     * command runs an engine (docs/architecture.md, "Engines: one contract").
     *
     * @param what names the computation in a failure ("NAME: WHAT failed: ...")
     */
    <R extends EngineRun> R run(String what, Engine<R> engine, TerminalProgress bar) throws Exit {
        try (bar) {
            return compute(what, () -> engine.run(bar.runProgress()));
        }
    }

    /**
     * Writes the run's files: retires an old run.json, then runs {@code writing} (which writes run.json last);
     * on failure deletes what this run wrote and reports it.
     *
     * @return the outputs (files and warnings recorded)
     */
    RunOutputs writeOutputs(Writing writing) throws Exit {
        RunOutputs outputs = new RunOutputs(dir, quiet ? null : out);
        this.writing = true;
        try {
            int stale = dir.removeStaleTemporaries();
            if (stale > 0) {
                warn("removed " + stale + " temporary file(s) left in " + dir.path() + " by an earlier run that was "
                        + "killed while writing");
            }
            dir.retireOldReport();
            writing.write(outputs);
        } catch (IOException | RuntimeException e) {
            if (interrupted) {
                throw new Exit(SgdLimits.RUN_FAILED); // the interrupt hook rolled back and reported
            }
            dir.rollBack();
            throw fail(SgdLimits.RUN_FAILED, "writing the outputs into " + dir.path() + " failed: " + e
                    + " (the files of this run were removed)");
        }
        return outputs;
    }

    /**
     * Prints "NAME: message" on standard error and returns the exit to throw; prints nothing once the run was
     * interrupted (the interrupt notice has told what happened).
     */
    Exit fail(int code, String message) {
        if (!interrupted) {
            err.println(name + ": " + message);
            err.flush();
        }
        return new Exit(code);
    }
}
