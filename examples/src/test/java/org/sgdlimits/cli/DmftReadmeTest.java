package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.readme.ReadmeBlock;

/**
 * The README's list "What the example files show" (block {@code dmft-examples}) is the summary.md lines of the
 * example commands the dmft section quotes, run as quoted (with the output directory moved into a temporary
 * one), the committee example included; every run is deterministic (fixed seeds, results independent of the thread
 * count). About 50 s.
 */
class DmftReadmeTest {
    private static final Pattern COMMAND = Pattern.compile(
            "^\\./sgdlimits dmft (examples/dmft/\\S+\\.json) --out (\\S+)(.*)$", Pattern.MULTILINE);

    @Test
    void readmeExampleListIsTheSummariesOfTheQuotedExampleCommands(@TempDir Path tmp) throws IOException {
        String section = ReadmeBlock.section("## Multi-pass SGD by DMFT");
        Matcher m = COMMAND.matcher(section);
        StringBuilder generated = new StringBuilder();
        int runs = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>(List.of("dmft",
                    ReadmeBlock.root().resolve(m.group(1)).toString(), "--out", tmp.resolve("run" + runs).toString(),
                    "--quiet", "--format", "csv"));
            args.addAll(Arrays.stream(m.group(3).trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), m.group() + ": " + r.err());
            Path summary = tmp.resolve("run" + runs).resolve("summary.md");
            assertTrue(Files.isRegularFile(summary), m.group() + " wrote no summary.md");
            generated.append(Files.readString(summary));
            runs++;
        }
        assertTrue(runs >= 5, "the dmft section quotes " + runs + " example commands; expected the 5 examples");
        ReadmeBlock.assertIs("dmft-examples", generated.toString(), "run the example commands of the dmft section "
                + "and paste their summary.md lines in order");
    }
}
