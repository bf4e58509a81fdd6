package org.sgdlimits.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.OverlapChart;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.experiment.ExperimentJson;
import org.sgdlimits.experiment.ExperimentParser;
import org.sgdlimits.io.CsvWriter;
import org.sgdlimits.io.NpyWriter;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.io.SummaryTable;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.ComparisonSummary;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sgdlimits compare}: the overlap ODE and a finite-d simulation from the same initial condition. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the overlap ODE with a finite-d SGD simulation from the same initial condition.",
            "Runs the ODE of the experiment (its regime) and the simulation over several seeds from the same "
                + "initial overlaps, on the same time grid.",
            "Writes into DIR: theory.csv/.npy, simulation.csv/.npy (with c_sem columns), risk.png (simulation "
                + "with error bars over the theory curve, log-log), overlaps.png (chosen overlaps: theory lines, "
                + "simulation points), summary.csv (per observable: largest gap, largest gap in standard errors) "
                + "and run.json.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits compare examples/saad-solla-plateau.json --dimension 1000 \\",
            "      --seeds 16 --out runs/cmp",
            "  ./sgdlimits compare my.json --dimension 100000 --seeds 64 --engine gram \\",
            "      --out runs/cmp-gram",
            "",
            "The mean over seeds should sit on the ODE within a few standard errors plus",
            "O(1/d); the gap shrinks about as 1/sqrt(d) (SPEC section 3)."})
final class CompareCommand implements Callable<Integer> {
    /** Overlap components drawn in overlaps.png. */
    static final int MAX_OVERLAP_CURVES = 6;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON, SPEC section 7)")
    Path experimentFile;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "output directory; created if missing, must be empty unless --force")
    Path outDir;

    @Option(names = {"-d", "--dimension"}, paramLabel = "D",
            description = "input dimension d of the simulation (default: the experiment's 'dimension', else "
                    + "initial.random.dimension)")
    Integer dimension;

    @Option(names = {"-s", "--seeds"}, paramLabel = "S", description = "number of seeds (default: ${DEFAULT-VALUE})")
    int seeds = 8;

    @Option(names = "--seed", paramLabel = "BASE", description = "base seed (default: ${DEFAULT-VALUE})")
    long baseSeed = 1;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "explicit or gram (default: ${DEFAULT-VALUE})")
    String engine = "explicit";

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Option(names = "--no-charts", description = "do not draw the charts")
    boolean noCharts;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar; print only the summary (and errors)")
    boolean quiet;

    @Option(names = {"-f", "--force"}, description = "write into a non-empty DIR, replacing the run files there")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulateCommand.Setup setup;
        OverlapOde ode;
        OutputDirectory dir = new OutputDirectory(outDir, force);
        try {
            setup = SimulateCommand.Setup.of(ExperimentParser.read(experimentFile), dimension, seeds, baseSeed,
                    engine, threads, org.sgdlimits.narrow.simulation.SgdSettings.DEFAULT_HELD_OUT_SAMPLES);
            ode = ExperimentOde.of(setup.experiment());
            dir.check();
        } catch (IllegalArgumentException e) {
            err.println("sgdlimits compare: " + e.getMessage());
            err.flush();
            return SgdLimits.BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("sgdlimits compare: could not set up the run: " + e + " (nothing written)");
            err.flush();
            return SgdLimits.RUN_FAILED;
        }
        if (!quiet) {
            out.println("sgdlimits compare: " + experimentFile + ": " + setup.describe());
            out.flush();
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (InterruptNotice notice = new InterruptNotice(err, "compare", () -> dir.written().isEmpty()
                ? "nothing written" : "complete files so far: " + dir.written() + "; run.json not written")) {
            OverlapOdeResult theory;
            EnsembleResult simulation;
            try {
                theory = ode.solve(setup.initial(), setup.experiment().time());
                try (SimulateCommand.ProgressDisplay bar = new SimulateCommand.ProgressDisplay("simulating",
                        setup.totalSteps(), !quiet)) {
                    simulation = setup.simulation().run(setup.initial(), setup.dimension(), setup.experiment().time(),
                            bar);
                }
            } catch (RuntimeException e) {
                err.println("sgdlimits compare: the run failed: " + e + " (nothing written)");
                err.flush();
                return SgdLimits.RUN_FAILED;
            }
            double wallSeconds = (System.nanoTime() - t0) * 1e-9;
            Trajectory th = theory.trajectory();
            Trajectory sim = simulation.trajectory();
            ComparisonSummary summary = ComparisonSummary.of(th, sim);
            RunOutputs outputs = new RunOutputs(dir, quiet ? null : out);
            try {
                dir.retireOldReport();
                writeTrajectory(outputs, dir, th, "theory");
                writeTrajectory(outputs, dir, sim, "simulation");
                Path table = dir.file("summary.csv");
                summaryTable(summary).writeCsv(table);
                outputs.record("summary", table, "per observable: largest gap and largest gap in standard errors");
                if (!noCharts) {
                    charts(outputs, dir, th, sim, setup.title(experimentFile));
                }
                Path runJson = dir.file("run.json");
                Map<String, Object> results = new LinkedHashMap<>();
                results.put("theoryStatus", theory.status().outcome().name().toLowerCase(java.util.Locale.ROOT));
                results.put("simulation", setup.results(simulation));
                results.put("largestGap", summary.largestGap());
                results.put("largestGapInStandardErrors", summary.largestGapInSem());
                results.put("gaps", summary.asMap());
                Map<String, Object> stats = setup.statistics(simulation, wallSeconds);
                stats.put("odeRhsEvaluations", theory.statistics().evaluations());
                new RunReport("compare", ExperimentJson.toJson(setup.experiment()), combined(theory.status(),
                        sim.status()), results, stats, started, wallSeconds, outputs.warnings(), outputs.files())
                        .write(runJson);
                outputs.record("report", runJson, "experiment with defaults, status, gaps, statistics");
            } catch (IOException | RuntimeException e) {
                dir.rollBack();
                err.println("sgdlimits compare: writing the outputs into " + outDir + " failed: " + e
                        + " (the files of this run were removed)");
                err.flush();
                return SgdLimits.RUN_FAILED;
            }
            out.println(setup.summary("compare: simulation", simulation, wallSeconds));
            for (ComparisonSummary.Gap g : summary.gaps()) {
                if (g.observable().equals("risk") || g.observable().equals("excess_risk")) {
                    out.println("  " + g.observable() + ": largest gap " + SimulateCommand.fmt(g.largestGap())
                            + " at t = " + SimulateCommand.fmt(g.timeOfLargest()) + "; largest gap "
                            + SimulateCommand.fmt(g.largestGapInSem()) + " sem at t = "
                            + SimulateCommand.fmt(g.timeOfLargestInSem()));
                }
            }
            out.println("  all observables: largest gap " + SimulateCommand.fmt(summary.largestGap()) + ", largest "
                    + SimulateCommand.fmt(summary.largestGapInSem()) + " sem (details: summary.csv)");
            out.flush();
        }
        return SgdLimits.OK;
    }

    /** The simulation's status unless only the theory diverged. */
    private static RunStatus combined(RunStatus theory, RunStatus simulation) {
        if (simulation.diverged() || !theory.diverged()) {
            return simulation;
        }
        return RunStatus.diverged(theory.time(), "ODE: " + theory.cause());
    }

    private static void writeTrajectory(RunOutputs outputs, OutputDirectory dir, Trajectory t, String name)
            throws IOException {
        Path csv = dir.file(name + ".csv");
        CsvWriter.write(t, csv);
        outputs.record(name + "Csv", csv, name + " trajectory, " + t.size() + " rows");
        Path npy = dir.file(name + ".npy");
        dir.file(NpyWriter.columnsFile(npy).getFileName().toString());
        Path columns = NpyWriter.write(t, npy);
        outputs.record(name + "Npy", npy, "float64 array " + t.size() + " x " + (t.columns().size() + 1));
        outputs.record(name + "NpyColumns", columns, "column names of " + name + ".npy");
    }

    static SummaryTable summaryTable(ComparisonSummary summary) {
        SummaryTable.Builder b = SummaryTable.builder("observable", "largest_gap", "t_largest_gap",
                "largest_gap_in_sem", "t_largest_gap_in_sem");
        for (ComparisonSummary.Gap g : summary.gaps()) {
            b.row(g.observable(), g.largestGap(), g.timeOfLargest(), g.largestGapInSem(), g.timeOfLargestInSem());
        }
        return b.build();
    }

    private static void charts(RunOutputs outputs, OutputDirectory dir, Trajectory theory, Trajectory sim,
                               String title) throws IOException {
        XYChartBuilder risk = new XYChartBuilder(title, "time t", "risk");
        risk.add(ChartSeries.ofColumn(theory, "risk", "ODE: risk R", ChartSeries.Style.LINE).withColor(Color.BLACK));
        risk.add(ChartSeries.ofColumn(sim, "risk", "simulation: risk R (mean \u00b1 sem)", ChartSeries.Style.POINTS)
                .withColor(new Color(213, 94, 0)));
        ChartFigure riskFigure = risk.build();
        Path png = dir.file("risk.png");
        riskFigure.writePng(png);
        riskFigure.warnings().forEach(w -> outputs.warnings().add("risk.png: " + w));
        outputs.record("riskChart", png, "ODE line and simulation points with error bars, log-log");

        List<String> columns = OverlapChart.defaultColumns(theory, MAX_OVERLAP_CURVES);
        if (!columns.isEmpty()) {
            XYChartBuilder b = new XYChartBuilder(title + ": overlaps", "time t", "overlap").logY(false);
            Color[] palette = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
                new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233)};
            for (int i = 0; i < columns.size(); i++) {
                String c = columns.get(i);
                Color color = palette[i % palette.length];
                b.add(ChartSeries.ofColumn(theory, c, c + " ODE", ChartSeries.Style.LINE).withColor(color));
                b.add(ChartSeries.ofColumn(sim, c, c + " simulation", ChartSeries.Style.POINTS).withColor(color));
            }
            ChartFigure figure = b.build();
            Path p = dir.file("overlaps.png");
            figure.writePng(p);
            figure.warnings().forEach(w -> outputs.warnings().add("overlaps.png: " + w));
            outputs.record("overlaps", p, String.join(", ", columns) + ": ODE lines, simulation points");
        }
    }
}
