package org.sgdlimits.study.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's regime table is what {@code ./sgdlimits regimes} writes into summary.md on its defaults (seed 1,
 * deterministic, independent of the thread count): the study is run on its defaults (about 100 s on 2 idle
 * cores) and its summary compared with the README block between the markers, character for character.
 */
class RegimeReadmeTest {
    static final String BEGIN = "<!-- regimes-summary:begin (generated: ./sgdlimits regimes --out DIR; DIR/summary.md) -->";
    static final String END = "<!-- regimes-summary:end -->";

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }

    /** The README text between the markers (without them). */
    static String readmeBlock() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        int b = readme.indexOf(BEGIN);
        int e = readme.indexOf(END);
        assertTrue(b >= 0 && e > b, "README has the markers " + BEGIN + " ... " + END);
        return readme.substring(b + BEGIN.length(), e).strip();
    }

    @Test
    void readmeRegimeTableIsTheSummaryTheDefaultsGenerate() throws IOException {
        RegimeStudySettings settings = RegimeStudySettings.defaults();
        List<RegimeResult> results = new RegimeStudy(settings).run(StudyProgress.NONE);
        String generated = RegimeStudyWriter.summaryMarkdown(settings, results).strip();
        assertEquals(generated, readmeBlock(), "README regime block differs from summary.md on the defaults; "
                + "regenerate with ./sgdlimits regimes --out runs/regimes and paste runs/regimes/summary.md");
    }
}
