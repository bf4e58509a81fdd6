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
import org.sgdlimits.meanfield.DenseLowRankClosure;
import org.sgdlimits.meanfield.LatentLowRankClosure;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleDriftTerms;
import org.sgdlimits.meanfield.SeriesLowRankClosure;

/**
 * One right-hand side of the erf particle closure at p = 10⁴ (k = 1, a = 1, g = 0.2, noise term on): the plain
 * closure ({@link ParticleDrift}) against the O(p) corrected closure ({@link LatentLowRankClosure},
 * docs/closure.md §5) with the basis [a, a q⊥] (r = 2) and [a, a q⊥, a m] (r = 3), for H ⪰ 0 (one
 * evaluation) and indefinite H (three), H = diag(0.02, …) (−0.01 last for indefinite), the default per-axis
 * latent node choice (at most 8 per axis, tolerance 1e-10: 7 nodes per axis here); and the heat-kernel series route
 * ({@link SeriesLowRankClosure}, order {@code order}, any sign of H in one evaluation): closures {@code series-*}.
 * Target: corrected within 5× of plain (measured 4.5–4.6× at rank 2, 5.0× at rank 3, docs/closure.md §5).
 * The series route's large methods need about six one-second iterations to reach steady state, hence the ten
 * warm-up iterations. Run e.g.
 * {@code java -jar benchmarks/target/benchmarks.jar ErfLowRankClosureBenchmark
 * -p closure=plain,series-psd-r2,series-indefinite-r2,series-psd-r3,series-indefinite-r3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class ErfLowRankClosureBenchmark {

    @Param({"10000"})
    public int p;

    /** plain; latent quadrature route psd-r2, indefinite-r2, psd-r3; series route series-(psd|indefinite)-r(2|3). */
    @Param({"plain", "psd-r2", "indefinite-r2", "psd-r3", "series-psd-r2", "series-indefinite-r2", "series-psd-r3",
        "series-indefinite-r3"})
    public String closure;

    /** Order N of the series route. */
    @Param({"2"})
    public int order;

    private ParticleDrift plain;
    private ParticleDriftTerms terms;
    private LatentLowRankClosure corrected;
    private SeriesLowRankClosure series;
    private double[] a;
    private double[] y;
    private double[] yDot;
    private double[] m;
    private double[] q;

    @Setup
    public void setUp() {
        a = new double[p];
        java.util.Arrays.fill(a, 1.0);
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.2);
        int r = closure.endsWith("r3") ? 3 : 2;
        y = new double[2 * p + r * r];
        for (int i = 0; i < p; i++) {
            y[i] = 0.2 + 0.3 * Math.sin(1.7 * i);
            y[p + i] = 0.5 + 0.5 * ((i * 0.6180339887498949) % 1.0);
        }
        if (closure.equals("plain")) {
            plain = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, new double[] {1.0},
                    new double[] {1.0}, settings);
            terms = new ParticleDriftTerms(p, 1);
            m = java.util.Arrays.copyOfRange(y, 0, p);
            q = java.util.Arrays.copyOfRange(y, p, 2 * p);
            return;
        }
        for (int x = 0; x < r; x++) {
            y[2 * p + x * r + x] = 0.02;
        }
        if (closure.contains("indefinite")) {
            y[2 * p + r * r - 1] = -0.01;
        }
        yDot = new double[y.length];
        DenseLowRankClosure.Basis basis = r == 3 ? DenseLowRankClosure.Basis.A_AQ_AM : DenseLowRankClosure.Basis.A_AQ;
        if (closure.startsWith("series")) {
            series = new SeriesLowRankClosure(StandardActivation.ERF, StandardActivation.ERF, 1.0, 1.0, a, basis,
                    settings, order);
            return;
        }
        corrected = new LatentLowRankClosure(StandardActivation.ERF, StandardActivation.ERF, 1.0, 1.0, a,
                basis, settings, LatentLowRankClosure.DEFAULT_LATENT_NODES, 0,
                LatentLowRankClosure.DEFAULT_LATENT_TOLERANCE);
    }

    @Benchmark
    public double rightHandSide() {
        if (plain != null) {
            plain.evaluate(p, a, m, q, 1.0, terms);
            return terms.dqPerp[0];
        }
        if (series != null) {
            series.derivatives(y, yDot);
        } else {
            corrected.derivatives(y, yDot);
        }
        return yDot[2 * p];
    }
}
