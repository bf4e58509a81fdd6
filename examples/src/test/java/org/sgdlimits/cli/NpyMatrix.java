package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a 2-D little-endian float64 C-order .npy file (as NumPy would), for the command tests. */
final class NpyMatrix {
    private NpyMatrix() {
    }

    /** The matrix, values[row][column]; fails on any other dtype, order or rank. */
    static double[][] read(Path npy) throws IOException {
        byte[] bytes = Files.readAllBytes(npy);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N' || bytes[6] != 1) {
            throw new IOException(npy + ": not an .npy 1.0 file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = 10 + Short.toUnsignedInt(b.getShort(8));
        String header = new String(bytes, 10, start - 10, StandardCharsets.US_ASCII);
        Matcher shape = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False") || !shape.find()) {
            throw new IOException(npy + ": not a 2-D little-endian float64 C-order array: " + header);
        }
        int rows = Integer.parseInt(shape.group(1));
        int cols = Integer.parseInt(shape.group(2));
        if (bytes.length != start + 8L * rows * cols) {
            throw new IOException(npy + ": " + bytes.length + " bytes for shape " + rows + " x " + cols);
        }
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = b.getDouble(start + 8 * (i * cols + j));
            }
        }
        return m;
    }
}
