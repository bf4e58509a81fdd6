package org.sgdlimits.study.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sgdlimits.experiment.ExperimentException;

/**
 * Runs the Slurm client programs (sbatch, squeue, scancel, sacct) and captures their output; with a
 * configuration file, SLURM_CONF is set for them (and so exported to the job).
 */
public final class SlurmClient {
    private final Path slurmConf;

    /** @param slurmConf the configuration file, or null for the client's default */
    public SlurmClient(Path slurmConf) {
        this.slurmConf = slurmConf == null ? null : slurmConf.toAbsolutePath();
    }

    /** What a program printed and returned. */
    public record Result(int exitCode, String out, String err) {
        /** The first non-empty line of standard error (or output), for one-line messages. */
        public String message() {
            for (String s : List.of(err, out)) {
                for (String line : s.split("\n")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "exit code " + exitCode + ", no message";
        }
    }

    /**
     * Runs a program.
     *
     * @param stdin text for its standard input, or null
     * @throws ExperimentException (field "--executor") when the program is not installed
     */
    public Result run(String stdin, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (slurmConf != null) {
            pb.environment().put("SLURM_CONF", slurmConf.toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ExperimentException("--executor", "slurm: '" + command[0] + "' not found on PATH (" + e.getMessage()
                    + "); the slurm executor needs the Slurm client programs sbatch, squeue and scancel");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return new Result(p.waitFor(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(command[0] + " interrupted");
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
