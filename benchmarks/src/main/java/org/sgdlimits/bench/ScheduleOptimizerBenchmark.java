package org.sgdlimits.bench;

import java.util.Arrays;
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
import org.sgdlimits.narrow.schedule.ControlledDynamics;
import org.sgdlimits.narrow.schedule.ScheduleCost;
import org.sgdlimits.narrow.schedule.ScheduleGrid;
import org.sgdlimits.narrow.schedule.ScheduleObjective;
import org.sgdlimits.narrow.schedule.ScheduleOptimizer;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;

/**
 * The schedule optimiser (docs/theory.md §3.9) on the README example (examples/optimal-schedule.json): erf
 * soft committee p = k = 2, γ = 1, Δ = 0.05, high-dimensional regime, final risk at T = 20, N pieces,
 * s_max = 4, tolerances 1e-11. {@code gradient}: one forward pass plus one adjoint pass (the objective and its N
 * derivatives); {@code optimise}: the whole L-BFGS minimisation from the constant s = 0.388 (the best constant).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class ScheduleOptimizerBenchmark {

    @Param({"12", "24", "48"})
    public int pieces;

    private ScheduleCost cost;
    private double[] start;

    @Setup(Level.Iteration)
    public void setUp() {
        Activation erf = Activation.named("erf");
        OverlapOde ode = OverlapOde.builder(erf, erf).learningRate(1.0).labelNoise(0.05).build();
        Overlaps initial = Overlaps.of(new double[] {0.5, 0.02, 0.02, 0.4}, new double[] {0.3, 0.05, 0.02, 0.25},
                new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {1, 1});
        cost = new ScheduleCost(ControlledDynamics.of(ode, initial), ode.newSystem(initial).initialState(initial),
                new ScheduleGrid(20, pieces), new ScheduleObjective.FinalRisk(),
                IntegratorSettings.defaults().withTolerances(1e-11, 1e-11), 1e6);
        start = new double[pieces];
        Arrays.fill(start, 0.388);
    }

    @Benchmark
    public double[] gradient() {
        return cost.evaluate(start, true).gradient();
    }

    @Benchmark
    public double optimise() {
        return new ScheduleOptimizer(4, 300, 1e-10).optimise(cost, start).value();
    }
}
