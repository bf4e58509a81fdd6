package org.sgdlimits.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
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
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.study.escape.RateScaling;
import org.sgdlimits.study.escape.WidthStudy;
import org.sgdlimits.narrow.phaseretrieval.EscapeCriterion;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalDrift;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalInitialCondition;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalModel;
import org.sgdlimits.narrow.phaseretrieval.PhaseRetrievalOde;
import org.sgdlimits.narrow.phaseretrieval.SimulatedEscape;
import org.sgdlimits.narrow.simulation.SeedStreams;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.overlap.Overlaps;

/**
 * Benchmarks of the phase-retrieval escape machinery (issue 5):
 * <ul>
 *   <li>{@code sgdSteps}: SGD steps per second of the exact Gram chain and of the explicit simulator at p = 8,
 *       d = 10⁴, g = 0.1 (one run of {@value #STEPS} steps per invocation; score per step)</li>
 *   <li>{@code closedFormDrift}: one closed-form drift evaluation at p = 8, 64, 256</li>
 *   <li>{@code odeEscapeFromRandomStart}: one quenched-ODE sample (full engine) at p = 8, 64, d = 3000</li>
 *   <li>{@code widthStudyOnDefaults}: the CLI's default width study (p = 1, 2, 4, 8, 16; d = 1000, 3000;
 *       g = 0.1; T = 0.5; 200 SGD seeds and 200 random initial conditions per point), single shot</li>
 * </ul>
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar EscapeBenchmark.sgdSteps}.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
public class EscapeBenchmark {
    /** SGD steps per {@code sgdSteps} invocation. */
    public static final int STEPS = 20_000;

    /** State of the SGD-step benchmark. */
    @State(Scope.Thread)
    public static class Sgd {
        @Param({"GRAM", "EXPLICIT"})
        public String engine;

        SimulatedEscape sim;
        Overlaps start;
        double span;
        int dimension = 10_000;
        UniformRandomProvider rng;

        @Setup
        public void setUp() {
            int p = 8;
            PhaseRetrievalModel model = PhaseRetrievalModel.plain(p, 0.1, 0.0);
            sim = new SimulatedEscape(model, EngineKind.valueOf(engine), 1.0);
            rng = SeedStreams.stream(5, 0);
            start = PhaseRetrievalInitialCondition.random(p, dimension, 1.0, rng);
            // ODE time of STEPS steps: Δt = γ/(p d) = g/d
            span = STEPS * model.reducedRate() / dimension;
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object sgdSteps(Sgd s) {
        // the threshold is never reached in so short a run: this measures pure stepping (+ one record per unit time)
        return s.sim.run(s.start, s.dimension, EscapeCriterion.overlap(0.99), s.span, s.rng, SimulationProgress.NONE);
    }

    /** State of the drift benchmark. */
    @State(Scope.Thread)
    public static class Drift {
        @Param({"8", "64", "256"})
        public int p;

        PhaseRetrievalDrift drift;
        PhaseRetrievalDrift.Workspace ws;
        double[] q;
        double[] m;
        double[] dQ;
        double[] dM;

        @Setup
        public void setUp() {
            drift = new PhaseRetrievalDrift(PhaseRetrievalModel.plain(p, 0.05, 0.0));
            ws = drift.newWorkspace();
            Overlaps o = PhaseRetrievalInitialCondition.random(p, 10L * p + 100, 1.0, SeedStreams.stream(3, p));
            q = o.studentOverlapMatrix();
            m = o.studentTeacherOverlapMatrix();
            dQ = new double[p * p];
            dM = new double[p];
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double closedFormDrift(Drift s) {
        return s.drift.evaluate(s.q, s.m, s.ws, s.dQ, s.dM);
    }

    /** State of the ODE escape benchmark. */
    @State(Scope.Thread)
    public static class Ode {
        @Param({"8", "64"})
        public int p;

        PhaseRetrievalOde ode;
        Overlaps start;

        @Setup
        public void setUp() {
            ode = new PhaseRetrievalOde(PhaseRetrievalModel.plain(p, 0.1, 0.0));
            start = PhaseRetrievalInitialCondition.random(p, 3000, 1.0, SeedStreams.stream(4, p));
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Object odeEscapeFromRandomStart(Ode s) {
        return s.ode.escapeTime(s.start, EscapeCriterion.overlap(0.5), 100);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object widthStudyOnDefaults() {
        WidthStudy.Settings s = new WidthStudy.Settings(new int[] {1, 2, 4, 8, 16}, new int[] {1000, 3000},
                RateScaling.FIXED_G, 0.1, 0.0, EscapeCriterion.overlap(0.5), false, 200, 64, 200, 64,
                EngineKind.GRAM, 0.01, 1, Runtime.getRuntime().availableProcessors());
        return WidthStudy.run(s, SimulationProgress.NONE);
    }
}
