package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sgdlimits sweep --executor slurm} on a real single-node Slurm cluster started by
 * scripts/slurm-local-cluster.sh (which installs slurm-wlm and munge when absent; needs root). Fails, not
 * skips, when the cluster cannot be started. One array task is cancelled mid-run; a resubmission finishes the
 * sweep; the merged cells.csv must equal the local executor's bit for bit (wall time aside).
 */
class SlurmSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("..", "scripts", "slurm-local-cluster.sh").toAbsolutePath().normalize();
    private static Path slurmConf;
    private static boolean startedHere;

    record Output(int exitCode, String text) {
    }

    static Output sh(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (slurmConf != null) {
            pb.environment().put("SLURM_CONF", slurmConf.toString());
        }
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(1000);
            return new Output(-1, "timed out after " + timeoutSeconds + " s");
        }
        reader.join();
        return new Output(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        startedHere = sh(30, "bash", SCRIPT.toString(), "status").exitCode() != 0;
        Output start = sh(900, "bash", SCRIPT.toString(), "start");
        if (start.exitCode() != 0) {
            fail("the local Slurm cluster did not start (" + SCRIPT + " start, exit " + start.exitCode() + "):\n"
                    + start.text());
        }
        String line = start.text().lines().filter(l -> l.startsWith("SLURM_CONF=")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no SLURM_CONF line from the script:\n" + start.text()));
        slurmConf = Path.of(line.substring("SLURM_CONF=".length()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (startedHere) {
            sh(60, "bash", SCRIPT.toString(), "stop");
        }
    }

    /** erf k = p = 6 from a random start, t ≤ 1000 at tight tolerances: about a second per cell. */
    static final String SWEEP = "{\"command\": \"ode\", \"base\": {\"teacher\": {\"activation\": \"erf\", \"k\": 6}, "
            + "\"student\": {\"activation\": \"erf\", \"p\": 6}, \"initial\": {\"random\": {\"dimension\": 1000}}, "
            + "\"time\": {\"end\": 1000, \"points\": 50, \"spacing\": \"log\", \"start\": 0.1}, "
            + "\"integrator\": {\"absoluteTolerance\": 1e-12, \"relativeTolerance\": 1e-12}}, "
            + "\"axes\": [{\"field\": \"learningRate\", \"values\": [0.4, 0.5, 0.6]}, "
            + "{\"field\": \"noise\", \"values\": [0, 0.001, 0.002]}], "
            + "\"summaries\": [\"finalRisk\", \"finalExcessRisk\", \"plateauLength\", \"diverged\"]}";

    @Test
    void aSlurmSweepWithACancelledTaskResumesToTheLocalExecutorsTableBitForBit(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep.json");
        Files.writeString(sweep, SWEEP);
        Path local = tmp.resolve("local");
        CliRun l = CliRun.of("sweep", sweep.toString(), "--out", local.toString(), "-q", "--no-charts");
        assertEquals(0, l.exitCode(), l.err());

        Path out = tmp.resolve("slurm");
        String[] slurm = {"--executor", "slurm", "--slurm-conf", slurmConf.toString(), "--cells-per-task", "3",
            "--max-parallel", "1", "--time", "10", "--mem", "1G", "--poll-seconds", "0.5", "-q", "--no-charts"};
        CliRun submitted = CliRun.of(concat(new String[] {"sweep", sweep.toString(), "--out", out.toString(),
            "--no-wait"}, slurm));
        assertEquals(0, submitted.exitCode(), submitted.err());
        JsonNode submission = JSON.readTree(out.resolve("slurm/submission-1/submission.json").toFile());
        String job = submission.get("jobId").asText();
        assertEquals(3, submission.get("tasks").intValue());

        // task 1 (cells 3-5): cancel it once it runs and has stored one cell
        List<String> taskCells = Files.readAllLines(out.resolve("slurm/submission-1/cells.txt")).subList(3, 6);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (taskCells.stream().noneMatch(k -> Files.isDirectory(out.resolve("cells").resolve(k)))) {
            assertTrue(System.nanoTime() < deadline, "task 1 stored no cell within 120 s: "
                    + sh(10, "squeue", "-j", job).text());
            Thread.sleep(100);
        }
        Output cancel = sh(30, "scancel", job + "_1");
        assertEquals(0, cancel.exitCode(), cancel.text());
        while (!sh(10, "squeue", "-h", "-j", job).text().isBlank()) {
            assertTrue(System.nanoTime() < deadline, "job " + job + " did not end within 120 s");
            Thread.sleep(250);
        }
        CliRun merged = CliRun.of("sweep", out.toString(), "--merge", "-q", "--no-charts");
        assertEquals(1, merged.exitCode(), merged.out() + merged.err()); // cells of the cancelled task are missing
        JsonNode counts = JSON.readTree(out.resolve("sweep.json").toFile()).get("counts");
        int pending = counts.get("pending").intValue();
        assertTrue(pending >= 1 && pending <= 2, "pending after the cancel: " + counts);
        try (var s = Files.list(out.resolve("cells"))) {
            assertEquals(9 - pending, s.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }

        CliRun resumed = CliRun.of(concat(new String[] {"sweep", sweep.toString(), "--out", out.toString(),
            "--resume"}, slurm));
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        JsonNode run = JSON.readTree(out.resolve("sweep.json").toFile()).get("run");
        assertEquals(pending, run.get("cellsSubmitted").intValue());
        assertEquals(SweepCommandTest.SweepCsv.withoutWallTime(Files.readAllLines(local.resolve("cells.csv"))),
                SweepCommandTest.SweepCsv.withoutWallTime(Files.readAllLines(out.resolve("cells.csv"))));
    }

    @Test
    void sbatchRefusingTheJobIsOneLineExitTwoAndNothingWritten(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep.json");
        Files.writeString(sweep, SWEEP);
        Path out = tmp.resolve("never");
        CliRun r = CliRun.of("sweep", sweep.toString(), "--out", out.toString(), "--executor", "slurm",
                "--slurm-conf", slurmConf.toString(), "--partition", "nosuchpartition");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("sgdlimits sweep: --executor: slurm: sbatch refused the job: "), r.err());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("partition"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(out));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
