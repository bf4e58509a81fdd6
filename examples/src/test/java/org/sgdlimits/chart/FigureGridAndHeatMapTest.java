package org.sgdlimits.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureGridAndHeatMapTest {

    private static int distinctColours(BufferedImage image, int x0, int y0, int w, int h) {
        Set<Integer> colours = new HashSet<>();
        for (int y = y0; y < y0 + h; y += 2) {
            for (int x = x0; x < x0 + w; x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void gridTilesEveryPanelIntoOnePngOfTheExpectedSize(@TempDir Path dir) throws Exception {
        ChartFigure a = LearningCurveChart.of(ChartsTest.curve(1e-4), "classical");
        ChartFigure b = LearningCurveChart.of(ChartsTest.curve(0.0), "high-dimensional");
        ChartFigure c = LearningCurveChart.of(ChartsTest.curve(1e-3), "mean-field");
        FigureGrid grid = FigureGrid.of(List.of(a, b, c), 2);
        assertEquals(2, grid.rows());
        Path png = dir.resolve("regimes.png");
        grid.writePng(png, 400, 300);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(distinctColours(image, 0, 0, 400, 300) > 10, "panel 1 blank");
        assertTrue(distinctColours(image, 400, 0, 400, 300) > 10, "panel 2 blank");
        assertTrue(distinctColours(image, 0, 300, 400, 300) > 10, "panel 3 blank");
        assertEquals(1, distinctColours(image, 400, 300, 400, 300), "the empty cell stays white");
        assertEquals(1, grid.warnings().size());
        assertTrue(grid.warnings().get(0).startsWith("high-dimensional: "), grid.warnings().get(0));
    }

    @Test
    void heatMapDrawsAGaussianBumpWithALegendAndBlanksNonFiniteCells() {
        int nx = 40;
        int ny = 20;
        double[] x = new double[nx];
        double[] y = new double[ny];
        double[][] z = new double[nx][ny];
        for (int i = 0; i < nx; i++) {
            x[i] = -2 + 4.0 * i / (nx - 1);
        }
        for (int j = 0; j < ny; j++) {
            y[j] = 0.05 + 0.1 * j;
        }
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                z[i][j] = Math.exp(-x[i] * x[i] - (y[j] - 1) * (y[j] - 1) * 4);
            }
        }
        z[0][0] = Double.NaN;
        ChartFigure f = HeatMapChart.of("density", "m", "q_perp", x, y, z, "density");
        assertEquals(List.of("1 cell(s) with non-finite density left blank"), f.warnings());
        BufferedImage image = f.render(600, 400);
        assertTrue(distinctColours(image, 0, 0, 600, 400) > 40, "a smooth bump needs many shades");
    }

    @Test
    void heatMapRejectsANonUniformGridWithAClearMessage() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> HeatMapChart.of("t", "x",
                "y", new double[] {0, 1, 3}, new double[] {0, 1}, new double[3][2], "v"));
        assertTrue(x.getMessage().contains("uniformly spaced"), x.getMessage());
    }

    @Test
    void viridisScaleRunsFromDarkPurpleToYellow() {
        assertEquals(new java.awt.Color(68, 1, 84), HeatMapChart.shade(0));
        assertEquals(new java.awt.Color(253, 231, 37), HeatMapChart.shade(1));
        assertTrue(HeatMapChart.shade(0.5).getGreen() > HeatMapChart.shade(0.1).getGreen());
    }
}
