package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlimits.experiment.ExperimentException;
import org.sgdlimits.study.sweep.CellResult;
import org.sgdlimits.study.sweep.CellStore;
import org.sgdlimits.study.sweep.LocalExecutor;
import org.sgdlimits.study.sweep.SweepCell;
import org.sgdlimits.study.sweep.SweepCharts;
import org.sgdlimits.study.sweep.SweepDefinition;
import org.sgdlimits.study.sweep.SweepDirectory;
import org.sgdlimits.study.sweep.SweepMerge;
import org.sgdlimits.study.sweep.SweepPlan;
import org.sgdlimits.study.sweep.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sgdlimits sweep}: parameter sweeps and phase diagrams over any experiment field, locally or on Slurm. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a parameter sweep (a grid of cells, each a run of ode, simulate, meanfield, escape or dmft averaged "
                + "over seeds).",
            "Writes into DIR: cells/KEY/cell.json per finished cell (atomic; rerunning the same command skips "
                + "finished cells and retries failed ones), cells.csv (axis values, summaries with standard errors, "
                + "status, wall time), sweep.json, and charts by number of axes (one: a line chart per summary; two: "
                + "a heat map per summary with diverged/failed cells marked; three: small multiples).",
            "Sweep-file format and examples: README.md, section 'Sweeps and phase diagrams'.",
            ""},
        footer = {
            "",
            "Examples:",
            "  ./sgdlimits sweep examples/sweeps/divergence-boundary.json \\",
            "      --out runs/boundary",
            "  ./sgdlimits sweep examples/sweeps/divergence-boundary.json \\",
            "      --out runs/boundary --resume",
            "  ./sgdlimits sweep my-sweep.json --out runs/big --executor slurm \\",
            "      --partition short --time 02:00:00 --cells-per-task 20 --no-wait",
            "  ./sgdlimits sweep runs/big --merge   # merge what a Slurm sweep finished",
            "",
            "Exit codes: 0 every cell finished (diverged cells are results),",
            "            1 some cells failed or are pending (listed in sweep.json;",
            "            run again to retry), 2 bad input (nothing written)."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP.json|DIR",
            description = "the sweep file (or, with --merge, the output directory of a sweep)")
    Path input;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "output directory: new, empty, or holding this or another sweep (its finished cells are reused)")
    Path out;

    @Option(names = "--executor", paramLabel = "local|slurm", description = "where cells run (default local)")
    String executor = "local";

    @Option(names = "--threads", paramLabel = "N",
            description = "local executor: cells run at once, one thread each (default: number of processors)")
    Integer threads;

    @Option(names = "--resume", description = "continue the sweep in DIR (an error when DIR holds no sweep); "
            + "rerunning without it resumes too")
    boolean resume;

    @Option(names = "--merge", description = "merge the finished cells of the sweep in DIR (the positional "
            + "argument) into cells.csv, sweep.json and the charts; runs nothing")
    boolean merge;

    @Mixin
    SlurmOptions slurm;

    @Option(names = "--no-charts", description = "write only cells.csv and sweep.json")
    boolean noCharts;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        return CommandRun.execute(spec, null, quiet.quiet, this::run);
    }

    private int run(CommandRun run) throws CommandRun.Exit {
        if (merge) {
            return mergeOnly(run);
        }
        SweepDefinition definition = run.prepare(() -> {
            if (out == null) {
                throw new IllegalArgumentException("--out: missing; give the output directory (--out DIR)");
            }
            if (!executor.equals("local") && !executor.equals("slurm")) {
                throw new IllegalArgumentException("--executor: unknown value '" + executor + "'; allowed: local, slurm");
            }
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads: " + threads + "; must be an integer >= 1");
            }
            return SweepDefinition.read(input, SweepCells.COMMANDS);
        });
        SweepPlan plan = run.prepare(() -> SweepPlan.of(definition, SweepCells.COMMANDS));
        SweepDirectory dir = new SweepDirectory(out);
        run.prepare(() -> {
            dir.check();
            if (resume && !dir.holdsSweep()) {
                throw new ExperimentException("--resume", out + " holds no sweep to resume; drop --resume to start one");
            }
        });
        CellStore store = dir.cells();
        List<SweepCell> pending = store.pending(plan);
        if (executor.equals("slurm")) {
            return SlurmRun.submit(run, slurm, dir, plan, pending, !noCharts);
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        run.announce(String.format(Locale.ROOT, "sgdlimits sweep: %s: %s over %s: %d cells x %d seeds; %d finished, "
                        + "%d to run on %d threads", input, definition.command(), axesText(definition),
                plan.cells().size(), definition.seeds(), plan.cells().size() - pending.size(), pending.size(),
                Math.min(workers, Math.max(1, pending.size()))));
        long t0 = System.nanoTime();
        double[] cellSeconds = {0};
        try (InterruptNotice notice = new InterruptNotice(run.err(), "sgdlimits sweep",
                () -> "finished cells are kept in " + store.root() + "; run the same command again to resume")) {
            try {
                dir.writeInput(definition);
                store.removeTemporary();
            } catch (IOException e) {
                throw run.fail(SgdLimits.RUN_FAILED, "cannot write into " + out + ": " + e);
            }
            try (TerminalProgress bar = new TerminalProgress("cells", pending.size(), " cells", 1, !run.quiet())) {
                new LocalExecutor(workers).run(pending, definition, store, (cell, result) -> {
                    bar.advanced(1);
                    synchronized (cellSeconds) {
                        cellSeconds[0] += result.wallSeconds();
                    }
                    if (result.status() == CellResult.Status.FAILED) {
                        run.warn(cell.describe(definition.axes()) + " failed: " + result.message());
                    }
                });
            } catch (IOException e) {
                throw run.fail(SgdLimits.RUN_FAILED, "writing a cell into " + store.root() + " failed: " + e
                        + " (finished cells are kept; run again to resume)");
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("executor", "local");
        facts.put("threads", workers);
        facts.put("cellsRun", pending.size());
        facts.put("wallSeconds", wall);
        facts.put("cellSecondsOfThisRun", cellSeconds[0]);
        if (!pending.isEmpty()) {
            // everything but the cells' own computation, per cell: (wall x workers - cell time) / cells
            int used = Math.min(workers, pending.size());
            facts.put("overheadSecondsPerCell", Math.max(0, wall * used - cellSeconds[0]) / pending.size());
        }
        return writeMerged(run, dir, plan, facts);
    }

    private int mergeOnly(CommandRun run) throws CommandRun.Exit {
        SweepDirectory dir = new SweepDirectory(input);
        SweepDefinition definition = run.prepare(() -> {
            if (out != null && !out.equals(input)) {
                throw new IllegalArgumentException("--merge: merges in place; give the sweep directory as the "
                        + "argument and no --out");
            }
            return dir.readInput(SweepCells.COMMANDS);
        });
        SweepPlan plan = run.prepare(() -> SweepPlan.of(definition, SweepCells.COMMANDS));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("executor", "merge");
        SlurmRun.describeLastSubmission(dir, facts);
        return writeMerged(run, dir, plan, facts);
    }

    /** Merges, prints the counts; exit 0 when every cell finished, 1 when some failed or are pending. */
    static int writeMerged(CommandRun run, SweepDirectory dir, SweepPlan plan, Map<String, Object> facts,
                           boolean charts) throws CommandRun.Exit {
        SweepResults results = SweepResults.read(plan, dir.cells());
        try {
            Map<String, String> files = charts ? SweepCharts.write(results, dir) : Map.of();
            for (Path p : SweepMerge.write(results, dir, facts, files)) {
                run.announce("  " + p);
            }
            for (String f : files.keySet()) {
                run.announce("  " + dir.file(f));
            }
        } catch (IOException | RuntimeException e) {
            throw run.fail(SgdLimits.RUN_FAILED, "merging into " + dir.path() + " failed: " + e
                    + " (the cells are kept; run 'sgdlimits sweep " + dir.path() + " --merge' again)");
        }
        int failed = results.count("failed");
        int pending = results.count("pending");
        run.out().printf(Locale.ROOT, "sweep: %d cells: %d completed, %d diverged, %d failed, %d pending; "
                        + "cell time %.1f s in all%s%n", plan.cells().size(), results.count("completed"),
                results.count("diverged"), failed, pending, results.cellSeconds(),
                failed + pending > 0 ? "; run the same command again to retry/resume" : "");
        run.out().flush();
        return failed + pending > 0 ? SgdLimits.RUN_FAILED : SgdLimits.OK;
    }

    private int writeMerged(CommandRun run, SweepDirectory dir, SweepPlan plan, Map<String, Object> facts)
            throws CommandRun.Exit {
        return writeMerged(run, dir, plan, facts, !noCharts);
    }

    static String axesText(SweepDefinition d) {
        return String.join(d.zip() ? " zip " : " x ", d.axes().stream()
                .map(a -> a.field() + " (" + a.values().size() + ")").toList());
    }
}
