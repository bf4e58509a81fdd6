package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cell directories of a sweep: {@code cells/KEY/cell.json}. A cell is written into a hidden temporary
 * directory {@code cells/.tmp-KEY-RANDOM} and renamed to {@code cells/KEY} in one step, so a cell directory
 * exists only when complete; a killed task leaves at most a temporary directory, which does not count and is
 * removed by {@link #removeTemporary}. Safe for several processes writing different cells at once (two writing
 * the same cell: the first rename wins; the results are identical by construction).
 */
public final class CellStore {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;

    /** @param root the {@code cells} directory (created on the first write) */
    public CellStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The stored result of a cell, or null when its directory is absent or unreadable (then it is rerun). */
    public CellResult read(String key) {
        Path file = root.resolve(key).resolve("cell.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return CellResult.fromJson(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The cells of the plan without a stored result that answers it (never run, failed, stale), in order. */
    public List<SweepCell> pending(SweepPlan plan) {
        List<SweepCell> out = new ArrayList<>();
        for (SweepCell c : plan.cells()) {
            CellResult r = read(c.key());
            if (r == null || !r.finishedFor(plan.definition())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Writes a cell atomically (temporary directory, then rename), replacing an older result of the same cell
     * (failed or stale).
     */
    public void write(CellResult result) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve(".tmp-" + result.key() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
        Files.createDirectory(tmp);
        try {
            Files.writeString(tmp.resolve("cell.json"), JSON.writeValueAsString(result.toJson()) + "\n",
                    StandardCharsets.UTF_8);
            Path target = root.resolve(result.key());
            if (Files.exists(target)) {
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process finished the same cell first; its result is the same
                deleteTree(tmp);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Removes the temporary directories of cells that were in flight when a run was killed. */
    public void removeTemporary() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a JSON file (for the sweep directory's own files). */
    static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Pretty JSON text. */
    static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
