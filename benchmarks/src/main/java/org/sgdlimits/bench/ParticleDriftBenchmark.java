package org.sgdlimits.bench;

import java.util.SplittableRandom;
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
import org.sgdlimits.activation.Activation;
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.ParticleDriftTerms;

/**
 * One mean-field particle-drift evaluation ({@link ParticleDrift#evaluate}, issue 4), k = 1, P = 1, a* = 1,
 * random particles (m ~ N(0, 0.3²), q⊥ ~ U(0.05, 1), a ~ 1 + 0.3 N(0,1)), default teacher-field rule:
 * <ul>
 *   <li>erf at p = 10⁴ and 10⁵ (target ≤ 100 ms at 10⁵; the public reference evaluates the erf mean-field
 *       risk in O(p²), ≈ 0.5 s at p = 5000)</li>
 *   <li>square at p = 10⁶</li>
 * </ul>
 * {@code noise}: "off" = gradient flow part only (no SGD-noise term), "on" = noise term kept (g/B = 0.01),
 * which adds the conditional variances (Owen's T) to both passes. Uses the common fork-join pool (all cores).
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar ParticleDriftBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ParticleDriftBenchmark {

    /** "activation:p". */
    @Param({"erf:10000", "erf:100000", "square:1000000"})
    public String config;

    @Param({"off", "on"})
    public String noise;

    private ParticleDrift drift;
    private ParticleDriftTerms terms;
    private double[] a;
    private double[] m;
    private double[] q;
    private int p;

    @Setup
    public void setUp() {
        String[] parts = config.split(":");
        Activation act = Activation.named(parts[0]);
        p = Integer.parseInt(parts[1]);
        SplittableRandom rng = new SplittableRandom(17);
        a = new double[p];
        m = new double[p];
        q = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = 1.0 + 0.3 * gaussian(rng);
            m[i] = 0.3 * gaussian(rng);
            q[i] = 0.05 + 0.95 * rng.nextDouble();
        }
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p)
                .withNoiseCoefficient("on".equals(noise) ? 0.01 : 0.0);
        drift = new ParticleDrift(act, act, new double[] {1.0}, new double[] {1.0}, settings);
        terms = new ParticleDriftTerms(p, 1);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Benchmark
    public double driftEvaluation() {
        drift.evaluate(p, a, m, q, 1.0, terms);
        return terms.excessRisk + terms.dqPerp[p - 1];
    }
}
