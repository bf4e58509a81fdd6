package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sgdlimits.experiment.ExperimentException;

/**
 * The {@code --out} directory of a run. {@link #check} runs before any work (so bad input writes nothing);
 * files are then written through {@link #file}; if anything fails, {@link #rollBack} deletes what this run
 * wrote (and the directory if this run created it), so a failed run leaves nothing half done.
 */
final class OutputDirectory {
    private final Path dir;
    private final boolean force;
    private final List<Path> written = new ArrayList<>();
    private boolean created;

    OutputDirectory(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
    }

    Path path() {
        return dir;
    }

    /** @throws ExperimentException (field "--out") when the directory cannot or must not be used */
    void check() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ExperimentException("--out", dir + " is a file, not a directory; choose a directory path");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                long n = entries.count();
                if (n > 0) {
                    throw new ExperimentException("--out", dir + " is not empty (" + n + " entries); choose a new "
                            + "directory or add --force to overwrite the run files in it");
                }
            } catch (IOException e) {
                throw new ExperimentException("--out", "cannot read " + dir + ": " + e.getMessage());
            }
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new ExperimentException("--out", existing + " is not writable; choose another directory");
        }
    }

    /**
     * Before a (forced) rewrite: removes an old run.json, so that a rewrite that fails half way never leaves
     * an old report describing files that are gone (run.json is always written last).
     */
    void retireOldReport() throws IOException {
        Files.deleteIfExists(dir.resolve("run.json"));
    }

    /** Creates the directory if needed and returns the path of a run file, remembered for roll-back. */
    Path file(String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            created = true;
        }
        Path p = dir.resolve(name);
        written.add(p);
        return p;
    }

    /** Files written so far, in order. */
    List<Path> written() {
        return List.copyOf(written);
    }

    /** Deletes the files of this run (best effort) and the directory if this run created it. */
    void rollBack() {
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (created) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not empty or gone: leave it
            }
        }
    }
}
