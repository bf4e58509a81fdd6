package org.sgdlimits.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.schedule.BaselineSchedules;
import org.sgdlimits.narrow.schedule.ScheduleComparison;
import org.sgdlimits.narrow.schedule.ScheduleGrid;
import org.sgdlimits.narrow.schedule.ScheduleObjective;
import org.sgdlimits.narrow.schedule.ScheduleOptimizer;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdlimits optimize-schedule}: the learning-rate schedule that minimises the final risk or the time to a
 * target risk under the overlap ODE of an experiment file ({@link ScheduleComparison}); no physics here.
 */
@Command(name = "optimize-schedule",
        mixinStandardHelpOptions = true,
        description = {
            "Optimal learning-rate schedule under the overlap ODE (docs/theory.md §3.9).",
            "s(t) piecewise constant on [0, T] (learning rate = learningRate * s), bounded by",
            "--max-factor; gradient by the adjoint ODE, L-BFGS. Compared with the best constant,",
            "1/t and (1 + t/t0)^-1/2 schedules tuned on the same objective. The experiment's",
            "own schedule is ignored; its regime must have the SGD-noise term.",
            "Writes into DIR: schedule.csv, schedule.png, curves.csv, curves.png, run.json.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits optimize-schedule examples/optimal-schedule.json \\",
            "      --horizon 20 --out runs/schedule",
            "  ./sgdlimits optimize-schedule examples/online-linear-regression.json \\",
            "      --horizon 20 --objective time-to-risk --target-risk 0.06 --out runs/ttr",
            ""})
final class OptimizeScheduleCommand extends RunCommand {
    static final int MIN_PIECES = 2;
    static final int MAX_PIECES = 400;
    static final double MAX_MAX_FACTOR = 1000;
    static final int REFERENCE_POINTS = 12;
    static final int CURVE_POINTS = 200;

    @Mixin
    ExperimentFileParameter experimentFile;

    @Option(names = "--horizon", paramLabel = "T", required = true,
            description = "ODE time horizon T > 0 of the schedule")
    double horizon;

    @Option(names = "--objective", paramLabel = "NAME",
            description = "final-risk (risk at T) or time-to-risk (first time the risk reaches --target-risk); "
                    + "default final-risk")
    String objective = "final-risk";

    @Option(names = "--target-risk", paramLabel = "R",
            description = "target risk of time-to-risk, between noise/2 and the initial risk")
    Double targetRisk;

    @Option(names = "--pieces", paramLabel = "N",
            description = "pieces of the schedule, " + MIN_PIECES + ".." + MAX_PIECES + " (default 24)")
    int pieces = 24;

    @Option(names = "--max-factor", paramLabel = "S",
            description = "upper bound of s, in (0, " + 1000 + "] (default 4)")
    double maxFactor = 4;

    @Option(names = "--max-iterations", paramLabel = "N", description = "L-BFGS iterations, >= 1 (default 300)")
    int maxIterations = 300;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        run.prepare(this::checkOptions);
        Experiment experiment = run.prepare(() -> ExperimentParser.read(experimentFile.path()));
        run.prepare(() -> checkRegime(experiment));
        OverlapOde ode = run.prepare(() -> OverlapOdeFactory.of(experiment));
        Overlaps initial = run.prepare(() -> OverlapOdeFactory.initialOverlaps(experiment));
        ScheduleObjective goal = run.prepare(() -> objective(experiment, ode, initial));
        ScheduleGrid grid = new ScheduleGrid(horizon, pieces);
        ScheduleOptimizer optimizer = new ScheduleOptimizer(maxFactor, maxIterations, 1e-10);
        Optimised done = run.runAndWrite("sgdlimits optimize-schedule: " + experimentFile.path() + ": "
                + ExperimentSummary.describe(experiment) + "; objective " + objective + ", T = "
                + ExperimentSummary.fmt(horizon) + ", " + pieces + " pieces", () -> {
                    if (!(experiment.schedule() instanceof org.sgdlimits.experiment.ScheduleSpec.Constant)) {
                        run.warn("the experiment's schedule (" + experiment.schedule().type() + ") is ignored: the "
                                + "command computes its own");
                    }
                    ScheduleComparison comparison = run.compute("the optimisation", () -> ScheduleComparison.run(ode,
                            initial, grid, goal, optimizer, experiment.integrator().settings(), REFERENCE_POINTS));
                    TimeGrid curveGrid = TimeGrid.log(horizon, CURVE_POINTS);
                    List<ScheduleCurves.Curve> curves = run.compute("the learning curves", () -> {
                        List<ScheduleCurves.Curve> list = new ArrayList<>();
                        list.add(new ScheduleCurves.Curve("optimal", comparison.optimal().value(),
                                comparison.optimalSchedule(), ScheduleComparison.curve(ode, initial,
                                comparison.optimalSchedule(), curveGrid)));
                        for (BaselineSchedules.Tuned ref : comparison.references()) {
                            list.add(new ScheduleCurves.Curve(ref.name(), ref.value(), ref.schedule(),
                                    ScheduleComparison.curve(ode, initial, ref.schedule(), curveGrid)));
                        }
                        return list;
                    });
                    return new Optimised(comparison, curves);
                },
                (outputs, r, timing) -> {
                    ScheduleComparison comparison = r.comparison();
                    List<ScheduleCurves.Curve> curves = r.curves();
                    String title = experimentFile.name() + ": " + objective + ", T = " + ExperimentSummary.fmt(horizon);
                    Path scheduleCsv = run.directory().file("schedule.csv");
                    org.sgdlimits.io.CsvWriter.write(ScheduleCurves.scheduleTable(comparison.optimal(),
                            experiment.learningRate()), scheduleCsv);
                    outputs.record("schedule", scheduleCsv, "optimal schedule: piece start t, t_end, factor, rate");
                    Path curvesCsv = run.directory().file("curves.csv");
                    org.sgdlimits.io.CsvWriter.write(ScheduleCurves.curveTable(curves), curvesCsv);
                    outputs.record("curves", curvesCsv, "excess risk and factor of each schedule against t");
                    outputs.chart("schedule.png", "scheduleChart", ScheduleCurves.scheduleChart(comparison, curves,
                            experiment.learningRate(), title), "learning rate against t");
                    outputs.chart("curves.png", "curvesChart", ScheduleCurves.curveChart(curves, goal, title),
                            "ODE excess risk of the optimal and reference schedules");
                    Map<String, Object> settings = new LinkedHashMap<>();
                    settings.put("objective", objective);
                    settings.put("horizon", horizon);
                    settings.put("pieces", pieces);
                    settings.put("maxFactor", maxFactor);
                    settings.put("maxIterations", maxIterations);
                    if (targetRisk != null) {
                        settings.put("targetRisk", targetRisk);
                    }
                    Map<String, Object> results = ScheduleCurves.resultsJson(comparison, curves, settings);
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("iterations", comparison.optimal().iterations());
                    stats.put("converged", comparison.optimal().converged());
                    stats.put("forwardSolves", comparison.optimal().forwardSolves());
                    stats.put("adjointSolves", comparison.optimal().backwardSolves());
                    stats.put("computeSeconds", timing.wallSeconds());
                    outputs.report(new RunReport("optimize-schedule", ExperimentJson.toJson(experiment),
                            RunStatus.completed(horizon), results, stats, timing.started(), timing.wallSeconds(),
                            outputs.warnings(), outputs.files()), "experiment, options, schedules and their objectives");
                }).result();
        for (String line : ScheduleCurves.summary(done.comparison(), goal, experiment.learningRate())) {
            run.out().println(line);
        }
        run.out().flush();
        return SgdLimits.OK;
    }

    /** What the command computed: the optimised schedule with its references, and their learning curves. */
    private record Optimised(ScheduleComparison comparison, List<ScheduleCurves.Curve> curves) {
    }

    private void checkOptions() {
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("--horizon: " + horizon + "; must be a finite number > 0");
        }
        if (!objective.equals("final-risk") && !objective.equals("time-to-risk")) {
            throw new IllegalArgumentException("--objective: '" + objective
                    + "'; allowed: final-risk, time-to-risk");
        }
        if (objective.equals("time-to-risk") && targetRisk == null) {
            throw new IllegalArgumentException("--target-risk: missing; --objective time-to-risk needs it");
        }
        if (objective.equals("final-risk") && targetRisk != null) {
            throw new IllegalArgumentException("--target-risk: only with --objective time-to-risk");
        }
        if (pieces < MIN_PIECES || pieces > MAX_PIECES) {
            throw new IllegalArgumentException("--pieces: " + pieces + "; must be an integer in [" + MIN_PIECES
                    + ", " + MAX_PIECES + "]");
        }
        if (!(maxFactor > 0) || !(maxFactor <= MAX_MAX_FACTOR)) {
            throw new IllegalArgumentException("--max-factor: " + maxFactor + "; must be in (0, " + MAX_MAX_FACTOR
                    + "]");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("--max-iterations: " + maxIterations + "; must be >= 1");
        }
    }

    private static Void checkRegime(Experiment e) {
        if (e.regime() == Regime.CLASSICAL) {
            throw new IllegalArgumentException("regime: classical has no SGD-noise term, so the largest rate is "
                    + "always best; use high-dimensional or finite-dimensional");
        }
        return null;
    }

    private ScheduleObjective objective(Experiment e, OverlapOde ode, Overlaps initial) {
        if (objective.equals("final-risk")) {
            return new ScheduleObjective.FinalRisk();
        }
        double floor = 0.5 * e.noise();
        double initialRisk = floor + ScheduleCurves.excessRisk(ode, initial);
        if (!(targetRisk > floor) || !(targetRisk < initialRisk)) {
            throw new IllegalArgumentException("--target-risk: " + targetRisk + "; must lie between noise/2 = "
                    + ExperimentSummary.fmt(floor) + " and the initial risk " + ExperimentSummary.fmt(initialRisk)
                    + " (exclusive)");
        }
        return new ScheduleObjective.TimeToRisk(targetRisk - floor);
    }
}
