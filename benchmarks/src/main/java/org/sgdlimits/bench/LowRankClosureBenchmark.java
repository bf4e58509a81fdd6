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
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;

/**
 * One right-hand side of the corrected (low-rank) phase-retrieval closure ({@link PhaseRetrievalLowRankDrift},
 * docs/closure.md) at p = 1024 … 10⁶ (target: ≤ 1 ms at p = 1024 and linear in p), g = 0.1, h = 0.2, random
 * particles m ~ 0.3 N(0, 1), q⊥ ~ U(0.05, 1). Single-threaded (two passes over the particles, no allocation).
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar LowRankClosureBenchmark -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class LowRankClosureBenchmark {

    @Param({"1024", "16384", "262144", "1000000"})
    public int p;

    private PhaseRetrievalLowRankDrift drift;
    private double[] m;
    private double[] q;
    private double[] dm;
    private double[] dq;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(17);
        m = new double[p];
        q = new double[p];
        for (int i = 0; i < p; i++) {
            m[i] = 0.3 * Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            q[i] = 0.05 + 0.95 * rng.nextDouble();
        }
        dm = new double[p];
        dq = new double[p];
        drift = new PhaseRetrievalLowRankDrift(1.0, ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.1));
    }

    @Benchmark
    public double rightHandSide() {
        return drift.evaluate(p, m, q, null, 0.2, 1.0, dm, dq) + dm[p - 1] + dq[0];
    }
}
