package org.sgdlimits.study.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;


class DimensionStudyTest {

    @Test
    void escapeTimeGrowsAsLogDimensionWithSlopeOneOverGrowthRate(@TempDir Path dir) throws Exception {
        for (boolean spherical : new boolean[] {false, true}) {
            DimensionStudy.Settings s = new DimensionStudy.Settings(4, 0.05, 0.0, EscapeCriterion.overlap(0.5),
                    spherical, new double[] {1e5, 1e6, 1e7, 1e8, 1e9}, 0, 1, 1);
            DimensionStudy.Result r = DimensionStudy.run(s);
            // corrections to the law decay as d^(−1/2) (plain) or d^(−1) (spherical): 1e-3 relative at d ≥ 1e5
            assertEquals(r.theorySlope(), r.fittedSlope(), 1e-3 * r.theorySlope(), "spherical=" + spherical);
            Path csv = DimensionStudy.writeCsv(r, dir);
            assertEquals(6, Files.readAllLines(csv).size());
        }
        DimensionStudy.Settings s = new DimensionStudy.Settings(2, 0.05, 0.0, EscapeCriterion.overlap(0.5), false,
                new double[] {1e3, 1e4}, 4, 1, 1);
        DimensionStudy.Result r = DimensionStudy.run(s);
        assertTrue(r.rows().get(0).quenched().escaped() == 4);
        DimensionStudy.chart(r, s).writePng(dir.resolve("d.png"));
        assertTrue(Files.size(dir.resolve("d.png")) > 1000);
    }
}
