package org.sgdlimits.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdlimits.chart.FigureGrid;
import org.sgdlimits.experiment.Experiment;
import org.sgdlimits.io.AtomicFile;
import org.sgdlimits.io.RunReport;
import org.sgdlimits.study.sweep.TrajectoryMeasures;
import org.sgdlimits.meanfield.dmft.CommitteeModel;
import org.sgdlimits.meanfield.dmft.CommitteeSimulator;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftKernels;
import org.sgdlimits.meanfield.dmft.MultiPassSimulator;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdlimits dmft}: multi-pass SGD on n = α d reused samples by discrete-time dynamical mean-field theory
 * (docs/dmft.md): the exact closure or the Monte Carlo sweep, optionally against the finite-d multi-pass
 * simulator. Wires library calls; holds no physics.
 */
@Command(name = "dmft",
        mixinStandardHelpOptions = true,
        description = {
            "Multi-pass SGD on a reused data set of n = alpha d samples by dynamical mean-field theory (docs/dmft.md).",
            "Engines: exact (square loss, linear teacher, full-batch gd: Gaussian coefficient vectors, no sampling) "
                + "or montecarlo (any smooth loss, teacher map, algorithm, momentum; error bars from independent "
                + "sweeps and a finite-S bias estimate from sweeps at S/4). auto picks exact when it applies.",
            "Writes into DIR: trajectory.csv (t,step,m,q,test_risk,excess_risk,train_loss,generalisation_gap"
                + "[,classification_error], with _sem and _bias columns for Monte Carlo), trajectory.npy "
                + "(+ columns file), simulation.csv/.npy with --simulate, losses.png, overlaps.png, with "
                + "--kernels kernel_R.npy, kernel_Gamma.npy, kernel_Cg.npy (and *_sem.npy for Monte Carlo), with "
                + "--kernel-chart kernels.png, and, last, run.json. Invalid input writes nothing (exit 2).",
            "The experiment file needs a \"dmft\" section: samplesPerDimension, stepSize, steps (required); loss "
                + "(square|logistic), teacherMap (linear|sign|activation), ridge (0), algorithm {kind gd|bernoulli "
                + "{batchFraction}|reshuffle {epochSteps}|persistent {batchFraction, persistence}|sgf "
                + "{temperature}}, momentum {kind none|heavy-ball|nesterov, beta}, schedule [eta_0, ...] instead of "
                + "stepSize and steps, initial {teacherOverlap (0), "
                + "orthogonalNorm (1)}, engine (auto), paths (20000), seeds (4), seed (1).",
            "A two-layer committee (student.p >= 2 or teacher.k >= 2; docs/dmft.md section 7): student p in [1, 4] "
                + "erf or relu units with a fixed second layer, teacher k in [1, 2] erf or relu units, start from the "
                + "experiment's initial {M, Q}, square loss, no momentum, Monte Carlo; columns test_risk, "
                + "excess_risk, train_loss, generalisation_gap, M_i_r, Q_i_j.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits dmft examples/dmft/ridge-double-descent.json --out runs/ridge",
            "  ./sgdlimits dmft examples/dmft/logistic-early-stopping.json \\",
            "      --out runs/logistic --simulate --dimension 1000 --sim-seeds 8",
            "  ./sgdlimits dmft examples/dmft/sgd-vs-gd.json --paths 40000 --seeds 4 \\",
            "      --out runs/sgd",
            "  ./sgdlimits dmft examples/dmft/gd-same-passes.json --kernels \\",
            "      --kernel-chart --out runs/kernels",
            "  ./sgdlimits dmft examples/dmft/committee-erf.json --out runs/committee",
            "  ./sgdlimits dmft examples/dmft/committee-relu.json --simulate \\",
            "      --dimension 4000 --sim-seeds 4 --out runs/committee-relu"})
final class DmftCommand extends RunCommand {
    private static final String NAME = "sgdlimits dmft";

    @Parameters(index = "0", paramLabel = "EXPERIMENT.json", description = "experiment file (JSON) with a \"dmft\" "
            + "section")
    Path experimentFile;

    @Option(names = "--paths", paramLabel = "S", description = "Monte Carlo paths per sweep (default: dmft.paths)")
    Integer paths;

    @Option(names = "--seeds", paramLabel = "K", description = "independent Monte Carlo sweeps (default: dmft.seeds)")
    Integer seeds;

    @Option(names = "--simulate", description = "also run the finite-d multi-pass simulator")
    boolean simulate;

    @Option(names = "--dimension", paramLabel = "D", description = "simulator dimension d (default: ${DEFAULT-VALUE})")
    int dimension = 1000;

    @Option(names = "--sim-seeds", paramLabel = "N", description = "simulator data sets and runs (default: "
            + "${DEFAULT-VALUE})")
    int simSeeds = 4;

    @Option(names = "--kernels", description = "also write the memory kernels R, Gamma, C_g as (T+1) x (T+1) NPY "
            + "matrices kernel_R.npy, kernel_Gamma.npy, kernel_Cg.npy (Monte Carlo: + *_sem.npy); T <= "
            + DmftKernelFiles.MAX_STEPS)
    boolean kernels;

    @Option(names = "--kernel-chart", description = "also draw kernels.png, heat maps of R, Gamma, C_g over (s, t) "
            + "(implies --kernels)")
    boolean kernelChart;

    @Mixin
    TrajectoryFormatOption format;

    /**
     * What the command runs: the GLM settings or the committee settings behind one interface, so that both go
     * through the same outputs, report and summary code.
     */
    private interface Problem {
        String describe();

        String engineText();

        boolean exact();

        double alpha();

        int minimumDimension();

        long seed();

        /** The sweep, with the memory kernels when {@code withKernels}. */
        DmftEngine.Result sweep(boolean parallel, boolean withKernels);

        /** @throws IllegalArgumentException naming --kernels when the kernels cannot be written for this run */
        void checkKernels();

        /** The finite-d simulator as a configured engine (the one contract). */
        Engine<Trajectory> simulation(int dimension, int simSeeds);

        /** The overlap columns (charted in overlaps.png and compared with the simulation). */
        List<String> overlapColumns(Trajectory dmft);

        com.fasterxml.jackson.databind.node.ObjectNode experimentJson(Experiment e);

        String markdown(String file, Trajectory dmft, Trajectory sim, int dimension, int simSeeds);

        Map<String, Object> statistics();
    }

    private static Problem glm(DmftSettings s) {
        return new Problem() {
            public String describe() {
                return DmftCommand.describe(s);
            }

            public String engineText() {
                return s.exact() ? "exact closure" : monteCarloText(s.seeds(), s.paths());
            }

            public boolean exact() {
                return s.exact();
            }

            public double alpha() {
                return s.model().alpha();
            }

            public int minimumDimension() {
                return 2;
            }

            public long seed() {
                return s.seed();
            }

            public DmftEngine.Result sweep(boolean parallel, boolean withKernels) {
                return withKernels ? s.runWithKernels(parallel) : new DmftEngine.Result(s.run(parallel), null);
            }

            public void checkKernels() {
                DmftKernelFiles.checkSize(s.model().steps());
            }

            public Engine<Trajectory> simulation(int dimension, int simSeeds) {
                return MultiPassSimulator.engine(s.model(), dimension, simSeeds, s.seed());
            }

            public List<String> overlapColumns(Trajectory dmft) {
                return List.of("m", "q");
            }

            public com.fasterxml.jackson.databind.node.ObjectNode experimentJson(Experiment e) {
                return s.experimentJson(e);
            }

            public String markdown(String file, Trajectory dmft, Trajectory sim, int dimension, int simSeeds) {
                return DmftSummary.markdown(file, s, dmft, sim, dimension, simSeeds);
            }

            public Map<String, Object> statistics() {
                return DmftCommand.statistics(s.model().steps(), s.exact(), s.paths(), s.seeds());
            }
        };
    }

    private static Problem committee(DmftCommitteeSettings s) {
        return new Problem() {
            public String describe() {
                CommitteeModel m = s.model();
                return String.format(Locale.ROOT, "committee p = %d %s units, k = %d %s teacher units, alpha = %s, "
                                + "square loss, %s, eta = %s, lambda = %s, T = %d", m.p(), m.student().id(), m.k(),
                        m.teacher().id(), fmt(m.alpha()), m.selection().id(), fmt(m.stepSize(0)), fmt(m.ridge()),
                        m.steps());
            }

            public String engineText() {
                return monteCarloText(s.seeds(), s.paths());
            }

            public boolean exact() {
                return false;
            }

            public double alpha() {
                return s.model().alpha();
            }

            public int minimumDimension() {
                return Math.max(2, s.model().p() + s.model().k());
            }

            public long seed() {
                return s.seed();
            }

            public DmftEngine.Result sweep(boolean parallel, boolean withKernels) {
                return new DmftEngine.Result(s.run(parallel), null);
            }

            public void checkKernels() {
                throw new IllegalArgumentException("--kernels: the committee sweep does not record its p x p kernel "
                        + "blocks; --kernels and --kernel-chart need p = k = 1");
            }

            public Engine<Trajectory> simulation(int dimension, int simSeeds) {
                return CommitteeSimulator.engine(s.model(), dimension, simSeeds, s.seed());
            }

            public List<String> overlapColumns(Trajectory dmft) {
                List<String> c = new ArrayList<>();
                for (String name : dmft.columns()) {
                    if (name.matches("M_\\d+_\\d+")) {
                        c.add(name);
                    } else if (name.matches("Q_\\d+_\\d+")) {
                        String[] ij = name.split("_");
                        if (Integer.parseInt(ij[1]) <= Integer.parseInt(ij[2])) {
                            c.add(name);
                        }
                    }
                }
                return c;
            }

            public com.fasterxml.jackson.databind.node.ObjectNode experimentJson(Experiment e) {
                return s.experimentJson(e);
            }

            public String markdown(String file, Trajectory dmft, Trajectory sim, int dimension, int simSeeds) {
                return DmftSummary.committeeMarkdown(file, s, dmft, sim, dimension, simSeeds);
            }

            public Map<String, Object> statistics() {
                return DmftCommand.statistics(s.model().steps(), false, s.paths(), s.seeds());
            }
        };
    }

    private static String monteCarloText(int seeds, int paths) {
        return "Monte Carlo, " + seeds + " x " + paths + " paths (+ " + seeds + " x " + paths / 4
                + " for the finite-S bias)";
    }

    @Override
    int run(CommandRun run) throws CommandRun.Exit {
        DmftExperiment input = run.prepare(() -> DmftExperiment.read(experimentFile));
        Experiment experiment = input.experiment();
        Problem problem = input.isCommittee()
                ? committee(run.prepare(() -> input.committee().withSizes(paths, seeds)))
                : glm(run.prepare(() -> input.settings().withSizes(paths, seeds)));
        if (simulate) {
            run.prepare(() -> checkSimulation(problem));
        }
        Engine<Trajectory> simulator = simulate ? run.prepare(() -> problem.simulation(dimension, simSeeds)) : null;
        boolean withKernels = kernels || kernelChart;
        if (withKernels) {
            run.prepare(problem::checkKernels);
        }
        boolean exact = problem.exact();
        String title = experimentFile.getFileName().toString().replaceFirst("\\.json$", "");
        Swept done = run.runAndWrite(NAME + ": " + experimentFile + ": " + problem.describe() + "; "
                + problem.engineText(), () -> {
                    DmftEngine.Result sweep;
                    try (TerminalProgress ticker = TerminalProgress.elapsed("sweeping (" + (exact ? "exact"
                            : "Monte Carlo") + ")", !run.quiet())) {
                        sweep = run.compute("the DMFT sweep", () -> problem.sweep(true, withKernels));
                    }
                    Trajectory sim = simulator == null ? null : run.run("the simulation", simulator,
                            TerminalProgress.elapsed("simulating d = " + dimension, !run.quiet()));
                    List<String> warnings = warnings(sweep.trajectory(), sim);
                    warnings.forEach(run::warn);
                    return new Swept(sweep.trajectory(), sweep.kernels(), sim, warnings);
                },
                (outputs, r, timing) -> {
                    Trajectory dmft = r.dmft();
                    Trajectory simulation = r.simulation();
                    List<String> overlaps = problem.overlapColumns(dmft);
                    outputs.trajectory(dmft, format.formats());
                    if (simulation != null) {
                        outputs.trajectory(simulation, format.formats(), "simulation", "simulation");
                    }
                    outputs.chart("losses.png", "losses", DmftCharts.losses(dmft, simulation, title),
                            "training loss and test risk vs t" + (simulation != null ? ", simulation points" : ""));
                    outputs.chart("overlaps.png", "overlaps", DmftCharts.overlaps(dmft, simulation, title, overlaps),
                            String.join(", ", overlaps) + " vs t");
                    DmftKernels kernelValues = r.kernels();
                    if (kernelValues != null && kernelValues.size() > 0) {
                        DmftKernelFiles.write(kernelValues, run.directory(), outputs);
                        if (kernelChart) {
                            Path png = run.directory().file("kernels.png");
                            FigureGrid grid = DmftCharts.kernels(kernelValues, title);
                            grid.writePng(png, 520, 460);
                            grid.warnings().forEach(w -> outputs.warnings().add("kernels.png: " + w));
                            outputs.record("kernelChart", png, "heat maps of R, Gamma, C_g over (s, t)");
                        }
                    }
                    if (dmft.size() > 0) {
                        Path md = run.directory().file("summary.md");
                        AtomicFile.writeString(md, problem.markdown(experimentFile.getFileName().toString(), dmft,
                                simulation, dimension, simSeeds));
                        outputs.record("summary", md, "final and best values in one Markdown line (the README's "
                                + "list)");
                    }
                    List<String> all = new ArrayList<>(r.warnings());
                    all.addAll(outputs.warnings());
                    outputs.report(new RunReport("dmft", problem.experimentJson(experiment), dmft.status(),
                            results(dmft, simulation, exact, overlaps), problem.statistics(), timing.started(),
                            timing.wallSeconds(), all, outputs.files()),
                            "experiment with defaults, status, warnings, statistics");
                }).result();
        run.out().println(summary(done.dmft(), done.simulation()));
        run.out().flush();
        return SgdLimits.OK;
    }

    /** What the command computed: the sweep (with its kernels when asked), the simulation or null, the warnings. */
    private record Swept(Trajectory dmft, DmftKernels kernels, Trajectory simulation, List<String> warnings) {
    }

    private Void checkSimulation(Problem problem) {
        if (dimension < problem.minimumDimension() || dimension > 100_000) {
            throw new IllegalArgumentException("--dimension: " + dimension + "; must be an integer in ["
                    + problem.minimumDimension() + ", 100000]");
        }
        if (simSeeds < 2 || simSeeds > 1000) {
            throw new IllegalArgumentException("--sim-seeds: " + simSeeds + "; must be an integer in [2, 1000]");
        }
        long n = Math.max(1, Math.round(problem.alpha() * dimension));
        if (n * dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--dimension: " + dimension + " gives a data set of " + n + " x "
                    + dimension + " values, more than one array holds; lower the dimension");
        }
        return null;
    }

    private static String describe(DmftSettings s) {
        var m = s.model();
        return String.format(Locale.ROOT, "alpha = %s, %s loss, %s teacher, %s, eta = %s, lambda = %s, T = %d%s",
                fmt(m.alpha()), m.loss().id(), m.teacher().id(), m.selection().id(), fmt(m.stepSize(0)),
                fmt(m.ridge()), m.steps(), m.momentum().kind() == org.sgdlimits.meanfield.dmft.Momentum.Kind.NONE
                        ? "" : ", " + m.momentum().kind().name().toLowerCase(Locale.ROOT) + " beta = "
                        + fmt(m.momentum().beta()));
    }

    private static String fmt(double v) {
        return ExperimentSummary.fmt(v);
    }

    /** Finite-S bias beyond the error bars: |bias| above 2.24 SE (beyond the SE and significant, see docs). */
    static List<String> warnings(Trajectory dmft, Trajectory sim) {
        List<String> w = new ArrayList<>();
        for (String c : dmft.columns()) {
            if (!dmft.hasColumn(c + "_bias") || !dmft.hasColumn(c + "_sem")) {
                continue;
            }
            double worst = 0;
            int at = -1;
            for (int i = 1; i < dmft.size(); i++) {
                double ratio = Math.abs(dmft.value(i, c + "_bias")) / dmft.value(i, c + "_sem");
                if (ratio > worst) {
                    worst = ratio;
                    at = i;
                }
            }
            if (worst > Math.sqrt(5)) {
                w.add(String.format(Locale.ROOT, "finite-S bias of %s exceeds its error bar (|bias| = %.3g = %.1f SE"
                        + " at step %d); raise --paths", c, Math.abs(dmft.value(at, c + "_bias")), worst, at));
            }
        }
        if (sim != null && sim.status().diverged()) {
            w.add("the simulation diverged: " + sim.status().cause());
        }
        return w;
    }

    private Map<String, Object> results(Trajectory dmft, Trajectory sim, boolean exact, List<String> overlaps) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("engine", exact ? "exact" : "montecarlo");
        if (dmft.size() > 0) {
            int last = dmft.size() - 1;
            r.put("finalStep", (int) dmft.value(last, DmftEngine.STEP));
            r.put("finalTime", dmft.time(last));
            for (String c : dmft.columns()) {
                if (!c.equals(DmftEngine.STEP)) {
                    r.put("final_" + c, dmft.value(last, c));
                }
            }
            int best = TrajectoryMeasures.argmin(dmft, "test_risk");
            r.put("earlyStoppingStep", best);
            r.put("earlyStoppingTime", dmft.time(best));
            r.put("earlyStoppingTestRisk", dmft.value(best, "test_risk"));
        }
        if (sim != null && sim.size() > 0) {
            int last = sim.size() - 1;
            r.put("simulationDimension", dimension);
            r.put("simulationSeeds", simSeeds);
            r.put("simulation_final_train_loss", sim.value(last, "train_loss"));
            r.put("simulation_final_test_risk", sim.value(last, "test_risk"));
            double worst = 0;
            int rows = Math.min(sim.size(), dmft.size());
            for (int i = 1; i < rows; i++) {
                List<String> compared = new ArrayList<>(List.of("train_loss", "test_risk"));
                compared.addAll(overlaps);
                for (String c : compared) {
                    double se = Math.hypot(sim.value(i, c + "_sem"),
                            dmft.hasColumn(c + "_sem") ? dmft.value(i, c + "_sem") : 0.0);
                    worst = Math.max(worst, Math.abs(sim.value(i, c) - dmft.value(i, c)) / se);
                }
            }
            r.put("simulationLargestGapInStandardErrors", worst);
        }
        return r;
    }

    private static Map<String, Object> statistics(int steps, boolean exact, int paths, int seeds) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("steps", steps);
        if (!exact) {
            st.put("paths", paths);
            st.put("seeds", seeds);
            st.put("biasPaths", paths / 4);
        }
        return st;
    }

    private static String summary(Trajectory dmft, Trajectory sim) {
        RunStatus s = dmft.status();
        if (dmft.size() == 0) {
            return "dmft: DIVERGED at the first step (" + s.cause() + ")";
        }
        int last = dmft.size() - 1;
        int best = TrajectoryMeasures.argmin(dmft, "test_risk");
        String status = s.diverged() ? "DIVERGED (" + s.cause() + ")" : "completed";
        String overlaps = dmft.hasColumn("m") ? String.format(Locale.ROOT, ", m = %.4g, q = %.4g",
                dmft.value(last, "m"), dmft.value(last, "q")) : "";
        String text = String.format(Locale.ROOT, "dmft: %s; at step %d (t = %.4g): train loss %.4g, test risk %.4g"
                        + "%s; smallest test risk %.4g at step %d (t = %.4g)", status,
                (int) dmft.value(last, DmftEngine.STEP), dmft.time(last), dmft.value(last, "train_loss"),
                dmft.value(last, "test_risk"), overlaps, dmft.value(best, "test_risk"), best, dmft.time(best));
        if (sim != null && sim.size() > last) {
            text += String.format(Locale.ROOT, "; simulation: train loss %.4g, test risk %.4g",
                    sim.value(last, "train_loss"), sim.value(last, "test_risk"));
        }
        return text;
    }
}
