package org.sgdlimits.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated block of README.md: the text between {@code <!-- NAME:begin ... -->} (the rest of the begin marker
 * names the generating command) and {@code <!-- NAME:end -->}. Every README-block test reads and compares its block
 * through this class.
 */
public final class ReadmeBlock {
    private ReadmeBlock() {
    }

    /** The repository root (the directory holding README.md): the working directory or its parent. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }

    /** The whole README. */
    public static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"));
    }

    /** The README text between the markers of block {@code name} (without them), stripped. */
    public static String text(String name) throws IOException {
        String readme = readme();
        String begin = "<!-- " + name + ":begin";
        String end = "<!-- " + name + ":end -->";
        int b = readme.indexOf(begin);
        int close = b < 0 ? -1 : readme.indexOf("-->", b);
        int e = readme.indexOf(end);
        assertTrue(b >= 0 && close > b && e > close, "README has the markers " + begin + " ... --> ... " + end);
        assertTrue(readme.indexOf(begin, b + 1) < 0, "README has the begin marker of " + name + " twice");
        return readme.substring(close + 3, e).strip();
    }

    /** Asserts that block {@code name} is {@code generated} (both stripped), character for character. */
    public static void assertIs(String name, String generated, String howToRegenerate) throws IOException {
        assertEquals(generated.strip(), text(name), "README block " + name + " differs from what today's code "
                + "generates; " + howToRegenerate);
    }
    /** The README section whose heading line starts with {@code heading} (e.g. "## Sweeps"), up to the next "## ". */
    public static String section(String heading) throws IOException {
        String readme = readme();
        int start = readme.indexOf("\n" + heading);
        assertTrue(start >= 0, "README has no section " + heading);
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start + 1, end < 0 ? readme.length() : end);
    }
}
