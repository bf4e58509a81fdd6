package org.sgdlimits.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.io.ValueAndError;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.study.escape.DimensionStudy;
import org.sgdlimits.meanfield.escape.EscapeAsymptotics;
import org.sgdlimits.meanfield.escape.EscapeStatistics;
import org.sgdlimits.meanfield.escape.EscapeTime;
import org.sgdlimits.meanfield.escape.NoiseEffect;
import org.sgdlimits.study.escape.NoiseStudy;
import org.sgdlimits.study.escape.RateScaling;
import org.sgdlimits.study.escape.WidthStudy;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PlateauTheory;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.trajectory.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdlimits escape}: escape times of phase retrieval from the plateau (docs/theory.md §6) versus width, versus
 * dimension, and ODE versus SGD. Wires library calls of {@code meanfield.escape}; holds no physics.
 */
@Command(name = "escape",
        mixinStandardHelpOptions = true,
        description = {
            "Escape times of one-pass SGD for phase retrieval (sigma = x^2) from the plateau, docs/theory.md §6.",
            "Studies (--study): width = escape time vs p at each d (ODE typical start, quenched ODE over random "
                + "initial conditions, SGD on the exact Gram chain, asymptotic formula); dimension = escape time vs "
                + "d at p = --study-width (ln d law, slope 1/c*); noise = ODE vs SGD escape distributions from the "
                + "same initial conditions at d = first of --dimensions, p = --study-width.",
            "Writes into DIR: escape_vs_width.csv/.png, escape_vs_dimension.csv/.png, escape_noise.csv/.png "
                + "(for the studies run) and run.json (options with defaults, study summaries, outputs), written "
                + "last. The width table's theory column is named after its formula and its CSV column "
                + "(theory_typical or spherical_talks).",
            ""},
        footer = {
            "",
            "Examples:",
            "  # width study on the defaults (a few minutes):",
            "  ./sgdlimits escape --out runs/escape",
            "  ./sgdlimits escape --widths 1,2,4,8,16 --dimensions 1000,3000 --g 0.1 \\",
            "      --noise 0 --threshold 0.5 --criterion overlap --seeds 200 \\",
            "      --out runs/escape-width",
            "  ./sgdlimits escape --gamma 0.4 --study width,dimension,noise \\",
            "      --out runs/escape-gamma",
            "  ./sgdlimits escape --spherical --criterion risk --threshold 0.1 \\",
            "      --out runs/spherical"})
final class EscapeCommand extends RunCommand {

    @Option(names = "--widths", split = ",", paramLabel = "P", description = "student widths (default: 1,2,4,8,16)")
    int[] widths = {1, 2, 4, 8, 16};

    @Option(names = "--dimensions", split = ",", paramLabel = "D", description = "input dimensions (default: 1000,3000)")
    int[] dimensions = {1000, 3000};

    @Option(names = "--g", paramLabel = "G", description = "g = learning rate / p held fixed across widths (default 0.1)")
    Double g;

    @Option(names = "--gamma", paramLabel = "GAMMA", description = "learning rate held fixed across widths (instead of --g)")
    Double gamma;

    @Option(names = "--noise", paramLabel = "DELTA", description = "label-noise variance (default 0)")
    double noise = 0.0;

    @Option(names = "--threshold", paramLabel = "T", description = "escape threshold T in (0, 1) (default 0.5)")
    double threshold = 0.5;

    @Option(names = "--criterion", paramLabel = "overlap|risk",
            description = "overlap: mean m_i^2 >= T; risk: R(t) <= (1 - T) R(0) (default overlap)")
    String criterion = "overlap";

    @Option(names = "--spherical", description = "spherical (projected) SGD: student norms fixed to 1")
    boolean spherical;

    @Option(names = "--seeds", paramLabel = "S", description = "SGD runs per point, 0 to skip the simulation (default 200)")
    int seeds = 200;

    @Option(names = "--samples", paramLabel = "N",
            description = "random initial conditions per point for the quenched ODE (default: as --seeds)")
    Integer samples;

    @Option(names = "--max-quenched-width", paramLabel = "P",
            description = "widest p for the full quenched ODE (cost ~ p^3); wider p use the reduced particle ODE, error O(g) (default 64)")
    int maxQuenchedWidth = 64;

    @Option(names = "--max-simulated-width", paramLabel = "P",
            description = "widest p simulated by SGD (a Gram-chain step costs ~ p^3; default 64)")
    int maxSimulatedWidth = 64;

    @Option(names = "--engine", paramLabel = "gram|explicit",
            description = "SGD simulator: gram (exact Gram chain, cost independent of d) or explicit (default gram)")
    String engine = "gram";

    @Option(names = "--resolution", paramLabel = "H", description = "time resolution of SGD escape detection (default 0.01)")
    double resolution = 0.01;

    @Option(names = "--study", split = ",", paramLabel = "STUDY",
            description = "studies to run: width, dimension, noise (default width)")
    List<String> studies = List.of("width");

    @Option(names = "--study-width", paramLabel = "P", description = "p of the dimension and noise studies (default 4)")
    int studyWidth = 4;

    @Option(names = "--study-dimensions", split = ",", paramLabel = "D",
            description = "d values of the dimension study (default 1e3,3e3,1e4,3e4,1e5,3e5,1e6)")
    double[] studyDimensions = {1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6};

    @Option(names = "--seed", paramLabel = "SEED", description = "base random seed (default 1)")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-charts", description = "write only the CSV files")
    boolean noCharts;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        PrintWriter out = run.out();
        PrintWriter err = run.err();
        OutputDirectory dir = run.directory();
        EscapeCriterion escapeCriterion = run.prepare(() -> {
            if (g != null && gamma != null) {
                throw new IllegalArgumentException("--g and --gamma: give only one of them");
            }
            for (String s : studies) {
                if (!List.of("width", "dimension", "noise").contains(s.trim().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("--study: unknown value '" + s + "'; allowed: width, dimension, noise");
                }
            }
            return new EscapeCriterion(EscapeCriterion.Kind.parse(criterion), threshold);
        });
        EngineKind simulator = run.prepare(() -> SimulationOptions.engineKind(engine));
        WidthStudy.Settings settings = run.prepare(() -> {
            RateScaling scaling = gamma != null ? RateScaling.FIXED_LEARNING_RATE : RateScaling.FIXED_G;
            double rate = gamma != null ? gamma : g != null ? g : 0.1;
            return new WidthStudy.Settings(widths, dimensions, scaling, rate, noise, escapeCriterion, spherical,
                    samples != null ? samples : seeds, maxQuenchedWidth, seeds, maxSimulatedWidth, simulator,
                    resolution, seed, threads);
        });
        long t0 = System.nanoTime();
        run.runAndWrite(null, () -> {
                    warnings(settings, escapeCriterion, err);
                    List<StudyResult> results = new ArrayList<>();
                    for (String study : studies) {
                        switch (study.trim().toLowerCase(Locale.ROOT)) {
                            case "width" -> results.add(run.compute("the width study",
                                    () -> widthStudy(settings, out)));
                            case "dimension" -> results.add(run.compute("the dimension study",
                                    () -> dimensionStudy(settings, out)));
                            default -> results.add(run.compute("the noise study", () -> noiseStudy(settings, out)));
                        }
                    }
                    return results;
                },
                (outputs, results, timing) -> {
                    Map<String, Object> summary = new LinkedHashMap<>();
                    for (StudyResult r : results) {
                        r.write(dir, outputs, !noCharts, CHART_DESCRIPTIONS.get(r.name()));
                        summary.put(r.name(), r.summary());
                    }
                    outputs.report(new RunReport("escape", settingsJson(settings), RunStatus.completed(Double.NaN),
                            summary, statistics(), timing.started(), timing.wallSeconds(), outputs.warnings(),
                            outputs.files()), "options with defaults, study summaries, outputs");
                });
        out.printf(Locale.ROOT, "sgdlimits escape: done in %.1f s; outputs in %s%n", (System.nanoTime() - t0) * 1e-9,
                output.path());
        out.flush();
        return SgdLimits.OK;
    }

    /** Warnings about the settings, before the studies run (docs/theory.md §5, §6). */
    private void warnings(WidthStudy.Settings settings, EscapeCriterion escapeCriterion, PrintWriter err) {
        if (!spherical && escapeCriterion.kind() == EscapeCriterion.Kind.RISK) {
            // docs/theory.md §6: with plain SGD the relaxation of the norms alone lowers the risk by an O(1) fraction
            for (int p : widths) {
                try {
                    double drop = PlateauTheory.of(p, settings.reducedRate(p), noise).relaxationRiskDrop();
                    if (drop >= threshold) {
                        err.printf(Locale.ROOT, "sgdlimits escape: warning: at p = %d the relaxation of the norms alone "
                                + "lowers the risk by %.3f >= T = %s: the risk criterion fires before any escape%n",
                                p, drop, threshold);
                    }
                } catch (IllegalArgumentException e) {
                    err.println("sgdlimits escape: warning: at p = " + p + ": " + e.getMessage());
                }
            }
            err.flush();
        }
        for (int p : widths) {
            double gp = settings.reducedRate(p);
            if (p > maxQuenchedWidth && settings.quenchedSamples() > 0 && gp > 0.02 && studies.contains("width")) {
                // docs/theory.md §5: the particle closure keeps an O(g) error that does not vanish with p
                err.printf(Locale.ROOT, "sgdlimits escape: warning: quenched escape beyond p = %d uses the reduced "
                        + "particle ODE, whose closure error is O(g) (about 4%% of the escape time at g = 0.1); "
                        + "g = %s at p = %d is not small%n", maxQuenchedWidth, gp, p);
                break;
            }
        }
        err.flush();
    }

    /** What each study's chart shows (announced and listed in run.json). */
    private static final Map<String, String> CHART_DESCRIPTIONS = Map.of(
            "width", "escape time vs p: ODE, quenched ODE, SGD, asymptote",
            "dimension", "escape time vs ln d and the 1/c* law",
            "noise", "ODE vs SGD escape-time distributions");

    private Map<String, Object> statistics() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("threads", threads);
        stats.put("seed", seed);
        return stats;
    }

    /**
     * One computed study: its summary for run.json and how to write its table (CSV) and chart (PNG).
     *
     * @param name    width, dimension or noise
     * @param summary headline numbers for run.json
     * @param csv     writes the table into the directory (null: nothing to write)
     * @param chart   the chart, drawn only when charts are on (null: none)
     */
    private record StudyResult(String name, Map<String, Object> summary, CsvTable csv, ChartFigure chart) {
        /** A table written by its study class into a directory under the name {@code file}. */
        record CsvTable(String file, String kind, String what, TableWriter writer) {
        }

        @FunctionalInterface
        interface TableWriter {
            void writeInto(Path dir) throws IOException;
        }

        /** {@code file}.csv and, with charts, {@code file}.png (kinds KIND Csv / KIND Chart). */
        void write(OutputDirectory dir, RunOutputs outputs, boolean charts, String chartWhat) throws IOException {
            if (csv == null) {
                return;
            }
            Path table = dir.file(csv.file() + ".csv");
            csv.writer().writeInto(dir.path());
            outputs.record(csv.kind() + "Csv", table, csv.what());
            if (charts && chart != null) {
                outputs.chart(csv.file() + ".png", csv.kind() + "Chart", chart, chartWhat);
            }
        }
    }

    /** The options of this run with every default filled in, as the "experiment" of run.json. */
    private ObjectNode settingsJson(WidthStudy.Settings s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("studies", String.join(",", studies));
        o.putPOJO("widths", s.widths());
        o.putPOJO("dimensions", s.dimensions());
        o.put(s.scaling() == RateScaling.FIXED_G ? "g" : "gamma", s.rate());
        o.put("noise", s.noise());
        o.put("threshold", s.criterion().threshold());
        o.put("criterion", s.criterion().kind().name().toLowerCase(Locale.ROOT));
        o.put("spherical", s.spherical());
        o.put("seeds", s.seeds());
        o.put("samples", s.quenchedSamples());
        o.put("maxQuenchedWidth", maxQuenchedWidth);
        o.put("maxSimulatedWidth", maxSimulatedWidth);
        o.put("engine", s.engine().id());
        o.put("resolution", s.resolution());
        o.put("studyWidth", studyWidth);
        o.putPOJO("studyDimensions", studyDimensions);
        o.put("seed", s.seed());
        return o;
    }

    private StudyResult widthStudy(WidthStudy.Settings s, PrintWriter out) {
        out.printf(Locale.ROOT, "width study: p = %s, d = %s, %s = %s, noise = %s, %s%s; %d SGD seeds, %d ODE samples%n",
                Arrays.toString(s.widths()), Arrays.toString(s.dimensions()),
                s.scaling() == RateScaling.FIXED_G ? "g" : "gamma", s.rate(), s.noise(), s.criterion(),
                s.spherical() ? ", spherical" : "", s.seeds(), s.quenchedSamples());
        TheoryColumn theory = TheoryColumn.of(s);
        out.printf(Locale.ROOT, "%7s %8s %8s %13s %24s %24s   %s%n", "p", "d", "g", "ODE typical",
                "quenched ODE mean ± sem", "SGD mean ± sem", theory.heading());
        out.flush();
        List<WidthStudy.Row> rows = WidthStudy.run(s, SimulationProgress.NONE, row -> {
            out.printf(Locale.ROOT, "%7d %8d %8.4f %13s %24s %24s   %s%n", row.width(), row.dimension(),
                    row.reducedRate(), row.typical().escaped() ? fmt(row.typical().time()) : "none (" +
                            row.typical().status().outcome().name().toLowerCase(Locale.ROOT) + ")",
                    stats(row.quenched()), stats(row.sgd()), fmt(theory.value(row.theory())));
            out.flush();
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", rows.size());
        summary.put("theoryColumn", theory.heading());
        summary.put("table", "escape_vs_width.csv");
        return new StudyResult("width", summary, new StudyResult.CsvTable("escape_vs_width", "width",
                "escape times vs p at each d", dir -> WidthStudy.writeCsv(rows, dir)),
                noCharts ? null : WidthStudy.chart(rows, s));
    }

    private StudyResult dimensionStudy(WidthStudy.Settings s, PrintWriter out) {
        double rate = s.reducedRate(studyWidth);
        DimensionStudy.Settings ds = new DimensionStudy.Settings(studyWidth, rate, s.noise(), s.criterion(),
                s.spherical(), studyDimensions, Math.min(s.quenchedSamples(), 100), s.seed(), s.threads());
        DimensionStudy.Result r = DimensionStudy.run(ds);
        out.printf(Locale.ROOT, "dimension study (p = %d, g = %s): slope of t vs ln d = %.5f, theory 1/c = %.5f%n",
                studyWidth, rate, r.fittedSlope(), r.theorySlope());
        out.flush();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("width", studyWidth);
        summary.put("fittedSlope", r.fittedSlope());
        summary.put("theorySlope", Double.isNaN(r.theorySlope()) ? null : r.theorySlope());
        summary.put("table", "escape_vs_dimension.csv");
        return new StudyResult("dimension", summary, new StudyResult.CsvTable("escape_vs_dimension", "dimension",
                "escape time vs d at p = " + studyWidth, dir -> DimensionStudy.writeCsv(r, dir)),
                noCharts ? null : DimensionStudy.chart(r, ds));
    }

    private StudyResult noiseStudy(WidthStudy.Settings s, PrintWriter out) {
        int d = s.dimensions()[0];
        double rate = s.reducedRate(studyWidth);
        PhaseRetrievalModel model = new PhaseRetrievalModel(studyWidth, 1.0, rate, s.noise(), s.spherical());
        EscapeTime escape = new EscapeTime(model, s.criterion(), s.threads());
        var typical = escape.typical(d);
        if (!typical.escaped()) {
            String why = "the ODE does not escape (" + typical.status() + ")";
            out.println("noise study skipped: " + why);
            out.flush();
            return new StudyResult("noise", Map.of("skipped", why), null, null);
        }
        int runs = Math.max(s.seeds(), 2);
        NoiseEffect effect = escape.noiseEffect(d, runs, s.seed(), s.engine(), 2.5 * typical.time() + 1.0,
                s.resolution(), SimulationProgress.NONE);
        String description = String.format(Locale.ROOT, "p = %d, d = %d, g = %s", studyWidth, d, rate);
        String theory = "";
        if (!s.spherical() && s.criterion().kind() == EscapeCriterion.Kind.OVERLAP) {
            try {
                theory = String.format(Locale.ROOT, " (theory ln(1+nu)/c* = %.4f)",
                        PlateauTheory.of(studyWidth, rate, s.noise()).sgdNoiseShift());
            } catch (IllegalArgumentException e) {
                theory = " (no plateau theory: " + e.getMessage() + ")";
            }
        }
        out.printf(Locale.ROOT, "noise study (%s): ODE %s, SGD %s; ODE - SGD = %s%s%n",
                description, stats(effect.ode()), stats(effect.sgd()), ValueAndError.format(
                        effect.difference().mean(), effect.difference().standardError()), theory);
        out.flush();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("width", studyWidth);
        summary.put("dimension", d);
        summary.put("odeMinusSgdMean", effect.difference().mean());
        summary.put("odeMinusSgdStandardError", effect.difference().standardError());
        summary.put("table", "escape_noise.csv");
        return new StudyResult("noise", summary, new StudyResult.CsvTable("escape_noise", "noise",
                "ODE and SGD escape times from the same initial conditions", dir -> NoiseStudy.writeCsv(effect, dir)),
                noCharts ? null : NoiseStudy.chart(effect, description));
    }

    private static String stats(EscapeStatistics s) {
        if (s == null) {
            return "-";
        }
        String text = ValueAndError.format(s.mean(), s.standardError());
        return s.notEscaped() > 0 ? text + " [" + s.notEscaped() + " not escaped]" : text;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    /**
     * The analytic column of the width table: which formula of {@link EscapeAsymptotics} applies to the run's
     * mode, headed by its escape_vs_width.csv column name and the formula (docs/theory.md §6).
     */
    enum TheoryColumn {
        /** Plain SGD: t_typ = (ln d + K)/c*, CSV column theory_typical. */
        PLAIN_TYPICAL("theory_typical = (ln d + K)/c*"),
        /** Spherical SGD, overlap criterion: the linear phase ln(T d)/c_s, CSV column theory_typical. */
        SPHERICAL_LINEAR_PHASE("theory_typical = ln(T d)/c_s"),
        /** Spherical SGD, risk criterion: the small-T formula, CSV column spherical_talks. */
        SPHERICAL_TALKS("spherical_talks = ln[(T(p+1)d + (p+1)(1-T))/(2p)]/(8[1 - g(1 + 1/p + 4/p^2 + noise/2)])");

        private final String heading;

        TheoryColumn(String heading) {
            this.heading = heading;
        }

        static TheoryColumn of(WidthStudy.Settings s) {
            if (!s.spherical()) {
                return PLAIN_TYPICAL;
            }
            return s.criterion().kind() == EscapeCriterion.Kind.RISK ? SPHERICAL_TALKS : SPHERICAL_LINEAR_PHASE;
        }

        String heading() {
            return heading;
        }

        double value(EscapeAsymptotics a) {
            return this == SPHERICAL_TALKS ? a.sphericalTalks() : a.typical();
        }
    }
}
