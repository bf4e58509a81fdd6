package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class ParticleSystemTest {
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-11);

    private static ParticleSystem particleSystem(Activation act, int p, double gamma, double gammaA, double delta,
                                                 double decay, int nodes, double[] pMat, double[] aStar) {
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(gamma / p)
                .withLabelNoise(delta).withWeightDecay(decay).withSecondLayerRate(gammaA / gamma)
                .withTeacherNodes(nodes);
        ParticleDrift drift = new ParticleDrift(act, act, pMat, aStar, settings);
        return new ParticleSystem(drift, TIGHT, LearningRateSchedule.constant());
    }

    private static Trajectory fullOde(Activation act, Overlaps initial, double gamma, double gammaA, double delta,
                                      double decay, TimeGrid grid) {
        OverlapOde.Builder b = OverlapOde.builder(act, act).learningRate(gamma).labelNoise(delta).weightDecay(decay)
                .integrator(TIGHT);
        if (gammaA > 0) {
            b.trainSecondLayer(gammaA);
        }
        return b.build().solve(initial, grid).trajectory();
    }

    private static void singleUnitMatchesFullOde(Activation act, Overlaps one, double gamma, double gammaA,
                                                 double delta, double decay, double end, double tolerance) {
        TimeGrid grid = TimeGrid.linear(end, 11);
        Trajectory full = fullOde(act, one, gamma, gammaA, delta, decay, grid);
        ParticleRun run = particleSystem(act, 1, gamma, gammaA, delta, decay, 64, one.teacherOverlapMatrix(),
                one.teacherSecondLayer()).run(Particles.fromOverlaps(one), grid, new double[] {0, end / 2, end},
                List.of());
        Trajectory particles = run.trajectory();
        assertEquals(RunStatus.Outcome.COMPLETED, particles.status().outcome());
        assertEquals(full.size(), particles.size());
        double pInv = 1.0 / one.teacherOverlap(0, 0);
        for (int i = 0; i < grid.points(); i++) {
            double m = full.value(i, "M_0_0");
            assertEquals(full.value(i, "risk"), particles.value(i, "risk"), tolerance, "risk at row " + i);
            assertEquals(full.value(i, "excess_risk"), particles.value(i, "excess_risk"), tolerance);
            assertEquals(m * m * pInv, particles.value(i, "mean_m2"), tolerance, "m2 at row " + i);
            assertEquals(full.value(i, "Q_0_0") - m * m * pInv, particles.value(i, "mean_qperp"), tolerance,
                    "qperp at row " + i);
        }
        Particles last = run.snapshots().get(2).particles();
        assertEquals(full.value(grid.points() - 1, "M_0_0"), last.studentTeacherOverlap(0, 0), tolerance);
        assertEquals(full.value(grid.points() - 1, "a_0"), last.secondLayer(0), tolerance);
    }

    @Test
    void singleParticleSystemEqualsTheFullOdeForErf() {
        Overlaps one = Overlaps.of(new double[] {0.8}, new double[] {0.3}, new double[] {1.0}, new double[] {0.7},
                new double[] {1.0});
        singleUnitMatchesFullOde(StandardActivation.ERF, one, 0.5, 0.3, 0.1, 0.01, 5.0, 1e-8);
    }

    @Test
    void singleParticleSystemEqualsTheFullOdeForSquare() {
        Overlaps one = Overlaps.of(new double[] {1.0}, new double[] {0.2}, new double[] {1.0}, new double[] {1.0},
                new double[] {1.0});
        singleUnitMatchesFullOde(StandardActivation.SQUARE, one, 0.1, 0.0, 0.05, 0.0, 2.0, 1e-8);
    }

    @Test
    void singleParticleSystemEqualsTheFullOdeForErfWithTwoCorrelatedTeacherUnits() {
        double[] pMat = {1.0, 0.25, 0.25, 1.2};
        double[] aStar = {1.0, 0.7};
        Overlaps one = Overlaps.of(new double[] {0.9}, new double[] {0.3, -0.2}, pMat, new double[] {1.0}, aStar);
        TimeGrid grid = TimeGrid.linear(3.0, 7);
        Trajectory full = fullOde(StandardActivation.ERF, one, 0.5, 0.0, 0.05, 0.0, grid);
        ParticleRun run = particleSystem(StandardActivation.ERF, 1, 0.5, 0.0, 0.05, 0.0, 0, pMat, aStar)
                .run(Particles.fromOverlaps(one), grid, new double[] {3.0}, List.of());
        for (int i = 0; i < grid.points(); i++) {
            assertEquals(full.value(i, "risk"), run.trajectory().value(i, "risk"), 1e-8, "risk at row " + i);
        }
        Particles last = run.snapshots().get(0).particles();
        assertEquals(full.value(grid.points() - 1, "M_0_0"), last.studentTeacherOverlap(0, 0), 1e-8);
        assertEquals(full.value(grid.points() - 1, "M_0_1"), last.studentTeacherOverlap(0, 1), 1e-8);
        assertEquals(full.value(grid.points() - 1, "Q_0_0"), last.selfOverlap(0), 1e-8);
    }

    /** Deterministic spread of units whose empirical law converges as p grows (stratified quantiles). */
    static Overlaps spreadOverlaps(int p) {
        double[] m = new double[p];
        double[] q = new double[p];
        double[] a = new double[p];
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < p; i++) {
            double u = (i + 0.5) / p;
            double v = (i * golden) % 1.0;
            m[i] = -0.2 + 0.8 * u;
            q[i] = 0.3 + 0.6 * v;
            a[i] = 1.0;
        }
        // the closure's overlaps Q = m mᵀ + diag(q⊥): both engines start from the same Ω
        return Particles.of(a, m, q, new double[] {1.0}, new double[] {1.0}).reconstructed().toOverlaps();
    }

    @Test
    void particleSystemApproachesTheFullOdeLikeOneOverWidthWhenNoiseIsSmall() {
        double gamma = 0.2; // g = γ/p ≤ 0.025
        double end = 3.0;
        TimeGrid grid = TimeGrid.linear(end, 4);
        int[] widths = {8, 16, 32};
        double[] gaps = new double[widths.length];
        for (int w = 0; w < widths.length; w++) {
            int p = widths[w];
            Overlaps initial = spreadOverlaps(p);
            Trajectory full = fullOde(StandardActivation.ERF, initial, gamma, 0, 0, 0, grid);
            Trajectory particles = particleSystem(StandardActivation.ERF, p, gamma, 0, 0, 0, 0, new double[] {1.0},
                    new double[] {1.0}).run(Particles.fromOverlaps(initial), grid).trajectory();
            double gap = 0;
            for (int i = 0; i < grid.points(); i++) {
                gap = Math.max(gap, Math.abs(full.value(i, "risk") - particles.value(i, "risk")));
            }
            gaps[w] = gap;
        }
        // gap ~ C/p: each doubling of p should roughly halve it (measured 1.77, 1.87; accept 1.6..2.6)
        for (int w = 1; w < widths.length; w++) {
            double ratio = gaps[w - 1] / gaps[w];
            assertTrue(ratio > 1.6 && ratio < 2.6, "gap ratio p=" + widths[w - 1] + "->" + widths[w] + ": " + ratio
                    + " (gaps " + java.util.Arrays.toString(gaps) + ")");
        }
        assertTrue(gaps[0] > 1e-4, "the closure must make a visible difference at p = 8: " + gaps[0]);
    }

    @Test
    void runWarnsWhenTheNoiseCoefficientIsNotSmall() {
        ParticleSystem noisy = particleSystem(StandardActivation.ERF, 10, 1.0, 0, 0, 0, 0, new double[] {1.0},
                new double[] {1.0});
        Particles ps = Particles.fromOverlaps(spreadOverlaps(10));
        List<String> warnings = noisy.warnings(ps);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("full overlap ODE"));
        ParticleSystem quiet = particleSystem(StandardActivation.ERF, 10, 0.2, 0, 0, 0, 0, new double[] {1.0},
                new double[] {1.0});
        assertTrue(quiet.warnings(ps).isEmpty());
    }

    @Test
    void snapshotsAreTakenAtTheNearestGridTimes() {
        ParticleSystem sys = particleSystem(StandardActivation.ERF, 6, 0.2, 0, 0, 0, 24, new double[] {1.0},
                new double[] {1.0});
        Particles ps = Particles.fromOverlaps(spreadOverlaps(6));
        ParticleRun run = sys.run(ps, TimeGrid.linear(1.0, 11), new double[] {0.0, 0.52, 1.0}, List.of());
        assertEquals(3, run.snapshots().size());
        assertEquals(0.0, run.snapshots().get(0).time(), 0.0);
        assertEquals(0.5, run.snapshots().get(1).time(), 1e-12);
        assertEquals(ps, run.snapshots().get(0).particles());
        assertEquals(run.trajectory().value(10, "mean_m2"), run.finalState().meanTeacherAlignment(), 1e-12);
    }
}
