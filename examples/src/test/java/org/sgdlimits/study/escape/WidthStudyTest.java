package org.sgdlimits.study.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.SimulationProgress;


class WidthStudyTest {

    @Test
    void smallWidthStudyWritesItsTableAndChart(@TempDir Path dir) throws Exception {
        WidthStudy.Settings s = new WidthStudy.Settings(new int[] {1, 2, 4}, new int[] {300, 900},
                RateScaling.FIXED_G, 0.1, 0.0, EscapeCriterion.overlap(0.5), false, 6, 64, 4, 64,
                EngineKind.GRAM, 0.02, 7, 2);
        List<WidthStudy.Row> rows = WidthStudy.run(s, SimulationProgress.NONE);
        assertEquals(6, rows.size());
        for (WidthStudy.Row r : rows) {
            assertTrue(r.typical().escaped());
            assertEquals(6, r.quenched().runs());
            assertEquals(6, r.quenchedCorrected().runs());
            assertEquals(4, r.sgd().runs());
        }
        // at fixed g the typical escape time decreases with p and grows with d
        for (int i = 0; i < 2; i++) {
            assertTrue(rows.get(i + 1).typical().time() < rows.get(i).typical().time());
            assertTrue(rows.get(i + 3).typical().time() > rows.get(i).typical().time());
        }
        Path csv = WidthStudy.writeCsv(rows, dir);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", WidthStudy.header()), lines.get(0));
        assertEquals(7, lines.size());
        assertTrue(lines.get(1).startsWith("1,300,0.1"), lines.get(1));
        Path png = dir.resolve("escape_vs_width.png");
        WidthStudy.chart(rows, s).writePng(png);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void fixedLearningRateBeyondThePlateauLimitIsReportedNotThrown() {
        // γ = 0.5 fixed: at p = 1, g = 0.5 exceeds g_max ≈ 0.18 and the norms diverge; at p = 8, g = 0.0625
        WidthStudy.Settings s = new WidthStudy.Settings(new int[] {1, 8}, new int[] {1000},
                RateScaling.FIXED_LEARNING_RATE, 0.5, 0.0, EscapeCriterion.overlap(0.5), false, 0, 64, 0, 64,
                EngineKind.GRAM, 0.02, 7, 1);
        List<WidthStudy.Row> rows = WidthStudy.run(s, SimulationProgress.NONE);
        assertTrue(rows.get(0).typical().status().diverged(), rows.get(0).typical().status().toString());
        assertTrue(rows.get(0).theory().note().contains("plateau exists only"), rows.get(0).theory().note());
        assertTrue(rows.get(1).typical().escaped());
        assertEquals(0.0625, rows.get(1).reducedRate(), 0.0);
    }
}
