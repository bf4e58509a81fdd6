package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.study.sweep.CellStore;
import org.sgdlimits.study.sweep.SlurmExecutor;
import org.sgdlimits.study.sweep.SlurmSettings;
import org.sgdlimits.study.sweep.SweepCell;
import org.sgdlimits.study.sweep.SweepDirectory;
import org.sgdlimits.study.sweep.SweepPlan;

/** {@code sgdlimits sweep --executor slurm}: submit the pending cells as a job array, follow it, merge. */
final class SlurmRun {
    private SlurmRun() {
    }

    /**
     * The command that starts this CLI in an array task: this JVM's java, with this JVM's class path (the jar
     * when run from it), absolute; the heap capped at 75 % of the memory the JVM sees (the task's --mem where
     * Slurm confines it with cgroups), serial GC (one cell at a time on one CPU).
     */
    static List<String> workerCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return List.of(java, "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true",
                "-cp", String.join(File.pathSeparator, cp), SgdLimits.class.getName());
    }

    static int submit(CommandRun run, SlurmOptions options, SweepDirectory dir, SweepPlan plan, List<SweepCell> pending,
                      boolean charts) throws CommandRun.Exit {
        SlurmSettings settings = run.prepare(options::settings);
        SlurmExecutor executor = new SlurmExecutor(settings, workerCommand());
        CellStore store = dir.cells();
        run.prepare(() -> {
            try {
                executor.check(dir, pending.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("executor", "slurm");
        try {
            dir.writeInput(plan.definition());
            store.removeTemporary();
        } catch (IOException e) {
            throw run.fail(SgdLimits.RUN_FAILED, "cannot write into " + dir.path() + ": " + e);
        }
        if (pending.isEmpty()) {
            run.announce("sgdlimits sweep: all " + plan.cells().size() + " cells finished; merging");
            return SweepCommand.writeMerged(run, dir, plan, facts, charts);
        }
        int tasks = executor.tasks(pending.size());
        run.announce(String.format(Locale.ROOT, "sgdlimits sweep: %s over %s: %d cells x %d seeds; %d finished, %d to "
                        + "run as a Slurm job array of %d tasks (%d cells each, at most %d at once)",
                plan.definition().command(), SweepCommand.axesText(plan.definition()), plan.cells().size(),
                plan.definition().seeds(), plan.cells().size() - pending.size(), pending.size(), tasks,
                settings.cellsPerTask(), settings.maxParallel()));
        long t0 = System.nanoTime();
        SlurmExecutor.Submission submission;
        try {
            submission = executor.submit(dir, pending);
        } catch (IllegalArgumentException e) {
            throw run.fail(SgdLimits.BAD_INPUT, e.getMessage());
        } catch (IOException e) {
            throw run.fail(SgdLimits.RUN_FAILED, "submitting the job array failed: " + e);
        }
        run.announce("submitted job " + submission.jobId() + " (" + submission.tasks() + " array tasks; script "
                + submission.directory().resolve("job.sh") + ")");
        if (options.noWait) {
            run.out().println("sweep: submitted job " + submission.jobId() + "; follow it with 'squeue -j "
                    + submission.jobId() + "', merge with './sgdlimits sweep " + dir.path() + " --merge' (run the "
                    + "sweep command again to resubmit what is left)");
            run.out().flush();
            return SgdLimits.OK;
        }
        try (InterruptNotice notice = new InterruptNotice(run.err(), "sgdlimits sweep", () -> "job "
                + submission.jobId() + " keeps running on the cluster; merge later with './sgdlimits sweep "
                + dir.path() + " --merge'");
             TerminalProgress bar = new TerminalProgress("cells", pending.size(), " cells", 1, !run.quiet())) {
            long[] shown = {0};
            executor.follow(submission, store, pending, n -> {
                bar.advanced(n - shown[0]);
                shown[0] = n;
            });
            List<String> states = executor.taskStates(submission.jobId());
            if (states != null) {
                facts.put("taskStates", states);
            }
        } catch (IOException e) {
            throw run.fail(SgdLimits.RUN_FAILED, "following job " + submission.jobId() + " failed: " + e
                    + "; merge later with './sgdlimits sweep " + dir.path() + " --merge'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.fail(SgdLimits.RUN_FAILED, "interrupted; job " + submission.jobId() + " keeps running");
        }
        facts.put("jobId", submission.jobId());
        facts.put("tasks", submission.tasks());
        facts.put("cellsPerTask", settings.cellsPerTask());
        facts.put("cellsSubmitted", submission.cells());
        facts.put("wallSeconds", (System.nanoTime() - t0) * 1e-9);
        return SweepCommand.writeMerged(run, dir, plan, facts, charts);
    }

    /** For --merge: the latest submission's job id and size. */
    static void describeLastSubmission(SweepDirectory dir, Map<String, Object> facts) {
        try {
            JsonNode last = SlurmExecutor.lastSubmission(dir);
            if (last != null) {
                facts.put("lastSlurmJob", last.path("jobId").asText());
                facts.put("lastSlurmTasks", last.path("tasks").asInt());
            }
        } catch (IOException ignored) {
            // no submission record: a local sweep
        }
    }
}
