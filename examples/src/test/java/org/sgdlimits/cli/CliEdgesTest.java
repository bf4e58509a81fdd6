package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The edges a first run hits (issue 13): each is a behaviour of the shared command life cycle. */
class CliEdgesTest {

    private static Path tiny(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tiny.json"), SgdLimitsCliTest.TINY);
    }

    private static void assertOneLineRefusal(CliRun r, String prefix) {
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith(prefix), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void anOutputPathUnderAFileIsRefusedBeforeComputing(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun r = CliRun.of("ode", tiny(tmp).toString(), "--out", file.resolve("run").toString());
        assertOneLineRefusal(r, "sgdlimits ode: --out: ");
        assertEquals("", r.out(), "nothing announced, nothing computed");
    }

    @Test
    void anOutputPathInAFileSystemThatRefusesDirectoriesIsRefusedBeforeComputing(@TempDir Path tmp)
            throws IOException {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self"))) {
            return; // not Linux: no /proc to try
        }
        CliRun r = CliRun.of("simulate", tiny(tmp).toString(), "--dimension", "50", "--seeds", "2", "--out",
                "/proc/sgdlimits-cannot-be-here");
        assertOneLineRefusal(r, "sgdlimits simulate: --out: cannot write into /proc/sgdlimits-cannot-be-here");
        assertEquals("", r.out());
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(SgdLimits.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("Usage: sgdlimits") && r.err().contains("no command given"), r.err());
    }

    @Test
    void absurdSizesAreRefusedFromTheirMemoryEstimate(@TempDir Path tmp) throws IOException {
        Path wide = Files.writeString(tmp.resolve("wide.json"), SgdLimitsCliTest.TINY
                .replace("\"p\": 2, \"secondLayer\": [1, 1]", "\"p\": 30000")
                .replace("\"initial\": { \"M\": [[0.1, 0.05], [0.02, 0.12]], \"Q\": [[0.3, 0.01], [0.01, 0.25]] }",
                        "\"initial\": { \"random\": { \"dimension\": 100000 } }"));
        assertOneLineRefusal(CliRun.of("ode", wide.toString(), "--out", tmp.resolve("o1").toString()),
                "sgdlimits ode: student.p: too large for the available memory");
        Path grid = Files.writeString(tmp.resolve("grid.json"), "{ \"teacher\": { \"activation\": \"erf\", \"k\": 1 },"
                + " \"student\": { \"activation\": \"erf\", \"p\": 100 }, \"learningRate\": 0.001,"
                + " \"initial\": { \"random\": { \"dimension\": 200 } }, \"time\": { \"end\": 1, \"points\": 5 },"
                + " \"meanfield\": { \"pde\": { \"xiCells\": 100000, \"qCells\": 10000 } } }");
        assertOneLineRefusal(CliRun.of("meanfield", grid.toString(), "--engine", "pde", "--out",
                tmp.resolve("o2").toString()), "sgdlimits meanfield: meanfield.pde.xiCells x meanfield.pde.qCells: ");
        assertOneLineRefusal(CliRun.of("simulate", tiny(tmp).toString(), "--dimension", "2000000000", "--seeds",
                "64", "--out", tmp.resolve("o3").toString()), "sgdlimits simulate: --dimension: too large");
        assertFalse(Files.exists(tmp.resolve("o1")) || Files.exists(tmp.resolve("o2"))
                || Files.exists(tmp.resolve("o3")), "nothing written");
    }

    @Test
    void temporariesOfAKilledRunAreRemovedByTheNextRun(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path stale = Files.writeString(out.resolve(".trajectory.csv.3k9z2m1q8x.tmp"), "half a file");
        // only stale temporaries: the directory counts as empty, no --force needed
        CliRun r = CliRun.of("ode", tiny(tmp).toString(), "--out", out.toString(), "--no-charts", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(stale), "the stale temporary survived");
        assertTrue(r.err().contains("removed 1 temporary file"), r.err());
        Path again = Files.writeString(out.resolve(".run.json.abc123.tmp"), "{");
        CliRun forced = CliRun.of("ode", tiny(tmp).toString(), "--out", out.toString(), "--no-charts", "-q",
                "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertFalse(Files.exists(again));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void escapeWritesRunJsonLikeEveryCommand(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("escape");
        CliRun r = CliRun.of("escape", "--widths", "1,2", "--dimensions", "100", "--seeds", "0", "--samples", "0",
                "--no-charts", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("escape", report.at("/command").asText());
        assertEquals("escape_vs_width.csv", report.at("/outputs/widthCsv").asText());
        assertEquals(2, report.at("/results/width/rows").asInt());
        assertTrue(r.out().contains("theory_typical = (ln d + K)/c*"), "the theory column names its formula: "
                + r.out());
    }

    /** Every "Examples:" command of every help page, continuation lines joined, parses as given. */
    @Test
    void helpExamplesCanBeCopiedAndRun() {
        CommandLine top = SgdLimits.commandLine();
        List<String> pages = new ArrayList<>();
        pages.add(top.getUsageMessage());
        top.getSubcommands().values().forEach(c -> pages.add(c.getUsageMessage()));
        int commands = 0;
        for (String page : pages) {
            List<String> lines = page.lines().toList();
            int start = lines.indexOf("Examples:");
            if (start < 0) {
                continue;
            }
            StringBuilder command = new StringBuilder();
            for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
                String line = lines.get(i);
                boolean continued = command.length() > 0;
                assertTrue(continued || line.contains("./sgdlimits ") || line.startsWith("  #"),
                        "a wrapped or stray example line: '" + line + "' in\n" + page);
                if (line.startsWith("  #")) {
                    continue;
                }
                // a shell prefix ("echo ... > mine.json && ./sgdlimits check mine.json") is not ours to parse
                String ours = continued ? line : line.substring(line.indexOf("./sgdlimits "));
                String text = ours.replaceFirst("\\s+#.*$", "").strip();
                if (text.endsWith("\\")) {
                    command.append(text, 0, text.length() - 1).append(' ');
                    continue;
                }
                command.append(text);
                String[] words = command.toString().strip().split("\\s+");
                assertEquals("./sgdlimits", words[0], command.toString());
                String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
                SgdLimits.commandLine().parseArgs(args); // throws on an unknown option or a split argument
                command.setLength(0);
                commands++;
            }
            assertEquals(0, command.length(), "an example ends with a continuation backslash:\n" + page);
        }
        assertTrue(commands >= 10, "examples found: " + commands);
    }

    /**
     * Interrupted while writing, the run removes what it wrote and says so: no "incomplete" directory that is
     * gone, no exception text. A separate JVM gets SIGTERM (the same shutdown path as Ctrl-C) once the first
     * file is announced, while the charts of a 150000-row trajectory are still being drawn.
     */
    @Test
    void anInterruptWhileWritingRemovesTheFilesAndSaysSo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("long.json"), SgdLimitsCliTest.TINY
                .replace("\"points\": 25", "\"points\": 150000"));
        Path out = tmp.resolve("out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                SgdLimits.class.getName(), "ode", file.toString(), "--out", out.toString())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        boolean signalled = false;
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.contains("wrote") && line.contains("trajectory.csv")) {
                    process.destroy(); // SIGTERM
                    signalled = true;
                    break;
                }
            }
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit");
        assertTrue(signalled, "never saw the first file written");
        String err = Files.readString(tmp.resolve("stderr.txt"));
        assertTrue(err.contains("sgdlimits ode: interrupted; the files this run had written were removed and "
                + out + " (created by this run) with them"), err);
        assertFalse(err.contains("incomplete") || err.contains("Exception") || err.contains("closed"), err);
        assertFalse(Files.exists(out), "the directory this run created is gone");
    }
}
