package org.sgdlimits.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.ConditionalMoments;

/**
 * Erf's conditional-moment μ-derivatives on the teacher-field lattice μ_j = j·step (n = 22, order 3), as the
 * corrected closure needs them per unit (docs/closure.md §5): {@link ConditionalMoments#derivativesOnLattice}
 * (all points at once in rows: Gaussian recurrences, Owen's T on the lattice, only the requested kinds and orders)
 * against a loop of {@link ConditionalMoments#derivatives} (every kind, exp and Owen's T per point, into one flat
 * block per point). Orders per kind (S, E[σ²], D, SD, D2, SD2, S2D2, E[σ²σ']): {@code all} = every kind to 3;
 * {@code population} = the series closure's first pass at N = 2 (D to 3, S2D2 not asked: closed form);
 * {@code contracted} = its second pass (S, D, SD, D2, SD2 only: no Owen's T). Figures are ns per lattice point;
 * each invocation cycles through 16 (step, q⊥) cases, step ∈ [0.05, 0.5], q⊥ ∈ [0.02, 2]. Run e.g.
 * {@code java -jar benchmarks/target/benchmarks.jar LatticeDerivativesBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LatticeDerivativesBenchmark {
    private static final int N = 22;
    private static final int ORDER = 3;
    private static final int CASES = 16;
    private static final int BLOCK = 8 * (ORDER + 1);

    /** all, population or contracted (see the class comment). */
    @Param({"all", "population", "contracted"})
    public String kinds;

    private final ConditionalMoments erf = ConditionalMoments.forActivation(StandardActivation.ERF);
    private final double[] steps = new double[CASES];
    private final double[] qs = new double[CASES];
    private final double[][] rows = new double[BLOCK][N];
    private final double[] out = new double[N * BLOCK];
    private final double[] point = new double[BLOCK];
    private int[] orders;
    private int next;

    @Setup
    public void setUp() {
        orders = switch (kinds) {
            case "all" -> new int[] {3, 3, 3, 3, 3, 3, 3, 3};
            case "population" -> new int[] {2, 2, 3, 2, 2, 2, -1, 2};
            default -> new int[] {2, -1, 3, 2, 2, 2, -1, -1};
        };
        for (int t = 0; t < CASES; t++) {
            steps[t] = 0.05 + 0.45 * t / (CASES - 1);
            qs[t] = 0.02 + 1.98 * ((t * 7) % CASES) / (CASES - 1);
        }
    }

    /** derivativesOnLattice: ns per lattice point. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double lattice() {
        int t = next++ & (CASES - 1);
        erf.derivativesOnLattice(steps[t], N, qs[t], orders, rows);
        return rows[ORDER][N - 1];
    }

    /** A loop of derivatives() (every kind) at μ_j = j·step: ns per lattice point. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double pointwise() {
        int t = next++ & (CASES - 1);
        for (int j = 0; j < N; j++) {
            erf.derivatives(j * steps[t], qs[t], ORDER, point);
            System.arraycopy(point, 0, out, j * BLOCK, BLOCK);
        }
        return out[(N - 1) * BLOCK + ORDER];
    }
}
