package org.sgdlimits.bench;

import java.util.Arrays;
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
import org.sgdlimits.meanfield.ParticleDrift;
import org.sgdlimits.meanfield.ParticleDriftSettings;
import org.sgdlimits.meanfield.pde.ContinuityPde;
import org.sgdlimits.meanfield.pde.DensityGrid;
import org.sgdlimits.meanfield.PhaseRetrievalLowRankDrift;
import org.sgdlimits.meanfield.pde.ParticleDriftField;
import org.sgdlimits.meanfield.pde.PhaseRetrievalLowRankField;
import org.sgdlimits.meanfield.pde.StretchedGrid;
import org.sgdlimits.meanfield.pde.VelocityField;

/**
 * One step of the density PDE (docs/theory.md §5) at 400 × 40 cells: one SSP-RK3 step = three drift evaluations (the
 * erf mean-field {@link ParticleDrift} with the cells as weighted particles, 40 teacher nodes) plus the
 * flux-vector-splitting / MUSCL sweeps and the positivity limiter.
 * <ul>
 *   <li>{@code field = erf}: the real drift; {@code field = linear}: a synthetic linear field, i.e. the cost of
 *       the finite-volume scheme alone; {@code field = square}: the plain phase-retrieval drift (square
 *       activations, quadrature {@link ParticleDrift}); {@code field = square-low-rank}: the corrected closure of
 *       phase retrieval ({@link PhaseRetrievalLowRankField}: closed-form O(cells) drift plus the scalar h
 *       advanced with the masses, docs/closure.md §6)</li>
 *   <li>{@code initial = exact}: the exact random-initialisation law at d = 100 (every cell not underflowed to
 *       0 carries mass, the worst case: all ≈ 16 000 cells are passed to the drift);
 *       {@code initial = binned}: 4000 sampled units binned (only occupied cells, a typical early state)</li>
 * </ul>
 * Run e.g. {@code java -jar benchmarks/target/benchmarks.jar DensityPdeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class DensityPdeBenchmark {

    /** Grid, field and initial masses. */
    @State(Scope.Thread)
    public static class Step {
        @Param({"erf", "linear", "square", "square-low-rank"})
        public String field;

        @Param({"exact", "binned"})
        public String initial;

        ContinuityPde.Stepper stepper;
        double[] start;
        double[] work;
        /** The scalars the field carries (h for square-low-rank), reset before every step. */
        double[] scalars;
        double[] scalarWork;
        int occupied;

        @Setup
        public void setUp() {
            StretchedGrid grid = new StretchedGrid(0.05, 3.0, 3.0, 400, 40);
            int dimension = 100;
            int units = 4000;
            DensityGrid density = "exact".equals(initial)
                    ? DensityGrid.randomInitialisation(grid, dimension, 1.0)
                    : DensityGrid.sampledRandomInitialisation(grid, dimension, 1.0, units, 1);
            VelocityField velocity;
            ContinuityPde.Options options = ContinuityPde.Options.defaults();
            if ("erf".equals(field) || "square".equals(field)) {
                StandardActivation sigma = "erf".equals(field) ? StandardActivation.ERF : StandardActivation.SQUARE;
                ParticleDrift drift = new ParticleDrift(sigma, sigma, new double[] {1}, new double[] {1},
                        ParticleDriftSettings.ofWidth(units).withNoiseCoefficient("square".equals(field) ? 0.1 : 0));
                ParticleDriftField f = new ParticleDriftField(drift, 1.0);
                velocity = f;
                options = f.defaultOptions();
            } else if ("square-low-rank".equals(field)) {
                PhaseRetrievalLowRankField f = new PhaseRetrievalLowRankField(new PhaseRetrievalLowRankDrift(1.0,
                        ParticleDriftSettings.ofWidth(units).withNoiseCoefficient(0.1)));
                velocity = f;
                options = f.defaultOptions();
            } else {
                velocity = (g, t, masses, mDot, qDot) -> {
                    for (int i = 0; i < g.xiCells(); i++) {
                        double m = g.mCentre(i);
                        for (int j = 0; j < g.qCells(); j++) {
                            mDot[g.index(i, j)] = 0.3 + 0.5 * m;
                            qDot[g.index(i, j)] = -0.2 * g.qCentre(j);
                        }
                    }
                    return Double.NaN;
                };
            }
            stepper = new ContinuityPde(velocity, options).stepper(grid);
            start = density.masses();
            work = start.clone();
            scalars = velocity.initialScalars();
            if (scalars.length > 0) {
                scalars[0] = 0.2; // a corrected state with h ≠ 0 (the cost does not depend on it)
            }
            scalarWork = scalars.clone();
            occupied = (int) Arrays.stream(start).filter(v -> v > 0).count();
        }
    }

    /** One accepted SSP-RK3 step from the same state every time; returns Δt. */
    @Benchmark
    public double sspRk3Step(Step s) {
        System.arraycopy(s.start, 0, s.work, 0, s.work.length);
        System.arraycopy(s.scalars, 0, s.scalarWork, 0, s.scalars.length);
        return s.stepper.step(s.work, s.scalarWork, 0.0, 1.0);
    }
}
