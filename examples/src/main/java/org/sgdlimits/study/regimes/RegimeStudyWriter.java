package org.sgdlimits.study.regimes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.FigureGrid;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.io.CsvWriter;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.meanfield.snapshot.DensitySnapshotWriter;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Writes the regime study into a directory, every file atomically:
 * <pre>
 *   regimes.png                 the three regime charts side by side (top) above their gap charts (bottom)
 *   classical.png, high-dimensional.png, mean-field.png           theory curves + SGD points, log axes
 *   classical-gaps.png, ...     gap against γ, d or p with the fitted power law
 *   mean-field-snapshots-RUN.png density snapshots of (m, q⊥): widest particle system, density PDE
 *   summary.csv, summary.md     the gap table with fitted log-log slopes
 *   REGIME/RUN/run.json + *.csv one directory per run (γ, d or p value): trajectories and run.json
 *   run.json                    the study's own report, written last
 * </pre>
 * While writing, a file {@value #IN_PROGRESS} marks the directory as incomplete; it is removed after the
 * final run.json, so a directory with run.json and without the marker holds a complete study.
 */
public final class RegimeStudyWriter {
    /** Marker present while (or if interrupted while) the study is written. */
    public static final String IN_PROGRESS = "INCOMPLETE-study-being-written.txt";
    /** Pixel size of one chart. */
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private final Path dir;
    private final BiConsumer<Path, String> announce;
    private final List<Path> written = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** @param announce receives every written file with a short description (may ignore it) */
    public RegimeStudyWriter(Path dir, BiConsumer<Path, String> announce) {
        this.dir = dir;
        this.announce = announce;
    }

    /** Files written so far (for roll-back). */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /** Writes everything; run.json last. */
    public void write(RegimeStudySettings settings, List<RegimeResult> results, Instant startedAt,
                      double computeSeconds) throws IOException {
        Files.createDirectories(dir);
        Path marker = file(IN_PROGRESS);
        AtomicFile.writeString(marker, "The regime study is being written (or was interrupted while writing).\n"
                + "A complete study has run.json and no such file; rerun to replace this directory.\n");
        List<ChartFigure> panels = new ArrayList<>();
        for (RegimeResult r : results) {
            panels.add(r.chart());
        }
        for (RegimeResult r : results) {
            panels.add(r.gapChart());
        }
        Path combined = file("regimes.png");
        FigureGrid.of(panels, results.size()).writePng(combined, WIDTH, HEIGHT);
        announce(combined, "combined figure: the three regimes (top) and their gaps (bottom)");
        for (RegimeResult r : results) {
            chart(r.chart(), r.id() + ".png", r.title() + ": theory curves and SGD points");
            chart(r.gapChart(), r.id() + "-gaps.png", r.title() + ": gap vs " + r.parameterName());
            for (StudyRun run : r.runs()) {
                writeRun(r, run);
            }
        }
        Path csv = file("summary.csv");
        AtomicFile.writeString(csv, summaryCsv(results));
        announce(csv, "gap table with fitted slopes");
        Path md = file("summary.md");
        AtomicFile.writeString(md, summaryMarkdown(settings, results));
        announce(md, "gap table (Markdown)");
        Path report = file("run.json");
        studyReport(settings, results, startedAt, computeSeconds).write(report);
        announce(report, "study report");
        Files.deleteIfExists(marker);
        written.remove(marker);
    }

    private void chart(ChartFigure f, String name, String what) throws IOException {
        Path p = file(name);
        f.writePng(p, WIDTH, HEIGHT);
        f.warnings().forEach(w -> warnings.add(name + ": " + w));
        announce(p, what);
    }

    private void writeRun(RegimeResult regime, StudyRun run) throws IOException {
        Path runDir = dir.resolve(regime.id()).resolve(run.name());
        Files.createDirectories(runDir);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Trajectory> e : run.trajectories().entrySet()) {
            Path p = track(runDir.resolve(e.getKey() + ".csv"));
            CsvWriter.write(e.getValue(), p);
            outputs.put(e.getKey(), p.getFileName().toString());
        }
        if (!run.snapshots().isEmpty()) {
            List<DensitySnapshot> snaps = run.snapshots();
            for (DensitySnapshot s : snaps) {
                String name = String.format(Locale.ROOT, "density-t-%s.csv", ClassicalRegime.fmt(s.time()));
                Path p = track(runDir.resolve(name));
                DensitySnapshotWriter.writeCsv(s, p);
                outputs.put("density t = " + ClassicalRegime.fmt(s.time()), name);
            }
            Path sheet = file(regime.id() + "-snapshots-" + run.name() + ".png");
            DensitySnapshotWriter.writeContactSheet(snaps, sheet, Math.min(snaps.size(), 4), 480, 360);
            announce(sheet, "density snapshots of (m, q_perp), " + run.name() + ", t = "
                    + snaps.stream().map(s -> ClassicalRegime.fmt(s.time())).toList());
        }
        Path json = track(runDir.resolve("run.json"));
        outputs.put("report", "run.json");
        new RunReport("regimes " + regime.id(), run.settings(), run.status(), run.results(), run.statistics(),
                Instant.now(), run.wallSeconds(), run.warnings(), outputs).write(json);
        announce(runDir, "run " + regime.id() + "/" + run.name() + ": " + String.join(", ", outputs.values()));
    }

    static String summaryCsv(List<RegimeResult> results) {
        StringBuilder b = new StringBuilder("regime,comparison,parameter_name,parameter,gap,gap_sem,mean_gap,seeds,"
                + "fitted_slope,expected_slope,window\n");
        for (RegimeResult r : results) {
            for (RegimeResult.GapTrend t : r.trends()) {
                for (GapPoint g : t.points()) {
                    b.append(r.id()).append(',').append(t.comparison().replace(',', ';')).append(',')
                            .append(r.parameterName()).append(',').append(g.parameter()).append(',').append(g.gap())
                            .append(',').append(g.gapError()).append(',').append(g.meanGap()).append(',')
                            .append(g.seeds()).append(',').append(t.slope()).append(',').append(t.expectedSlope())
                            .append(',').append(t.window()).append('\n');
                }
            }
        }
        return b.toString();
    }

    static String summaryMarkdown(RegimeStudySettings settings, List<RegimeResult> results) {
        StringBuilder b = new StringBuilder("# Regimes of one-pass SGD: simulations against their limits\n\n");
        b.append("Gap = root mean square over the recorded times t > 0 of the relative risk gap "
                + "|R_sim(t) - R_theory(t)| / R_theory(t) over the simulated window t \u2264 T (column 't \u2264'; log-spaced times), averaged over SGD runs (± standard error); 'seed mean' is the gap of the seed-averaged "
                + "risk. Erf student and teacher, label noise \u0394 = " + RegimeStudySettings.LABEL_NOISE
                + ", base seed " + settings.seed() + ".\n\n");
        for (RegimeResult r : results) {
            b.append("## ").append(r.title()).append("\n\n");
            b.append("| comparison | ").append(r.parameterName())
                    .append(" | t \u2264 | gap | \u00b1 | seed mean | seeds |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (RegimeResult.GapTrend t : r.trends()) {
                for (GapPoint g : t.points()) {
                    boolean deterministic = g.seeds() == 0;
                    b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3e | %s | %s | %s |%n", t.comparison(),
                            parameter(g.parameter()), parameter(t.window()), g.gap(),
                            deterministic ? "-" : String.format(Locale.ROOT, "%.1e", g.gapError()),
                            deterministic ? "-" : String.format(Locale.ROOT, "%.3e", g.meanGap()),
                            deterministic ? "deterministic" : String.valueOf(g.seeds())));
                }
            }
            b.append('\n');
            for (RegimeResult.GapTrend t : r.trends()) {
                if (t.points().size() < 2) {
                    b.append(String.format(Locale.ROOT, "- %s (t \u2264 %s): one value of %s, no trend fitted%n",
                            t.comparison(), parameter(t.window()), r.parameterName()));
                    continue;
                }
                b.append(String.format(Locale.ROOT, "- %s (t \u2264 %s): gap \u221d %s^%.2f (theory %s^%.2g: %s); first/last = %.2f%n",
                        t.comparison(), parameter(t.window()), r.parameterName(), t.slope(), r.parameterName(), t.expectedSlope(),
                        t.expectation(), t.firstToLastRatio()));
            }
            for (String n : r.notes()) {
                b.append("- ").append(n).append('\n');
            }
            b.append(String.format(Locale.ROOT, "- computed in %.1f s%n", r.seconds()));
            b.append('\n');
        }
        return b.toString();
    }

    /** γ, d or p as written: integers without decimals, other values in shortest form. */
    static String parameter(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private RunReport studyReport(RegimeStudySettings settings, List<RegimeResult> results, Instant startedAt,
                                  double computeSeconds) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("study", "regimes");
        json.put("seed", settings.seed());
        json.put("labelNoise", RegimeStudySettings.LABEL_NOISE);
        json.set("classical", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(settings.classical()));
        json.set("highDimensional", new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(settings.highDimensional()));
        json.set("meanField", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(settings.meanField()));
        Map<String, Object> res = new LinkedHashMap<>();
        RunStatus status = RunStatus.completed(Math.max(settings.classical().theoryTime(),
                Math.max(settings.highDimensional().theoryTime(), settings.meanField().theoryTime())));
        for (RegimeResult r : results) {
            List<Map<String, Object>> trends = new ArrayList<>();
            for (RegimeResult.GapTrend t : r.trends()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("comparison", t.comparison());
                m.put("parameter", r.parameterName());
                m.put("window", t.window());
                m.put("values", t.points().stream().map(GapPoint::parameter).toList());
                m.put("gaps", t.points().stream().map(GapPoint::gap).toList());
                m.put("gapErrors", t.points().stream().map(GapPoint::gapError).toList());
                m.put("fittedSlope", t.slope());
                m.put("expectedSlope", t.expectedSlope());
                m.put("firstToLastRatio", t.firstToLastRatio());
                trends.add(m);
            }
            res.put(r.id(), trends);
            res.put(r.id() + "Seconds", r.seconds());
            for (StudyRun run : r.runs()) {
                if (run.status().diverged() && !status.diverged()) {
                    status = RunStatus.diverged(run.status().time(), r.id() + "/" + run.name() + ": "
                            + run.status().cause());
                }
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("plannedSgdSteps", new RegimeStudy(settings).plannedSteps());
        stats.put("threads", settings.threads());
        stats.put("computeSeconds", computeSeconds);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("combined", "regimes.png");
        outputs.put("summaryCsv", "summary.csv");
        outputs.put("summaryMarkdown", "summary.md");
        for (RegimeResult r : results) {
            outputs.put(r.id(), r.id() + ".png");
            outputs.put(r.id() + "Gaps", r.id() + "-gaps.png");
            outputs.put(r.id() + "Runs", r.id() + "/");
        }
        List<String> w = new ArrayList<>(warnings);
        for (RegimeResult r : results) {
            for (StudyRun run : r.runs()) {
                run.warnings().forEach(x -> w.add(r.id() + "/" + run.name() + ": " + x));
            }
        }
        return new RunReport("regimes", json, status, res, stats, startedAt, computeSeconds, w, outputs);
    }

    private Path file(String name) {
        return track(dir.resolve(name));
    }

    private Path track(Path p) {
        written.add(p);
        return p;
    }

    private void announce(Path p, String what) {
        announce.accept(p, what);
    }
}
