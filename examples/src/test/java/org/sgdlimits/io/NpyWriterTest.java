package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.trajectory.Trajectory;

class NpyWriterTest {

    @Test
    void npyHeaderIsVersionOneLittleEndianFloat64AndDataReadsBackBitExactly(@TempDir Path dir) throws Exception {
        Trajectory t = TrajectoryFixtures.awkward();
        Path npy = dir.resolve("trajectory.npy");
        Path sidecar = NpyWriter.write(t, npy);
        byte[] bytes = Files.readAllBytes(npy);

        assertArrayEquals(NpyWriter.MAGIC, Arrays.copyOf(bytes, 6));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(b.getShort(8));
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data must start on a 64-byte boundary");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), header);
        assertTrue(header.contains("'descr': '<f8'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        Matcher shape = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        assertTrue(shape.find(), header);
        int rows = Integer.parseInt(shape.group(1));
        int cols = Integer.parseInt(shape.group(2));
        assertEquals(t.size(), rows);
        assertEquals(t.columns().size() + 1, cols);
        assertEquals(dataStart + 8L * rows * cols, bytes.length);

        for (int i = 0; i < rows; i++) {
            double[] expected = new double[cols];
            expected[0] = t.time(i);
            System.arraycopy(t.row(i), 0, expected, 1, cols - 1);
            for (int c = 0; c < cols; c++) {
                long bits = b.getLong(dataStart + 8 * (i * cols + c));
                assertEquals(Double.doubleToRawLongBits(expected[c]), bits, "row " + i + " col " + c);
            }
        }
        assertEquals(dir.resolve("trajectory.columns.txt"), sidecar);
        assertEquals(List.of("t", "risk", "excess_risk", "M_0_0", "M_0_1", "Q_0_0", "a_0"),
                Files.readAllLines(sidecar));
    }

    @Test
    void matrixReadsBackBitExactlyWithItsShape(@TempDir Path dir) throws Exception {
        double[][] m = {{1.0, -0.0, Double.MIN_VALUE}, {Math.PI, Double.NaN, -1e300}};
        Path npy = dir.resolve("kernel.npy");
        NpyWriter.writeMatrix(m, npy);
        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 10 + Short.toUnsignedInt(b.getShort(8));
        String header = new String(bytes, 10, dataStart - 10, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2, 3)"), header);
        assertEquals(dataStart + 8L * 6, bytes.length);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToRawLongBits(m[i][j]), b.getLong(dataStart + 8 * (3 * i + j)),
                        i + "," + j);
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.writeMatrix(new double[][] {{1, 2}, {3}}, dir.resolve("ragged.npy")));
        assertTrue(!Files.exists(dir.resolve("ragged.npy")));
    }

    @Test
    void headerPaddingKeepsDataAlignedForManyShapes() {
        for (int rows : new int[] {0, 1, 99, 100000}) {
            for (int cols : new int[] {1, 7, 1000}) {
                byte[] h = NpyWriter.header(rows, cols);
                assertEquals(0, h.length % 64, rows + "x" + cols);
                assertEquals('\n', h[h.length - 1]);
            }
        }
    }
}
