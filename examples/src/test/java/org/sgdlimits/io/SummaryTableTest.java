package org.sgdlimits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTableTest {

    private static SummaryTable gaps() {
        return SummaryTable.builder("regime", "d", "gap", "note")
                .row("high-dimensional", 1000, 0.012345678, "ok")
                .row("high-dimensional", 10000, 1.0 / 3 * 1e-3, "gap ~ 1/sqrt(d), a, b")
                .row("classical", 500, Double.NaN, "say \"hi\" | pipe")
                .build();
    }

    @Test
    void csvQuotesWhereNeededAndKeepsFullPrecision(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("summary.csv");
        gaps().writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("regime,d,gap,note", lines.get(0));
        assertEquals("high-dimensional,1000,0.012345678,ok", lines.get(1));
        assertEquals("high-dimensional,10000," + (1.0 / 3 * 1e-3) + ",\"gap ~ 1/sqrt(d), a, b\"", lines.get(2));
        assertEquals("classical,500,NaN,\"say \"\"hi\"\" | pipe\"", lines.get(3));
        assertEquals(1.0 / 3 * 1e-3, Double.parseDouble(lines.get(2).split(",")[2]));
    }

    @Test
    void markdownRightAlignsNumbersAndEscapesPipes(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("summary.md");
        gaps().writeMarkdown(md, "Gaps");
        List<String> lines = Files.readAllLines(md);
        assertEquals("## Gaps", lines.get(0));
        assertEquals("| regime | d | gap | note |", lines.get(2));
        assertEquals("|---|---:|---:|---|", lines.get(3));
        assertEquals("| high-dimensional | 1000 | 0.01235 | ok |", lines.get(4));
        assertEquals("| high-dimensional | 10000 | 0.0003333 | gap ~ 1/sqrt(d), a, b |", lines.get(5));
        assertEquals("| classical | 500 | NaN | say \"hi\" \\| pipe |", lines.get(6));
    }

    @Test
    void rowsOfTheWrongLengthOrCellTypeAreRejected() {
        SummaryTable.Builder b = SummaryTable.builder("a", "b");
        assertThrows(IllegalArgumentException.class, () -> b.row(1));
        assertThrows(IllegalArgumentException.class, () -> b.row(1, new double[] {2}));
    }
}
