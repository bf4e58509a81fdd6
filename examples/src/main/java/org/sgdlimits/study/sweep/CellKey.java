package org.sgdlimits.study.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a sweep cell and its random seed. The key is the first 64 bits (16 hex digits) of the
 * SHA-256 of the canonical JSON {"command": ..., "resolved": {"experiment": ..., "options": ...}} (the fully
 * resolved experiment: every default filled in, fields in the fixed order of the experiment writer, numbers
 * in Java's shortest round-trip form). The seed depends only on (root seed, key), never on a cell's position,
 * executor, task or chunk, so a cell computes the same numbers wherever it runs.
 */
public final class CellKey {
    private CellKey() {
    }

    /** The 16-hex-digit key of a cell. */
    public static String of(String command, ObjectNode resolved) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("command", command);
        canonical.set("resolved", resolved);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The cell's seed: SplitMix64's finaliser applied to rootSeed·φ + key (φ = 0x9E3779B97F4A7C15), a
     * bijection of the key for a fixed root seed.
     */
    public static long seed(long rootSeed, String key) {
        long z = rootSeed * 0x9E3779B97F4A7C15L + Long.parseUnsignedLong(key, 16);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
