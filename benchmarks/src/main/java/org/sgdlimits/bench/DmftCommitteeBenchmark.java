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
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.meanfield.dmft.CommitteeEngine;
import org.sgdlimits.meanfield.dmft.CommitteeModel;
import org.sgdlimits.meanfield.dmft.DmftEngine;
import org.sgdlimits.meanfield.dmft.DmftModel;
import org.sgdlimits.meanfield.dmft.SelectionProcess;
import org.sgdlimits.meanfield.dmft.StandardLoss;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The committee DMFT block sweep (docs/dmft.md §7), one Monte Carlo sweep per invocation (single shot): p = 2 erf
 * units, k = 2 erf teacher units, square loss, GD, α = 2, η = 0.5, λ = 0.01, S = {@code paths},
 * T = {@code steps} (target ≤ 60 s at S = 10⁵, T = 50 on 2 cores; ≈ S T³ p³/6 multiply–adds for the responses,
 * memory ≈ S T (20 p + 4 p²) bytes); all cores.
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar DmftCommitteeBenchmark -f 1 -wi 0 -i 1}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class DmftCommitteeBenchmark {

    @Param({"100000"})
    public int paths;

    @Param({"50"})
    public int steps;

    @Benchmark
    public Trajectory monteCarloTwoErfUnits() {
        Overlaps initial = Overlaps.of(new double[]{0.5, 0.1, 0.1, 0.4}, new double[]{0.2, 0.05, 0.0, 0.15},
                new double[]{1, 0, 0, 1}, new double[]{1, 1}, new double[]{1, 1});
        CommitteeModel model = new CommitteeModel(2.0, initial, StandardActivation.ERF, StandardActivation.ERF, 0.01,
                StandardLoss.SQUARE, 0.01, DmftModel.constantSteps(0.5, steps), SelectionProcess.FULL_BATCH);
        return CommitteeEngine.monteCarlo(model, new DmftEngine.MonteCarloSettings(paths, 1, 1L, false, true));
    }
}
