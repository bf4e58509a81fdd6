package org.sgdlimits.study.regimes;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.readme.ReadmeBlock;

/**
 * The README's regime table is what {@code ./sgdlimits regimes} writes into summary.md on its defaults (seed 1,
 * deterministic, independent of the thread count): the study is run on its defaults (about 100 s on 2 idle
 * cores) and its summary compared with the README block between the markers, character for character.
 */
class RegimeReadmeTest {

    @Test
    void readmeRegimeTableIsTheSummaryTheDefaultsGenerate() throws IOException {
        RegimeStudySettings settings = RegimeStudySettings.defaults();
        List<RegimeResult> results = new RegimeStudy(settings).run(StudyProgress.NONE);
        ReadmeBlock.assertIs("regimes-summary", RegimeStudyWriter.summaryMarkdown(settings, results),
                "regenerate with ./sgdlimits regimes --out runs/regimes and paste runs/regimes/summary.md");
    }
}
