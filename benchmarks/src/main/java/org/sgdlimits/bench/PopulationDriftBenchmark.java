package org.sgdlimits.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
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
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

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
        UniformRandomProvider rng = RandomOverlaps.generator(20261201L + 31L * p + k);
        a = new double[p];
        double[] aStar = new double[k];
        for (int i = 0; i < p; i++) {
            a[i] = 0.5 + rng.nextDouble();
        }
        for (int r = 0; r < k; r++) {
            aStar[r] = 0.5 + rng.nextDouble();
        }
        // Ω = G Gᵀ/(4n), G an n × 4n standard Gaussian: a generic valid covariance.
        Overlaps omega = RandomOverlaps.wishart(rng, 4 * n, 1.0, a, aStar);
        q = omega.studentOverlapMatrix();
        m = omega.studentTeacherOverlapMatrix();
        double[] teacherOverlap = omega.teacherOverlapMatrix();
        PopulationDrift base = new PopulationDrift(ErfMoments.INSTANCE, teacherOverlap, aStar, 0.01);
        drift = threads > 0 ? base.withThreads(threads) : base;
        terms = drift.newTerms(p);
    }

    @Benchmark
    public DriftTerms erfDrift() {
        drift.evaluate(q, m, a, terms);
        return terms;
    }
}
