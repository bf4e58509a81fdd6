package org.sgdlimits.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;




class DensitySnapshotWriterTest {

    private static DensitySnapshot snapshot(double t, double centre) {
        StretchedGrid grid = new StretchedGrid(1e-2, 2.0, 3.0, 120, 30);
        DensityGrid density = DensityGrid.fromDensity(grid,
                (m, q) -> Math.exp(-0.5 * Math.pow((m - centre) / 0.15, 2) - 0.5 * Math.pow((q - 1) / 0.3, 2)), 2);
        return DensitySnapshot.fromDensityGrid(t, density);
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
    void heatMapPngRendersAtTheRequestedSizeWithManyColours(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("density_t1.png");
        DensitySnapshotWriter.writePng(snapshot(1.0, 0.3), png, 500, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(500, image.getWidth());
        assertEquals(400, image.getHeight());
        int colours = distinctColours(image);
        assertTrue(colours >= 30, "non-blank heat map: " + colours + " distinct colours");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void csvHoldsOneRowPerCellAndIntegratesToTheShownMass(@TempDir Path dir) throws IOException {
        DensitySnapshot s = snapshot(0.5, 0.0);
        Path csv = dir.resolve("density_t0.5.csv");
        DensitySnapshotWriter.writeCsv(s, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("m,qperp,density", lines.get(0));
        assertEquals(s.grid().cellCount() + 1, lines.size());
        double integral = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(3, f.length);
            integral += Double.parseDouble(f[2]) * s.grid().cellArea();
        }
        assertEquals(s.displayedMass(), integral, 1e-12);
    }

    @Test
    void contactSheetComposesPanelsInRows(@TempDir Path dir) throws IOException {
        List<DensitySnapshot> shots = List.of(snapshot(0, -0.2), snapshot(1, 0.2), snapshot(2, 0.6));
        Path png = dir.resolve("sheet.png");
        DensitySnapshotWriter.writeContactSheet(shots, png, 2, 300, 250);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(500, image.getHeight());
        // the three panels differ (the bump moves): compare the left and right halves of the first row
        BufferedImage left = image.getSubimage(0, 0, 300, 250);
        BufferedImage right = image.getSubimage(300, 0, 300, 250);
        int differing = 0;
        for (int y = 0; y < 250; y += 3) {
            for (int x = 0; x < 300; x += 3) {
                if (left.getRGB(x, y) != right.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 100, "panels differ in " + differing + " sampled pixels");
        assertTrue(distinctColours(image.getSubimage(0, 250, 300, 250)) >= 30, "third panel rendered");
    }

    /** The panels of a contact sheet share their axis ranges and colour scale, which cover every panel's data. */
    @Test
    void contactSheetPanelsShareAxesAndColourScale() {
        List<DensitySnapshot> snaps = List.of(snapshot(0, 0.0), snapshot(2, 1.2));
        org.sgdlimits.chart.FigureGrid sheet = DensitySnapshotWriter.contactSheet(snaps, 2);
        org.sgdlimits.chart.HeatMapChart.SharedRanges r = DensitySnapshotWriter.sharedRanges(snaps);
        double top = Math.max(snaps.get(0).maxDensity(), snaps.get(1).maxDensity());
        assertEquals(top, r.value()[1], 1e-12 * top);
        assertEquals(0, r.value()[0]);
        for (DensitySnapshot s : snaps) {
            assertTrue(r.x()[0] <= s.grid().mMin() && r.x()[1] >= s.grid().mMax(), "m window inside the shared axis");
            assertTrue(r.y()[0] <= s.grid().qMin() && r.y()[1] >= s.grid().qMax(), "q window inside the shared axis");
        }
        // the drift of m from 0 to 1.2 lies inside one x range
        assertTrue(r.x()[0] < 0 && r.x()[1] > 1.2, java.util.Arrays.toString(r.x()));
        List<org.sgdlimits.chart.ChartFigure> panels = List.of(DensitySnapshotWriter.heatMap(snaps.get(0), r),
                DensitySnapshotWriter.heatMap(snaps.get(1), r));
        for (org.sgdlimits.chart.ChartFigure f : panels) {
            org.jfree.chart.plot.XYPlot plot = f.chart().getXYPlot();
            assertEquals(r.x()[0], plot.getDomainAxis().getLowerBound(), 1e-12);
            assertEquals(r.x()[1], plot.getDomainAxis().getUpperBound(), 1e-12);
            assertEquals(r.y()[1], plot.getRangeAxis().getUpperBound(), 1e-12);
            org.jfree.chart.renderer.xy.XYBlockRenderer b = (org.jfree.chart.renderer.xy.XYBlockRenderer) plot.getRenderer();
            assertEquals(top, b.getPaintScale().getUpperBound(), 1e-12 * top);
        }
        assertEquals(2, sheet.columns());
    }
}
