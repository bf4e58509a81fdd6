package org.sgdlimits.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.experiment.ExperimentJson;
import org.sgdlimits.experiment.ExperimentParser;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.ode.EventOccurrence;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
final class OdeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON, SPEC section 7)")
    Path experimentFile;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "output directory; created if missing, must be empty unless --force")
    Path outDir;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "trajectory formats, comma-separated: csv, npy (default: csv,npy)")
    List<OutputFormat> formats = List.of(OutputFormat.CSV, OutputFormat.NPY);

    @Option(names = "--no-charts", description = "do not draw learning-curve.png and overlaps.png")
    boolean noCharts;

    @Option(names = {"-q", "--quiet"}, description = "print only the one-line summary (and errors)")
    boolean quiet;

    @Option(names = {"-f", "--force"}, description = "write into a non-empty DIR, replacing the run files there")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Experiment experiment;
        OverlapOde ode;
        Overlaps initial;
        OutputDirectory dir = new OutputDirectory(outDir, force);
        try {
            experiment = ExperimentParser.read(experimentFile);
            dir.check();
            ode = ExperimentOde.of(experiment);
            initial = initialOverlaps(experiment);
        } catch (IllegalArgumentException e) {
            err.println("sgdlimits ode: " + e.getMessage());
            err.flush();
            return SgdLimits.BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("sgdlimits ode: could not set up the run: " + e + " (nothing written)");
            err.flush();
            return SgdLimits.RUN_FAILED;
        }
        if (!quiet) {
            out.println("sgdlimits ode: " + experimentFile + ": " + ExperimentOde.describe(experiment));
            out.flush();
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        OverlapOdeResult result;
        try (InterruptNotice notice = new InterruptNotice(err, "ode", () -> dir.written().isEmpty()
                ? "nothing written" : "complete files so far: " + dir.written() + "; run.json not written")) {
            try (ElapsedTicker ticker = new ElapsedTicker(out, "integrating", !quiet)) {
                result = ode.solve(initial, experiment.time());
            } catch (RuntimeException e) {
                err.println("sgdlimits ode: the integration failed: " + e + " (nothing written)");
                err.flush();
                return SgdLimits.RUN_FAILED;
            }
            double wallSeconds = (System.nanoTime() - t0) * 1e-9;
            Trajectory trajectory = result.trajectory();
            RunOutputs outputs = new RunOutputs(dir, quiet ? null : out);
            try {
                dir.retireOldReport();
                outputs.trajectory(trajectory, EnumSet.copyOf(formats));
                if (!noCharts) {
                    outputs.charts(trajectory, title(experiment));
                }
                Path runJson = dir.file("run.json");
                report(experiment, result, started, wallSeconds, outputs).write(runJson);
                outputs.record("report", runJson, "experiment with defaults, status, statistics");
            } catch (IOException | RuntimeException e) {
                dir.rollBack();
                err.println("sgdlimits ode: writing the outputs into " + outDir + " failed: " + e
                        + " (the files of this run were removed)");
                err.flush();
                return SgdLimits.RUN_FAILED;
            }
        }
        out.println(summary(result));
        out.flush();
        return SgdLimits.OK;
    }

    private static Overlaps initialOverlaps(Experiment e) {
        try {
            return e.initialOverlaps();
        } catch (ExperimentException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            throw new ExperimentException("initial", String.valueOf(x.getMessage()));
        }
    }

    private String title(Experiment e) {
        String name = experimentFile.getFileName().toString().replaceFirst("\\.json$", "");
        return name + ": " + e.student().activation().id() + " p = " + e.p() + ", k = " + e.k() + ", "
                + e.regime().id() + ", \u03b3 = " + e.learningRate()
                + (e.noise() > 0 ? ", \u0394 = " + e.noise() : "");
    }

    private static RunReport report(Experiment e, OverlapOdeResult r, Instant started, double wallSeconds,
                                    RunOutputs outputs) {
        Trajectory t = r.trajectory();
        int last = t.size() - 1;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("finalTime", r.finalTime());
        if (last >= 0) {
            results.put("finalRisk", t.value(last, "risk"));
            results.put("finalExcessRisk", t.value(last, "excess_risk"));
        }
        results.put("events", r.events().stream().map(OdeCommand::event).toList());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("engine", "narrow.OverlapOde");
        stats.put("method", e.integrator().method().name());
        stats.put("rhsEvaluations", r.statistics().evaluations());
        stats.put("acceptedSteps", r.statistics().acceptedSteps());
        stats.put("integrationSeconds", r.statistics().wallSeconds());
        stats.put("recordedTimes", t.size());
        return new RunReport("ode", ExperimentJson.toJson(e), r.status(), results, stats, started, wallSeconds,
                outputs.warnings(), outputs.files());
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
                : "final risk R = " + ExperimentOde.fmt(t.value(t.size() - 1, "risk")) + " (excess "
                + ExperimentOde.fmt(t.value(t.size() - 1, "excess_risk")) + ") at t = "
                + ExperimentOde.fmt(t.time(t.size() - 1));
        String status = switch (s.outcome()) {
            case COMPLETED -> "completed";
            case DIVERGED -> "DIVERGED at t = " + ExperimentOde.fmt(s.time()) + " (" + s.cause() + ")";
            case STOPPED_BY_EVENT -> "stopped at t = " + ExperimentOde.fmt(s.time()) + " (" + s.cause() + ")";
        };
        return "ode: " + status + "; " + risk + "; " + r.statistics().evaluations() + " RHS evaluations in "
                + String.format(java.util.Locale.ROOT, "%.2f s", r.statistics().wallSeconds());
    }

    /** Formats as written (for tests). */
    Set<OutputFormat> formats() {
        return EnumSet.copyOf(formats);
    }
}
