package org.sgdlimits.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.sgdlimits.io.AtomicFile;

/**
 * A built chart and what it had to leave out (e.g. non-positive values on a log axis). The same notes are
 * printed in the chart itself as a subtitle, so a reader of the PNG is told too.
 *
 * @param chart    the JFreeChart (headless-safe)
 * @param warnings human-readable notes about dropped or clipped values; empty when nothing was left out
 */
public record ChartFigure(JFreeChart chart, List<String> warnings) {
    /** Default PNG size in pixels. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    public ChartFigure {
        Objects.requireNonNull(chart, "chart");
        warnings = List.copyOf(warnings);
    }

    /** Writes a PNG of the given size atomically. */
    public void writePng(Path target, int width, int height) throws IOException {
        AtomicFile.write(target, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /** Writes a PNG of the default size atomically. */
    public void writePng(Path target) throws IOException {
        writePng(target, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Renders into an image (for tests and for combining figures). */
    public BufferedImage render(int width, int height) {
        return chart.createBufferedImage(width, height);
    }
}
