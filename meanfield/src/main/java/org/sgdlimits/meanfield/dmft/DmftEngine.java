package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.EngineRun;
import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The DMFT engines (docs/dmft.md §2–3) behind the common {@link Trajectory}: the exact closure (square loss,
 * linear teacher, GD) and the Monte Carlo sweep with error bars from independent seeds and a finite-S bias
 * estimate. Rows are the steps 0 … T; the time t = Σ_{s&lt;step} η_s; columns {@code step} and those of
 * {@link GlmObservables}; Monte Carlo adds {@code C_sem} (standard error over seeds) and {@code C_bias} (the
 * estimated finite-S bias of the S-path result, (X(S/4) − X(S))/3 under the 1/S law) for every observable.
 * A diverged sweep ends the trajectory at the last finite step with status diverged (time = that step's t).
 */
public final class DmftEngine {
    /** Name of the step column. */
    public static final String STEP = "step";

    private DmftEngine() {
    }

    /**
     * {@link #exact(DmftModel)} as an {@link Engine} (the one engine contract).
     *
     * @throws IllegalArgumentException unless square loss, linear teacher, GD (checked now)
     */
    public static Engine<Trajectory> exactEngine(DmftModel model) {
        requireExactClosure(model);
        return progress -> {
            Trajectory t = exact(model);
            progress.reached(1);
            return t;
        };
    }

    /** @throws IllegalArgumentException unless the exact closure applies to {@code model} */
    static void requireExactClosure(DmftModel model) {
        if (!model.exactClosureApplies()) {
            throw new InvalidFieldException(FieldPath.parse("dmft"), "the exact closure needs square loss, a linear teacher and "
                    + "full-batch gd; use the Monte Carlo sweep");
        }
    }

    /** {@link #monteCarlo(DmftModel, MonteCarloSettings)} as an {@link Engine} (the one engine contract). */
    public static Engine<Trajectory> monteCarloEngine(DmftModel model, MonteCarloSettings settings) {
        java.util.Objects.requireNonNull(model, "model");
        java.util.Objects.requireNonNull(settings, "settings");
        return progress -> {
            Trajectory t = monteCarlo(model, settings);
            progress.reached(1);
            return t;
        };
    }

    /** The exact closure. @throws IllegalArgumentException unless square loss, linear teacher, GD */
    public static Trajectory exact(DmftModel model) {
        DmftSweep.SweepResult r = DmftSweep.run(model, new GaussianCoefficientEnsemble(model));
        return trajectory(model, List.of(r), null);
    }

    /**
     * A run's trajectory and, where asked for, its memory kernels.
     *
     * @param trajectory the rows of {@link #exact} or {@link #monteCarlo}
     * @param kernels    R, Γ, C_g at the trajectory's steps (Monte Carlo: mean and standard error over the K
     *                   sweeps at S paths), or null when not asked for
     */
    public record Result(Trajectory trajectory, DmftKernels kernels) implements EngineRun {
    }

    /** The exact closure with its kernels (no errors: the closure is deterministic). */
    public static Result exactWithKernels(DmftModel model) {
        DmftSweep.SweepResult r = DmftSweep.run(model, new GaussianCoefficientEnsemble(model));
        Trajectory t = trajectory(model, List.of(r), null);
        return new Result(t, DmftKernels.single(r.kernels(), t.size()));
    }

    /**
     * Monte Carlo settings.
     *
     * @param paths     S ≥ 2 paths per sweep
     * @param seeds     K ≥ 1 independent sweeps (standard errors need K ≥ 2)
     * @param seed      base seed
     * @param biasCheck whether to run K more sweeps at S/4 paths for the finite-S bias columns
     * @param parallel  whether chunks run on several threads (results are identical either way)
     */
    public record MonteCarloSettings(int paths, int seeds, long seed, boolean biasCheck, boolean parallel) {
        public MonteCarloSettings {
            if (paths < 2) {
                throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + "; must be an integer >= 2");
            }
            if (seeds < 1) {
                throw new InvalidFieldException(FieldPath.parse("dmft.seeds"), "" + seeds + "; must be an integer >= 1");
            }
            if (biasCheck && paths < 8) {
                throw new InvalidFieldException(FieldPath.parse("dmft.paths"), "" + paths + "; the finite-S bias check needs >= 8");
            }
        }
    }

    /** The Monte Carlo sweep of {@code model}: mean over seeds with standard errors and bias columns. */
    public static Trajectory monteCarlo(DmftModel model, MonteCarloSettings settings) {
        return monteCarloWithKernels(model, settings, false).trajectory();
    }

    /**
     * The Monte Carlo sweep of {@code model} and, if {@code kernels}, the mean kernels of its K sweeps at S paths
     * with their standard errors (the S/4 bias sweeps are not used for the kernels).
     */
    public static Result monteCarloWithKernels(DmftModel model, MonteCarloSettings settings, boolean kernels) {
        List<DmftSweep.SweepResult> main = sweeps(model, settings.paths(), settings, 0);
        List<DmftSweep.SweepResult> small = settings.biasCheck()
                ? sweeps(model, settings.paths() / 4, settings, settings.seeds()) : null;
        Trajectory t = trajectory(model, main, small);
        if (!kernels) {
            return new Result(t, null);
        }
        List<double[][][]> each = new ArrayList<>();
        for (DmftSweep.SweepResult r : main) {
            each.add(DmftKernels.of(r.kernels(), t.size()));
        }
        return new Result(t, DmftKernels.mean(each, t.size()));
    }

    /** The seed of sweep {@code index} (the main sweeps 0 … K − 1, the bias sweeps K … 2K − 1). */
    static long sweepSeed(MonteCarloSettings s, int index) {
        return SeedStreams.stream(s.seed(), index).nextLong();
    }

    /** One Monte Carlo sweep's raw result (for tests and studies). */
    static DmftSweep.SweepResult sweep(DmftModel model, int paths, long seed, boolean parallel) {
        return DmftSweep.run(model, new MonteCarloEnsemble(model, paths, seed, parallel));
    }

    private static List<DmftSweep.SweepResult> sweeps(DmftModel model, int paths, MonteCarloSettings s, int offset) {
        List<DmftSweep.SweepResult> out = new ArrayList<>();
        for (int k = 0; k < s.seeds(); k++) {
            out.add(sweep(model, paths, sweepSeed(s, offset + k), s.parallel()));
        }
        return out;
    }

    /**
     * Mean rows over runs (sweeps or simulations; with _sem when there are several, _bias when {@code small} is
     * given), truncated to the shortest run; diverged at the earliest diverged step.
     */
    static Trajectory trajectory(DmftModel model, List<DmftSweep.SweepResult> runs,
                                         List<DmftSweep.SweepResult> small) {
        GlmObservables obs = GlmObservables.of(model);
        return aggregate(obs.columns(), model.stepSizes(), rows(obs, runs), small == null ? null : rows(obs, small));
    }

    private static List<RunRows> rows(GlmObservables obs, List<DmftSweep.SweepResult> runs) {
        List<RunRows> out = new ArrayList<>();
        for (DmftSweep.SweepResult r : runs) {
            double[][] rows = new double[r.m().length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = obs.row(r.m()[i], r.q()[i], r.trainLoss()[i]);
            }
            out.add(new RunRows(rows, r.status()));
        }
        return out;
    }

    /**
     * One run's observable rows (row index = step) and how it ended (a diverged status carries the step as its
     * time).
     */
    record RunRows(double[][] rows, RunStatus status) {
    }

    /**
     * Mean rows over runs with columns {@code step}, {@code base}, then {@code C_sem} (several runs) and
     * {@code C_bias} = (mean(small) − mean)/3 (when {@code small} is given), truncated to the shortest run; times
     * t = Σ_{s&lt;step} η_s; diverged at the earliest diverged step. Shared by the GLM and committee engines and
     * their simulators.
     */
    static Trajectory aggregate(List<String> base, double[] stepSizes, List<RunRows> runs, List<RunRows> small) {
        boolean monteCarlo = runs.size() > 1;
        int rows = Integer.MAX_VALUE;
        RunStatus status = null;
        for (List<RunRows> list : small == null ? List.of(runs) : List.of(runs, small)) {
            for (RunRows r : list) {
                rows = Math.min(rows, r.rows().length);
                if (r.status().diverged() && (status == null || r.status().time() < status.time())) {
                    status = r.status();
                }
            }
        }
        int steps = stepSizes.length;
        double[] times = new double[rows];
        for (int i = 1; i < rows; i++) {
            times[i] = times[i - 1] + stepSizes[i - 1];
        }
        if (status == null) {
            status = RunStatus.completed(times[rows - 1]);
        } else {
            // the diverged step is the first one not recorded: its time is Σ_{s<rows} η_s
            double at = rows == 0 ? 0.0 : times[rows - 1] + stepSizes[Math.min(rows - 1, steps - 1)];
            status = RunStatus.diverged(at, "diverged at step " + (long) status.time() + ": " + status.cause());
        }
        List<String> columns = new ArrayList<>();
        columns.add(STEP);
        columns.addAll(base);
        if (monteCarlo) {
            base.forEach(c -> columns.add(c + "_sem"));
        }
        if (small != null) {
            base.forEach(c -> columns.add(c + "_bias"));
        }
        double[][] table = new double[rows][];
        int nb = base.size();
        for (int i = 0; i < rows; i++) {
            double[][] mainRows = rowsAt(runs, i);
            double[] mean = mean(mainRows);
            double[] row = new double[columns.size()];
            row[0] = i;
            System.arraycopy(mean, 0, row, 1, nb);
            if (monteCarlo) {
                double[] sem = standardError(mainRows, mean);
                System.arraycopy(sem, 0, row, 1 + nb, nb);
            }
            if (small != null) {
                double[] smallMean = mean(rowsAt(small, i));
                for (int c = 0; c < nb; c++) {
                    row[1 + 2 * nb + c] = (smallMean[c] - mean[c]) / 3.0;
                }
            }
            table[i] = row;
        }
        return new Trajectory(columns, times, table, status);
    }

    private static double[][] rowsAt(List<RunRows> runs, int i) {
        double[][] out = new double[runs.size()][];
        for (int k = 0; k < runs.size(); k++) {
            out[k] = runs.get(k).rows()[i];
        }
        return out;
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) {
            for (int c = 0; c < m.length; c++) {
                m[c] += r[c] / rows.length;
            }
        }
        return m;
    }

    /** Standard error of the mean over rows (NaN for a single row). */
    private static double[] standardError(double[][] rows, double[] mean) {
        double[] se = new double[mean.length];
        int k = rows.length;
        for (int c = 0; c < mean.length; c++) {
            if (k < 2) {
                se[c] = Double.NaN;
                continue;
            }
            double ss = 0;
            for (double[] r : rows) {
                ss += (r[c] - mean[c]) * (r[c] - mean[c]);
            }
            se[c] = Math.sqrt(ss / (k - 1) / k);
        }
        return se;
    }
}
