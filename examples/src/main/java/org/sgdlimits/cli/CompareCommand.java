package org.sgdlimits.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;
import org.sgdlimits.chart.ChartFigure;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.OverlapChart;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.io.SummaryTable;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.narrow.simulation.ComparisonSummary;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.UnitAlignment;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdlimits compare}: the overlap ODE and a finite-d simulation from the same initial condition. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the overlap ODE with a finite-d SGD simulation from the same initial condition.",
            "Runs the ODE of the experiment (its regime) and the simulation over several seeds from the same "
                + "initial overlaps, on the same time grid.",
            "Writes into DIR: theory.csv/.npy, simulation.csv/.npy (with c_sem columns), risk.png (simulation "
                + "with error bars over the theory curve, log-log), overlaps.png (chosen overlaps: theory lines, "
                + "simulation points), summary.csv (per observable: largest gap, largest relative gap, largest gap "
                + "in standard errors) and run.json.",
            "Hidden units are exchangeable: before averaging, each seed's student units are relabelled onto the "
                + "ODE's by the permutation that maximises the overlap of their M (M, Q and a permuted alike); "
                + "the summary says how many seeds were permuted. Relative gaps divide by max(|ODE|, 1e-3 x "
                + "largest |ODE|); no standard-error counts where the ODE risk is below 1e-10 of its initial "
                + "value (rounding level).",
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
            "O(1/d); the gap shrinks about as 1/sqrt(d) (docs/theory.md §3)."})
final class CompareCommand extends RunCommand {
    /** Overlap components drawn in overlaps.png. */
    static final int MAX_OVERLAP_CURVES = 6;
    /** compare writes both trajectories in both formats. */
    private static final Set<OutputFormat> BOTH_FORMATS = EnumSet.of(OutputFormat.CSV, OutputFormat.NPY);

    @Mixin
    ExperimentFileParameter experimentFile;

    @Mixin
    SimulationOptions simulationOptions;

    @Option(names = "--no-charts", description = "do not draw the charts")
    boolean noCharts;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        Experiment experiment = run.prepare(() -> ExperimentParser.read(experimentFile.path()));
        run.requireMemory(MemoryEstimate.ode(experiment));
        run.requireMemory(run.prepare(() -> SimulateCommand.Setup.memory(experiment, simulationOptions)));
        SimulateCommand.Setup setup = run.prepare(() -> SimulateCommand.Setup.of(experiment, simulationOptions,
                SgdSettings.DEFAULT_HELD_OUT_SAMPLES));
        OverlapOde ode = run.prepare(() -> OverlapOdeFactory.of(setup.experiment()));
        Engine<OverlapOdeResult> theoryEngine = run.prepare(() -> ode.engine(setup.initial(), setup.experiment().time(),
                List.of()));
        Engine<EnsembleResult> simulationEngine = run.prepare(() -> setup.simulation().engine(setup.initial(),
                setup.dimension(), setup.experiment().time()));
        CommandRun.Completed<Compared> done = run.runAndWrite("sgdlimits compare: " + experimentFile.path() + ": "
                        + setup.describe(), () -> {
                    OverlapOdeResult theory = run.run("the run", theoryEngine, TerminalProgress.time("integrating t",
                            setup.experiment().time().end(), !run.quiet()));
                    EnsembleResult simulation = run.run("the run", simulationEngine, TerminalProgress.steps(
                            "simulating", setup.totalSteps(), !run.quiet()));
                    UnitAlignment.AlignedEnsemble aligned = UnitAlignment.align(simulation, theory.trajectory());
                    return new Compared(theory, simulation, aligned,
                            ComparisonSummary.of(theory.trajectory(), aligned.ensemble().trajectory()));
                },
                (outputs, c, timing) -> {
                    Trajectory th = c.theory().trajectory();
                    Trajectory sim = c.aligned().ensemble().trajectory();
                    ComparisonSummary summary = c.summary();
                    outputs.trajectory(th, BOTH_FORMATS, "theory", "theory");
                    outputs.trajectory(sim, BOTH_FORMATS, "simulation", "simulation");
                    Path table = run.directory().file("summary.csv");
                    summaryTable(summary).writeCsv(table);
                    outputs.record("summary", table, "per observable: largest gap, relative gap, gap in standard "
                            + "errors");
                    if (!noCharts) {
                        charts(outputs, th, sim, setup.title(experimentFile.path()));
                    }
                    Map<String, Object> results = new LinkedHashMap<>();
                    results.put("theoryStatus", c.theory().status().outcome().name().toLowerCase(java.util.Locale.ROOT));
                    results.put("simulation", setup.results(c.aligned().ensemble()));
                    results.put("alignment", alignment(c.aligned()));
                    results.put("largestGap", summary.largestGap());
                    results.put("largestRelativeGap", summary.largestRelativeGap());
                    results.put("relativeGapFloor", ComparisonSummary.RELATIVE_FLOOR);
                    results.put("largestGapInStandardErrors", Double.isNaN(summary.largestGapInSem()) ? null
                            : summary.largestGapInSem());
                    results.put("standardErrorCountsOver", "rows where the ODE risk is at least "
                            + SimulateCommand.fmt(ComparisonSummary.ROUNDING_LEVEL) + " x its initial value");
                    results.put("roundingLevelFromTime", Double.isNaN(summary.roundingLevelFrom()) ? null
                            : summary.roundingLevelFrom());
                    results.put("gaps", summary.asMap());
                    Map<String, Object> stats = setup.statistics(c.simulation(), timing.wallSeconds());
                    stats.put("odeRhsEvaluations", c.theory().statistics().evaluations());
                    outputs.report(new RunReport("compare", ExperimentJson.toJson(setup.experiment()),
                            combined(c.theory().status(), sim.status()), results, stats, timing.started(),
                            timing.wallSeconds(), outputs.warnings(), outputs.files()),
                            "experiment with defaults, status, gaps, statistics");
                });
        UnitAlignment.AlignedEnsemble aligned = done.result().aligned();
        ComparisonSummary summary = done.result().summary();
        PrintWriter out = run.out();
        out.println(setup.summary("compare: simulation", aligned.ensemble(), done.timing().wallSeconds()));
        out.println("  " + alignmentLine(aligned));
        for (ComparisonSummary.Gap g : summary.gaps()) {
            if (g.observable().equals("risk") || g.observable().equals("excess_risk")) {
                out.println("  " + g.observable() + ": largest relative gap "
                        + SimulateCommand.fmt(g.largestRelativeGap()) + " at t = "
                        + SimulateCommand.fmt(g.timeOfLargestRelative()) + " (absolute "
                        + SimulateCommand.fmt(g.largestGap()) + " at t = " + SimulateCommand.fmt(g.timeOfLargest())
                        + "); " + semText(g.largestGapInSem(), g.timeOfLargestInSem()));
            }
        }
        out.println("  all observables: largest relative gap " + SimulateCommand.fmt(summary.largestRelativeGap())
                + " (absolute " + SimulateCommand.fmt(summary.largestGap()) + "), "
                + semText(summary.largestGapInSem(), Double.NaN) + " (details: summary.csv)");
        if (!Double.isNaN(summary.roundingLevelFrom())) {
            out.println("  from t = " + SimulateCommand.fmt(summary.roundingLevelFrom()) + " the ODE risk is below "
                    + SimulateCommand.fmt(ComparisonSummary.ROUNDING_LEVEL) + " x its initial value (rounding "
                    + "level): no standard-error counts there");
        }
        out.flush();
        return SgdLimits.OK;
    }

    /** What compare computed: both runs, the simulation's units aligned to the ODE's, and the gaps. */
    private record Compared(OverlapOdeResult theory, EnsembleResult simulation,
                            UnitAlignment.AlignedEnsemble aligned, ComparisonSummary summary) {
    }

    /** "largest gap N sem at t = T", or why there is none. */
    private static String semText(double z, double time) {
        if (Double.isNaN(z)) {
            return "no standard-error count (one seed, or the risk is at rounding level throughout)";
        }
        return "largest gap " + SimulateCommand.fmt(z) + " sem" + (Double.isNaN(time) ? ""
                : " at t = " + SimulateCommand.fmt(time));
    }

    /** What the alignment did, for the console. */
    static String alignmentLine(UnitAlignment.AlignedEnsemble aligned) {
        int seeds = aligned.permutations().size();
        int permuted = aligned.permutedSeeds();
        return "aligned hidden units to the ODE by maximum overlap of M: " + permuted + " of " + seeds
                + " seeds relabelled" + (permuted == 0 ? "" : " (" + permutationsText(aligned) + ")");
    }

    private static String permutationsText(UnitAlignment.AlignedEnsemble aligned) {
        StringBuilder b = new StringBuilder();
        List<int[]> perms = aligned.permutations();
        int shown = 0;
        for (int s = 0; s < perms.size() && shown < 4; s++) {
            if (!UnitAlignment.isIdentity(perms.get(s))) {
                b.append(shown == 0 ? "" : ", ").append("seed ").append(s).append(": ")
                        .append(java.util.Arrays.toString(perms.get(s)));
                shown++;
            }
        }
        return aligned.permutedSeeds() > shown ? b + ", ..." : b.toString();
    }

    /** The alignment for run.json. */
    private static Map<String, Object> alignment(UnitAlignment.AlignedEnsemble aligned) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("description", "each seed's student units relabelled onto the ODE's by the permutation maximising "
                + "sum_t sum_ir M_ode[i][r] M_seed[pi(i)][r]; M, Q and a permuted alike before averaging");
        a.put("seeds", aligned.permutations().size());
        a.put("permutedSeeds", aligned.permutedSeeds());
        a.put("permutations", aligned.permutations());
        return a;
    }

    /** The simulation's status unless only the theory diverged. */
    private static RunStatus combined(RunStatus theory, RunStatus simulation) {
        if (simulation.diverged() || !theory.diverged()) {
            return simulation;
        }
        return RunStatus.diverged(theory.time(), "ODE: " + theory.cause());
    }

    static SummaryTable summaryTable(ComparisonSummary summary) {
        SummaryTable.Builder b = SummaryTable.builder("observable", "largest_gap", "t_largest_gap",
                "largest_relative_gap", "t_largest_relative_gap", "largest_gap_in_sem", "t_largest_gap_in_sem");
        for (ComparisonSummary.Gap g : summary.gaps()) {
            b.row(g.observable(), g.largestGap(), g.timeOfLargest(), g.largestRelativeGap(),
                    g.timeOfLargestRelative(), g.largestGapInSem(), g.timeOfLargestInSem());
        }
        return b.build();
    }

    /**
     * The risk chart: the ODE line, the simulation's mean points with error bars, and, like the learning-curve
     * chart, a vertical mark at the divergence time when either run diverged (the status run.json reports).
     */
    static ChartFigure riskChart(Trajectory theory, Trajectory sim, String title) {
        XYChartBuilder risk = new XYChartBuilder(title, "time t", "risk");
        risk.add(ChartSeries.ofColumn(theory, "risk", "ODE: risk R", ChartSeries.Style.LINE).withColor(Color.BLACK));
        risk.add(ChartSeries.ofColumn(sim, "risk", "simulation: risk R (mean \u00b1 sem)", ChartSeries.Style.POINTS)
                .withColor(new Color(213, 94, 0)));
        risk.markDivergence(combined(theory.status(), sim.status()));
        return risk.build();
    }

    private static void charts(RunOutputs outputs, Trajectory theory, Trajectory sim, String title)
            throws IOException {
        outputs.chart("risk.png", "riskChart", riskChart(theory, sim, title),
                "ODE line and simulation points with error bars, log-log");

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
            outputs.chart("overlaps.png", "overlaps", b.build(), String.join(", ", columns)
                    + ": ODE lines, simulation points");
        }
    }
}
