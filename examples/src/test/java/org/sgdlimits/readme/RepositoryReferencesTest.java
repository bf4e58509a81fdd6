package org.sgdlimits.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sgdlimits.cli.SgdLimits;

/**
 * Every reference in the repository resolves inside it: no file points outside the checkout (the project's
 * specifications were handed over as files next to it; the repository carries its own theory in docs/), every
 * relative link of README.md and docs/*.md reaches an existing file and, with an anchor, an existing heading,
 * and every citation "docs/NAME.md §N" (in javadoc, help texts, tests or prose) names a numbered section that
 * the document has.
 *
 * <p>The files read are those of the source tree: the repository root without build output ({@code target},
 * {@code target-*}), run output ({@code out}, {@code runs}), hidden directories other than {@code .ci}, hidden
 * files other than {@code .gitignore} (a worktree's {@code .git} file), and files with NUL bytes or not valid
 * UTF-8 (images).
 */
class RepositoryReferencesTest {
    private static final Path ROOT = ReadmeBlock.root().toAbsolutePath().normalize();

    /** Text that can only point outside the repository (built from pieces so this file does not match). */
    private static final Pattern OUTSIDE = Pattern.compile(String.join("|",
            "\\.\\./" + "shared",
            "shared/" + "(?:SPEC|DMFT|CLOSURE|ARCHITECTURE|seeds)",
            "/wo" + "rk/",
            "\\bSP" + "EC\\.md",
            "\\bSP" + "EC §"));

    /** A markdown link or image: [text](target) or [text](target "title"). */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    /** A citation of a project document by section: docs/NAME.md §N, possibly a list "§N, §M and §K". */
    private static final Pattern CITATION = Pattern.compile(
            "(?<![\\w/.])(?:docs/)?([\\w-]+\\.md)[\\s,:(]{0,3}"
                    + "((?:§\\s?\\d+(?:\\.\\d+)*(?:\\s*(?:,|and|or|–)\\s*(?=§))?)+)");
    private static final Pattern SECTION = Pattern.compile("§\\s?(\\d+(?:\\.\\d+)*)");

    /** A numbered heading: "## 3.11 Biases", "### 3.1 The population drift", "## 1. Model". */
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");

    private static final Map<Path, List<String>> HEADINGS = new HashMap<>();

    @Test
    void noFilePointsOutsideTheRepository() throws IOException {
        Map<String, String> found = new TreeMap<>();
        forEachMatch(OUTSIDE, (where, m) -> found.merge(where, m.group(), RepositoryReferencesTest::both));
        assertEquals(Map.of(), found, "references outside the repository (point them to docs/ instead)");
    }

    @Test
    void everyMarkdownLinkOfReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Map<String, String> broken = new TreeMap<>();
        int links = 0;
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher m = LINK.matcher(withoutCode(text));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto:
                }
                links++;
                String where = ROOT.relativize(page) + ":" + line(text, m.start());
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT)) {
                    broken.merge(where, target + " (outside the repository)", RepositoryReferencesTest::both);
                } else if (!Files.exists(resolved)) {
                    broken.merge(where, target + " (no such file)", RepositoryReferencesTest::both);
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.merge(where, target + " (no heading with this anchor in " + ROOT.relativize(resolved) + ")",
                            RepositoryReferencesTest::both);
                }
            }
        }
        assertTrue(links > 20, "found only " + links + " relative links: is the pattern still right?");
        assertEquals(Map.of(), broken, "broken links");
    }

    @Test
    void everyCitedSectionExists() throws IOException {
        Map<String, String> missing = new TreeMap<>();
        int[] citations = {0};
        forEachMatch(CITATION, (where, m) -> {
            Path doc = ROOT.resolve("docs").resolve(m.group(1));
            if (!Files.isRegularFile(doc)) {
                missing.merge(where, m.group(1) + " (no such document in docs/)", RepositoryReferencesTest::both);
                return;
            }
            List<String> sections = numberedSections(doc);
            Matcher s = SECTION.matcher(m.group(2));
            while (s.find()) {
                citations[0]++;
                if (!sections.contains(s.group(1))) {
                    missing.merge(where, "docs/" + m.group(1) + " §" + s.group(1), RepositoryReferencesTest::both);
                }
            }
        });
        assertTrue(citations[0] > 300,
                "found only " + citations[0] + " section citations: is the pattern still right?");
        assertEquals(Map.of(), missing, "citations of sections that do not exist (headings of docs/*.md)");
    }

    @Test
    void readmeCommandListNamesExactlyTheVisibleCommands() throws IOException {
        // docs/architecture.md "How to add a command": a new command is listed in README.md's ## Commands block
        Set<String> visible = new java.util.TreeSet<>();
        SgdLimits.commandLine().getSubcommands().forEach((name, c) -> {
            if (!c.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                visible.add(name);
            }
        });
        Set<String> listed = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\./sgdlimits ([a-z][a-z-]*)").matcher(ReadmeBlock.section("## Commands"));
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertEquals(visible, listed,
                "commands of SgdLimits (not hidden) vs the ./sgdlimits lines of README ## Commands");
    }

    @Test
    void headingAnchorsFollowGitHubSlugs() {
        assertEquals("1-model-and-data-teacherstudent", slug("1. Model and data (teacher–student)"));
        assertEquals("9-low-rank-closure-see-docsclosuremd", slug("9. Low-rank closure: see docs/closure.md"));
        assertEquals("mean-field-runs-sgdlimits-meanfield", slug("Mean-field runs (`sgdlimits meanfield`)"));
        assertTrue(numberedSections(ROOT.resolve("docs/theory.md")).containsAll(List.of("3", "3.11", "3.11.1")));
    }

    /** Calls {@code action} with "file:line" for every match of {@code pattern} in every text file of the tree. */
    private static void forEachMatch(Pattern pattern, java.util.function.BiConsumer<String, Matcher> action)
            throws IOException {
        for (Path file : sourceFiles()) {
            String text = read(file);
            if (text == null) {
                continue;
            }
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                action.accept(ROOT.relativize(file) + ":" + line(text, m.start()), m);
            }
        }
    }

    /** Two findings on one line. */
    private static String both(String a, String b) {
        return a + "; " + b;
    }

    /** The files of the source tree (see the class comment). */
    static List<Path> sourceFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !skipped(ROOT.relativize(p)))
                    .sorted()
                    .forEach(files::add);
        }
        assertTrue(files.size() > 100, "read only " + files.size() + " files from " + ROOT);
        return files;
    }

    private static boolean skipped(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String dir = relative.getName(i).toString();
            if (dir.equals("target") || dir.startsWith("target-") || dir.equals("out") || dir.equals("runs")
                    || (dir.startsWith(".") && !dir.equals(".ci"))) {
                return true;
            }
        }
        String name = relative.getFileName().toString();
        // git's own files (.git is a file in a worktree), editor files; this test's patterns
        return (name.startsWith(".") && !name.equals(".gitignore"))
                || name.equals(RepositoryReferencesTest.class.getSimpleName() + ".java");
    }

    /** The file as UTF-8 text, or null for binary files. */
    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The text with fenced code blocks and inline code blanked (same length, so offsets keep their lines). */
    private static String withoutCode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            boolean fence = line.stripLeading().startsWith("```");
            if (fence) {
                fenced = !fenced;
            }
            String kept = fenced || fence ? " ".repeat(line.length()) : line.replaceAll("`[^`]*`", "``");
            out.append(kept).append('\n');
        }
        return out.toString();
    }

    /** The heading lines (without the #'s) of a markdown file, outside fenced code. */
    private static List<String> headings(Path doc) {
        return HEADINGS.computeIfAbsent(doc, d -> {
            List<String> out = new ArrayList<>();
            boolean fenced = false;
            try {
                for (String line : Files.readAllLines(d)) {
                    if (line.stripLeading().startsWith("```")) {
                        fenced = !fenced;
                    } else if (!fenced && line.matches("^#{1,6}\\s.*")) {
                        out.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    /** The section numbers of the numbered headings ("3", "3.11", "3.11.1"). */
    static List<String> numberedSections(Path doc) {
        List<String> out = new ArrayList<>();
        for (String h : headings(doc)) {
            Matcher m = NUMBERED_HEADING.matcher(h);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** GitHub's anchors of a markdown file: heading slugs, repeated ones suffixed -1, -2, … */
    private static Set<String> anchors(Path doc) {
        Set<String> out = new LinkedHashSet<>();
        if (!doc.toString().endsWith(".md")) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String h : headings(doc)) {
            String s = slug(h.replaceFirst("^#{1,6}\\s+", ""));
            int n = seen.merge(s, 1, Integer::sum);
            out.add(n == 1 ? s : s + "-" + (n - 1));
        }
        return out;
    }

    /** GitHub's heading slug: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{Mn}\\p{Nd}\\p{Pc} -]", "")
                .replace(' ', '-');
    }
}
