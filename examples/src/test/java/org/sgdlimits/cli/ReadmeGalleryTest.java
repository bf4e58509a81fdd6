package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's examples gallery and command list stay in step with the shipped files and commands. */
class ReadmeGalleryTest {

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }

    private static String gallery() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        int start = readme.indexOf("### Examples gallery");
        assertTrue(start >= 0, "README has no examples gallery");
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void everyShippedExampleFileHasAGalleryRowWithItsCommandAndPicture() throws IOException {
        String gallery = gallery();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(root().resolve("examples"), root().resolve("examples/meanfield"),
                root().resolve("examples/dmft"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 14, files.toString());
        Pattern row = Pattern.compile("^\\| `(\\./sgdlimits [^`]+)` \\| (`[^|]+\\.png`[^|]*) \\|", Pattern.MULTILINE);
        List<String> commands = new ArrayList<>();
        Matcher m = row.matcher(gallery);
        while (m.find()) {
            commands.add(m.group(1));
        }
        for (Path f : files) {
            String rel = root().relativize(f).toString().replace('\\', '/');
            assertTrue(commands.stream().anyMatch(c -> c.contains(" " + rel + " ")),
                    rel + " has no gallery row '| `./sgdlimits ... " + rel + " ...` | `picture.png` | ... |'");
        }
    }

    @Test
    void everyGalleryCommandNamesAnExistingFileAndACommandOfTheApplication() throws IOException {
        Matcher m = Pattern.compile("^\\| `\\./sgdlimits (\\w+) ([^`]*)`", Pattern.MULTILINE).matcher(gallery());
        int rows = 0;
        while (m.find()) {
            rows++;
            String command = m.group(1);
            assertTrue(SgdLimits.commandLine().getSubcommands().containsKey(command), command);
            for (String arg : m.group(2).split(" ")) {
                if (arg.endsWith(".json")) {
                    assertTrue(Files.isRegularFile(root().resolve(arg)), arg + " does not exist");
                }
            }
            assertTrue(m.group(2).matches(".*--out \\S+.*"), "no --out DIR: " + m.group());
        }
        assertTrue(rows >= 10, "gallery rows: " + rows);
    }
}
