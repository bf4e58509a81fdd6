package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The README's quotes of this module's test results: a generated block between {@code <!-- NAME:begin ... -->}
 * and {@code <!-- NAME:end -->}, or a phrase in a section. The same marker rule as the examples module's
 * org.sgdlimits.readme.ReadmeBlock, which this module's tests cannot see (a test-jar shared by both would
 * remove this copy).
 */
public final class ReadmeQuotes {
    private ReadmeQuotes() {
    }

    private static String readme() throws IOException {
        return repositoryFile("README.md");
    }

    /** A file of the repository by its path from the root (e.g. docs/closure.md). */
    private static String repositoryFile(String path) throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
        return Files.readString(root.resolve(path));
    }

    /** The README text between the markers of block {@code name} (without them), stripped. */
    public static String block(String name) throws IOException {
        return block(readme(), "README", name);
    }

    /**
     * The same marker block in another document of the repository ({@code path} from the root, e.g.
     * docs/pde-convergence.md).
     */
    public static String documentBlock(String path, String name) throws IOException {
        return block(repositoryFile(path), path, name);
    }

    private static String block(String text, String where, String name) {
        int b = text.indexOf("<!-- " + name + ":begin");
        int close = b < 0 ? -1 : text.indexOf("-->", b);
        int e = text.indexOf("<!-- " + name + ":end -->");
        assertTrue(b >= 0 && close > b && e > close, where + " has the markers of block " + name);
        return text.substring(close + 3, e).strip();
    }

    /** Asserts that the README section under {@code heading} says {@code phrase} (runs of whitespace as one). */
    public static void assertQuoted(String heading, String phrase) throws IOException {
        String text = readme();
        int start = text.indexOf("\n" + heading);
        assertTrue(start >= 0, "README has no section " + heading);
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start + 1, end < 0 ? text.length() : end).replaceAll("\\s+", " ");
        assertTrue(section.contains(phrase.replaceAll("\\s+", " ")), "README section '" + heading + "' should say '"
                + phrase + "' (today's result of the test that computes it)");
    }

    /** Two significant digits, scientific as the README writes it: 4.0e-7. */
    public static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    /** {@code n} significant digits, plain decimals: 0.7, 290, 6900. */
    public static String sig(double v, int n) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(n)).stripTrailingZeros().toPlainString();
    }
}
