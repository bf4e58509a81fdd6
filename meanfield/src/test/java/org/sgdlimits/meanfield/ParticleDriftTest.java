package org.sgdlimits.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sgdlimits.activation.StandardActivation.ERF;
import static org.sgdlimits.activation.StandardActivation.RELU;
import static org.sgdlimits.activation.StandardActivation.SQUARE;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.DriftTerms;
import org.sgdlimits.dynamics.PopulationDrift;
import org.sgdlimits.gauss.GaussHermiteMoments;
import org.sgdlimits.gauss.GaussianMoments;

class ParticleDriftTest {

    /** Largest differences |x − y|/max(1, |x|) between the particle drift and the diagonal of the full drift. */
    record Gap(double m, double qPerp, double noise, double secondLayer, double risk) {
        double max() {
            return Math.max(Math.max(Math.max(m, qPerp), Math.max(noise, secondLayer)), risk);
        }
    }

    static Gap compareWithFullDrift(Particles particles, GaussianMoments moments, double labelNoise, int nodes) {
        int p = particles.count();
        int k = particles.teacherWidth();
        ReconstructedOverlaps rec = particles.reconstructed();
        double[] q = rec.studentOverlapMatrix();
        double[] m = particles.studentTeacherOverlaps();
        double[] a = particles.secondLayer();
        PopulationDrift full = new PopulationDrift(moments, particles.teacherOverlap(),
                particles.teacherSecondLayer(), labelNoise);
        DriftTerms ft = full.newTerms(p);
        full.evaluate(q, m, a, ft);

        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.1)
                .withLabelNoise(labelNoise).withSecondLayerRate(1.0).withTeacherNodes(nodes);
        ParticleDrift drift = new ParticleDrift(moments.student(), moments.teacher(), particles.teacherOverlap(),
                particles.teacherSecondLayer(), settings);
        ParticleDriftTerms pt = new ParticleDriftTerms(p, k);
        drift.evaluate(p, a, m, particles.orthogonalNorms(), 1.0, pt);

        double[] pInv = inverse(particles.teacherOverlap(), k);
        double gm = 0;
        double gq = 0;
        double gn = 0;
        double ga = 0;
        for (int i = 0; i < p; i++) {
            double proj = 0; // m_i P⁻¹ dM_iᵀ
            for (int r = 0; r < k; r++) {
                gm = Math.max(gm, relative(ft.dM[i * k + r], pt.gradientM[i * k + r]));
                for (int s = 0; s < k; s++) {
                    proj += m[i * k + r] * pInv[r * k + s] * ft.dM[i * k + s];
                }
            }
            double fullQPerp = ft.dQGradient[i * p + i] - 2 * proj; // dq⊥ = dQ_ii − 2 m P⁻¹ dMᵀ
            gq = Math.max(gq, relative(fullQPerp, pt.gradientQPerp[i]));
            gn = Math.max(gn, relative(ft.dQNoise[i * p + i], pt.noiseQPerp[i]));
            ga = Math.max(ga, relative(ft.da[i], pt.secondLayerGradient[i]));
        }
        return new Gap(gm, gq, gn, ga, relative(ft.excessRisk, pt.excessRisk));
    }

    /** |x − y| / max(1, |x|): absolute for O(1) values, relative for large ones. */
    static double relative(double x, double y) {
        return Math.abs(x - y) / Math.max(1.0, Math.abs(x));
    }

    static double[] inverse(double[] pMat, int k) {
        double[] l = org.sgdlimits.overlap.TeacherWhitening.of(pMat, k).inverseCholeskyFactor();
        double[] inv = new double[k * k];
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                double v = 0;
                for (int c = 0; c < k; c++) {
                    v += l[c * k + r] * l[c * k + s];
                }
                inv[r * k + s] = v;
            }
        }
        return inv;
    }

    private static GaussianMoments momentsOf(Activation act) {
        return act == StandardActivation.TANH ? new GaussHermiteMoments(act, act) : GaussianMoments.forPair(act, act);
    }

    /**
     * One comparison of the particle drift with the diagonal of the full drift: p particles drawn by
     * {@link ParticleFixtures#random} (k teacher units, scale of m, largest q⊥, seed), label noise, teacher nodes
     * (0: the default rule), and the tolerance on the largest gap.
     */
    record Case(String name, StandardActivation activation, int p, int k, double mScale, double qMax, long seed,
                double labelNoise, int nodes, double tolerance) {
        @Override
        public String toString() {
            return name + " p=" + p + " k=" + k + " seed=" + seed + " nodes=" + nodes;
        }
    }

    static Stream<Case> fullDriftCases() {
        Stream.Builder<Case> cases = Stream.builder();
        for (long seed = 1; seed <= 4; seed++) {
            // single particle: 64 Gauss–Hermite teacher nodes; the noise term's self part mixes closed forms and
            // quadrature (~5e-12); then the default (trapezoidal, lattice) rule
            cases.add(new Case("single erf", ERF, 1, 1, 0.6, 1.0, seed, 0.3, 64, 2e-11));
            cases.add(new Case("single erf, default rule", ERF, 1, 1, 0.6, 1.0, seed, 0.3, 0, 2e-11));
            cases.add(new Case("single square", SQUARE, 1, 1, 0.8, 1.5, seed, 0.3, 0, 1e-13));
        }
        for (int p : new int[] {2, 7, 30}) {
            cases.add(new Case("erf at the reconstructed overlaps", ERF, p, 1, 0.5, 1.2, 10 + p, 0.1, 64, 1e-12));
        }
        for (int p : new int[] {3, 12, 25}) {
            cases.add(new Case("square, two teacher units", SQUARE, p, 2, 0.5, 1.2, 20 + p, 0.2, 0, 1e-11));
        }
        cases.add(new Case("erf, two teacher units", ERF, 6, 2, 0.4, 1.0, 77, 0.0, 48, 1e-11));
        // default k = 1 rule: trapezoidal lattice, half rule by parity, closed-form self noise terms
        // (m ~ 0.5 N(0,1): alignment κ ≲ 1.3; at κ ≈ 2 the noise term is off by ~3e-9, see ParticleDriftSettings)
        for (int p : new int[] {1, 5, 30}) {
            cases.add(new Case("erf, default nodes at moderate overlaps", ERF, p, 1, 0.5, 1.0, 5 + p, 0.1, 0, 1e-10));
        }
        // ReLU, the noise term too: ReluMoments reduces I4 with coincident step arguments (u = v) exactly; for the
        // p = 1 fixture a 30-digit mpmath integration gives 0.359780872587819379, this drift 0.35978087258781927
        for (int p : new int[] {1, 4}) {
            cases.add(new Case("relu", RELU, p, 1, 0.5, 1.0, 40 + p, 0.1, 0, 1e-12));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullDriftCases")
    void particleDriftEqualsTheDiagonalOfTheFullDrift(Case c) {
        Particles ps = ParticleFixtures.random(c.p(), c.k(), c.mScale(), c.qMax(), c.seed());
        Gap gap = compareWithFullDrift(ps, momentsOf(c.activation()), c.labelNoise(), c.nodes());
        assertEquals(0.0, gap.max(), c.tolerance(), c + " " + gap);
    }

    @Test
    void particleDriftEqualsTheDiagonalOfTheFullDriftForTanhByQuadrature() {
        // the common 4-variable Gauss–Hermite moments are slow (tens of ms each): small p
        // and accurate to ~1e-6–1e-5 at their default 40 nodes (I2 error 4e-7 at unit variance, measured in
        // ConditionalMomentsTest); the particle side converges to ~1e-7 at 48 teacher nodes (tanh poles at ±iπ/2 slow Gauss–Hermite).
        Particles ps = ParticleFixtures.random(2, 1, 0.4, 0.2, 3);
        Gap gap = compareWithFullDrift(ps, momentsOf(StandardActivation.TANH), 0.1, 48);
        assertEquals(0.0, gap.max(), 2e-5, gap.toString());
        ParticleDriftTerms coarse = tanhTerms(ps, 48);
        ParticleDriftTerms fine = tanhTerms(ps, 80);
        for (int i = 0; i < ps.count(); i++) {
            assertEquals(fine.gradientM[i], coarse.gradientM[i], 5e-7);
            assertEquals(fine.gradientQPerp[i], coarse.gradientQPerp[i], 5e-7);
            assertEquals(fine.noiseQPerp[i], coarse.noiseQPerp[i], 5e-7);
        }
    }

    private static ParticleDriftTerms tanhTerms(Particles ps, int nodes) {
        ParticleDrift drift = new ParticleDrift(StandardActivation.TANH, StandardActivation.TANH, ps.teacherOverlap(),
                ps.teacherSecondLayer(), ParticleDriftSettings.ofWidth(ps.count()).withNoiseCoefficient(0.1)
                .withLabelNoise(0.1).withTeacherNodes(nodes));
        ParticleDriftTerms t = new ParticleDriftTerms(ps.count(), 1);
        drift.evaluate(ps.count(), ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(), 1.0, t);
        return t;
    }

    @Test
    void duplicatedParticlesWithHalfTheWeightGiveTheSameDrift() {
        int p = 9;
        Particles ps = ParticleFixtures.random(p, 1, 0.5, 1.0, 9);
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.2)
                .withLabelNoise(0.1).withSecondLayerRate(0.5).withWeightDecay(0.01);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF,
                ps.teacherOverlap(), ps.teacherSecondLayer(), settings);
        ParticleDriftTerms single = new ParticleDriftTerms(p, 1);
        drift.evaluate(p, ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(), 0.7, single);

        double[] a2 = new double[2 * p];
        double[] m2 = new double[2 * p];
        double[] q2 = new double[2 * p];
        double[] w2 = new double[2 * p];
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < 2; c++) {
                a2[2 * i + c] = ps.secondLayer(i);
                m2[2 * i + c] = ps.studentTeacherOverlap(i, 0);
                q2[2 * i + c] = ps.orthogonalNorm(i);
                w2[2 * i + c] = 0.5 / p;
            }
        }
        ParticleDriftTerms doubled = new ParticleDriftTerms(2 * p, 1);
        drift.evaluate(2 * p, a2, m2, q2, w2, 0.7, doubled);
        for (int i = 0; i < p; i++) {
            assertEquals(single.dm[i], doubled.dm[2 * i + 1], 1e-14);
            assertEquals(single.dqPerp[i], doubled.dqPerp[2 * i + 1], 1e-14);
            assertEquals(single.da[i], doubled.da[2 * i + 1], 1e-14);
        }
        assertEquals(single.excessRisk, doubled.excessRisk, 1e-14);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        int p = 5000;
        Particles ps = ParticleFixtures.random(p, 1, 0.3, 1.0, 1234);
        ParticleDriftSettings settings = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.01)
                .withTeacherNodes(16);
        ParticleDrift drift = new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF,
                ps.teacherOverlap(), ps.teacherSecondLayer(), settings);
        ParticleDriftTerms parallel = new ParticleDriftTerms(p, 1);
        drift.evaluate(p, ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(), 1.0, parallel);
        ParticleDriftTerms sequential = new ParticleDriftTerms(p, 1);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            one.submit(() -> drift.evaluate(p, ps.secondLayer(), ps.studentTeacherOverlaps(), ps.orthogonalNorms(),
                    1.0, sequential)).get();
        } finally {
            one.shutdown();
        }
        assertArrayEquals(parallel.dm, sequential.dm, 0.0);
        assertArrayEquals(parallel.dqPerp, sequential.dqPerp, 0.0);
        assertEquals(parallel.excessRisk, sequential.excessRisk, 0.0);
    }

    @Test
    void weightDecayAndScheduleEnterAsDocumented() {
        int p = 4;
        Particles ps = ParticleFixtures.random(p, 1, 0.5, 1.0, 4);
        ParticleDriftSettings base = ParticleDriftSettings.ofWidth(p).withNoiseCoefficient(0.3);
        ParticleDriftTerms t0 = new ParticleDriftTerms(p, 1);
        ParticleDriftTerms t1 = new ParticleDriftTerms(p, 1);
        new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, ps.teacherOverlap(),
                ps.teacherSecondLayer(), base).evaluate(p, ps.secondLayer(), ps.studentTeacherOverlaps(),
                ps.orthogonalNorms(), 1.0, t0);
        new ParticleDrift(StandardActivation.ERF, StandardActivation.ERF, ps.teacherOverlap(),
                ps.teacherSecondLayer(), base.withWeightDecay(0.2)).evaluate(p, ps.secondLayer(),
                ps.studentTeacherOverlaps(), ps.orthogonalNorms(), 0.5, t1);
        for (int i = 0; i < p; i++) {
            assertEquals(0.5 * (t0.gradientM[i] - 0.2 * ps.studentTeacherOverlap(i, 0)), t1.dm[i], 1e-15);
            assertEquals(0.5 * (t0.gradientQPerp[i] - 0.4 * ps.orthogonalNorm(i)) + 0.25 * 0.3 * t0.noiseQPerp[i],
                    t1.dqPerp[i], 1e-15);
            assertEquals(0.0, t1.da[i], 0.0);
        }
    }

    @Test
    void badSettingsAreRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParticleDriftSettings.ofWidth(0.5));
        assertEquals(true, e.getMessage().startsWith("width"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ParticleDriftSettings.ofWidth(10).withNoiseCoefficient(-1));
        assertEquals(true, e.getMessage().startsWith("noiseCoefficient"));
    }
}
