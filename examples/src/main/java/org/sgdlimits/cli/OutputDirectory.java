package org.sgdlimits.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.io.AtomicFile;

/**
 * The {@code --out} directory of a run. {@link #check} runs before any work (so bad input writes nothing, and a
 * directory that cannot be created or written is reported before the computation); files are then written
 * through {@link #file}; if anything fails or the run is interrupted while writing, {@link #rollBack} deletes
 * what this run wrote (and the directory if this run created it), so a failed run leaves nothing half done.
 * Temporary files of {@link AtomicFile} left behind by a killed run (SIGKILL) are not counted as content and
 * are removed by {@link #removeStaleTemporaries} before the next run writes. Thread-safe for one writer and
 * one interrupt hook.
 */
final class OutputDirectory {
    /** How deep below the directory stale temporaries are looked for (regimes writes REGIME/RUN/ files). */
    private static final int TEMPORARY_DEPTH = 3;

    private final Path dir;
    private final boolean force;
    private final List<Path> written = new CopyOnWriteArrayList<>();
    private final List<Supplier<List<Path>>> trackedWriters = new CopyOnWriteArrayList<>();
    private volatile boolean created;

    OutputDirectory(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
    }

    Path path() {
        return dir;
    }

    /**
     * Checks that the run may write into the directory: not a file, empty unless {@code --force} (stale
     * temporaries of a killed run do not count), and really writable: the missing directories are created, a
     * probe file is written and everything the probe made is removed again.
     *
     * @throws ExperimentException (field "--out") when the directory cannot or must not be used
     */
    void check() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ExperimentException("--out", dir + " is a file, not a directory; choose a directory path");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                long n = entries.filter(p -> !AtomicFile.isTemporary(p)).count();
                if (n > 0) {
                    throw new ExperimentException("--out", dir + " is not empty (" + n + " entries); choose a new "
                            + "directory or add --force to overwrite the run files in it");
                }
            } catch (IOException e) {
                throw new ExperimentException("--out", "cannot read " + dir + ": " + reason(e));
            }
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new ExperimentException("--out", existing + " is a file: no directory can be created under it; "
                    + "choose another directory");
        }
        probe();
    }

    /** Creates what is missing, writes and deletes a probe file, removes what it created. */
    private void probe() {
        List<Path> made = new ArrayList<>();
        Path absolute = dir.toAbsolutePath();
        try {
            for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
                made.add(0, p);
            }
            for (Path p : made) {
                Files.createDirectory(p);
            }
            Path probe = absolute.resolve(".sgdlimits-write-probe." + ProcessHandle.current().pid() + ".tmp");
            try (OutputStream out = Files.newOutputStream(probe, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write('\n');
            }
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ExperimentException("--out", "cannot write into " + dir + " (" + reason(e)
                    + "); choose another directory");
        } finally {
            for (int i = made.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(made.get(i));
                } catch (IOException ignored) {
                    // best effort: the probe only created empty directories
                }
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Before a (forced) rewrite: removes an old run.json, so that a rewrite that fails half way never leaves
     * an old report describing files that are gone (run.json is always written last).
     */
    void retireOldReport() throws IOException {
        Files.deleteIfExists(dir.resolve("run.json"));
    }

    /**
     * Deletes the hidden temporary files of {@link AtomicFile} that a killed run (SIGKILL, power loss) left in the
     * directory or its run subdirectories; no run of ours is writing them any more.
     *
     * @return how many were removed
     */
    int removeStaleTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(dir, TEMPORARY_DEPTH)) {
            stale = files.filter(p -> Files.isRegularFile(p) && AtomicFile.isTemporary(p)).toList();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        return stale.size();
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

    /**
     * Includes the files another writer reports (e.g. a study writer that names its own files) in
     * {@link #rollBack}; call before it writes.
     */
    void track(Supplier<List<Path>> writerFiles) {
        trackedWriters.add(writerFiles);
    }

    /** Files written so far, in order. */
    List<Path> written() {
        List<Path> all = new ArrayList<>(written);
        for (Supplier<List<Path>> w : trackedWriters) {
            all.addAll(w.get());
        }
        return List.copyOf(all);
    }

    /** Whether this run created the directory. */
    boolean created() {
        return created;
    }

    /**
     * Deletes the files of this run (best effort) and, if this run created the directory, the directory with
     * everything in it; otherwise the subdirectories the run's files emptied.
     */
    void rollBack() {
        if (created) {
            deleteTree(dir);
            return;
        }
        for (Path p : written()) {
            try {
                Files.deleteIfExists(p);
                for (Path parent = p.getParent(); parent != null && !parent.equals(dir) && parent.startsWith(dir);
                        parent = parent.getParent()) {
                    if (!isEmptyDirectory(parent)) {
                        break;
                    }
                    Files.deleteIfExists(parent);
                }
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(p)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
