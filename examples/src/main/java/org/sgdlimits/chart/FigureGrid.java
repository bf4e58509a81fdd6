package org.sgdlimits.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.sgdlimits.io.AtomicFile;

/**
 * Several charts tiled into one picture (e.g. one panel per regime in a combined figure), row by row.
 * Immutable; the warnings of all panels are collected, prefixed with the panel's title.
 */
public final class FigureGrid {
    private final List<ChartFigure> panels;
    private final int columns;

    private FigureGrid(List<ChartFigure> panels, int columns) {
        this.panels = List.copyOf(panels);
        this.columns = columns;
    }

    /**
     * @param panels  the charts, in reading order
     * @param columns panels per row, ≥ 1
     */
    public static FigureGrid of(List<ChartFigure> panels, int columns) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("figure grid: needs at least one panel");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("figure grid: columns = " + columns + "; must be >= 1");
        }
        return new FigureGrid(panels, Math.min(columns, panels.size()));
    }

    /** Number of panel rows. */
    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /** Panels per row. */
    public int columns() {
        return columns;
    }

    /** Notes of every panel, as "title: note". */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (ChartFigure f : panels) {
            String title = f.chart().getTitle() == null ? "" : f.chart().getTitle().getText();
            f.warnings().forEach(w -> out.add(title + ": " + w));
        }
        return out;
    }

    /** Renders the grid; each panel gets panelWidth × panelHeight pixels, empty cells stay white. */
    public BufferedImage render(int panelWidth, int panelHeight) {
        return render(panelWidth, panelHeight, 1.0);
    }

    /**
     * Renders the grid with every panel laid out at (panelWidth / scale) × (panelHeight / scale) and magnified by
     * {@code scale} (≥ 1) into panelWidth × panelHeight pixels: text and lines {@code scale} times larger
     * relative to the picture, for a figure shown reduced (e.g. a wide figure in a README).
     */
    public BufferedImage render(int panelWidth, int panelHeight, double scale) {
        if (!(scale >= 1) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("figure grid: scale " + scale + "; must be >= 1");
        }
        BufferedImage image = new BufferedImage(columns * panelWidth, rows() * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                int x = (i % columns) * panelWidth;
                int y = (i / columns) * panelHeight;
                java.awt.geom.AffineTransform saved = g.getTransform();
                g.translate(x, y);
                g.scale(scale, scale);
                panels.get(i).chart().draw(g, new Rectangle2D.Double(0, 0, panelWidth / scale, panelHeight / scale));
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the grid as a PNG atomically. */
    public void writePng(Path target, int panelWidth, int panelHeight) throws IOException {
        writePng(target, panelWidth, panelHeight, 1.0);
    }

    /** Writes the grid rendered at {@code scale} ({@link #render(int, int, double)}) as a PNG atomically. */
    public void writePng(Path target, int panelWidth, int panelHeight, double scale) throws IOException {
        BufferedImage image = render(panelWidth, panelHeight, scale);
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
