package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.trajectory.Trajectory;

class CsvWriterTest {

    @Test
    void headerFollowsTheSpecAndEveryDoubleReadsBackBitExactly(@TempDir Path dir) throws Exception {
        Trajectory t = TrajectoryFixtures.awkward();
        Path csv = dir.resolve("trajectory.csv");
        CsvWriter.write(t, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("t,risk,excess_risk,M_0_0,M_0_1,Q_0_0,a_0", lines.get(0));
        assertEquals(t.size() + 1, lines.size());
        for (int i = 0; i < t.size(); i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(t.columns().size() + 1, cells.length);
            assertEquals(Double.doubleToRawLongBits(t.time(i)), Double.doubleToRawLongBits(Double.parseDouble(cells[0])));
            double[] row = t.row(i);
            for (int c = 0; c < row.length; c++) {
                assertEquals(Double.doubleToRawLongBits(row[c]),
                        Double.doubleToRawLongBits(Double.parseDouble(cells[c + 1])), "row " + i + " col " + c);
            }
        }
        assertEquals(List.of(csv.getFileName()), Files.list(dir).map(Path::getFileName).toList());
    }
}
