package org.sgdlimits.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.gauss.ErfMoments;
import org.sgdlimits.gauss.GaussHermiteMoments;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.KinkMoments;
import org.sgdlimits.gauss.MeanShiftedMoments;
import org.sgdlimits.gauss.PolynomialMoments;
import org.sgdlimits.gauss.ReducedHermiteMoments;
import org.sgdlimits.gauss.ReluMoments;
import org.sgdlimits.gauss.Role;

/**
 * Cost of one four-point moment I4 per call: the erf closed form ({@link ErfMoments#i4}) and the ReLU one
 * ({@link ReluMoments}: a one-dimensional adaptive Gauss–Kronrod integral). Each invocation cycles through a
 * fixed set of random valid covariances (C = A Aᵀ/6, one in eight with a duplicated variable, as on the diagonal
 * of the overlap ODE), so the figure is an average over typical and singular inputs. The polynomial pairs
 * ({@link PolynomialMoments}, exact Wick sums): square (81 Isserlis moments), He_3 (4·3·4·4 = 192 … 256) and He_6
 * (6·6·7·7 = 1764 moments). tanh: {@link ReducedHermiteMoments} (default) against the tensor Gauss–Hermite rule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GaussianMomentsBenchmark {

    private static final int CASES = 64;

    private double[][] covariances;
    private int next;
    private final PolynomialMoments square = new PolynomialMoments(StandardActivation.SQUARE,
            StandardActivation.SQUARE);
    private final PolynomialMoments he3 = new PolynomialMoments(Activation.named("he3"), Activation.named("he3"));
    private final PolynomialMoments he6 = new PolynomialMoments(Activation.named("he6"), Activation.named("he6"));
    private final GaussianMoments tanhReduced = new ReducedHermiteMoments(StandardActivation.TANH,
            StandardActivation.TANH);
    private final GaussianMoments tanhTensor = new GaussHermiteMoments(StandardActivation.TANH, StandardActivation.TANH);
    private final GaussianMoments reluErf = GaussianMoments.forPair(StandardActivation.RELU, StandardActivation.ERF);
    private final MeanShiftedMoments reluErfShifted = MeanShiftedMoments.forPair(StandardActivation.RELU,
            StandardActivation.ERF);
    private final GaussianMoments reluErfTensor = new GaussHermiteMoments(StandardActivation.RELU,
            StandardActivation.ERF);

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(2026);
        covariances = new double[CASES][];
        for (int t = 0; t < CASES; t++) {
            double[] a = new double[4 * 6];
            for (int i = 0; i < a.length; i++) {
                a[i] = gaussian(rng);
            }
            if (t % 8 == 7) {
                System.arraycopy(a, 0, a, 6, 6); // v = u
            }
            double[] c = new double[16];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double s = 0;
                    for (int k = 0; k < 6; k++) {
                        s += a[i * 6 + k] * a[j * 6 + k];
                    }
                    c[i * 4 + j] = s / 6;
                }
            }
            covariances[t] = c;
        }
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private double[] nextCovariance() {
        double[] c = covariances[next];
        next = (next + 1) % CASES;
        return c;
    }

    @Benchmark
    public double erfI4() {
        double[] c = nextCovariance();
        return ErfMoments.i4(c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
    }

    @Benchmark
    public double reluI4() {
        double[] c = nextCovariance();
        return ReluMoments.INSTANCE.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10],
                c[11], c[15]);
    }

    /**
     * relu student, erf teacher, I4(σ, σ*) = E[1[u&gt;0] 1[v&gt;0] relu(w) erf(z)] (three kinked factors, the
     * slowest case) by {@link KinkMoments} (≲ 1e-10, docs/theory.md §3.10 "Pairs with a kink").
     */
    @Benchmark
    public double reluErfI4() {
        double[] c = nextCovariance();
        return reluErf.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                c[15]);
    }

    /**
     * The same with biases, I4 = E[1[u + 0.3 &gt; 0] 1[v − 0.2 &gt; 0] relu(w + 0.4) erf(z − 0.5)] by
     * {@link KinkMoments} as {@code MeanShiftedMoments} (docs/theory.md §3.11.2).
     */
    @Benchmark
    public double reluErfShiftedI4() {
        double[] c = nextCovariance();
        return reluErfShifted.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10],
                c[11], c[15], 0.3, -0.2, 0.4, -0.5);
    }

    /** The same by the tensor Gauss–Hermite rule used before (2e-3 to 7e-3 at the kink). */
    @Benchmark
    public double reluErfTensorI4() {
        double[] c = nextCovariance();
        return reluErfTensor.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11],
                c[15]);
    }

    @Benchmark
    public double squareI4() {
        return polynomialI4(square);
    }

    @Benchmark
    public double he3I4() {
        return polynomialI4(he3);
    }

    @Benchmark
    public double he6I4() {
        return polynomialI4(he6);
    }

    /** tanh/tanh I4 by {@link ReducedHermiteMoments} at its default 48/64 nodes (docs/theory.md §3.10). */
    @Benchmark
    public double tanhReducedI4() {
        return polynomialI4(tanhReduced);
    }

    /** tanh/tanh I4 by the tensor Gauss–Hermite rule at its default 40 nodes per axis (the previous route). */
    @Benchmark
    public double tanhTensorI4() {
        return polynomialI4(tanhTensor);
    }

    private double polynomialI4(GaussianMoments m) {
        double[] c = nextCovariance();
        return m.i4(Role.STUDENT, Role.TEACHER, c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[10], c[11], c[15]);
    }
}
