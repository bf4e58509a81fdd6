package org.sgdlimits.study.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.io.AtomicFile;

/**
 * The output directory of a sweep:
 * <pre>
 * DIR/sweep-input.json   the resolved sweep (base inlined): what resume, the Slurm workers and --merge read
 * DIR/cells/KEY/         one directory per finished cell (cell.json), see {@link CellStore}
 * DIR/cells.csv          merged table, DIR/sweep.json merged report, DIR/*.png charts
 * DIR/slurm/             job-array scripts, cell lists and task logs of the Slurm executor
 * </pre>
 * A directory may be reused by a later sweep: cells are found by key, so cells that the new sweep shares with
 * the old one are not rerun.
 */
public final class SweepDirectory {
    /** The resolved sweep's file name. */
    public static final String INPUT = "sweep-input.json";
    private final Path path;

    public SweepDirectory(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /** The cell store. */
    public CellStore cells() {
        return new CellStore(path.resolve("cells"));
    }

    /** The Slurm executor's directory. */
    public Path slurm() {
        return path.resolve("slurm");
    }

    /** Whether the directory holds a sweep (a resolved sweep file). */
    public boolean holdsSweep() {
        return Files.isRegularFile(path.resolve(INPUT));
    }

    /**
     * Checks that the directory can take this sweep: absent, empty, or holding a sweep.
     *
     * @throws ExperimentException (field "--out") otherwise
     */
    public void check() {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new ExperimentException("--out", path + " is a file, not a directory; choose a directory path");
        }
        if (Files.isDirectory(path) && !holdsSweep()) {
            try (Stream<Path> entries = Files.list(path)) {
                if (entries.findAny().isPresent()) {
                    throw new ExperimentException("--out", path + " is not empty and holds no sweep; choose a new "
                            + "directory (a sweep directory can be reused: its finished cells are kept)");
                }
            } catch (IOException e) {
                throw new ExperimentException("--out", "cannot read " + path + ": " + e.getMessage());
            }
        }
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new ExperimentException("--out", existing + " is not writable; choose another directory");
        }
    }

    /** Writes the resolved sweep (atomically). */
    public void writeInput(SweepDefinition d) throws IOException {
        Files.createDirectories(path);
        AtomicFile.writeString(path.resolve(INPUT), CellStore.pretty(d.toJson()));
    }

    /**
     * Reads the resolved sweep back.
     *
     * @throws ExperimentException when the directory holds no sweep or the file is invalid
     */
    public SweepDefinition readInput(CellCommandTable commands) {
        if (!holdsSweep()) {
            throw new ExperimentException("", path + " holds no sweep (no " + INPUT + "); give the --out directory "
                    + "of a sweep");
        }
        try {
            return SweepDefinition.fromJson(CellStore.readJson(path.resolve(INPUT)), path.toAbsolutePath(), commands);
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read " + path.resolve(INPUT) + ": " + e.getMessage());
        }
    }
}
