package org.sgdlimits.meanfield.dmft;

import java.util.ArrayList;
import java.util.List;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The committee DMFT engine (docs/dmft.md §7) behind the common {@link Trajectory}: the Monte Carlo block sweep
 * with error bars from independent seeds and the finite-S bias estimate, as {@link DmftEngine#monteCarlo} for the
 * GLM. Rows are the steps 0 … T, time t = Σ_{s&lt;step} η_s, columns {@code step} and those of
 * {@link CommitteeObservables}, then {@code C_sem} and (bias check) {@code C_bias}.
 */
public final class CommitteeEngine {
    private CommitteeEngine() {
    }

    /** {@link #monteCarlo(CommitteeModel, DmftEngine.MonteCarloSettings)} as an {@link Engine} (the one contract). */
    public static Engine<Trajectory> engine(CommitteeModel model, DmftEngine.MonteCarloSettings settings) {
        java.util.Objects.requireNonNull(model, "model");
        java.util.Objects.requireNonNull(settings, "settings");
        return progress -> {
            Trajectory t = monteCarlo(model, settings);
            progress.reached(1);
            return t;
        };
    }

    /** The Monte Carlo sweep of {@code model}: mean over seeds with standard errors and bias columns. */
    public static Trajectory monteCarlo(CommitteeModel model, DmftEngine.MonteCarloSettings settings) {
        List<CommitteeSweep.Result> main = sweeps(model, settings.paths(), settings, 0);
        List<CommitteeSweep.Result> small = settings.biasCheck()
                ? sweeps(model, settings.paths() / 4, settings, settings.seeds()) : null;
        return trajectory(model, main, small);
    }

    /** One sweep's raw result (tests, benchmarks). */
    static CommitteeSweep.Result sweep(CommitteeModel model, int paths, long seed, boolean parallel) {
        return CommitteeSweep.run(model, new CommitteeEnsemble(model, paths, seed, parallel));
    }

    /** One sweep's raw result with an explicit response estimator (tests: the two estimators agree for erf). */
    static CommitteeSweep.Result sweep(CommitteeModel model, int paths, long seed, boolean parallel,
                                       ResponseEstimator estimator) {
        return CommitteeSweep.run(model, new CommitteeEnsemble(model, paths, seed, parallel, estimator));
    }

    private static List<CommitteeSweep.Result> sweeps(CommitteeModel model, int paths,
                                                      DmftEngine.MonteCarloSettings s, int offset) {
        List<CommitteeSweep.Result> out = new ArrayList<>();
        for (int k = 0; k < s.seeds(); k++) {
            out.add(sweep(model, paths, DmftEngine.sweepSeed(s, offset + k), s.parallel()));
        }
        return out;
    }

    /** Mean rows over runs (sweeps or simulations) through {@link DmftEngine#aggregate}. */
    static Trajectory trajectory(CommitteeModel model, List<CommitteeSweep.Result> runs,
                                 List<CommitteeSweep.Result> small) {
        CommitteeObservables obs = new CommitteeObservables(model);
        return DmftEngine.aggregate(obs.columns(), model.stepSizes(), rows(obs, runs),
                small == null ? null : rows(obs, small));
    }

    private static List<DmftEngine.RunRows> rows(CommitteeObservables obs, List<CommitteeSweep.Result> runs) {
        List<DmftEngine.RunRows> out = new ArrayList<>();
        for (CommitteeSweep.Result r : runs) {
            double[][] rows = new double[r.trainLoss().length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = obs.row(r.m()[i], r.q()[i], r.trainLoss()[i]);
            }
            out.add(new DmftEngine.RunRows(rows, r.status()));
        }
        return out;
    }
}
