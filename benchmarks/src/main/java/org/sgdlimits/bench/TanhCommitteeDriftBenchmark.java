package org.sgdlimits.bench;

import org.sgdlimits.fixtures.ErfCommitteeCases;
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
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussHermiteMoments;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.gauss.ReducedHermiteMoments;
import org.sgdlimits.gauss.ScaleMixtureMoments;
import org.sgdlimits.overlap.Overlaps;

/**
 * One right-hand side of the tanh committee's overlap ODE (issue 11: p = k = 4, noise term included: 360
 * four-point moments, 256 three-point moments), at the start of the trajectory of
 * {@code ErfCommitteeCases.smallInitialOverlaps} (Q = diag(0.2 … 0.5), M ~ 1e-3, P = I). {@code moments}:
 * "mixture" = {@link ScaleMixtureMoments} at its default K = 12 (the default for tanh, docs/theory.md §3.10.1,
 * with the shared-tilt drift kernel); "reduced:TOL" = {@link ReducedHermiteMoments} at that tolerance (1e-9 agrees with the accurate 1e-13 to 4e-8 in
 * the drift, {@code SmoothDriftToleranceTest}); "tensor" = the previous tensor Gauss–Hermite rule (40 nodes).
 * A whole trajectory t ∈ [0, 100] costs this times its number of right-hand sides (1457 with the default
 * integrator; {@code TanhCommitteeTrajectoryBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class TanhCommitteeDriftBenchmark {

    /** The moment provider. */
    @Param({"mixture", "reduced:1e-9", "reduced:1e-13", "tensor"})
    public String moments;

    private PopulationDrift drift;
    private DriftTerms terms;
    private Overlaps start;

    @Setup
    public void setUp() {
        GaussianMoments m = moments.equals("tensor")
                ? new GaussHermiteMoments(StandardActivation.TANH, StandardActivation.TANH)
                : moments.equals("mixture") ? new ScaleMixtureMoments(StandardActivation.TANH, StandardActivation.TANH)
                : new ReducedHermiteMoments(StandardActivation.TANH, StandardActivation.TANH,
                        Double.parseDouble(moments.substring("reduced:".length())));
        start = ErfCommitteeCases.smallInitialOverlaps(4, 4, 1);
        drift = new PopulationDrift(m, start.teacherOverlapMatrix(), start.teacherSecondLayer(), 0.0);
        terms = drift.newTerms(4);
    }

    @Benchmark
    public DriftTerms rightHandSide() {
        drift.evaluate(start.studentOverlapMatrix(), start.studentTeacherOverlapMatrix(),
                start.studentSecondLayer(), terms);
        return terms;
    }
}
