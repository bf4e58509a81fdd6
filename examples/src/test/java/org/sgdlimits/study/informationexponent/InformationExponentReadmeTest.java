package org.sgdlimits.study.informationexponent;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.readme.ReadmeBlock;

/**
 * The README's table of fitted information exponents and its k = 2 sentence are what
 * {@code ./sgdlimits information-exponent} writes into summary.md on its defaults (seed 1; per-run seed streams,
 * so independent of the thread count): the study is run on its defaults (about 30 s on 2 cores) and its summary
 * compared with the README block {@code information-exponent-summary}, character for character.
 */
class InformationExponentReadmeTest {

    @Test
    void readmeExponentTableIsTheSummaryTheDefaultsGenerate() throws IOException {
        InformationExponentSettings settings = InformationExponentSettings.defaults();
        List<ExponentResult> results = new InformationExponentStudy(settings).run();
        ReadmeBlock.assertIs("information-exponent-summary", InformationExponentWriter.markdown(settings, results),
                "regenerate with ./sgdlimits information-exponent --out runs/info-exp and paste "
                        + "runs/info-exp/summary.md");
    }
}
