package org.sgdlimits.chart;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.FigureGrid;
import org.sgdlimits.chart.HeatMapChart;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.meanfield.snapshot.SnapshotGrid;


/**
 * Files for density snapshots, all written atomically (temporary file + ATOMIC_MOVE, via {@link AtomicFile}):
 * a heat-map PNG per snapshot (viridis colour bar, axes m and q⊥, the time in the title), a CSV of the grid
 * (columns {@code m,qperp,density}, one row per cell, density per unit m per unit q⊥) and a contact sheet of
 * several times in one PNG.
 */
public final class DensitySnapshotWriter {
    /** Default panel size in pixels. */
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;

    private DensitySnapshotWriter() {
    }

    /** The heat-map chart of one snapshot. */
    public static ChartFigure heatMap(DensitySnapshot snapshot) {
        return heatMap(snapshot, null);
    }

    /** The heat map of one snapshot on given axis and colour ranges (null: its own). */
    static ChartFigure heatMap(DensitySnapshot snapshot, HeatMapChart.SharedRanges shared) {
        SnapshotGrid g = snapshot.grid();
        double[] mc = new double[g.mCells()];
        double[] qc = new double[g.qCells()];
        double[][] values = new double[g.mCells()][g.qCells()];
        for (int i = 0; i < g.mCells(); i++) {
            mc[i] = g.mCentre(i);
            for (int j = 0; j < g.qCells(); j++) {
                values[i][j] = snapshot.density(i, j);
            }
        }
        for (int j = 0; j < g.qCells(); j++) {
            qc[j] = g.qCentre(j);
        }
        return HeatMapChart.of(title(snapshot), "m", "q⊥", mc, qc, values, "density", shared);
    }

    private static String title(DensitySnapshot s) {
        String t = String.format(Locale.ROOT, "density μ_t(m, q⊥) at t = %.4g", s.time());
        if (s.displayedMass() < 0.999) {
            t += String.format(Locale.ROOT, " (%.1f%% of the mass shown)", 100 * s.displayedMass());
        }
        return t;
    }

    /** Writes the heat map as a PNG of width × height pixels. */
    public static void writePng(DensitySnapshot snapshot, Path target, int width, int height) throws IOException {
        heatMap(snapshot).writePng(target, width, height);
    }

    /** Writes the heat map at the default size. */
    public static void writePng(DensitySnapshot snapshot, Path target) throws IOException {
        writePng(snapshot, target, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Writes the grid as CSV: header {@code m,qperp,density}, one row per cell (m outer, q⊥ inner). */
    public static void writeCsv(DensitySnapshot snapshot, Path target) throws IOException {
        SnapshotGrid g = snapshot.grid();
        AtomicFile.write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("m,qperp,density\n");
            for (int i = 0; i < g.mCells(); i++) {
                for (int j = 0; j < g.qCells(); j++) {
                    w.write(Double.toString(g.mCentre(i)));
                    w.write(',');
                    w.write(Double.toString(g.qCentre(j)));
                    w.write(',');
                    w.write(Double.toString(snapshot.density(i, j)));
                    w.write('\n');
                }
            }
            w.flush();
        });
    }

    /**
     * The contact sheet of several snapshots, {@code columns} panels per row, in the given order, every panel on
     * the same axes (the union of the snapshots' windows) and the same colour scale (0 to the largest density
     * of any panel), so that the motion of the density from panel to panel is seen.
     */
    public static FigureGrid contactSheet(List<DensitySnapshot> snapshots, int columns) {
        List<ChartFigure> panels = new ArrayList<>();
        HeatMapChart.SharedRanges shared = sharedRanges(snapshots);
        for (DensitySnapshot s : snapshots) {
            panels.add(heatMap(s, shared));
        }
        return FigureGrid.of(panels, columns);
    }

    /** The union of the snapshots' windows and 0 to the largest density among them. */
    static HeatMapChart.SharedRanges sharedRanges(List<DensitySnapshot> snapshots) {
        double mLo = Double.POSITIVE_INFINITY;
        double mHi = Double.NEGATIVE_INFINITY;
        double qLo = Double.POSITIVE_INFINITY;
        double qHi = Double.NEGATIVE_INFINITY;
        double top = 0;
        for (DensitySnapshot s : snapshots) {
            SnapshotGrid g = s.grid();
            mLo = Math.min(mLo, g.mMin());
            mHi = Math.max(mHi, g.mMax());
            qLo = Math.min(qLo, g.qMin());
            qHi = Math.max(qHi, g.qMax());
            top = Math.max(top, s.maxDensity());
        }
        return new HeatMapChart.SharedRanges(new double[] {mLo, mHi}, new double[] {qLo, qHi},
                new double[] {0, top > 0 ? top : 1});
    }

    /** Writes the contact sheet as one PNG; each panel panelWidth × panelHeight pixels. */
    public static void writeContactSheet(List<DensitySnapshot> snapshots, Path target, int columns, int panelWidth,
                                         int panelHeight) throws IOException {
        contactSheet(snapshots, columns).writePng(target, panelWidth, panelHeight);
    }
}
