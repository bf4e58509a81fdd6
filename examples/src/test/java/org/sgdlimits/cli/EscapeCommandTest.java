package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EscapeCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void smallRunOfAllStudiesWritesTablesAndCharts(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("escape");
        CliRun r = run("escape", "--widths", "1,2", "--dimensions", "400", "--seeds", "4", "--samples", "4",
                "--study", "width,dimension,noise", "--study-width", "2", "--study-dimensions", "1e3,1e4,1e5",
                "--resolution", "0.02", "--threads", "1", "--out", out.toString());
        assertEquals(SgdLimits.OK, r.exitCode(), r.err());
        for (String f : List.of("escape_vs_width.csv", "escape_vs_width.png", "escape_vs_dimension.csv",
                "escape_vs_dimension.png", "escape_noise.csv", "escape_noise.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> lines = Files.readAllLines(out.resolve("escape_vs_width.csv"));
        assertEquals(3, lines.size());
        assertTrue(r.out().contains("slope of t vs ln d"), r.out());
        for (String f : List.of("escape_vs_width.csv", "escape_vs_width.png", "escape_noise.csv")) {
            assertTrue(r.out().contains("wrote " + out.resolve(f)), "path of " + f + " announced: " + r.out());
        }
    }

    @Test
    void quietKeepsTheResultTableAndDropsTheFileList(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("escape-quiet");
        CliRun r = run("escape", "--widths", "1", "--dimensions", "400", "--seeds", "4", "--samples", "4",
                "--resolution", "0.02", "--threads", "1", "--quiet", "--out", out.toString());
        assertEquals(SgdLimits.OK, r.exitCode(), r.err());
        assertTrue(Files.size(out.resolve("escape_vs_width.csv")) > 0);
        assertFalse(r.out().contains("wrote "), r.out());
        assertTrue(r.out().contains("ODE typical"), "the result table is the command's summary: " + r.out());
    }

    @Test
    void badParametersGiveOneLineErrorsAndWriteNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("none");
        CliRun r = run("escape", "--threshold", "1.5", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("threshold T: 1.5; must lie in the open interval (0, 1)"), r.err());
        r = run("escape", "--criterion", "speed", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("allowed: overlap, risk"), r.err());
        r = run("escape", "--g", "0.1", "--gamma", "0.3", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        r = run("escape", "--widths", "8", "--dimensions", "9", "--out", out.toString());
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("dimensions"), r.err());
        assertFalse(Files.exists(out));
    }
}
