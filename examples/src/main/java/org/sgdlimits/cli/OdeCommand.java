package org.sgdlimits.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdlimits.narrow.factory.OverlapOdeFactory;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.json.ExperimentJson;
import org.sgdlimits.experiment.json.ExperimentParser;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdlimits ode}: integrate the overlap ODEs of one experiment file and write the run's files. */
@Command(name = "ode",
        mixinStandardHelpOptions = true,
        description = {
            "Integrates the overlap ODEs of an experiment file.",
            "Writes into DIR: trajectory.csv, trajectory.npy (+ trajectory.columns.txt), learning-curve.png, "
                + "overlaps.png and run.json (the experiment with defaults filled in, status, integrator "
                + "statistics). Every file is written atomically; an invalid experiment writes nothing.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits ode examples/saad-solla-plateau.json --out runs/plateau",
            "  ./sgdlimits ode my-experiment.json --out runs/mine --format csv --no-charts",
            "  ./sgdlimits ode my-experiment.json --out runs/mine --force   # replace a run",
            "",
            "Experiment-file fields and defaults: README.md.",
            "'./sgdlimits check FILE' prints a file with every default filled in."})
final class OdeCommand extends RunCommand {

    @Mixin
    ExperimentFileParameter experimentFile;

    @Mixin
    TrajectoryFormatOption format;

    @Option(names = "--no-charts", description = "do not draw learning-curve.png and overlaps.png")
    boolean noCharts;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        Experiment experiment = run.prepare(() -> ExperimentParser.read(experimentFile.path()));
        run.requireMemory(MemoryEstimate.ode(experiment));
        OverlapOde ode = run.prepare(() -> OverlapOdeFactory.of(experiment));
        Overlaps initial = run.prepare(() -> OverlapOdeFactory.initialOverlaps(experiment));
        Engine<OverlapOdeResult> engine = run.prepare(() -> ode.engine(initial, experiment.time(), List.of()));
        OverlapOdeResult result = run.runAndWrite("sgdlimits ode: " + experimentFile.path() + ": "
                        + ExperimentSummary.describe(experiment),
                () -> run.run("the integration", engine, TerminalProgress.time("integrating t",
                        experiment.time().end(), !run.quiet())),
                (outputs, r, timing) -> {
                    outputs.trajectory(r.trajectory(), format.formats());
                    if (!noCharts) {
                        outputs.charts(r.trajectory(), title(experiment));
                    }
                    outputs.report(report(experiment, r, timing, outputs), "experiment with defaults, status, statistics");
                }).result();
        run.out().println(summary(result));
        run.out().flush();
        return SgdLimits.OK;
    }

    private String title(Experiment e) {
        return experimentFile.name() + ": " + e.student().activation().id() + " p = " + e.p() + ", k = " + e.k() + ", "
                + e.regime().id() + ", \u03b3 = " + e.learningRate()
                + (e.noise() > 0 ? ", \u0394 = " + e.noise() : "");
    }

    private static RunReport report(Experiment e, OverlapOdeResult r, CommandRun.Timing timing,
                                    RunOutputs outputs) {
        Trajectory t = r.trajectory();
        int last = t.size() - 1;
        Map<String, Object> results = new LinkedHashMap<>();
        if (last >= 0) {
            // the last recorded row: a diverged run ends (status.time) after its last finite grid time
            results.put("finalTime", t.time(last));
            results.put("finalRisk", t.value(last, "risk"));
            results.put("finalExcessRisk", t.value(last, "excess_risk"));
            if (e.biases() != null) {
                // the student biases b_i at the last recorded time (docs/theory.md §3.11)
                results.put("finalBiases", org.sgdlimits.chart.OverlapChart.biasColumns(t).stream()
                        .map(c -> t.value(last, c)).toList());
            }
        }
        results.put("events", r.events().stream().map(OdeCommand::event).toList());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("engine", "narrow.OverlapOde");
        stats.put("method", e.integrator().method().name());
        stats.put("rhsEvaluations", r.statistics().evaluations());
        stats.put("acceptedSteps", r.statistics().acceptedSteps());
        stats.put("integrationSeconds", r.statistics().wallSeconds());
        stats.put("recordedTimes", t.size());
        return new RunReport("ode", ExperimentJson.toJson(e), r.status(), results, stats, timing.started(),
                timing.wallSeconds(), outputs.warnings(), outputs.files());
    }

    private static Map<String, Object> event(EventOccurrence o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", o.event());
        m.put("time", o.time());
        m.put("value", o.value());
        m.put("stoppedRun", o.stoppedRun());
        return m;
    }

    private static String summary(OverlapOdeResult r) {
        Trajectory t = r.trajectory();
        RunStatus s = r.status();
        String risk = t.size() == 0 ? "no recorded times"
                : "final risk R = " + ExperimentSummary.fmt(t.value(t.size() - 1, "risk")) + " (excess "
                + ExperimentSummary.fmt(t.value(t.size() - 1, "excess_risk")) + ") at t = "
                + ExperimentSummary.fmt(t.time(t.size() - 1));
        String status = switch (s.outcome()) {
            case COMPLETED -> "completed";
            case DIVERGED -> "DIVERGED at t = " + ExperimentSummary.fmt(s.time()) + " (" + s.cause() + ")";
            case STOPPED_BY_EVENT -> "stopped at t = " + ExperimentSummary.fmt(s.time()) + " (" + s.cause() + ")";
        };
        return "ode: " + status + "; " + risk + "; " + r.statistics().evaluations() + " RHS evaluations in "
                + String.format(java.util.Locale.ROOT, "%.2f s", r.statistics().wallSeconds());
    }

    /** Formats as written (for tests). */
    Set<OutputFormat> formats() {
        return format.formats();
    }
}
