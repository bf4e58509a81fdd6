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
import org.sgdlimits.chart.DensitySnapshotWriter;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Writes the regime study into a directory, every file atomically:
 * <pre>
 *   regimes.png                 one row per regime: its chart (left) and its gap chart (right)
 *   classical.png, high-dimensional.png, mean-field.png, multi-pass.png    theory curves + simulation points
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
    /**
     * Magnification of the panels of the combined figure (laid out at 900/1.3 × 600/1.3): it is shown reduced
     * to half its width in the README, where the legends must stay readable.
     */
    static final double COMBINED_SCALE = 1.3;

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
            panels.add(r.gapChart());
        }
        Path combined = file("regimes.png");
        FigureGrid.of(panels, 2).writePng(combined, WIDTH, HEIGHT, COMBINED_SCALE);
        announce(combined, "combined figure: one row per regime, its curves (left) and its gaps (right)");
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

    /**
     * The gap table in Markdown, as the README includes it verbatim (between the markers
     * {@code <!-- regimes-summary:begin -->} and {@code <!-- regimes-summary:end -->}): the fitted power laws with
     * their standard errors and whether theory's exponent lies within ±2 of them, every gap, and the notes.
     * Deterministic for given settings (no wall times).
     */
    static String summaryMarkdown(RegimeStudySettings settings, List<RegimeResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Regime study (one-pass regimes: erf student and teacher, label noise \u0394 = ")
                .append(RegimeStudySettings.LABEL_NOISE).append("; multi-pass: ridge regression, see its notes; base seed ")
                .append(settings.seed()).append("). Fitted power laws gap \u221d x^slope:\n\n");
        b.append("| regime | comparison | t \u2264 | fitted on | slope \u00b1 SE | theory | agrees with theory? |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (RegimeResult r : results) {
            for (RegimeResult.GapTrend t : r.trends()) {
                String on = t.points().size() + " points: " + symbol(r.parameterName()) + " = " + String.join(", ",
                        t.points().stream().map(g -> parameter(g.parameter())).toList());
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.id(), t.comparison(),
                        parameter(t.window()), on, slopeText(t.fit()), theoryText(t.expectedSlope()), agreement(t)));
            }
        }
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        double widest = 0;
        for (RegimeResult r : results) {
            for (RegimeResult.GapTrend t : r.trends()) {
                int n = t.points().size();
                fewest = Math.min(fewest, n);
                most = Math.max(most, n);
                double lo = t.points().stream().mapToDouble(GapPoint::parameter).min().orElse(1);
                double hi = t.points().stream().mapToDouble(GapPoint::parameter).max().orElse(1);
                narrowest = Math.min(narrowest, Math.log10(hi / lo));
                widest = Math.max(widest, Math.log10(hi / lo));
            }
        }
        b.append("\nSlope: weighted least squares of ln gap on ln x, each gap weighted by (gap / SE)\u00b2 with SE its "
                + "standard error over seeds; the slope's SE is propagated from the gap SEs and multiplied by "
                + "\u221a(\u03c7\u00b2/(n \u2212 2)) when the points scatter more than their errors (n > 2). "
                + "Deterministic gaps (particles vs full ODE) are fitted unweighted, the SE from the residuals "
                + "(none with 2 points). \"Agrees\" means the theory exponent lies within slope \u00b1 2 SE "
                + "(distance in SE in brackets). "
                + String.format(Locale.ROOT, "Every fit rests on %d\u2013%d points spanning %.1f\u2013%.1f decades of x",
                        fewest, most, narrowest, widest)
                + ": it measures how the gap closes over these values, not an asymptotic exponent.\n\n");
        b.append("Gap = root mean square over the recorded (log-spaced) times 0 < t \u2264 T of the relative risk gap "
                + "|R_sim(t) \u2212 R_theory(t)| / R_theory(t) (R the test risk), mean over simulated runs (SGD; "
                + "multi-pass: GD, one data set per run) \u00b1 standard error; 'seed mean' is the gap of the "
                + "seed-averaged risk.\n\n");
        b.append("| regime | comparison | x | t \u2264 | gap | \u00b1 SE | seed mean | seeds |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (RegimeResult r : results) {
            for (RegimeResult.GapTrend t : r.trends()) {
                for (GapPoint g : t.points()) {
                    boolean deterministic = g.seeds() == 0;
                    b.append(String.format(Locale.ROOT, "| %s | %s | %s = %s | %s | %.2e | %s | %s | %s |%n", r.id(),
                            t.comparison(), symbol(r.parameterName()), parameter(g.parameter()),
                            parameter(t.window()), g.gap(),
                            deterministic ? "-" : String.format(Locale.ROOT, "%.1e", g.gapError()),
                            deterministic ? "-" : String.format(Locale.ROOT, "%.2e", g.meanGap()),
                            deterministic ? "deterministic" : String.valueOf(g.seeds())));
                }
            }
        }
        b.append('\n');
        for (RegimeResult r : results) {
            for (String n : r.notes()) {
                b.append("- ").append(r.id()).append(": ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    /** "0.39 ± 0.05", or the slope alone with "(no SE)". */
    public static String slopeText(PowerLawFit fit) {
        if (fit == null) {
            return "-";
        }
        return fit.hasError() ? String.format(Locale.ROOT, "%.2f \u00b1 %.2f", fit.slope(), fit.standardError())
                : String.format(Locale.ROOT, "%.2f", fit.slope());
    }

    /** The theory column: the predicted exponent, or "none" where theory predicts no power law (NaN). */
    public static String theoryText(double expectedSlope) {
        return Double.isNaN(expectedSlope) ? "none" : parameter(expectedSlope);
    }

    /** The agreement column: yes/no with the distance in standard errors, or why there is no verdict. */
    public static String agreement(RegimeResult.GapTrend t) {
        PowerLawFit fit = t.fit();
        if (fit == null) {
            return "not fitted";
        }
        if (Double.isNaN(t.expectedSlope())) {
            return "no theory exponent";
        }
        if (!fit.hasError()) {
            return fit.points() + " points: no error";
        }
        String verdict = String.format(Locale.ROOT, "%s (%.1f SE)", t.agreesWithTheory() ? "yes" : "no",
                fit.standardErrorsFrom(t.expectedSlope()));
        if (fit.degreesOfFreedom() == 0) {
            verdict += "; 2 points: SE from the gap SEs only";
        }
        return verdict;
    }

    /** γ for "gamma", otherwise the name itself. */
    static String symbol(String parameterName) {
        return "gamma".equals(parameterName) ? "\u03b3" : parameterName;
    }

    /** γ, d or p as written: integers without decimals, other values in shortest form. */
    public static String parameter(double v) {
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
        json.set("multiPass", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(settings.multiPass()));
        Map<String, Object> res = new LinkedHashMap<>();
        RunStatus status = RunStatus.completed(Math.max(Math.max(settings.classical().theoryTime(),
                settings.multiPass().simulationTime()), Math.max(settings.highDimensional().theoryTime(),
                settings.meanField().theoryTime())));
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
                m.put("fittedSlopeStandardError", t.slopeError());
                m.put("fitPoints", t.points().size());
                m.put("fitMethod", t.fit() == null ? "none" : t.fit().method().name().toLowerCase(Locale.ROOT));
                m.put("agreesWithTheoryWithinTwoStandardErrors", t.agreesWithTheory());
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
