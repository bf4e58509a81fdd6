package org.sgdlimits.bench;

import org.sgdlimits.fixtures.TestOverlaps;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.OverlapChain;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.narrow.simulation.SgdSettings;

/**
 * One SGD step (erf/erf, B = 1, label noise 0.01, γ = 0.5) of the explicit network and of the exact Gram chain
 * at (d, p, k) = (500, 4, 4), (2000, 4, 4), (10000, 100, 4), single-threaded, from a random valid start.
 * Issue 3 target: ≤ 10 µs per explicit step at (2000, 4, 4) (best public C++ simulator: about 90 µs).
 *
 * <p>Two floors for the report: {@link Floors#gaussians} draws d = 2000 Gaussians (ziggurat on the
 * simulator's own per-seed stream, XoRoShiRo128++ from {@link SeedStreams}),
 * the floor of an explicit step at small p; {@link Floors#twoPassesOver100x10000} is one dot-product pass and
 * one update pass over a 100 × 10000 weight matrix (8 MB), the memory floor at large p.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SgdSimulatorBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SgdSimulatorBenchmark {

    /** One chain per trial. */
    @State(Scope.Thread)
    public static class Chain {
        /** "d/p/k". */
        @Param({"500/4/4", "2000/4/4", "10000/100/4"})
        public String shape;

        @Param({"explicit", "gram"})
        public String engine;

        OverlapChain chain;

        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = shape.split("/");
            int d = Integer.parseInt(parts[0]);
            int p = Integer.parseInt(parts[1]);
            int k = Integer.parseInt(parts[2]);
            SgdSettings settings = SgdSettings.of(StandardActivation.ERF, StandardActivation.ERF, 0.5)
                    .withLabelNoise(0.01);
            chain = EngineKind.parse(engine).create(settings).start(TestOverlaps.nearOrigin(p, k, 0.5, 0.1, 1),
                    d, SeedStreams.stream(1, 0)); // Q = 0.5 I + M Mᵀ, M ~ 0.1 N(0, 1), P = I (the tests' start)
        }
    }

    /** Buffers for the floors. */
    @State(Scope.Thread)
    public static class Floors {
        final ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(SeedStreams.stream(2, 0));
        final double[] x2000 = new double[2000];
        final double[][] w = new double[100][10000];
        final double[] x = new double[10000];
        final double[] fields = new double[100];

        @Setup(Level.Trial)
        public void setUp() {
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = gauss.sample();
                }
            }
            for (int j = 0; j < x.length; j++) {
                x[j] = gauss.sample();
            }
        }

        /** d = 2000 standard Gaussians. */
        double[] gaussians() {
            for (int j = 0; j < x2000.length; j++) {
                x2000[j] = gauss.sample();
            }
            return x2000;
        }

        /** fields = W x (one pass), then W += 1e-12 · fields ⊗ x (second pass). */
        double[] twoPassesOver100x10000() {
            for (int i = 0; i < w.length; i++) {
                double[] row = w[i];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int j = 0; j < row.length; j += 4) {
                    s0 = Math.fma(row[j], x[j], s0);
                    s1 = Math.fma(row[j + 1], x[j + 1], s1);
                    s2 = Math.fma(row[j + 2], x[j + 2], s2);
                    s3 = Math.fma(row[j + 3], x[j + 3], s3);
                }
                fields[i] = (s0 + s1) + (s2 + s3);
            }
            for (int i = 0; i < w.length; i++) {
                double c = 1e-12 * fields[i];
                double[] row = w[i];
                for (int j = 0; j < row.length; j++) {
                    row[j] += c * x[j];
                }
            }
            return fields;
        }
    }

    @Benchmark
    public String sgdStep(Chain state) {
        return state.chain.step(1.0);
    }

    @Benchmark
    public void drawTwoThousandGaussians(Floors floors, Blackhole bh) {
        bh.consume(floors.gaussians());
    }

    @Benchmark
    public void twoPassesOver100x10000(Floors floors, Blackhole bh) {
        bh.consume(floors.twoPassesOver100x10000());
    }
}
