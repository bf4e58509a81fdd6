package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussianMoments;

/**
 * Particles with a bias each (docs/theory.md §3.11): under the closure the particle drift with biases is the
 * diagonal (dM_i, dQ_ii − 2 m_i P⁻¹ dM_iᵀ, the noise, da_i, db_i) and ε of the full overlap ODE with biases
 * ({@link PopulationDrift#withBiases}) at the reconstructed overlaps, for erf and square students.
 */
class ParticleDriftBiasTest {

    /** Largest |full − particle| / max(1, |full|) over every term. */
    private static double gap(Particles particles, Activation act, double[] bias, double[] teacherBias, int nodes) {
        int p = particles.count();
        int k = particles.teacherWidth();
        double[] q = particles.reconstructed().studentOverlapMatrix();
        double[] m = particles.studentTeacherOverlaps();
        double[] a = particles.secondLayer();
        double labelNoise = 0.1;
        PopulationDrift full = new PopulationDrift(GaussianMoments.forPair(act, act), particles.teacherOverlap(),
                particles.teacherSecondLayer(), labelNoise).withBiases(teacherBias);
        DriftTerms ft = full.newTerms(p);
        full.evaluate(q, m, a, bias, ft);
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.1)
                .withLabelNoise(labelNoise).withSecondLayerRate(1.0).withTeacherNodes(nodes);
        ParticleDrift drift = new ParticleDrift(ConditionalMoments.forActivation(act), act,
                particles.teacherOverlap(), particles.teacherSecondLayer(), settings, teacherBias);
        ParticleDriftTerms pt = new ParticleDriftTerms(p, k);
        drift.evaluate(p, a, m, particles.orthogonalNorms(), null, bias, 1.0, pt);
        double[] pInv = ParticleDriftTest.inverse(particles.teacherOverlap(), k);
        double worst = ParticleDriftTest.relative(ft.excessRisk, pt.excessRisk);
        for (int i = 0; i < p; i++) {
            double proj = 0;
            for (int r = 0; r < k; r++) {
                worst = Math.max(worst, ParticleDriftTest.relative(ft.dM[i * k + r], pt.gradientM[i * k + r]));
                for (int s = 0; s < k; s++) {
                    proj += m[i * k + r] * pInv[r * k + s] * ft.dM[i * k + s];
                }
            }
            worst = Math.max(worst, ParticleDriftTest.relative(ft.dQGradient[i * p + i] - 2 * proj,
                    pt.gradientQPerp[i]));
            worst = Math.max(worst, ParticleDriftTest.relative(ft.dQNoise[i * p + i], pt.noiseQPerp[i]));
            worst = Math.max(worst, ParticleDriftTest.relative(ft.da[i], pt.secondLayerGradient[i]));
            worst = Math.max(worst, ParticleDriftTest.relative(ft.db[i], pt.biasGradient[i]));
        }
        System.out.printf("particles with biases vs full drift (%s, p = %d, k = %d): largest gap %.1e%n", act.id(),
                p, k, worst);
        return worst;
    }

    private static double[] biases(int p, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            b[i] = rng.nextDouble(-0.8, 0.8);
        }
        return b;
    }

    @Test
    void particleDriftWithBiasesIsTheDiagonalOfTheFullDriftWithBiasesForErf() {
        for (int p : new int[] {1, 3, 7}) {
            Particles ps = ParticleFixtures.random(p, 1, 0.5, 1.2, 40 + p);
            double g64 = gap(ps, StandardActivation.ERF, biases(p, p), new double[] {0.4}, 64);
            assertEquals(0.0, g64, 1e-12, "p = " + p + ", 64 Gauss–Hermite nodes");
            double lattice = gap(ps, StandardActivation.ERF, biases(p, p), new double[] {0.4}, 0);
            assertEquals(0.0, lattice, 1e-12, "p = " + p + ", default (trapezoidal) rule");
        }
        Particles two = ParticleFixtures.random(4, 2, 0.4, 1.0, 77);
        assertEquals(0.0, gap(two, StandardActivation.ERF, biases(4, 5), new double[] {0.3, -0.5}, 0), 1e-12,
                "k = 2");
    }

    @Test
    void particleDriftWithBiasesIsTheDiagonalOfTheFullDriftWithBiasesForSquare() {
        Particles ps = ParticleFixtures.random(5, 1, 0.6, 1.0, 91);
        assertEquals(0.0, gap(ps, StandardActivation.SQUARE, biases(5, 9), new double[] {-0.6}, 0), 1e-12);
    }

    @Test
    void biasesChangeTheDriftAndAreRefusedOnADriftWithoutBiases() {
        Particles ps = ParticleFixtures.random(3, 1, 0.5, 1.2, 5);
        double[] bias = biases(3, 3);
        ParticleDrift plain = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF,
                ps.teacherOverlap(), ps.teacherSecondLayer(), ParticleDriftSettings.ofWidth(3));
        ParticleDriftTerms out = new ParticleDriftTerms(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.evaluate(3,
                ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(), null, bias, 1.0, out));
        assertTrue(e.getMessage().startsWith("bias:"), e.getMessage());
        double withBias = new ParticleDrift(ConditionalMoments.forActivation(StandardActivation.ERF),
                StandardActivation.ERF, ps.teacherOverlap(), ps.teacherSecondLayer(), ParticleDriftSettings.ofWidth(3),
                new double[] {0.4}).excessRisk(3, ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(),
                null, bias, out);
        double without = plain.excessRisk(3, ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(),
                null, out);
        assertTrue(Math.abs(withBias - without) > 1e-3, withBias + " vs " + without);
    }
}
