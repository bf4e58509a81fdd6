package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.io.AtomicFile;

/**
 * Runs the pending cells of a sweep as one Slurm job array ({@link JobArrayScript}), follows it with squeue
 * until no task is left, and leaves the merging to the caller. Each submission gets its own directory
 * {@code DIR/slurm/submission-N/} (job.sh, cells.txt, submission.json, task logs). The tasks write cells through
 * the same {@link CellRunner} and {@link CellStore} as the local executor, so the results are the same cell for
 * cell; a killed task leaves only its finished cells, and the next call submits the rest.
 */
public final class SlurmExecutor {
    private final SlurmSettings settings;
    private final List<String> worker;
    private final SlurmClient client;

    /**
     * @param worker the command that starts the CLI in a task (java, options, -cp CLASSPATH, main class), with
     *               absolute paths
     */
    public SlurmExecutor(SlurmSettings settings, List<String> worker) {
        this.settings = settings;
        this.worker = List.copyOf(worker);
        this.client = new SlurmClient(settings.slurmConf());
    }

    /** A submitted job array. */
    public record Submission(String jobId, int tasks, int cells, Path directory) {
    }

    /** Number of array tasks for this many cells. */
    public int tasks(int cells) {
        return (cells + settings.cellsPerTask() - 1) / settings.cellsPerTask();
    }

    /**
     * Before anything is written: sbatch must exist and accept the script ({@code sbatch --test-only}), and no
     * earlier job of this sweep may still be queued or running.
     *
     * @throws ExperimentException with sbatch's message when it refuses, or when a job is still running
     */
    public void check(SweepDirectory dir, int cells) throws IOException {
        String running = runningJob(dir);
        if (running != null) {
            throw new ExperimentException("--executor", "slurm: job " + running + " of this sweep is still queued or "
                    + "running; wait for it (squeue -j " + running + ") or cancel it (scancel " + running + ")");
        }
        Path abs = dir.path().toAbsolutePath();
        String script = JobArrayScript.of(settings, worker, abs, abs.resolve("slurm/check/cells.txt"),
                abs.resolve("slurm/check"), tasks(Math.max(cells, 1)));
        SlurmClient.Result r = client.run(script, "sbatch", "--test-only");
        if (r.exitCode() != 0) {
            throw new ExperimentException("--executor", "slurm: sbatch refused the job: " + r.message());
        }
    }

    /** Writes the submission's files and submits the array. */
    public Submission submit(SweepDirectory dir, List<SweepCell> cells) throws IOException {
        Path slurm = dir.slurm().toAbsolutePath();
        Files.createDirectories(slurm);
        int n = 1;
        while (Files.exists(slurm.resolve("submission-" + n))) {
            n++;
        }
        Path sub = slurm.resolve("submission-" + n);
        Files.createDirectories(sub);
        Path list = sub.resolve("cells.txt");
        StringBuilder keys = new StringBuilder();
        cells.forEach(c -> keys.append(c.key()).append('\n'));
        AtomicFile.writeString(list, keys.toString());
        int tasks = tasks(cells.size());
        Path script = sub.resolve("job.sh");
        AtomicFile.writeString(script, JobArrayScript.of(settings, worker, dir.path().toAbsolutePath(), list, sub,
                tasks));
        SlurmClient.Result r = client.run(null, "sbatch", "--parsable", script.toString());
        if (r.exitCode() != 0) {
            throw new ExperimentException("--executor", "slurm: sbatch refused the job: " + r.message());
        }
        String jobId = r.out().strip().split(";")[0];
        if (!jobId.matches("\\d+")) {
            throw new IOException("sbatch --parsable printed '" + r.out().strip() + "', not a job id");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("jobId", jobId);
        o.put("tasks", tasks);
        o.put("cellsPerTask", settings.cellsPerTask());
        o.put("cells", cells.size());
        o.put("submitted", Instant.now().toString());
        AtomicFile.writeString(sub.resolve("submission.json"), CellStore.pretty(o));
        return new Submission(jobId, tasks, cells.size(), sub);
    }

    /**
     * Waits until no task of the job is queued or running, reporting the number of the submission's cells
     * stored so far after each poll.
     */
    public void follow(Submission s, CellStore store, List<SweepCell> cells, IntConsumer finished)
            throws IOException, InterruptedException {
        int failures = 0;
        while (true) {
            finished.accept(countStored(store, cells));
            SlurmClient.Result r = client.run(null, "squeue", "-h", "-j", s.jobId(), "-o", "%i %T");
            if (r.exitCode() == 0 && r.out().isBlank()) {
                break;
            }
            if (r.exitCode() != 0) {
                if (r.message().contains("Invalid job id")) {
                    break;
                }
                if (++failures >= 10) {
                    throw new IOException("squeue keeps failing: " + r.message());
                }
            } else {
                failures = 0;
            }
            Thread.sleep((long) (settings.pollSeconds() * 1000));
        }
        finished.accept(countStored(store, cells));
    }

    /** Task states from sacct ("JOBID_TASK STATE" lines), or null when accounting is not available. */
    public List<String> taskStates(String jobId) throws IOException {
        SlurmClient.Result r = client.run(null, "sacct", "-j", jobId, "-n", "-P", "-X", "-o", "JobID,State");
        if (r.exitCode() != 0 || r.out().isBlank()) {
            return null;
        }
        return r.out().strip().lines().map(l -> l.replace('|', ' ')).toList();
    }

    private static int countStored(CellStore store, List<SweepCell> cells) {
        int n = 0;
        for (SweepCell c : cells) {
            if (Files.isDirectory(store.root().resolve(c.key()))) {
                n++;
            }
        }
        return n;
    }

    /** The job of this sweep's latest submission if squeue still lists it, else null. */
    private String runningJob(SweepDirectory dir) throws IOException {
        JsonNode last = lastSubmission(dir);
        if (last == null) {
            return null;
        }
        String id = last.path("jobId").asText();
        SlurmClient.Result r = client.run(null, "squeue", "-h", "-j", id, "-o", "%i");
        return r.exitCode() == 0 && !r.out().isBlank() ? id : null;
    }

    /** submission.json of the latest submission in the directory, or null. */
    public static JsonNode lastSubmission(SweepDirectory dir) throws IOException {
        Path slurm = dir.slurm();
        if (!Files.isDirectory(slurm)) {
            return null;
        }
        List<Path> subs = new ArrayList<>();
        try (Stream<Path> s = Files.list(slurm)) {
            s.filter(p -> p.getFileName().toString().matches("submission-\\d+")).forEach(subs::add);
        }
        subs.sort((a, b) -> Integer.compare(number(a), number(b)));
        for (int i = subs.size() - 1; i >= 0; i--) {
            Path f = subs.get(i).resolve("submission.json");
            if (Files.isRegularFile(f)) {
                return CellStore.readJson(f);
            }
        }
        return null;
    }

    private static int number(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring("submission-".length()));
    }
}
