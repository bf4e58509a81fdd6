package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.ChartSeries;
import org.sgdlimits.chart.XYChartBuilder;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.experiment.InitialCondition;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.io.ValueAndError;
import org.sgdlimits.narrow.simulation.ComparisonSummary;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;
import org.sgdlimits.narrow.factory.SimulatorFactory;
import org.sgdlimits.trajectory.Trajectory;
import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdlimits simulate}: finite-d SGD simulations of an experiment over several seeds. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates one-pass SGD at a finite dimension d over several seeds (means, standard errors).",
            "Starts from the experiment's initial overlaps (for 'initial.random': the overlaps sampled at "
                + "initial.random.dimension), reproduced exactly by each seed's initial weights.",
            "Writes into DIR: trajectory.csv, trajectory.npy (+ trajectory.columns.txt) with the mean over seeds "
                + "of every column c and its standard error c_sem, learning-curve.png (mean risk with error bars), "
                + "overlaps.png and run.json (experiment with defaults, status, held-out risk check, statistics).",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits simulate examples/saad-solla-plateau.json --dimension 1000 \\",
            "      --seeds 16 --out runs/sim",
            "  ./sgdlimits simulate my.json --dimension 100000 --seeds 200 --engine gram \\",
            "      --out runs/gram",
            "",
            "Engines: 'explicit' trains the real d-dimensional network; 'gram' runs the",
            "exact Markov chain of the overlaps (same law, cost per step independent of d;",
            "docs/theory.md §4). Results are identical for a given --seed whatever --threads is."})
final class SimulateCommand extends RunCommand {

    @Mixin
    ExperimentFileParameter experimentFile;

    @Mixin
    SimulationOptions simulationOptions;

    @Option(names = "--held-out", paramLabel = "N",
            description = "held-out sample size of the end-of-run risk cross-check (default: ${DEFAULT-VALUE}; 0: off)")
    int heldOut = SgdSettings.DEFAULT_HELD_OUT_SAMPLES;

    @Mixin
    TrajectoryFormatOption format;

    @Option(names = "--no-charts", description = "do not draw the charts")
    boolean noCharts;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        Experiment experiment = run.prepare(() -> ExperimentParser.read(experimentFile.path()));
        run.requireMemory(run.prepare(() -> Setup.memory(experiment, simulationOptions)));
        Setup setup = run.prepare(() -> Setup.of(experiment, simulationOptions, heldOut));
        Engine<EnsembleResult> engine = run.prepare(() -> setup.simulation().engine(setup.initial(), setup.dimension(),
                setup.experiment().time()));
        CommandRun.Completed<EnsembleResult> done = run.runAndWrite("sgdlimits simulate: " + experimentFile.path()
                        + ": " + setup.describe(),
                () -> run.run("the simulation", engine, TerminalProgress.steps("simulating", setup.totalSteps(),
                        !run.quiet())),
                (outputs, result, timing) -> {
                    Trajectory trajectory = result.trajectory();
                    outputs.trajectory(trajectory, format.formats());
                    if (!noCharts) {
                        charts(outputs, trajectory, setup.title(experimentFile.path()));
                    }
                    outputs.report(new RunReport("simulate", ExperimentJson.toJson(setup.experiment()),
                            trajectory.status(), setup.results(result), setup.statistics(result, timing.wallSeconds()),
                            timing.started(), timing.wallSeconds(), outputs.warnings(), outputs.files()),
                            "experiment with defaults, status, held-out check, statistics");
                });
        run.out().println(setup.summary("simulate", done.result(), done.timing().wallSeconds()));
        run.out().flush();
        return SgdLimits.OK;
    }

    /** learning-curve.png (mean risk with standard-error bars, log–log) and overlaps.png. */
    private static void charts(RunOutputs outputs, Trajectory t, String title) throws IOException {
        XYChartBuilder b = new XYChartBuilder(title, "time t", "risk");
        b.add(ChartSeries.ofColumn(t, "risk", "simulation: risk R (mean \u00b1 sem)", ChartSeries.Style.POINTS));
        b.markDivergence(t.status());
        outputs.chart("learning-curve.png", "learningCurve", b.build(),
                "mean risk with standard errors vs t, log-log");
        outputs.overlapChart(t, title + ": mean overlaps", "(means over seeds) vs t");
    }

    /** The validated pieces of a simulation run, shared with {@code compare}. */
    record Setup(Experiment experiment, Overlaps initial, int dimension, EngineKind engineKind,
                 MultiSeedSimulation simulation, int seeds, long baseSeed, int threads) {

        /** Validates the simulation options against the experiment. */
        static Setup of(Experiment e, SimulationOptions o, int heldOut) {
            return of(e, o.dimension, o.seeds, o.baseSeed, o.engine, o.threads, heldOut);
        }

        static Setup of(Experiment e, Integer dimensionOption, int seeds, long baseSeed, String engine,
                        Integer threadsOption, int heldOut) {
            if (seeds < 1) {
                throw new InvalidFieldException(FieldPath.of("--seeds"), seeds + "; must be an integer >= 1");
            }
            if (heldOut < 0) {
                throw new InvalidFieldException(FieldPath.of("--held-out"), heldOut + "; must be an integer >= 0");
            }
            int threads = threadsOption == null ? Runtime.getRuntime().availableProcessors() : threadsOption;
            if (threads < 1) {
                throw new InvalidFieldException(FieldPath.of("--threads"), threads + "; must be an integer >= 1");
            }
            int d = dimensionOf(e, dimensionOption);
            EngineKind kind = SimulationOptions.engineKind(engine);
            Overlaps initial = OverlapOdeFactory.initialOverlaps(e);
            MultiSeedSimulation simulation;
            try {
                simulation = SimulatorFactory.of(e, kind, d, heldOut, seeds, baseSeed, threads);
            } catch (ExperimentException x) {
                throw x;
            } catch (InvalidFieldException x) {
                throw x.fieldPath().equals(SimulatorFactory.DIMENSION) ? x.at(FieldPath.of("--dimension")) : x;
            }
            return new Setup(e, initial, d, kind, simulation, seeds, baseSeed, threads);
        }

        /** The memory the simulation of these options needs (before any of it is allocated). */
        static MemoryEstimate memory(Experiment e, SimulationOptions o) {
            int threads = o.threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, o.threads);
            boolean explicit;
            try {
                explicit = EngineKind.parse(o.engine) == EngineKind.EXPLICIT;
            } catch (InvalidFieldException x) {
                explicit = true; // the larger estimate; of(...) reports the option in its turn, after --seeds
            }
            return MemoryEstimate.simulation(e, dimensionOf(e, o.dimension), Math.max(1, o.seeds), threads, explicit);
        }

        private static int dimensionOf(Experiment e, Integer option) {
            if (option != null) {
                if (option < 1) {
                    throw new InvalidFieldException(FieldPath.of("--dimension"), option + "; must be an integer >= p + k = "
                            + (e.p() + e.k()));
                }
                return option;
            }
            if (e.dimension().isPresent()) {
                return e.dimension().getAsInt();
            }
            if (e.initial() instanceof InitialCondition.Random r) {
                return r.dimension();
            }
            throw new InvalidFieldException(FieldPath.of("--dimension"), "missing; the experiment has neither 'dimension' nor "
                    + "'initial.random.dimension' (give --dimension D, an integer >= p + k = " + (e.p() + e.k()) + ")");
        }

        long totalSteps() {
            return simulation.totalSteps(experiment.p(), dimension, experiment.time());
        }

        String describe() {
            return ExperimentSummary.describe(experiment) + "; simulated at d = " + dimension + ", " + seeds
                    + " seeds (base seed " + baseSeed + "), engine " + engineKind.id() + ", " + totalSteps()
                    + " SGD steps in all";
        }

        String title(Path file) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return name + ": " + experiment.student().activation().id() + " p = " + experiment.p() + ", k = "
                    + experiment.k() + ", d = " + dimension + ", " + seeds + " seeds, \u03b3 = "
                    + experiment.learningRate();
        }

        Map<String, Object> results(EnsembleResult r) {
            Trajectory t = r.trajectory();
            Map<String, Object> results = new LinkedHashMap<>();
            int last = t.size() - 1;
            if (last >= 0) {
                results.put("finalTime", t.time(last));
                results.put("finalRisk", t.value(last, "risk"));
                results.put("finalRiskSem", t.value(last, "risk_sem"));
                results.put("finalExcessRisk", t.value(last, "excess_risk"));
                results.put("finalExcessRiskSem", t.value(last, "excess_risk_sem"));
            }
            Map<String, Object> heldOut = new LinkedHashMap<>();
            heldOut.put("description", "excess risk at the end of each run: Monte Carlo on fresh inputs vs from Omega");
            heldOut.put("samplesPerSeed", r.runs().get(0).heldOut().samples());
            heldOut.put("monteCarloMean", r.heldOutEstimate());
            heldOut.put("monteCarloStandardError", r.heldOutStandardError());
            heldOut.put("fromOverlapsMean", r.heldOutFromOverlaps());
            double initialRisk = t.size() > 0 ? t.value(0, "risk") : Double.NaN;
            if (ComparisonSummary.atRoundingLevel(r.heldOutFromOverlaps(), initialRisk)) {
                // both estimates are round-off there: a count of standard errors would be noise over noise
                heldOut.put("discrepancyInStandardErrors", null);
                heldOut.put("discrepancyNote", "not formed: the excess risk from Omega is below "
                        + fmt(ComparisonSummary.ROUNDING_LEVEL) + " x the initial risk (rounding level)");
            } else {
                heldOut.put("discrepancyInStandardErrors",
                        (r.heldOutEstimate() - r.heldOutFromOverlaps()) / r.heldOutStandardError());
            }
            results.put("heldOutRisk", heldOut);
            long diverged = r.runs().stream().filter(run -> run.trajectory().status().diverged()).count();
            results.put("divergedSeeds", diverged);
            return results;
        }

        Map<String, Object> statistics(EnsembleResult r, double wallSeconds) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("engine", "narrow.simulation." + engineKind.id());
            stats.put("dimension", dimension);
            stats.put("seeds", seeds);
            stats.put("baseSeed", baseSeed);
            stats.put("threads", threads);
            stats.put("sgdSteps", r.totalSteps());
            stats.put("microsecondsPerStepPerThread", wallSeconds * 1e6 * Math.min(threads, seeds) / r.totalSteps());
            stats.put("recordedTimes", r.trajectory().size());
            return stats;
        }

        String summary(String command, EnsembleResult r, double wallSeconds) {
            Trajectory t = r.trajectory();
            RunStatus s = t.status();
            String status = s.diverged() ? "DIVERGED at t = " + fmt(s.time()) + " (" + s.cause() + ")" : "completed";
            String risk = t.size() == 0 ? "no recorded times" : "final risk R = "
                    + ValueAndError.format(t.value(t.size() - 1, "risk"), t.value(t.size() - 1, "risk_sem")) + " at t = " + fmt(t.time(t.size() - 1));
            String check = Double.isNaN(r.heldOutEstimate()) ? "" : "; held-out excess risk "
                    + ValueAndError.format(r.heldOutEstimate(), r.heldOutStandardError()) + " vs "
                    + fmt(r.heldOutFromOverlaps()) + " from Omega";
            return command + ": " + status + "; " + risk + check + "; " + r.totalSteps() + " steps in "
                    + String.format(Locale.ROOT, "%.2f s", wallSeconds);
        }
    }

    static String fmt(double v) {
        return ExperimentSummary.fmt(v);
    }
}
