package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class DenseLowRankClosureTest {

    private static PopulationDrift drift(StandardActivation act) {
        return new PopulationDrift(GaussianMoments.forPair(act, act), new double[] {1.0}, new double[] {1.0}, 0.0);
    }

    /** With the basis m and square activations the dense Galerkin closure is the O(p) phase-retrieval one. */
    @Test
    void phaseRetrievalBasisReproducesTheLinearCostClosure() {
        int p = 17;
        double g = 0.15;
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        DenseLowRankClosure dense = new DenseLowRankClosure(drift(StandardActivation.SQUARE), g, a,
                DenseLowRankClosure.Basis.M);
        double[] y = new double[dense.dimension()];
        for (int i = 0; i < p; i++) {
            y[i] = 0.5 * Math.sin(1.3 * i + 0.2);
            y[p + i] = 0.3 + 0.05 * i;
        }
        y[2 * p] = 0.27;
        double[] yDot = new double[y.length];
        dense.derivatives(y, yDot);
        PhaseRetrievalLowRankDrift fast = new PhaseRetrievalLowRankDrift(1.0,
                ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g));
        double[] dm = new double[p];
        double[] dq = new double[p];
        double dh = fast.evaluate(p, Arrays.copyOfRange(y, 0, p), Arrays.copyOfRange(y, p, 2 * p), null, 0.27, 1.0,
                dm, dq);
        for (int i = 0; i < p; i++) {
            assertEquals(dm[i], yDot[i], 1e-11);
            assertEquals(dq[i], yDot[p + i], 1e-11);
        }
        assertEquals(dh, yDot[2 * p], 1e-9 * Math.max(1, Math.abs(dh)));
    }

    /** m_i = 0.2 + 0.3 Φ⁻¹((i + ½)/p); q⊥_i in [0.5, 1] by a golden-ratio sequence (independent of m). */
    private static double[][] start(int p) {
        double[] m = new double[p];
        double[] q = new double[p];
        for (int i = 0; i < p; i++) {
            m[i] = 0.2 + 0.3 * Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(2 * (i + 0.5) / p - 1);
            double u = (i * 0.6180339887498949) % 1.0;
            q[i] = 0.5 + 0.5 * u;
        }
        return new double[][] {m, q};
    }

    /** {max |Δε| corrected, max |Δε| plain} against the full ODE over t = 0.5, 1, …, 3. */
    private static double[] errors(int p, double g) {
        return errors(p, g, a -> new DenseLowRankClosure(drift(StandardActivation.ERF), g, a,
                DenseLowRankClosure.Basis.A_AQ_AM));
    }

    /**
     * As above for any corrected closure built from the second layer a (erf, k = 1, a = 1, the start below):
     * {max |Δε| corrected, max |Δε| plain, max_i |Δm_i| corrected} over t = 0.5, 1, …, 3.
     */
    static double[] errors(int p, double g, java.util.function.Function<double[], LowRankClosure> closure) {
        return errors(p, g, closure, 1e-11, 1e-10);
    }

    /** As above with the corrected closure's integrator tolerances (absolute, relative). */
    static double[] errors(int p, double g, java.util.function.Function<double[], LowRankClosure> closure,
                           double absoluteTolerance, double relativeTolerance) {
        double[][] s = start(p);
        double[] a = new double[p];
        Arrays.fill(a, 1.0);
        double[] q0 = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q0[i * p + j] = s[0][i] * s[0][j] + (i == j ? s[1][i] : 0);
            }
        }
        TimeGrid grid = TimeGrid.linear(3.0, 7);
        IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-11, 1e-10);
        Trajectory full = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(g * p)
                .integrator(tight).build()
                .solve(Overlaps.of(q0, s[0], new double[] {1.0}, a, new double[] {1.0}), grid).trajectory();
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(g);
        Trajectory plain = new ParticleSystem(new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF,
                new double[] {1.0}, new double[] {1.0}, settings), tight, LearningRateSchedule.constant())
                .run(Particles.of(a, s[0], s[1], new double[] {1.0}, new double[] {1.0}), grid).trajectory();
        LowRankClosure dense = closure.apply(a);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return dense.dimension();
            }

            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[y.length];
                dense.derivatives(y, out);
                return out;
            }
        };
        double[] y = new double[dense.dimension()];
        System.arraycopy(s[0], 0, y, 0, p);
        System.arraycopy(s[1], 0, y, p, p);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-8, 1.0, absoluteTolerance,
                relativeTolerance);
        double errLow = 0;
        double errPlain = 0;
        double unitLow = 0;
        double[] times = grid.times();
        for (int row = 1; row < times.length; row++) {
            y = integrator.integrate(ode, new ODEState(times[row - 1], y), times[row]).getPrimaryState();
            double ref = full.value(row, "excess_risk");
            errLow = Math.max(errLow, Math.abs(dense.excessRisk(y) - ref));
            errPlain = Math.max(errPlain, Math.abs(plain.value(row, "excess_risk") - ref));
            for (int i = 0; i < p; i++) {
                unitLow = Math.max(unitLow, Math.abs(y[i] - full.value(row, "M_" + i + "_0")));
            }
        }
        return new double[] {errLow, errPlain, unitLow};
    }

    @Test
    void erfCorrectionIsAtLeastAHundredTimesCloserToTheFullOde() throws java.io.IOException {
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int p : new int[] {16, 32, 64}) {
            double[] e = errors(p, 0.2);
            System.out.printf("erf k=1 g=0.2 p=%d: max |d eps| corrected %.3g, plain %.3g%n", p, e[0], e[1]);
            assertTrue(e[0] * 100 <= e[1], "p = " + p + ": corrected " + e[0] + ", plain " + e[1]);
            least = Math.min(least, e[1] / e[0]);
            most = Math.max(most, e[1] / e[0]);
        }
        ReadmeQuotes.assertQuoted("## Corrected mean-field closure", "g = 0.2: " + ReadmeQuotes.sig(least, 2) + "–"
                + ReadmeQuotes.sig(most, 2) + "× closer to the full ODE than the plain closure at p = 16–64");
    }

    /**
     * Per-unit residual max_i |Δm_i| against the full ODE (erf, g = 0.2, the start above) for the nested bases
     * [a], [a, a q⊥], [a, a q⊥, a m] (rank 1, 2, 3): each added column lowers it (docs/closure.md §5).
     */
    @Test
    void perUnitResidualFallsWithTheRank() {
        int p = 16;
        DenseLowRankClosure.Basis[] bases = {DenseLowRankClosure.Basis.A, DenseLowRankClosure.Basis.A_AQ,
                DenseLowRankClosure.Basis.A_AQ_AM};
        double[] unit = new double[3];
        for (int r = 0; r < 3; r++) {
            DenseLowRankClosure.Basis basis = bases[r];
            double[] e = errors(p, 0.2, a -> new DenseLowRankClosure(drift(StandardActivation.ERF), 0.2, a, basis));
            unit[r] = e[2];
            System.out.printf("erf k=1 g=0.2 p=%d rank %d: max |d eps| %.3g (plain %.3g), max_i |dm_i| %.3g%n", p,
                    r + 1, e[0], e[1], e[2]);
        }
        assertTrue(unit[1] * 5 < unit[0], "rank 2 " + unit[1] + " vs rank 1 " + unit[0]);
        assertTrue(unit[2] < unit[1], "rank 3 " + unit[2] + " vs rank 2 " + unit[1]);
    }
}
