package org.sgdlimits.bench;

import java.util.concurrent.TimeUnit;
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
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.fixtures.ErfCommitteeCases;
import org.sgdlimits.gauss.ScaleMixtureMoments;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * One whole tanh-committee trajectory (issue 11's target: ≤ 10 s at 1e-6 in the risk): tanh/tanh, p = k = 4,
 * γ = 0.5, high-dimensional regime (noise term included), Δ = 0, t from 0 to 100 on a 101-point log grid, the
 * library's default integrator (Dormand–Prince 8(5,3), 1e-11), from {@code ErfCommitteeCases.smallInitialOverlaps}
 * (Q = diag(0.2 … 0.5), M ~ 1e-3, P = I, a = a* = 1), with {@link ScaleMixtureMoments} at K mixture points
 * (docs/theory.md §3.10.1; K = 12 is what {@code GaussianMoments.forPair} and so the CLI use).
 *
 * <p>At setup the benchmark integrates a reference with K = 14 (moments ≲ 3e-14 relative) and prints the largest
 * absolute and relative risk error of the measured K over the recorded times and the number of right-hand sides,
 * so that every run states the accuracy it bought. Single-shot mode: each measurement is one full trajectory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class TanhCommitteeTrajectoryBenchmark {

    /** Mixture points K per σ' factor. */
    @Param({"12", "10", "6"})
    public int points;

    private OverlapOde ode;
    private Overlaps initial;
    private TimeGrid grid;

    @Setup(Level.Trial)
    public void setUp() {
        Activation tanh = StandardActivation.TANH;
        initial = ErfCommitteeCases.smallInitialOverlaps(4, 4, 1);
        grid = TimeGrid.log(100, 101);
        ode = OverlapOde.builder(tanh, tanh).learningRate(0.5)
                .moments(new ScaleMixtureMoments(tanh, tanh, points, ScaleMixtureMoments.DEFAULT_TOLERANCE)).build();
        double[] reference = OverlapOde.builder(tanh, tanh).learningRate(0.5)
                .moments(new ScaleMixtureMoments(tanh, tanh, 14, ScaleMixtureMoments.DEFAULT_TOLERANCE)).build()
                .solve(initial, grid).trajectory().column("risk");
        OverlapOdeResult run = ode.solve(initial, grid);
        double[] risk = run.trajectory().column("risk");
        double absolute = 0;
        double relative = 0;
        for (int i = 0; i < risk.length; i++) {
            absolute = Math.max(absolute, Math.abs(risk[i] - reference[i]));
            relative = Math.max(relative, Math.abs(risk[i] - reference[i]) / Math.abs(reference[i]));
        }
        System.out.printf("%n[tanh trajectory] K = %d: max risk error %.1e absolute, %.1e relative (vs K = 14) over "
                        + "%d times, final risk %.10e, %d right-hand sides%n", points, absolute, relative,
                risk.length, risk[risk.length - 1], run.statistics().evaluations());
    }

    @Benchmark
    public double trajectory() {
        OverlapOdeResult r = ode.solve(initial, grid);
        return r.trajectory().value(r.trajectory().size() - 1, "risk");
    }
}
