package org.sgdlimits.bench;

import org.sgdlimits.fixtures.ErfCommitteeCases;
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
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.OverlapOdeResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;

/**
 * One whole overlap-ODE trajectory (issue 2): erf/erf soft committee, p = k = 8, γ = 0.5, high-dimensional
 * regime, Δ = 0, t from 0 to 1000 recorded on a 101-point log grid; initial M ~ 1e-3·N(0,1) (seed 1),
 * Q = diag(0.2 … 0.5), P = I, a = a* = 1 (the symmetric plateau, the hardest part to integrate accurately).
 * Target: ≤ 1 s with the risk accurate to 1e-6 relative at every recorded time (public reference: 20 s,
 * explicit Euler dt = 0.01).
 *
 * <p>At setup the benchmark integrates a reference at tolerances 1e-15/1e-14 (it agrees with 1e-14/1e-13 to
 * 2e-11) and prints the largest relative risk error of the measured configuration, so every run states the
 * accuracy it bought. {@code configuration} selects the integrator.
 * Single-shot mode: each measurement is one full trajectory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class OverlapOdeTrajectoryBenchmark {

    /**
     * "METHOD:tolerance" (absolute = relative tolerance). Measured on the shared 2-core machine (load ≈ 10):
     * DP853 at 1e-11 (the library default): risk error 1.1e-7, 4082 evaluations, ≈ 0.85 s; DP54 at 1e-10:
     * 3.1e-8, 3206 evaluations. The problem is mildly stiff, so the explicit step sits near its stability limit
     * and the cheaper-per-step 5(4) pair is competitive.
     */
    @Param({"DORMAND_PRINCE_853:1e-11", "DORMAND_PRINCE_54:1e-10"})
    public String configuration;

    private String method;
    private double tolerance;

    private OverlapOde ode;
    private Overlaps initial;
    private TimeGrid grid;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = configuration.split(":");
        method = parts[0];
        tolerance = Double.parseDouble(parts[1]);
        Activation erf = Activation.named("erf");
        initial = ErfCommitteeCases.smallInitialOverlaps(8, 8, 1); // the tests' erf committee start
        grid = TimeGrid.log(1000, 101);
        IntegratorSettings settings = IntegratorSettings.defaults()
                .withMethod(IntegratorSettings.Method.valueOf(method)).withTolerances(tolerance, tolerance);
        ode = OverlapOde.builder(erf, erf).learningRate(0.5).integrator(settings).build();
        double[] reference = OverlapOde.builder(erf, erf).learningRate(0.5)
                .integrator(IntegratorSettings.defaults().withTolerances(1e-15, 1e-14)).build()
                .solve(initial, grid).trajectory().column("risk");
        OverlapOdeResult run = ode.solve(initial, grid);
        double[] risk = run.trajectory().column("risk");
        double worst = 0;
        for (int i = 0; i < risk.length; i++) {
            worst = Math.max(worst, Math.abs(risk[i] - reference[i]) / Math.abs(reference[i]));
        }
        System.out.printf("%n[trajectory] %s tol %.0e: max relative risk error %.2e over %d times, "
                        + "final risk %.10e, %d right-hand sides, %d steps%n", method, tolerance, worst, risk.length,
                risk[risk.length - 1], run.statistics().evaluations(), run.statistics().acceptedSteps());
    }

    @Benchmark
    public double trajectory() {
        OverlapOdeResult r = ode.solve(initial, grid);
        return r.trajectory().value(r.trajectory().size() - 1, "risk");
    }
}
