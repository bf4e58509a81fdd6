package org.sgdlimits.meanfield.dmft;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.overlap.InitialWeights;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.Engine;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Multi-pass SGD of a committee at finite d on one explicit data set (docs/dmft.md §6–7), the sibling of
 * {@link MultiPassSimulator}: n = round(α d) samples x_μ ~ N(0, I_d) drawn once and reused; initial weights with
 * exactly the requested Ω(0) = [[Q, M], [Mᵀ, P]] ({@link InitialWeights#reproducing}: W = M P⁻¹ W* + W⊥, the
 * normalised initialisation that removes the O(1/√d) scatter at t = 0); per-sample weights s_μ(t) from the
 * model's {@link SelectionProcess}, one draw per sample and step shared by the p units; update
 * w_i ← (1 − η_t λ) w_i − η_t Σ_μ s_μ ℓ′(f_μ, y_μ) a_i σ′(λ_iμ)/p · x_μ/√d. Records M, Q and the training loss
 * (1/n) Σ_μ ℓ(f_μ, y_μ) over the whole data set at every step; the test risk comes from (M, Q) through
 * {@link CommitteeObservables}. Seed k draws from {@link SeedStreams}(seed, k); the matrix products are those of
 * {@link MultiPassSimulator} (fixed blocks: results independent of the thread count). Memory: 8 n d bytes.
 */
public final class CommitteeSimulator {
    private CommitteeSimulator() {
    }

    /**
     * {@link #simulate(CommitteeModel, int, int, long)} as an {@link Engine} (the one engine contract).
     *
     * @throws IllegalArgumentException for d &lt; p + k, seeds &lt; 1 or a data set too large (checked now)
     */
    public static Engine<Trajectory> engine(CommitteeModel model, int dimension, int seeds, long seed) {
        MultiPassSimulator.samples(model.alpha(), dimension, Math.max(2, model.p() + model.k()), seeds);
        return progress -> {
            Trajectory t = simulate(model, dimension, seeds, seed);
            progress.reached(1);
            return t;
        };
    }

    /**
     * Mean over {@code seeds} independent data sets and runs with {@code C_sem} columns (seeds ≥ 2); rows at steps
     * 0 … T, columns {@code step} and those of {@link CommitteeObservables}.
     *
     * @throws IllegalArgumentException for d &lt; p + k, seeds &lt; 1 or a data set too large for one array
     */
    public static Trajectory simulate(CommitteeModel model, int dimension, int seeds, long seed) {
        int n = MultiPassSimulator.samples(model.alpha(), dimension, Math.max(2, model.p() + model.k()), seeds);
        List<CommitteeSweep.Result> runs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            runs.add(run(model, dimension, n, SeedStreams.stream(seed, s)));
        }
        return CommitteeEngine.trajectory(model, runs, null);
    }

    private static CommitteeSweep.Result run(CommitteeModel model, int d, int n, UniformRandomProvider rng) {
        int p = model.p();
        int k = model.k();
        InitialWeights weights = InitialWeights.reproducing(model.initial(), d, rng);
        double[] w = weights.studentWeights();
        double[] teacher = weights.teacherWeights();
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = gauss.sample();
        }
        double sqrtD = Math.sqrt(d);
        double[] nu = new double[k * n];
        double[] row = new double[d];
        double[] fieldRow = new double[n];
        for (int r = 0; r < k; r++) {
            System.arraycopy(teacher, r * d, row, 0, d);
            MultiPassSimulator.matVec(x, row, n, d, fieldRow);
            for (int mu = 0; mu < n; mu++) {
                nu[mu * k + r] = fieldRow[mu] / sqrtD;
            }
        }
        double noiseStd = Math.sqrt(model.labelNoise());
        double[] labels = new double[n];
        for (int mu = 0; mu < n; mu++) {
            labels[mu] = model.teacherOutput(nu, mu * k) + noiseStd * gauss.sample();
        }
        double[] a = model.initial().studentSecondLayer();
        Activation act = model.student();
        Loss loss = model.loss();
        SelectionProcess selection = model.selection();
        double[] lambda = new double[p * n];
        double[] coefficient = new double[n];
        double[] gradient = new double[p * d];
        double[] gradRow = new double[d];
        double[] lossSlope = new double[n];
        double[] state = new double[n];
        int steps = model.steps();
        double[][] ms = new double[steps + 1][];
        double[][] qs = new double[steps + 1][];
        double[] train = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            for (int i = 0; i < p; i++) {
                System.arraycopy(w, i * d, row, 0, d);
                MultiPassSimulator.matVec(x, row, n, d, fieldRow);
                for (int mu = 0; mu < n; mu++) {
                    lambda[i * n + mu] = fieldRow[mu] / sqrtD;
                }
            }
            double sum = 0;
            for (int mu = 0; mu < n; mu++) {
                double f = 0;
                for (int i = 0; i < p; i++) {
                    f += a[i] * act.value(lambda[i * n + mu]);
                }
                f /= p;
                sum += loss.value(f, labels[mu]);
                lossSlope[mu] = loss.first(f, labels[mu]);
            }
            double[] m = new double[p * k];
            double[] q = new double[p * p];
            for (int i = 0; i < p; i++) {
                for (int r = 0; r < k; r++) {
                    m[i * k + r] = dot(w, i * d, teacher, r * d, d) / d;
                }
                for (int j = 0; j < p; j++) {
                    q[i * p + j] = dot(w, i * d, w, j * d, d) / d;
                }
            }
            double tl = sum / n;
            String cause = CommitteeSweep.divergenceOfState(m, q, tl, t);
            if (cause != null) {
                return new CommitteeSweep.Result(java.util.Arrays.copyOf(ms, t), java.util.Arrays.copyOf(qs, t),
                        java.util.Arrays.copyOf(train, t), RunStatus.diverged(t, cause));
            }
            ms[t] = m;
            qs[t] = q;
            train[t] = tl;
            if (t == steps) {
                break;
            }
            double eta = model.stepSize(t);
            for (int mu = 0; mu < n; mu++) {
                double s = selection.draw(t, eta, state, mu, rng, gauss);
                lossSlope[mu] *= s;
            }
            for (int i = 0; i < p; i++) {
                double ai = a[i] / p / sqrtD;
                for (int mu = 0; mu < n; mu++) {
                    double c = lossSlope[mu];
                    coefficient[mu] = c == 0 ? 0 : c * ai * act.derivative(lambda[i * n + mu]);
                }
                MultiPassSimulator.transposedMatVec(x, coefficient, n, d, gradRow);
                System.arraycopy(gradRow, 0, gradient, i * d, d);
            }
            double decay = 1 - eta * model.ridge();
            for (int j = 0; j < p * d; j++) {
                w[j] = decay * w[j] - eta * gradient[j];
            }
        }
        return new CommitteeSweep.Result(ms, qs, train, RunStatus.completed(steps));
    }

    private static double dot(double[] a, int ia, double[] b, int ib, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += a[ia + j] * b[ib + j];
        }
        return s;
    }
}
