package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The particle system with a trained bias per particle (docs/theory.md §3.11) against the overlap ODE with
 * biases: one particle equals the full ODE at p = 1 (noise term included), and p = 3 particles inside the
 * teacher span (q⊥ = 0) equal the full p = 3 ODE in the classical regime, where the weights stay in the span
 * and the closure is exact.
 */
class ParticleSystemBiasTest {
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-11);

    private static ParticleSystem system(int p, double gamma, double noiseCoefficient, double[] pMat, double[] aStar,
                                         double[] teacherBias, double[] bias, double gammaB) {
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(noiseCoefficient)
                .withLabelNoise(0.05).withTeacherNodes(64);
        ParticleDrift drift = new ParticleDrift(ConditionalMoments.forActivation(StandardActivation.ERF),
                StandardActivation.ERF, pMat, aStar, settings, teacherBias);
        return new ParticleSystem(drift, TIGHT, LearningRateSchedule.constant()).withBiases(bias, gammaB / gamma);
    }

    @Test
    void oneParticleWithATrainedBiasEqualsTheFullOde() {
        Overlaps one = Overlaps.of(new double[] {0.8}, new double[] {0.3}, new double[] {1.0}, new double[] {0.7},
                new double[] {1.0});
        double[] teacherBias = {0.5};
        double[] bias = {-0.2};
        TimeGrid grid = TimeGrid.linear(5.0, 11);
        Trajectory full = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .labelNoise(0.05).integrator(TIGHT).biases(teacherBias, bias).trainBias(0.8).build()
                .solve(one, grid).trajectory();
        Trajectory particles = system(1, 0.5, 0.5, one.teacherOverlapMatrix(), one.teacherSecondLayer(),
                teacherBias, bias, 0.8).run(Particles.fromOverlaps(one), grid).trajectory();
        assertTrue(particles.hasColumn(ParticleSystem.BIAS_COLUMN));
        for (int i = 0; i < grid.points(); i++) {
            assertEquals(full.value(i, "risk"), particles.value(i, "risk"), 1e-8, "risk at row " + i);
            assertEquals(full.value(i, "b_0"), particles.value(i, "mean_b"), 1e-8, "b at row " + i);
        }
        assertTrue(Math.abs(full.value(grid.points() - 1, "b_0") + 0.2) > 1e-2, "the bias moved");
    }

    @Test
    void particlesInTheTeacherSpanWithBiasesEqualTheFullOdeInTheClassicalRegime() {
        double[] pMat = {1.0, 0.2, 0.2, 0.9};
        double[] aStar = {1.0, 0.8};
        double[] m = {0.4, 0.1, -0.2, 0.5, 0.3, 0.3};
        // Q = m P⁻¹ mᵀ: every student vector in the teacher span (q⊥ = 0)
        double det = pMat[0] * pMat[3] - pMat[1] * pMat[2];
        double[] pInv = {pMat[3] / det, -pMat[1] / det, -pMat[2] / det, pMat[0] / det};
        double[] q = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int r = 0; r < 2; r++) {
                    for (int s = 0; s < 2; s++) {
                        v += m[i * 2 + r] * pInv[r * 2 + s] * m[j * 2 + s];
                    }
                }
                q[i * 3 + j] = v;
            }
        }
        double[] a = {1.0, 0.8, 1.2};
        Overlaps start = Overlaps.of(q, m, pMat, a, aStar);
        double[] teacherBias = {0.3, -0.4};
        double[] bias = {0.1, -0.1, 0.2};
        TimeGrid grid = TimeGrid.linear(4.0, 9);
        Trajectory full = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .labelNoise(0.05).regime(Regime.CLASSICAL).integrator(TIGHT).biases(teacherBias, bias).trainBias(0.5)
                .build().solve(start, grid).trajectory();
        Trajectory particles = system(3, 0.5, 0.0, pMat, aStar, teacherBias, bias, 0.5)
                .run(Particles.fromOverlaps(start), grid).trajectory();
        for (int i = 0; i < grid.points(); i++) {
            assertEquals(full.value(i, "risk"), particles.value(i, "risk"), 1e-7, "risk at row " + i);
            double meanB = (full.value(i, "b_0") + full.value(i, "b_1") + full.value(i, "b_2")) / 3;
            assertEquals(meanB, particles.value(i, "mean_b"), 1e-7, "mean b at row " + i);
        }
    }
}
