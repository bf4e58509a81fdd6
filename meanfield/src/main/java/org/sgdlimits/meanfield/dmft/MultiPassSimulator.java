package org.sgdlimits.meanfield.dmft;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import org.sgdlimits.trajectory.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Multi-pass SGD at finite d on one explicit data set (docs/dmft.md §6), the experiment every DMFT curve is
 * compared with: n = round(α d) samples x_μ ~ N(0, I_d) drawn once and reused at every step; ‖w*‖² = ρ d and
 * ‖v‖² = q_v d exactly with v ⟂ w* (w(0) = c₀ w* + v), removing the O(1/√d) scatter at t = 0; the per-sample
 * weights s_μ(t) from the model's {@link SelectionProcess}, drawn independently per sample and per step
 * (random reshuffling: an independent uniform slot per sample and epoch, whose batch sizes fluctuate by
 * O(√n) around n/E, which the n → ∞ limit does not see); update v ← β v − η_t (λ p + Σ_μ s_μ ℓ′(r_μ) x_μ/√d),
 * w ← w + v, fields r_μ = p·x_μ/√d at the evaluation point p (w, or w + βv for Nesterov). Records m, q and the
 * training loss (1/n) Σ_μ ℓ(w·x_μ/√d, y_μ) over the whole data set at every step; test quantities come from
 * (m, q) through {@link GlmObservables} (exact for a fresh Gaussian sample).
 *
 * <p>It lives in the dmft package, beside the sweep, because it runs the same {@link DmftModel} with the same
 * loss, teacher map, selection and momentum types (the one-pass simulators of the narrow module cannot see
 * them). Each seed draws from {@link SeedStreams}(seed, k); the matrix products are split into fixed column
 * and row blocks, so results do not depend on the thread count. Memory: 8 n d bytes for the data set.
 */
public final class MultiPassSimulator {
    private static final int BLOCK = 256;

    private MultiPassSimulator() {
    }

    /**
     * {@link #simulate(DmftModel, int, int, long)} as an {@link Engine} (the one engine contract).
     *
     * @throws IllegalArgumentException for d &lt; 2, seeds &lt; 1 or a data set too large for one array (checked now)
     */
    public static Engine<Trajectory> engine(DmftModel model, int dimension, int seeds, long seed) {
        samples(model.alpha(), dimension, 2, seeds);
        return progress -> {
            Trajectory t = simulate(model, dimension, seeds, seed);
            progress.reached(1);
            return t;
        };
    }

    /**
     * Mean over {@code seeds} independent data sets and runs, with {@code C_sem} columns (seeds ≥ 2), rows at steps
     * 0 … T, columns {@code step} and those of {@link GlmObservables}.
     *
     * @throws IllegalArgumentException for d &lt; 2, seeds &lt; 1 or a data set too large for one array
     */
    public static Trajectory simulate(DmftModel model, int dimension, int seeds, long seed) {
        return ensemble(model, dimension, seeds, seed).mean();
    }

    /**
     * The simulations of {@link #simulate} and each seed's own run.
     *
     * @param mean the trajectory of {@link #simulate} (mean over seeds, {@code C_sem} columns when seeds ≥ 2)
     * @param runs every seed's trajectory in seed order (columns {@code step} and those of {@link GlmObservables}),
     *             for per-seed statistics such as the typical gap of one run to the theory
     */
    public record Ensemble(Trajectory mean, List<Trajectory> runs) {
        public Ensemble {
            runs = List.copyOf(runs);
        }
    }

    /**
     * Simulates {@code seeds} independent data sets and runs, as {@link #simulate}, keeping every seed's run.
     *
     * @throws IllegalArgumentException for d &lt; 2, seeds &lt; 1 or a data set too large for one array
     */
    public static Ensemble ensemble(DmftModel model, int dimension, int seeds, long seed) {
        int n = samples(model.alpha(), dimension, 2, seeds);
        List<DmftSweep.SweepResult> runs = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
            runs.add(run(model, dimension, n, SeedStreams.stream(seed, k)));
        }
        List<Trajectory> each = new ArrayList<>();
        for (DmftSweep.SweepResult r : runs) {
            each.add(DmftEngine.trajectory(model, List.of(r), null));
        }
        return new Ensemble(DmftEngine.trajectory(model, runs, null), each);
    }

    /**
     * n = round(α d) after checking d ≥ {@code minimumDimension}, seeds ≥ 1 and that the n×d data set fits one
     * array (shared with {@link CommitteeSimulator}).
     *
     * @throws IllegalArgumentException naming --dimension or --sim-seeds
     */
    static int samples(double alpha, int dimension, int minimumDimension, int seeds) {
        if (dimension < minimumDimension) {
            throw new InvalidFieldException(FieldPath.parse("--dimension"), "" + dimension + "; must be an integer >= "
                    + minimumDimension);
        }
        if (seeds < 1) {
            throw new InvalidFieldException(FieldPath.parse("--sim-seeds"), "" + seeds + "; must be an integer >= 1");
        }
        long n = Math.max(1, Math.round(alpha * dimension));
        if (n * dimension > Integer.MAX_VALUE - 8) {
            throw new InvalidFieldException(FieldPath.parse("--dimension"), "" + dimension + " gives a data set of " + n + " x "
                    + dimension + " values, more than one array holds; lower the dimension");
        }
        return (int) n;
    }

    /** One data set and one run: m, q, train per recorded step (status time = step). */
    private static DmftSweep.SweepResult run(DmftModel model, int d, int n, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = gauss.sample();
        }
        double[] teacher = normalised(gauss, d, null, model.rho() * d);
        double[] v = normalised(gauss, d, teacher, model.qv() * d);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = model.c0() * teacher[j] + v[j];
        }
        double sqrtD = Math.sqrt(d);
        double[] labels = new double[n];
        double[] field = new double[n];
        matVec(x, teacher, n, d, field);
        for (int mu = 0; mu < n; mu++) {
            labels[mu] = model.teacher().label(field[mu] / sqrtD, gauss.sample());
        }
        double beta = model.momentum().velocityDecay();
        double look = model.momentum().lookAhead();
        double[] velocity = new double[d];
        double[] point = new double[d];
        double[] coefficient = new double[n];
        double[] gradient = new double[d];
        double[] state = new double[n];
        int steps = model.steps();
        double[][] out = new double[3][steps + 1];
        Loss loss = model.loss();
        SelectionProcess selection = model.selection();
        for (int t = 0; t <= steps; t++) {
            matVec(x, w, n, d, field);
            double train = 0;
            for (int mu = 0; mu < n; mu++) {
                train += loss.value(field[mu] / sqrtD, labels[mu]);
            }
            double m = dot(w, teacher) / d;
            double q = dot(w, w) / d;
            train /= n;
            if (!Double.isFinite(train) || !Double.isFinite(q) || q > DmftSweep.DIVERGENCE_BOUND) {
                return new DmftSweep.SweepResult(Arrays.copyOf(out[0], t), Arrays.copyOf(out[1], t),
                        Arrays.copyOf(out[2], t), RunStatus.diverged(t, "non-finite or unbounded state (q = " + q
                        + ", training loss = " + train + ")"), null);
            }
            out[0][t] = m;
            out[1][t] = q;
            out[2][t] = train;
            if (t == steps) {
                break;
            }
            double eta = model.stepSize(t);
            for (int j = 0; j < d; j++) {
                point[j] = w[j] + look * velocity[j];
            }
            if (look != 0) {
                matVec(x, point, n, d, field);
            }
            for (int mu = 0; mu < n; mu++) {
                double s = selection.draw(t, eta, state, mu, rng, gauss);
                coefficient[mu] = s == 0 ? 0 : s * loss.first(field[mu] / sqrtD, labels[mu]) / sqrtD;
            }
            transposedMatVec(x, coefficient, n, d, gradient);
            for (int j = 0; j < d; j++) {
                velocity[j] = beta * velocity[j] - eta * (model.ridge() * point[j] + gradient[j]);
                w[j] += velocity[j];
            }
        }
        return new DmftSweep.SweepResult(out[0], out[1], out[2], RunStatus.completed(steps), null);
    }

    /** A Gaussian vector orthogonal to {@code against} (if given) scaled to squared norm {@code norm2}. */
    private static double[] normalised(ZigguratSampler.NormalizedGaussian gauss, int d, double[] against,
                                       double norm2) {
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = gauss.sample();
        }
        if (against != null) {
            double c = dot(u, against) / dot(against, against);
            for (int j = 0; j < d; j++) {
                u[j] -= c * against[j];
            }
        }
        double scale = Math.sqrt(norm2 / dot(u, u));
        for (int j = 0; j < d; j++) {
            u[j] *= scale;
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** out_μ = Σ_j x[μ, j] v_j, rows in fixed blocks (each row summed in one thread, in order). */
    static void matVec(double[] x, double[] v, int n, int d, double[] out) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int hi = Math.min(n, (b + 1) * BLOCK);
            for (int mu = b * BLOCK; mu < hi; mu++) {
                double s = 0;
                int row = mu * d;
                for (int j = 0; j < d; j++) {
                    s += x[row + j] * v[j];
                }
                out[mu] = s;
            }
        });
    }

    /** out_j = Σ_μ c_μ x[μ, j], columns in fixed blocks (each column summed in order over μ). */
    static void transposedMatVec(double[] x, double[] c, int n, int d, double[] out) {
        int blocks = (d + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int lo = b * BLOCK;
            int hi = Math.min(d, lo + BLOCK);
            java.util.Arrays.fill(out, lo, hi, 0.0);
            for (int mu = 0; mu < n; mu++) {
                double cm = c[mu];
                if (cm == 0) {
                    continue;
                }
                int row = mu * d;
                for (int j = lo; j < hi; j++) {
                    out[j] += cm * x[row + j];
                }
            }
        });
    }
}
