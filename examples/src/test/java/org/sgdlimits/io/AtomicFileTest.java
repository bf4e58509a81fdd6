package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

class AtomicFileTest {

    private static List<Path> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aWriterThatThrowsMidwayLeavesNoFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.csv");
        IOException x = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", x.getMessage());
        assertTrue(listing(dir).isEmpty(), listing(dir).toString());

        assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the middle of a write");
        }));
        assertTrue(listing(dir).isEmpty(), listing(dir).toString());
    }

    @Test
    void aProcessKilledInTheMiddleOfAWriteLeavesNoFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("trajectory.csv");
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                SlowAtomicWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            assertEquals("writing", reader.readLine());
            assertEquals(1, listing(dir).size(), "the temporary file exists while writing");
            assertFalse(Files.exists(target), "the target appears only when complete");
            child.destroy(); // SIGTERM, as from Ctrl-C or kill: shutdown hooks run
            assertTrue(child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(listing(dir).isEmpty(), "no file and no temporary file may remain: " + listing(dir));
    }

    @Test
    void aFailedRewriteKeepsTheOldCompleteFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run.json");
        AtomicFile.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("new but ".getBytes());
            throw new IOException("interrupted");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
        AtomicFile.writeString(target, "new");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void csvWriterFailingOnABadColumnNameWritesNothing(@TempDir Path dir) throws Exception {
        Trajectory bad = new Trajectory(List.of("risk", "a,b"), new double[] {0}, new double[][] {{1, 2}},
                RunStatus.completed(0));
        assertThrows(IllegalArgumentException.class, () -> CsvWriter.write(bad, dir.resolve("t.csv")));
        assertFalse(Files.exists(dir.resolve("t.csv")));
        assertTrue(listing(dir).isEmpty());
    }
}
