package org.sgdlimits.narrow.simulation;

import org.sgdlimits.fixtures.TestOverlaps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/** Invariants of both simulation engines: start, determinism, divergence, projection, risk cross-check. */
class SimulatorPropertiesTest {
    private static final Activation ERF = StandardActivation.ERF;

    @Test
    void explicitInitialisationReproducesOmegaToRoundOff() {
        // generic Ω, and a rank-deficient one (student 0 copies teacher 0, students 1 and 2 coincide)
        Overlaps generic = TestOverlaps.generic(3, 2, 17, new double[] {1, 1, 1});
        double[] omega = {
            1.0, 0.2, 0.2, 1.0, 0.0,
            0.2, 0.5, 0.5, 0.2, 0.1,
            0.2, 0.5, 0.5, 0.2, 0.1,
            1.0, 0.2, 0.2, 1.0, 0.0,
            0.0, 0.1, 0.1, 0.0, 1.0};
        Overlaps singular = TestOverlaps.fromCovariance(omega, 3, 2, new double[] {1, 1, 1});
        SgdSimulator simulator = new SgdSimulator(SgdSettings.of(ERF, ERF, 0.5));
        for (Overlaps start : new Overlaps[] {generic, singular}) {
            SimulationRun run = simulator.run(start, 64, TimeGrid.linear(0.01, 2), SeedStreams.stream(5, 0),
                    SimulationProgress.NONE);
            Trajectory t = run.trajectory();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(start.studentOverlap(i, j), t.value(0, "Q_" + i + "_" + j), 1e-13);
                }
                for (int r = 0; r < 2; r++) {
                    assertEquals(start.studentTeacherOverlap(i, r), t.value(0, "M_" + i + "_" + r), 1e-13);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sameSeedGivesBitIdenticalOutputWithOneAndTwoThreads(EngineKind kind) {
        Overlaps start = TestOverlaps.nearOrigin(3, 2, 0.5, 0.3, 1);
        SgdSettings settings = SgdSettings.of(ERF, ERF, 0.5).withLabelNoise(0.01).withHeldOutSamples(256);
        TimeGrid grid = TimeGrid.log(1.0, 6);
        SimulationEngine engine = kind.create(settings);
        EnsembleResult one = new MultiSeedSimulation(engine, 4, 99, 1).run(start, 80, grid, SimulationProgress.NONE);
        EnsembleResult two = new MultiSeedSimulation(engine, 4, 99, 2).run(start, 80, grid, SimulationProgress.NONE);
        for (int i = 0; i < one.trajectory().size(); i++) {
            assertArrayEquals(one.trajectory().row(i), two.trajectory().row(i), "row " + i);
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(one.runs().get(s).heldOut(), two.runs().get(s).heldOut());
        }
        EnsembleResult other = new MultiSeedSimulation(engine, 4, 100, 2).run(start, 80, grid, SimulationProgress.NONE);
        assertTrue(other.trajectory().value(5, "risk") != one.trajectory().value(5, "risk"),
                "another base seed gives another sample");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void learningRateFarAboveCriticalEndsAsDivergedWithTimeAndCause(EngineKind kind) {
        // linear p = k = 1: stable only for γ < 2 (docs/theory.md §3); γ = 8 blows up exponentially
        Activation linear = StandardActivation.LINEAR;
        Overlaps start = TestOverlaps.nearOrigin(1, 1, 0.5, 0.3, 2);
        SgdSettings settings = SgdSettings.of(linear, linear, 8.0).withDivergenceBound(1e6);
        TimeGrid grid = TimeGrid.linear(50, 101);
        EnsembleResult r = new MultiSeedSimulation(kind.create(settings), 2, 3, 1).run(start, 100, grid,
                SimulationProgress.NONE);
        assertTrue(r.trajectory().status().diverged(), "status " + r.trajectory().status());
        assertTrue(r.trajectory().status().time() < 50, "divergence time " + r.trajectory().status().time());
        String cause = r.trajectory().status().cause();
        assertTrue(cause.startsWith("seed ") && (cause.contains("divergence bound") || cause.contains("non-finite")),
                cause);
        assertTrue(r.trajectory().size() < grid.points(), "rows stop at the divergence");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Tag("statistical")
    void sphericalSgdKeepsUnitNormsAndFollowsTheSphericalOde(EngineKind kind) {
        Overlaps start = normalised(TestOverlaps.nearOrigin(3, 2, 0.7, 0.3, 4));
        SgdSettings settings = SgdSettings.of(ERF, ERF, 1.0).withLabelNoise(0.05).withSpherical(true);
        TimeGrid grid = TimeGrid.linear(2.0, 5);
        int d = 300;
        EnsembleResult r = new MultiSeedSimulation(kind.create(settings), 8, 6).run(start, d, grid,
                SimulationProgress.NONE);
        for (SimulationRun run : r.runs()) {
            for (int i = 0; i < run.trajectory().size(); i++) {
                for (int u = 0; u < 3; u++) {
                    assertEquals(1.0, run.trajectory().value(i, "Q_" + u + "_" + u), 1e-12, "Q_ii = 1");
                }
            }
        }
        Trajectory theory = MatchingOde.of(settings, Regime.HIGH_DIMENSIONAL, d).solve(start, grid).trajectory();
        double excess = SimulationVersusOdeTest.worstExcess(theory, r.trajectory(), d);
        assertTrue(excess <= 0, kind + " spherical SGD vs spherical ODE beyond 4 sem + 1/d by " + excess);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    @Tag("statistical")
    void heldOutRiskAgreesWithTheRiskFromOmega(EngineKind kind) {
        Overlaps start = TestOverlaps.nearOrigin(4, 2, 0.5, 0.3, 7);
        SgdSettings settings = SgdSettings.of(ERF, ERF, 0.5).withHeldOutSamples(20_000);
        SimulationRun run = kind.create(settings).run(start, 200, TimeGrid.linear(1.0, 3), SeedStreams.stream(8, 0),
                SimulationProgress.NONE);
        HeldOutRisk h = run.heldOut();
        assertEquals(run.trajectory().value(2, "excess_risk"), h.fromOverlaps(), 0.0);
        assertTrue(Math.abs(h.discrepancyInStandardErrors()) < 4, "held-out " + h);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void progressCountsEveryStep(EngineKind kind) {
        Overlaps start = TestOverlaps.nearOrigin(2, 1, 0.5, 0.3, 9);
        SgdSettings settings = SgdSettings.of(ERF, ERF, 0.5).withHeldOutSamples(0);
        AtomicLong steps = new AtomicLong();
        MultiSeedSimulation m = new MultiSeedSimulation(kind.create(settings), 3, 1, 2);
        TimeGrid grid = TimeGrid.linear(3.0, 4);
        EnsembleResult r = m.run(start, 100, grid, steps::addAndGet);
        assertEquals(m.totalSteps(2, 100, grid), steps.get());
        assertEquals(r.totalSteps(), steps.get());
    }

    @Test
    void gramChainRejectsTooSmallDimension() {
        Overlaps start = TestOverlaps.nearOrigin(2, 2, 0.5, 0.3, 9);
        SimulationEngine gram = EngineKind.GRAM.create(SgdSettings.of(ERF, ERF, 0.5).withBatchSize(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gram.run(start, 5,
                TimeGrid.linear(1, 2), SeedStreams.stream(1, 0), SimulationProgress.NONE));
        assertTrue(e.getMessage().startsWith("dimension: 5"), e.getMessage());
    }

    /** Q_ij/√(Q_ii Q_jj), M_ir/√Q_ii. */
    static Overlaps normalised(Overlaps o) {
        int p = o.studentWidth();
        int k = o.teacherWidth();
        double[] q = new double[p * p];
        double[] m = new double[p * k];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i * p + j] = o.studentOverlap(i, j) / Math.sqrt(o.studentOverlap(i, i) * o.studentOverlap(j, j));
            }
            q[i * p + i] = 1.0;
            for (int r = 0; r < k; r++) {
                m[i * k + r] = o.studentTeacherOverlap(i, r) / Math.sqrt(o.studentOverlap(i, i));
            }
        }
        return Overlaps.of(q, m, o.teacherOverlapMatrix(), o.studentSecondLayer(), o.teacherSecondLayer());
    }
}
