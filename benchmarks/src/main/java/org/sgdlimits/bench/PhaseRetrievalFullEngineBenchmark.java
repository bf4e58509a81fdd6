package org.sgdlimits.bench;

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
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalInitialCondition;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.overlap.RandomOverlaps;

/**
 * One right-hand side of {@code meanfield --engine full} (the p×p overlap ODE, {@code narrow.OverlapOde})
 * for phase retrieval (σ = σ* = x², k = 1, a = a* = 1, high-dimensional regime with the SGD-noise term,
 * γ = 0.1, Δ = 0.01), at a random start on the sphere in dimension d = 1000 (Q_ii = 1, P = 1):
 * <ul>
 *   <li>{@code closedForm} at p = 100, 400: routed to the closed matrix-polynomial drift (O(p³));</li>
 *   <li>{@code genericMoments} at p = 16, 32: the generic four-point Gaussian moments (O(p⁴) quadratures) the
 *       engine used before, for comparison (p = 100 would take tens of seconds per call).</li>
 * </ul>
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar PhaseRetrievalFullEngineBenchmark -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class PhaseRetrievalFullEngineBenchmark {

    /** Right-hand side of the routed full engine. */
    @State(Scope.Thread)
    public static class Routed {
        @Param({"100", "400"})
        public int p;
        OverlapOde.Equations equations;
        double[] y;
        double[] dy;

        @Setup
        public void setUp() {
            Overlaps start = start(p);
            equations = builder().build().newSystem(start);
            if (!equations.closedForm()) {
                throw new IllegalStateException("phase retrieval was not routed to the closed form");
            }
            y = equations.layout().pack(start);
            dy = new double[y.length];
        }
    }

    /** Right-hand side through the generic Gaussian moments (explicit provider). */
    @State(Scope.Thread)
    public static class Generic {
        @Param({"16", "32"})
        public int p;
        OverlapOde.Equations equations;
        double[] y;
        double[] dy;

        @Setup
        public void setUp() {
            Overlaps start = start(p);
            equations = builder().moments(GaussianMoments.forPair(StandardActivation.SQUARE,
                    StandardActivation.SQUARE)).build().newSystem(start);
            y = equations.layout().pack(start);
            dy = new double[y.length];
        }
    }

    static OverlapOde.Builder builder() {
        return OverlapOde.builder(StandardActivation.SQUARE, StandardActivation.SQUARE).learningRate(0.1)
                .labelNoise(0.01);
    }

    static Overlaps start(int p) {
        return PhaseRetrievalInitialCondition.random(p, 1000, 1.0, RandomOverlaps.generator(20261206L + p));
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public double[] closedForm(Routed s) {
        s.equations.derivatives(0.0, s.y, s.dy);
        return s.dy;
    }

    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public double[] genericMoments(Generic s) {
        s.equations.derivatives(0.0, s.y, s.dy);
        return s.dy;
    }
}
