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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftModel;
import org.sgdlimits.meanfield.dmft.Momentum;
import org.sgdlimits.meanfield.dmft.SelectionProcess;
import org.sgdlimits.meanfield.dmft.StandardLoss;
import org.sgdlimits.meanfield.dmft.TeacherMap;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The DMFT sweep (docs/dmft.md), one whole run per invocation (single shot):
 * <ul>
 *   <li>{@code exactRidge}: the exact closure, ridge GD, α = 2, η = 0.1, λ = 0.01, T = {@code steps}
 *       (target ≤ 2 s at T = 1000; O(T³) time, O(T²) memory)</li>
 *   <li>{@code monteCarloLogistic}: one Monte Carlo sweep, logistic loss on a sign teacher, GD, α = 2, η = 0.2,
 *       S = {@code paths}, T = {@code mcSteps} (target ≤ 30 s at S = 10⁵, T = 200; ≈ S T³/6 multiply–adds,
 *       memory ≈ 28 S T bytes); all cores</li>
 * </ul>
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar DmftBenchmark -f 1 -wi 1 -i 3}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class DmftBenchmark {

    @Param({"1000"})
    public int steps;

    @Param({"100000"})
    public int paths;

    @Param({"200"})
    public int mcSteps;

    @Benchmark
    public Trajectory exactRidge() {
        DmftModel model = new DmftModel(2.0, 1.0, new TeacherMap.Linear(0.5), StandardLoss.SQUARE, 0.01,
                DmftModel.constantSteps(0.1, steps), SelectionProcess.FULL_BATCH, Momentum.NONE, 0.0, 1.0);
        return DmftEngine.exact(model);
    }

    @Benchmark
    public Trajectory monteCarloLogistic() {
        DmftModel model = new DmftModel(2.0, 1.0, new TeacherMap.Sign(0.0), StandardLoss.LOGISTIC, 0.0,
                DmftModel.constantSteps(0.2, mcSteps), SelectionProcess.FULL_BATCH, Momentum.NONE, 0.0, 0.5);
        return DmftEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(paths, 1, 1L, false, true));
    }
}
