package org.sgdlimits.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.sgdlimits.chart.OverlapChart;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.meanfield.MeanfieldColumns;
import org.sgdlimits.meanfield.pde.PdeGridDefaults;
import org.sgdlimits.meanfield.snapshot.DensitySnapshot;
import org.sgdlimits.chart.DensitySnapshotWriter;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdlimits meanfield}: one experiment through a mean-field engine (docs/theory.md §5): the particle system, the
 * density PDE or the full overlap ODE at the reconstructed Q; trajectory, density snapshots, charts, run.json.
 * Wires library calls ({@link MeanfieldRunner}); holds no physics.
 */
@Command(name = "meanfield",
        mixinStandardHelpOptions = true,
        modelTransformer = MeanfieldCommand.ColumnsHelp.class,
        description = {
            "Runs an experiment through a mean-field engine (docs/theory.md §5).",
            "Engines: particles = the particle system (a_i, m_i, q_perp_i) of the closure "
                + "Q_ij = m_i P^-1 m_j^T + delta_ij q_perp_i, O(p) per step; pde = the density PDE on (m, q_perp) "
                + "(k = 1, fixed common second layer); full = the p x p overlap ODE started from the reconstructed Q "
                + "(the reference; p <= " + MeanfieldEngine.MAX_FULL_WIDTH + ").",
            "Writes into DIR: trajectory.csv (" + MeanfieldCommand.COLUMNS_PLACEHOLDER + "), trajectory.npy "
                + "(+ trajectory.columns.txt), learning-curve.png, moments.png, density-tT.png and density-tT.csv "
                + "(m,qperp,density) for each snapshot time T, density-snapshots.png (contact sheet) and, last, "
                + "run.json (experiment with defaults, status, warnings, statistics). Invalid input writes "
                + "nothing (exit 2).",
            "The experiment file may hold a \"meanfield\" section (all optional): engine (particles), "
                + "particles [{a (1), m, qperp}] or random {dimension (1000), seed (1), variance (1)} as initial "
                + "condition (else the file's 'initial'), noiseTerm (true; false in regime classical), "
                + "selfInteraction (true), pde {xiCells (" + PdeGridDefaults.XI_CELLS + "), qCells (automatic: "
                + "2 per sd of the initial q_perp, " + PdeGridDefaults.Q_CELLS + ".." + PdeGridDefaults.MAX_Q_CELLS
                + "), stretch, mMax, qMax (automatic), cfl (0.8), limiter "
                + "(koren|van-leer|none: both directions) or xiLimiter and qLimiter (koren)}, snapshots {bandwidth (silverman|scott), component (0)}, closure (plain|low-rank; "
                + "low-rank: particles engine, and for phase retrieval also the pde engine; phase retrieval adds the "
                + "column h; erf and other activations with k = 1 and a fixed second layer add H_a_b), basis (m: "
                + "phase retrieval; a-aq-am: other activations), rank (1, in [1, 4]; a-aq-am: 1..3). "
                + "Details: README.md, docs/closure.md.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits meanfield examples/density-snapshots.json --out runs/mf",
            "  ./sgdlimits meanfield examples/density-snapshots.json --engine pde \\",
            "      --snapshots 0,0.5,1,2 --out runs/mf-pde",
            "  ./sgdlimits meanfield examples/meanfield/one-particle.json --engine full \\",
            "      --out runs/p1-full",
            "",
            "A warning (stderr and run.json) is given when g = gamma/p is not small: the",
            "closure is then biased by O(g) and the full engine is the reference."})
final class MeanfieldCommand extends RunCommand {
    private static final String NAME = "sgdlimits meanfield";
    /** Replaced in the help by {@link MeanfieldColumns#describe()}, the columns the writers can emit. */
    static final String COLUMNS_PLACEHOLDER = "{trajectory columns}";

    /** Puts the trajectory columns into the description (annotations hold constants only). */
    static final class ColumnsHelp implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            String[] description = spec.usageMessage().description().clone();
            for (int i = 0; i < description.length; i++) {
                description[i] = description[i].replace(COLUMNS_PLACEHOLDER, MeanfieldColumns.describe());
            }
            spec.usageMessage().description(description);
            return spec;
        }
    }

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON, docs/theory.md §7, "
            + "plus an optional \"meanfield\" section)")
    Path experimentFile;

    @Option(names = {"-e", "--engine"}, paramLabel = "ENGINE",
            description = "particles, pde or full (default: meanfield.engine of the file, else particles)")
    String engineName;

    @Option(names = {"-s", "--snapshots"}, split = ",", paramLabel = "T",
            description = "density snapshot times, comma-separated, each in [0, time.end] (default: 0 and time.end)")
    List<Double> snapshots;

    @Mixin
    TrajectoryFormatOption format;

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        MeanfieldEngine fromOption = run.prepare(() -> engineName == null ? null
                : MeanfieldEngine.parse(engineName, "--engine"));
        MeanfieldExperiment input = run.prepare(() -> MeanfieldExperiment.read(experimentFile));
        MeanfieldEngine engine = fromOption != null ? fromOption
                : input.settings().engine() != null ? input.settings().engine() : MeanfieldEngine.PARTICLES;
        double[] times = run.prepare(() -> snapshotTimes(input.experiment()));
        run.requireMemory(memory(input, engine, times.length));
        MeanfieldRunner runner = run.prepare(() -> MeanfieldRunner.prepare(input, engine, times));
        MeanfieldRun result = run.runAndWrite(NAME + ": " + experimentFile + ": engine " + engine + ", "
                        + ExperimentSummary.describe(input.experiment()), () -> {
                    runner.warnings().forEach(run::warn);
                    MeanfieldRun r = run.run("the " + engine + " engine", progress -> runner.run(),
                            TerminalProgress.elapsed("integrating (" + engine + ")", !run.quiet()));
                    for (String w : r.warnings()) {
                        if (!runner.warnings().contains(w)) {
                            run.warn(w);
                        }
                    }
                    return r;
                },
                (outputs, r, timing) -> {
                    write(r, input, engine, outputs, run.directory());
                    outputs.report(report(input, engine, r, timing, outputs),
                            "experiment with defaults, status, warnings, statistics");
                }).result();
        run.out().println(summary(engine, result));
        run.out().flush();
        return SgdLimits.OK;
    }

    /**
     * What the engine will hold: the PDE grid (an automatic q⊥ cell count, chosen later from the initial
     * spread, is bounded by {@link PdeGridDefaults#MAX_Q_CELLS}), or the particles (p × p overlaps for full).
     */
    private static MemoryEstimate[] memory(MeanfieldExperiment input, MeanfieldEngine engine, int snapshots) {
        org.sgdlimits.meanfield.factory.DensityPdeFactory.Grid grid = input.settings().pde();
        if (engine == MeanfieldEngine.PDE && grid != null) {
            int qCells = grid.qCells() != null ? grid.qCells() : PdeGridDefaults.MAX_Q_CELLS;
            return new MemoryEstimate[] {MemoryEstimate.pdeGrid(grid.xiCells(), qCells, snapshots)};
        }
        return new MemoryEstimate[] {MemoryEstimate.particles(input.experiment().p(), input.experiment().k(),
                engine == MeanfieldEngine.FULL)};
    }

    /** Sorted distinct snapshot times (default 0 and end); range checked by the runner. */
    private double[] snapshotTimes(Experiment e) {
        if (snapshots == null || snapshots.isEmpty()) {
            return new double[] {0.0, e.time().end()};
        }
        TreeSet<Double> set = new TreeSet<>();
        for (Double t : snapshots) {
            if (t == null || !Double.isFinite(t)) {
                throw new ExperimentException("--snapshots", "time " + t + "; must be a finite number in [0, "
                        + "time.end = " + e.time().end() + "]");
            }
            set.add(t == 0.0 ? 0.0 : t); // -0.0 -> 0.0
        }
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void write(MeanfieldRun run, MeanfieldExperiment input, MeanfieldEngine engine, RunOutputs outputs,
                       OutputDirectory dir) throws IOException {
        Trajectory t = run.trajectory();
        outputs.trajectory(t, format.formats());
        String title = title(input.experiment(), engine);
        outputs.charts(t, title);
        outputs.chart("moments.png", "moments", OverlapChart.of(t, List.of("mean_m2", "mean_qperp"),
                title + ": moments"), "mean_m2, mean_qperp vs t");
        List<DensitySnapshot> snaps = run.snapshots();
        for (int n = 0; n < snaps.size(); n++) {
            DensitySnapshot s = snaps.get(n);
            String at = label(run.requested().get(n));
            Path png = dir.file("density-t" + at + ".png");
            DensitySnapshotWriter.writePng(s, png);
            outputs.record("snapshotPng_t" + at, png, "heat map of (m, q_perp) at t = " + ExperimentSummary.fmt(s.time()));
            Path csv = dir.file("density-t" + at + ".csv");
            DensitySnapshotWriter.writeCsv(s, csv);
            outputs.record("snapshotCsv_t" + at, csv, s.grid().mCells() + " x " + s.grid().qCells()
                    + " grid, columns m,qperp,density");
        }
        if (!snaps.isEmpty()) {
            Path sheet = dir.file("density-snapshots.png");
            DensitySnapshotWriter.writeContactSheet(snaps, sheet, Math.min(snaps.size(), 4), 480, 360);
            outputs.record("contactSheet", sheet, snaps.size() + " snapshot" + (snaps.size() == 1 ? "" : "s")
                    + " in one image");
        }
    }

    /** A time as it appears in file names: 0, 0.5, 2, 0.0001. */
    static String label(double t) {
        return BigDecimal.valueOf(t).stripTrailingZeros().toPlainString();
    }

    private String title(Experiment e, MeanfieldEngine engine) {
        String name = experimentFile.getFileName().toString().replaceFirst("\\.json$", "");
        return name + ": " + engine + ", " + e.student().activation().id() + " p = " + e.p() + ", k = " + e.k()
                + ", \u03b3 = " + e.learningRate() + (e.noise() > 0 ? ", \u0394 = " + e.noise() : "");
    }

    private static RunReport report(MeanfieldExperiment input, MeanfieldEngine engine, MeanfieldRun run,
                                    CommandRun.Timing timing, RunOutputs outputs) {
        Trajectory t = run.trajectory();
        int last = t.size() - 1;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("engine", engine.id());
        results.put("g", input.experiment().g());
        if (last >= 0) {
            results.put("finalTime", t.time(last));
            for (String c : t.columns()) {
                results.put("final_" + c, t.value(last, c));
            }
        }
        List<Map<String, Object>> snaps = new ArrayList<>();
        for (int n = 0; n < run.snapshots().size(); n++) {
            DensitySnapshot s = run.snapshots().get(n);
            String label = label(run.requested().get(n));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestedTime", run.requested().get(n));
            m.put("time", s.time());
            m.put("png", "density-t" + label + ".png");
            m.put("csv", "density-t" + label + ".csv");
            m.put("displayedMass", s.displayedMass());
            snaps.add(m);
        }
        results.put("snapshots", snaps);
        List<String> warnings = new ArrayList<>(run.warnings());
        warnings.addAll(outputs.warnings());
        return new RunReport("meanfield", input.toJson(engine), t.status(), results, run.statistics(),
                timing.started(), timing.wallSeconds(), warnings, outputs.files());
    }

    private static String summary(MeanfieldEngine engine, MeanfieldRun run) {
        Trajectory t = run.trajectory();
        RunStatus s = t.status();
        String values = t.size() == 0 ? "no recorded times" : String.format(Locale.ROOT,
                "final risk R = %.4g (excess %.4g), mean_m2 = %.4g, mean_qperp = %.4g at t = %.4g",
                t.value(t.size() - 1, "risk"), t.value(t.size() - 1, "excess_risk"), t.value(t.size() - 1, "mean_m2"),
                t.value(t.size() - 1, "mean_qperp"), t.time(t.size() - 1));
        String status = switch (s.outcome()) {
            case COMPLETED -> "completed";
            case DIVERGED -> "DIVERGED at t = " + ExperimentSummary.fmt(s.time()) + " (" + s.cause() + ")";
            case STOPPED_BY_EVENT -> "stopped at t = " + ExperimentSummary.fmt(s.time()) + " (" + s.cause() + ")";
        };
        return "meanfield (" + engine + "): " + status + "; " + values + "; " + run.snapshots().size()
                + " snapshot" + (run.snapshots().size() == 1 ? "" : "s")
                + (run.warnings().isEmpty() ? "" : "; " + run.warnings().size() + " warning(s), see run.json");
    }
}
