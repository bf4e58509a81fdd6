package org.sgdlimits.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is renamed onto
 * the target (ATOMIC_MOVE) only once it is complete. Readers see either no file or the complete file, never
 * half of one; a writer that throws leaves neither the target nor the temporary file behind. Temporary files
 * ({@code .NAME.RANDOM.tmp}, hidden) still open when the JVM shuts down (Ctrl-C, SIGTERM) are deleted by a
 * shutdown hook; only a SIGKILL or power loss can leave one behind, and never a half-written target
 * ({@link #isTemporary} recognises them, so that the next run into the directory removes them). Once
 * {@link #stopCommitting} has run (at shutdown), no further temporary file is created or renamed onto its
 * target. The file gets the usual permissions (umask), not owner-only ones.
 */
public final class AtomicFile {
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Names of our temporary files: "." + target name + "." + base-36 random + ".tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");
    /** Guards the creation and the renaming of temporary files against {@link #stopCommitting}. */
    private static final Object COMMIT = new Object();
    private static boolean stopped;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::stopCommitting, "sgdlimits-temp-cleanup"));
    }

    private AtomicFile() {
    }

    /** Whether {@code file}'s name is one of this class's temporary files (left behind only by a SIGKILL). */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && TEMPORARY.matcher(name.toString()).matches();
    }

    /**
     * From now on no temporary file is created and none is renamed onto its target (a write in progress fails
     * with an IOException); deletes the temporary files in flight. Returns once a rename in progress is done, so
     * that afterwards the set of targets written is final. Called at shutdown (Ctrl-C, SIGTERM).
     */
    public static void stopCommitting() {
        synchronized (COMMIT) {
            stopped = true;
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort while the JVM exits
                }
            }
        }
    }

    /** Writes the content that {@code body} produces into an output stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically writes {@code target} (replacing an existing file).
     *
     * @throws IOException from the body or the file system; then no file and no temporary file remain
     */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: that makes the file owner-only (0600); a plain CREATE_NEW respects the umask
        Path tmp;
        OutputStream raw;
        synchronized (COMMIT) {
            requireRunning(absolute);
            while (true) {
                tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                        + ".tmp");
                try {
                    raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    break;
                } catch (FileAlreadyExistsException e) {
                    // try another name
                }
            }
            IN_FLIGHT.add(tmp);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
                body.writeTo(out);
            }
            synchronized (COMMIT) {
                requireRunning(absolute);
                try {
                    Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    private static void requireRunning(Path target) throws IOException {
        if (stopped) {
            throw new IOException(target + ": not written, the program is shutting down");
        }
    }

    /** Atomically writes UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
