package org.sgdlimits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.readme.ReadmeBlock;

/** The README's optimal-schedule numbers are what today's {@code optimize-schedule} prints for the example. */
class OptimalScheduleReadmeTest {

    @Test
    void readmeBlockIsTheCommandOutput(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("optimize-schedule",
                ReadmeBlock.root().resolve("examples/optimal-schedule.json").toString(), "--horizon", "20",
                "--out", tmp.resolve("run").toString(), "--quiet");
        assertEquals(SgdLimits.OK, r.exitCode(), r.err());
        ReadmeBlock.assertIs("optimal-schedule", "```\n" + r.out().strip() + "\n```",
                "regenerate with ./sgdlimits optimize-schedule examples/optimal-schedule.json --horizon 20 "
                        + "--out DIR --quiet");
    }
}
