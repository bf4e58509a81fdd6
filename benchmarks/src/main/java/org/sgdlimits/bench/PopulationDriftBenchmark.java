package org.sgdlimits.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.ErfMoments;

/**
 * One evaluation of the full erf/erf population drift (dM, dQ gradient and noise parts, da, ε), i.e. one
 * right-hand side of the overlap ODE, at (p, k) = (2, 2), (8, 8), (16, 16), (100, 2) on a random valid Ω
 * (overlaps of random Gaussian weights in dimension 4(p + k)). Issue 2 target: ≤ 0.5 ms at (16, 16) on the
 * 2-core machine. {@code threads} = 1 measures the single-threaded kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PopulationDriftBenchmark {

    /** "p/k". */
    @Param({"2/2", "8/8", "16/16", "100/2"})
    public String widths;

    /** Maximum threads of one evaluation (0: all processors). */
    @Param({"0"})
    public int threads;

    private PopulationDrift drift;
    private DriftTerms terms;
    private double[] q;
    private double[] m;
    private double[] a;

    @Setup
    public void setUp() {
        String[] parts = widths.split("/");
        int p = Integer.parseInt(parts[0]);
        int k = Integer.parseInt(parts[1]);
        int n = p + k;
        int dim = 4 * n;
        SplittableRandom rng = new SplittableRandom(20261201L + 31L * p + k);
        double[] w = new double[n * dim];
        for (int idx = 0; idx < w.length; idx++) {
            w[idx] = gaussian(rng);
        }
        double[] omega = new double[n * n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                double s = 0;
                for (int l = 0; l < dim; l++) {
                    s += w[u * dim + l] * w[v * dim + l];
                }
                omega[u * n + v] = s / dim;
            }
        }
        q = new double[p * p];
        m = new double[p * k];
        double[] teacherOverlap = new double[k * k];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] = omega[i * n + j];
            }
            for (int r = 0; r < k; r++) {
                m[i * k + r] = omega[i * n + p + r];
            }
        }
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                teacherOverlap[r * k + s] = omega[(p + r) * n + p + s];
            }
        }
        a = new double[p];
        double[] aStar = new double[k];
        for (int i = 0; i < p; i++) {
            a[i] = 0.5 + rng.nextDouble();
        }
        for (int r = 0; r < k; r++) {
            aStar[r] = 0.5 + rng.nextDouble();
        }
        PopulationDrift base = new PopulationDrift(ErfMoments.INSTANCE, teacherOverlap, aStar, 0.01);
        drift = threads > 0 ? base.withThreads(threads) : base;
        terms = drift.newTerms(p);
    }

    @Benchmark
    public DriftTerms erfDrift() {
        drift.evaluate(q, m, a, terms);
        return terms;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
