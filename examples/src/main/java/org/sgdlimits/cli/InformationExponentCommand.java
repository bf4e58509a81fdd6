package org.sgdlimits.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.study.informationexponent.ExponentResult;
import org.sgdlimits.study.informationexponent.InformationExponentSettings;
import org.sgdlimits.study.informationexponent.InformationExponentStudy;
import org.sgdlimits.study.informationexponent.InformationExponentWriter;
import org.sgdlimits.trajectory.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdlimits information-exponent}: escape times of a single-index He_k teacher against d, k = 1 … 4
 * ({@link InformationExponentStudy}); no physics here.
 */
@Command(name = "information-exponent",
        mixinStandardHelpOptions = true,
        description = {
            "Escape time of a single-index He_k teacher (information exponent k) against d.",
            "One spherical He_k unit from m0 = d^-1/2, k = 1..4: overlap ODE and Gram-chain",
            "SGD at a fraction theta of the critical learning rate (docs/theory.md §6.1).",
            "Theory (samples/d): O(1) for k = 1, log d for k = 2, d^(k-2) for k >= 3.",
            "Writes into DIR: information-exponent.png (log-log, fitted exponents),",
            "escape-times.csv, summary.md, run.json.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits information-exponent --out runs/info-exp        # a few minutes",
            "  ./sgdlimits information-exponent --quick --out runs/info-q  # seconds",
            ""})
final class InformationExponentCommand extends RunCommand {

    @Option(names = "--quick", description = "small sizes (fewer dimensions and seeds): seconds")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "N", description = "Gram-chain runs per (k, d) (default 16; --quick: 6)")
    Integer seeds;

    @Option(names = "--rate-fraction", paramLabel = "THETA",
            description = "learning rate as a fraction of the critical rate at m0, in (0, 1) (default 0.5)")
    double rateFraction = 0.5;

    @Option(names = "--seed", paramLabel = "SEED", description = "base random seed (default 1)")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        InformationExponentSettings settings = run.prepare(() -> {
            InformationExponentSettings s = (quick ? InformationExponentSettings.tiny()
                    : InformationExponentSettings.defaults()).withSeed(seed).withThreads(threads)
                    .withRateFraction(rateFraction);
            return seeds == null ? s : s.withSeeds(seeds);
        });
        InformationExponentStudy study = new InformationExponentStudy(settings);
        long t0 = System.nanoTime();
        List<ExponentResult> results = run.runAndWrite(String.format(Locale.ROOT, "sgdlimits information-exponent%s: "
                        + "k = 1..4, %d Gram-chain runs per point on %d thread(s); output into %s", quick ? " --quick" : "",
                        settings.seeds(), settings.threads(), output.path()),
                () -> run.compute("the study", study::run),
                (outputs, r, timing) -> {
                    Path csv = run.directory().file("escape-times.csv");
                    AtomicFile.writeString(csv, InformationExponentWriter.csv(r));
                    outputs.record("escapeTimes", csv, "escape times: k, source, d, tau, s.e.");
                    outputs.chart("information-exponent.png", "chart", InformationExponentWriter.chart(r),
                            "escape time against d, log-log, fitted exponents");
                    Path md = run.directory().file("summary.md");
                    AtomicFile.writeString(md, InformationExponentWriter.markdown(settings, r));
                    outputs.record("summary", md, "fitted exponents beside theory (Markdown)");
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("threads", settings.threads());
                    stats.put("computeSeconds", timing.wallSeconds());
                    outputs.report(new RunReport("information-exponent", InformationExponentWriter.settingsJson(settings),
                            RunStatus.completed(0), InformationExponentWriter.resultsJson(r), stats, timing.started(),
                            timing.wallSeconds(), outputs.warnings(), outputs.files()),
                            "settings, fitted exponents, escape times");
                }).result();
        for (ExponentResult r : results) {
            run.out().printf(Locale.ROOT, "k = %d (theory %-5s, k - 2 = %2d): ODE exponent %s, Gram-chain exponent %s%n",
                    r.exponent(), r.theoryLabel(), r.exponent() - 2,
                    InformationExponentWriter.slope(r.odeFit().slope(), r.odeFit().standardError()),
                    InformationExponentWriter.slope(r.simulatedFit().slope(), r.simulatedFit().standardError()));
        }
        run.out().printf(Locale.ROOT, "sgdlimits information-exponent: done in %.1f s%n",
                (System.nanoTime() - t0) * 1e-9);
        run.out().flush();
        return SgdLimits.OK;
    }
}
