package org.sgdlimits.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Writes a {@link Trajectory} as a NumPy {@code .npy} file (format version 1.0): a 2-D little-endian float64
 * ({@code '<f8'}) array in C order with one row per recorded time and columns {@code t} followed by the
 * trajectory's columns. Because {@code .npy} cannot name columns, a sidecar text file (see
 * {@link #columnsFile}) lists the column names, one per line, in the same order as the CSV header.
 * Both files are written atomically.
 *
 * <pre>{@code
 * import numpy as np
 * data = np.load("trajectory.npy")
 * names = open("trajectory.columns.txt").read().split()
 * risk = data[:, names.index("risk")]
 * }</pre>
 */
public final class NpyWriter {
    /** The magic string every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyWriter() {
    }

    /** The column-names sidecar of {@code npy}: {@code trajectory.npy → trajectory.columns.txt}. */
    public static Path columnsFile(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".columns.txt");
    }

    /** Column names in array order: {@code t} then the trajectory's columns. */
    public static List<String> columnNames(Trajectory trajectory) {
        List<String> names = new ArrayList<>();
        names.add("t");
        names.addAll(trajectory.columns());
        return names;
    }

    /** Writes {@code target} (.npy) and its column-names sidecar, both atomically; returns the sidecar path. */
    public static Path write(Trajectory trajectory, Path target) throws IOException {
        int rows = trajectory.size();
        int cols = trajectory.columns().size() + 1;
        byte[] header = header(rows, cols);
        AtomicFile.write(target, out -> {
            out.write(header);
            ByteBuffer buffer = ByteBuffer.allocate(8 * cols).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
                buffer.clear();
                buffer.putDouble(trajectory.time(i));
                for (double v : trajectory.row(i)) {
                    buffer.putDouble(v);
                }
                out.write(buffer.array(), 0, buffer.position());
            }
        });
        Path sidecar = columnsFile(target);
        AtomicFile.writeString(sidecar, String.join("\n", columnNames(trajectory)) + "\n");
        return sidecar;
    }

    /**
     * Writes a matrix as {@code target} (.npy, atomically): a 2-D little-endian float64 array of shape
     * (rows, columns) in C order, {@code values[i][j]} at row i, column j (no column-names sidecar).
     *
     * @throws IllegalArgumentException for a ragged or empty matrix
     */
    public static void writeMatrix(double[][] values, Path target) throws IOException {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        for (double[] row : values) {
            if (row.length != cols) {
                throw new IllegalArgumentException("npy matrix: ragged rows (" + row.length + " and " + cols
                        + " values)");
            }
        }
        byte[] header = header(rows, cols);
        AtomicFile.write(target, out -> {
            out.write(header);
            ByteBuffer buffer = ByteBuffer.allocate(8 * Math.max(cols, 1)).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] row : values) {
                buffer.clear();
                for (double v : row) {
                    buffer.putDouble(v);
                }
                out.write(buffer.array(), 0, buffer.position());
            }
        });
    }

    /**
     * The complete v1.0 header: magic, version 1.0, little-endian uint16 header length, and the ASCII dict
     * padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes.
     */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        if (text.length() > 0xFFFF) {
            throw new IllegalArgumentException("npy header too long for format 1.0");
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
