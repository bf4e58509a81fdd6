package org.sgdlimits.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sgdlimits.study.sweep.CellResult;
import org.sgdlimits.study.sweep.CellRunner;
import org.sgdlimits.study.sweep.CellStore;
import org.sgdlimits.study.sweep.SweepCell;
import org.sgdlimits.study.sweep.SweepDefinition;
import org.sgdlimits.study.sweep.SweepDirectory;
import org.sgdlimits.study.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sgdlimits sweep-cells} (hidden): the worker of a Slurm array task. Runs the cells on lines
 * [task·c, (task+1)·c) of a submission's cell list, one after the other in this JVM, skipping cells already
 * stored. On SIGTERM (Slurm's signal before the time limit, or scancel) it finishes the cell in flight, starts no
 * other and exits; a cell cut short by SIGKILL leaves only a temporary directory, which does not count.
 */
@Command(name = "sweep-cells", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs a chunk of a sweep's cells (one Slurm array task of 'sgdlimits sweep --executor slurm').")
final class SweepCellsCommand implements Callable<Integer> {
    /** How long a SIGTERM waits for the cell in flight. */
    private static final long GRACE_SECONDS = 600;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the sweep directory")
    Path dir;

    @Option(names = "--cells", required = true, paramLabel = "FILE", description = "the submission's cell list")
    Path cells;

    @Option(names = "--task", required = true, paramLabel = "I", description = "array task index, from 0")
    int task;

    @Option(names = "--cells-per-task", required = true, paramLabel = "C", description = "cells per task")
    int cellsPerTask;

    @Override
    public Integer call() {
        return CommandRun.execute(spec, null, false, this::run);
    }

    private int run(CommandRun run) throws CommandRun.Exit {
        SweepDirectory sweep = new SweepDirectory(dir);
        SweepDefinition definition = run.prepare(() -> sweep.readInput(SweepCells.COMMANDS));
        SweepPlan plan = run.prepare(() -> SweepPlan.of(definition, SweepCells.COMMANDS));
        List<String> keys = run.prepare(() -> {
            if (task < 0 || cellsPerTask < 1) {
                throw new IllegalArgumentException("--task/--cells-per-task: must be >= 0 and >= 1");
            }
            try {
                List<String> all = Files.readAllLines(cells).stream().filter(l -> !l.isBlank()).toList();
                return all.subList(Math.min(all.size(), task * cellsPerTask),
                        Math.min(all.size(), (task + 1) * cellsPerTask));
            } catch (IOException e) {
                throw new IllegalArgumentException("--cells: cannot read " + cells + ": " + e.getMessage());
            }
        });
        CellStore store = sweep.cells();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit now
            }
        }, "sgdlimits-sweep-cells-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (String key : keys) {
                if (stop.get()) {
                    run.out().println("sweep-cells: stopping (SIGTERM) before cell " + key);
                    break;
                }
                SweepCell cell = plan.cell(key);
                if (cell == null) {
                    run.warn("cell " + key + " is not in the sweep of " + dir + "; skipped");
                    continue;
                }
                CellResult stored = store.read(key);
                if (stored != null && stored.finishedFor(definition)) {
                    continue;
                }
                CellResult result = CellRunner.run(cell, definition);
                try {
                    store.write(result);
                } catch (IOException e) {
                    throw run.fail(SgdLimits.RUN_FAILED, "writing cell " + key + " failed: " + e);
                }
                run.out().printf(Locale.ROOT, "sweep-cells: %s %s in %.3f s%s%n", cell.describe(definition.axes()),
                        result.status().id(), result.wallSeconds(),
                        result.message().isEmpty() ? "" : ": " + result.message());
                run.out().flush();
            }
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM arrived: the hook is waiting for 'done', which is counted down
        }
        return SgdLimits.OK;
    }
}
