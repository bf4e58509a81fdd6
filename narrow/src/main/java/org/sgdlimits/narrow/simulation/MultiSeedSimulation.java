package org.sgdlimits.narrow.simulation;

import java.util.concurrent.atomic.AtomicLong;
import org.sgdlimits.trajectory.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * S seeds of one engine from the same initial overlaps, run in parallel, reduced to means and standard errors.
 *
 * <p>Seed s (0-based) uses the private stream {@link SeedStreams#stream}(baseSeed, s) for everything (the
 * orientation of its initial weights, inputs, labels, held-out sample), and the reduction sums in seed order,
 * so the result is bit-identical whatever the number of threads. Immutable and thread-safe.
 */
public final class MultiSeedSimulation {
    private final SimulationEngine engine;
    private final int seeds;
    private final long baseSeed;
    private final int threads;

    /**
     * @param engine   the engine of every seed
     * @param seeds    S ≥ 1
     * @param baseSeed base seed of the streams
     * @param threads  worker threads ≥ 1 (results do not depend on it)
     */
    public MultiSeedSimulation(SimulationEngine engine, int seeds, long baseSeed, int threads) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds: " + seeds + "; must be an integer >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + "; must be an integer >= 1");
        }
        this.seeds = seeds;
        this.baseSeed = baseSeed;
        this.threads = threads;
    }

    /** S seeds on as many threads as processors. */
    public MultiSeedSimulation(SimulationEngine engine, int seeds, long baseSeed) {
        this(engine, seeds, baseSeed, Runtime.getRuntime().availableProcessors());
    }

    /** Total SGD steps of a run of all seeds (for a progress bar). */
    public long totalSteps(int p, int dimension, TimeGrid grid) {
        return seeds * engine.stepsFor(p, dimension, grid);
    }

    /**
     * All seeds from {@code initial} at dimension d over {@code grid} as an {@link Engine} (the one engine
     * contract); progress is the fraction of the SGD steps of all seeds done.
     */
    public Engine<EnsembleResult> engine(Overlaps initial, int dimension, TimeGrid grid) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(grid, "grid");
        long total = Math.max(1, totalSteps(initial.studentWidth(), dimension, grid));
        return progress -> {
            AtomicLong done = new AtomicLong();
            EnsembleResult result = run(initial, dimension, grid,
                    steps -> progress.reached((double) done.addAndGet(steps) / total));
            progress.reached(1);
            return result;
        };
    }

    /** Runs all seeds and reduces them. */
    public EnsembleResult run(Overlaps initial, int dimension, TimeGrid grid, SimulationProgress progress) {
        Objects.requireNonNull(progress, "progress");
        List<SimulationRun> runs = new ArrayList<>(seeds);
        int workers = Math.min(threads, seeds);
        if (workers == 1) {
            for (int s = 0; s < seeds; s++) {
                runs.add(engine.run(initial, dimension, grid, SeedStreams.stream(baseSeed, s), progress));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "sgd-seed-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<SimulationRun>> futures = new ArrayList<>(seeds);
                for (int s = 0; s < seeds; s++) {
                    final int seed = s;
                    futures.add(pool.submit(() -> engine.run(initial, dimension, grid,
                            SeedStreams.stream(baseSeed, seed), progress)));
                }
                for (Future<SimulationRun> f : futures) {
                    runs.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simulation interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        return new EnsembleResult(reduce(runs), runs);
    }

    /** Means and standard errors over seeds, summed in seed order. */
    static Trajectory reduce(List<SimulationRun> runs) {
        Trajectory first = runs.get(0).trajectory();
        List<String> columns = first.columns();
        int c = columns.size();
        int rows = Integer.MAX_VALUE;
        RunStatus status = first.status();
        int divergedSeed = -1;
        for (int s = 0; s < runs.size(); s++) {
            Trajectory t = runs.get(s).trajectory();
            rows = Math.min(rows, t.size());
            RunStatus st = t.status();
            if (st.diverged() && (divergedSeed < 0 || st.time() < status.time())) {
                status = st;
                divergedSeed = s;
            }
        }
        if (divergedSeed >= 0) {
            status = RunStatus.diverged(status.time(), "seed " + divergedSeed + ": " + status.cause());
        }
        int seeds = runs.size();
        double[] times = new double[rows];
        double[][] table = new double[rows][2 * c];
        for (int i = 0; i < rows; i++) {
            times[i] = first.time(i);
            double[] sum = new double[c];
            double[] sumSq = new double[c];
            for (SimulationRun run : runs) {
                double[] row = run.trajectory().row(i);
                for (int j = 0; j < c; j++) {
                    sum[j] += row[j];
                }
            }
            for (int j = 0; j < c; j++) {
                table[i][j] = sum[j] / seeds;
            }
            for (SimulationRun run : runs) {
                double[] row = run.trajectory().row(i);
                for (int j = 0; j < c; j++) {
                    double dev = row[j] - table[i][j];
                    sumSq[j] += dev * dev;
                }
            }
            for (int j = 0; j < c; j++) {
                table[i][c + j] = seeds > 1 ? Math.sqrt(sumSq[j] / (seeds - 1) / seeds) : Double.NaN;
            }
        }
        List<String> names = new ArrayList<>(columns);
        for (String name : columns) {
            names.add(name + "_sem");
        }
        return new Trajectory(names, times, table, status);
    }
}
