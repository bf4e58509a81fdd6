package org.sgdlimits.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.font.TextAttribute;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class ChartsTest {

    /** A plateau-like learning curve with overlaps, on a log grid from t = 0. */
    static Trajectory curve(double finalRisk) {
        double[] t = TimeGrid.log(1000, 60).times();
        double[][] rows = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            double plateau = 0.01 + 0.04 / (1 + Math.exp((t[i] - 300) / 30));
            double risk = i == t.length - 1 ? finalRisk : plateau * Math.exp(-t[i] / 500) + 1e-4;
            double m = 0.9 / (1 + Math.exp(-(t[i] - 300) / 30));
            rows[i] = new double[] {risk + 5e-4, risk, m, 0.01, 0.5 + m, 0.1};
        }
        return new Trajectory(List.of("risk", "excess_risk", "M_0_0", "M_0_1", "Q_0_0", "a_0"), t, rows,
                RunStatus.completed(1000));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void learningCurvePngHasTheRequestedSizeAndIsNotBlank(@TempDir Path dir) throws Exception {
        ChartFigure figure = LearningCurveChart.of(curve(1e-4), "plateau");
        assertTrue(figure.warnings().isEmpty(), figure.warnings().toString());
        Path png = dir.resolve("learning-curve.png");
        figure.writePng(png, 640, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        assertTrue(distinctColours(image) > 10, "only " + distinctColours(image) + " colours");
        assertEquals(List.of(png), Files.list(dir).toList());
    }

    @Test
    void zeroAndNegativeRiskAreLeftOutAndSaidSoWithoutThrowing() {
        ChartFigure zero = LearningCurveChart.of(curve(0.0), "perfect recovery");
        assertEquals(1, zero.warnings().size(), zero.warnings().toString());
        assertTrue(zero.warnings().get(0).startsWith("excess risk"), zero.warnings().get(0));
        assertTrue(zero.warnings().get(0).contains("1 point(s) with risk <= 0"), zero.warnings().get(0));
        assertTrue(distinctColours(zero.render(500, 300)) > 10);
        ChartFigure negative = LearningCurveChart.of(curve(-1e-14), "rounding");
        assertEquals(1, negative.warnings().size());
    }

    @Test
    void aChartWithNoPositiveValueStillRendersAndSaysSo() {
        ChartFigure empty = new XYChartBuilder("empty", "t", "risk")
                .add(ChartSeries.line("risk", new double[] {0, 1, 2}, new double[] {0, 0, 0})).build();
        assertTrue(empty.warnings().stream().anyMatch(w -> w.contains("no finite positive values")),
                empty.warnings().toString());
        assertEquals(300, empty.render(400, 300).getHeight());
    }

    @Test
    void simulationPointsWithErrorBarsOverlayTheTheoryAndClipAtZero() {
        double[] t = {1, 10, 100};
        ChartFigure f = new XYChartBuilder("theory vs simulation", "time t", "risk")
                .add(ChartSeries.line("ODE", t, new double[] {0.1, 0.05, 0.01}))
                .add(ChartSeries.points("SGD d = 1000", t, new double[] {0.11, 0.05, 0.01},
                        new double[] {0.01, 0.002, 0.02}))
                .build();
        assertEquals(1, f.warnings().size(), f.warnings().toString());
        assertTrue(f.warnings().get(0).contains("1 error bar(s)"), f.warnings().get(0));
        assertTrue(distinctColours(f.render(500, 300)) > 10);
    }

    @Test
    void simulationColumnsBringTheirStandardErrorsAsErrorBars() {
        Trajectory ode = curve(1e-4);
        double[][] sem = new double[ode.size()][1];
        for (int i = 0; i < ode.size(); i++) {
            sem[i][0] = 0.1 * ode.value(i, "risk");
        }
        Trajectory sim = ode.withColumns(List.of("risk_sem"), sem);
        ChartSeries points = ChartSeries.ofColumn(sim, "risk", "SGD", ChartSeries.Style.POINTS);
        assertEquals(0.1 * sim.value(5, "risk"), points.yErrors()[5]);
        assertEquals(null, ChartSeries.ofColumn(sim, "risk", "ODE", ChartSeries.Style.LINE).yErrors());
        ChartFigure f = LearningCurveChart.builder(ode, "ODE vs SGD").add(points).build();
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        assertTrue(distinctColours(f.render(500, 300)) > 10);
    }

    @Test
    void overlapChartShowsTheChosenComponentsOnALinearValueAxis() {
        Trajectory tr = curve(1e-4);
        List<String> cols = OverlapChart.defaultColumns(tr, 8);
        assertEquals(List.of("M_0_0", "M_0_1", "Q_0_0"), cols, "a_0 is constant, so not drawn");
        assertEquals(List.of("M_0_0", "M_0_1"), OverlapChart.defaultColumns(tr, 2));
        ChartFigure f = OverlapChart.of(tr, cols, "overlaps");
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        assertTrue(distinctColours(f.render(500, 300)) > 10);
    }

    @Test
    void decadeTicksAreLabelledTenToTheIntegerExponentInSuperscript() {
        DecadeAxis axis = new DecadeAxis("t");
        AttributedString label = axis.createTickLabel(1e-3);
        AttributedCharacterIterator it = label.getIterator();
        StringBuilder text = new StringBuilder();
        StringBuilder superscript = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
            text.append(c);
            if (TextAttribute.SUPERSCRIPT_SUPER.equals(it.getAttribute(TextAttribute.SUPERSCRIPT))) {
                superscript.append(c);
            }
        }
        assertEquals("10-3", text.toString());
        assertEquals("-3", superscript.toString());
        axis.setDecadeRange(0.02, 0.5);
        assertEquals(0.01, axis.getLowerBound(), 1e-10);
        assertEquals(1.0, axis.getUpperBound(), 1e-8);
    }
}
