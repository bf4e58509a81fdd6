package org.sgdlimits.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sgdlimits.study.regimes.GapPoint;
import org.sgdlimits.study.regimes.RegimeResult;
import org.sgdlimits.study.regimes.RegimeStudy;
import org.sgdlimits.study.regimes.RegimeStudySettings;
import org.sgdlimits.study.regimes.RegimeStudyWriter;
import org.sgdlimits.study.regimes.StudyProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdlimits regimes}: the regime-comparison study ({@link RegimeStudy}) — one-pass SGD against its
 * classical, high-dimensional and mean-field limits and multi-pass GD against its DMFT limit, with gap tables and
 * charts. Everything is computed
 * before the first file is written; files are then written atomically with a marker that is removed at the end.
 */
@Command(name = "regimes",
        mixinStandardHelpOptions = true,
        description = {
            "Compares one-pass SGD with its three limits (classical, high-dimensional, mean-field)",
            "and multi-pass gradient descent with its DMFT limit.",
            "Arnaboldi et al. 2023; erf student and teacher, label noise 1e-3:",
            "  classical (gamma -> 0 at d = 100, p = 10, k = 2): SGD approaches gradient flow;",
            "  high-dimensional (d -> infinity at gamma = 0.1, p = 8, k = 4): SGD approaches the ODE with noise term;",
            "  mean-field (p -> infinity at gamma = 0.5, d = 100, k = 1): particles and SGD approach the full ODE;",
            "  multi-pass (d -> infinity at alpha = n/d = 2; ridge regression, full-batch GD on one data set):",
            "    finite-d GD approaches the exact DMFT closure.",
            "Writes into DIR: regimes.png (all four + gaps), one chart and one gap chart per regime, "
                + "summary.csv/.md (gaps and fitted log-log slopes), density snapshots "
                + "(mean-field-snapshots-*.png), and a directory with CSV files and run.json per run; the "
                + "study's run.json last.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits regimes --out runs/regimes            # defaults: < 2.5 min",
            "  ./sgdlimits regimes --quick --out runs/regimes-q  # smaller: < 1 min",
            "  ./sgdlimits regimes --seed 7 --quiet --out runs/regimes-7",
            "",
            "Ctrl-C before the files are written leaves nothing; while they are",
            "written, DIR holds " + RegimeStudyWriter.IN_PROGRESS,
            "until run.json is complete."})
final class RegimesCommand extends RunCommand {

    @Option(names = "--quick", description = "smaller sizes (fewer seeds, shorter window): under a minute")
    boolean quick;

    @Option(names = "--seed", paramLabel = "SEED", description = "base random seed (default 1)")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--tiny", hidden = true, description = "smallest sizes that still show every trend (tests)")
    boolean tiny;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        PrintWriter out = run.out();
        Path outDir = output.path();
        OutputDirectory dir = run.directory();
        RegimeStudySettings settings = run.prepare(() -> {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads: " + threads + "; must be an integer >= 1");
            }
            if (quick && tiny) {
                throw new IllegalArgumentException("--quick and --tiny: give only one of them");
            }
            return (tiny ? RegimeStudySettings.tiny()
                    : quick ? RegimeStudySettings.quick() : RegimeStudySettings.defaults())
                    .withSeed(seed).withThreads(threads);
        });
        RegimeStudy study = new RegimeStudy(settings);
        long t0 = System.nanoTime();
        RegimeStudyWriter writer = new RegimeStudyWriter(outDir, (p, what) -> {
            if (!run.quiet()) {
                out.println("  wrote " + p + "  (" + what + ")");
                out.flush();
            }
        });
        List<RegimeResult> results = run.runAndWrite(String.format(Locale.ROOT, "sgdlimits regimes%s: %d SGD steps "
                        + "planned on %d thread(s); output into %s", quick ? " --quick" : "", study.plannedSteps(),
                        threads, outDir), () -> {
                    try (Progress progress = Progress.open(!run.quiet() && System.console() != null,
                            study.plannedSteps())) {
                        return run.compute("the study", () -> study.run(progress));
                    }
                },
                (outputs, r, timing) -> {
                    // the study writes a directory per regime and run, each with its own run.json
                    dir.track(writer::written);
                    if (!Files.isDirectory(outDir)) {
                        dir.file(RegimeStudyWriter.IN_PROGRESS); // remembers that this run created the directory
                    }
                    writer.write(settings, r, timing.started(), timing.wallSeconds());
                }).result();
        for (RegimeResult r : results) {
            for (RegimeResult.GapTrend t : r.trends()) {
                StringBuilder b = new StringBuilder();
                for (GapPoint g : t.points()) {
                    b.append(String.format(Locale.ROOT, " %s=%s: %.2e", r.parameterName(), fmt(g.parameter()), g.gap()));
                }
                out.printf(Locale.ROOT, "%-17s %-24s%s | slope %s (theory %s; agrees: %s)%n", r.id(),
                        t.comparison(), b, RegimeStudyWriter.slopeText(t.fit()),
                        RegimeStudyWriter.theoryText(t.expectedSlope()), RegimeStudyWriter.agreement(t));
            }
            r.notes().forEach(n -> out.println("                  " + n));
            out.printf(Locale.ROOT, "                  computed in %.1f s%n", r.seconds());
        }
        out.printf(Locale.ROOT, "sgdlimits regimes: done in %.1f s; combined figure %s, table %s%n",
                (System.nanoTime() - t0) * 1e-9, outDir.resolve("regimes.png"), outDir.resolve("summary.md"));
        out.flush();
        return SgdLimits.OK;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The progress display on stderr (a no-op when off). */
    private static final class Progress implements StudyProgress, AutoCloseable {
        private final ProgressBar bar;

        private Progress(ProgressBar bar) {
            this.bar = bar;
        }

        static Progress open(boolean show, long steps) {
            if (!show) {
                return new Progress(null);
            }
            return new Progress(new ProgressBarBuilder().setTaskName("regimes").setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" M steps", 1_000_000).setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).startsFrom(0, Duration.ZERO).build());
        }

        @Override
        public void advanced(long steps) {
            if (bar != null) {
                bar.stepBy(steps);
            }
        }

        @Override
        public void stage(String description) {
            if (bar != null) {
                bar.setExtraMessage(description);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
