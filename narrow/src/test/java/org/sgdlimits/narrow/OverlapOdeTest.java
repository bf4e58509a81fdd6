package org.sgdlimits.narrow;

import org.sgdlimits.fixtures.ErfCommitteeCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlimits.fixtures.ErfCommitteeCases.ERF;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.narrow.linear.LinearRegressionOde;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.ode.ThresholdCrossing;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class OverlapOdeTest {
    private static final Activation LINEAR = Activation.named("linear");
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-13, 1e-13);

    private static Overlaps linearScalar(double m, double q, double rho) {
        return Overlaps.of(new double[] {q}, new double[] {m}, new double[] {rho}, new double[] {1}, new double[] {1});
    }

    @Test
    void recordsTheSpecColumnsOnTheGrid() {
        Overlaps init = ErfCommitteeCases.smallInitialOverlaps(3, 2, 1);
        TimeGrid grid = TimeGrid.log(10, 12);
        OverlapOdeResult r = OverlapOde.builder(ERF, ERF).build().solve(init, grid);
        Trajectory tr = r.trajectory();
        assertEquals(OverlapColumns.names(3, 2), tr.columns());
        assertEquals(List.of("risk", "excess_risk", "M_0_0"), tr.columns().subList(0, 3));
        assertEquals(grid.points(), tr.size());
        assertEquals(0.0, tr.time(0), 0.0);
        assertEquals(10.0, tr.time(11), 0.0);
        assertEquals(init.studentTeacherOverlap(2, 1), tr.value(0, "M_2_1"), 0.0);
        for (int i = 0; i < tr.size(); i++) {
            assertEquals(tr.value(i, "Q_0_2"), tr.value(i, "Q_2_0"), 0.0);
            assertEquals(tr.value(i, "risk"), tr.value(i, "excess_risk"), 0.0); // Δ = 0
            assertEquals(1.0, tr.value(i, "a_1"), 0.0);
        }
        assertEquals(tr.value(11, "M_1_0"), r.finalOverlaps().studentTeacherOverlap(1, 0), 1e-15);
        assertTrue(r.statistics().evaluations() > 0 && r.statistics().wallNanos() > 0);
    }

    @Test
    void singleLinearUnitMatchesLinearRegressionClosedForm() {
        for (double lambda : new double[] {0.0, 0.2}) {
            for (double gamma : new double[] {0.3, 1.5}) {
                double delta = 0.1;
                double rho = 1.2;
                OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).labelNoise(delta)
                        .weightDecay(lambda).integrator(TIGHT).build();
                TimeGrid grid = TimeGrid.linear(20, 41);
                Trajectory numeric = ode.solve(linearScalar(0.1, 0.5, rho), grid).trajectory();
                Trajectory exact = new LinearRegressionOde(gamma, delta, lambda, rho).closedFormTrajectory(0.1, 0.5, grid);
                for (int i = 0; i < grid.points(); i++) {
                    for (String c : exact.columns()) {
                        assertEquals(exact.value(i, c), numeric.value(i, c), 1e-9, c + " at t = " + exact.time(i));
                    }
                }
            }
        }
    }

    @Test
    void trainedSecondLayerOfALinearUnitFollowsTheHandDerivedEquations() {
        // f = aλ, f* = λ*, e = aλ − λ* − √Δ z: E[eλ*] = am − ρ, E[eλ] = aq − m, E[e²] = a²q − 2am + ρ + Δ
        double gamma = 0.4;
        double gammaA = 0.1;
        double delta = 0.05;
        double lambda = 0.02;
        double m = 0.3;
        double q = 0.8;
        double a = 1.7;
        double rho = 1.1;
        double s = LearningRateSchedule.powerLaw(2, 1).factor(1.5);
        OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).trainSecondLayer(gammaA)
                .labelNoise(delta).weightDecay(lambda).schedule(LearningRateSchedule.powerLaw(2, 1)).build();
        Overlaps state = Overlaps.of(new double[] {q}, new double[] {m}, new double[] {rho}, new double[] {a},
                new double[] {1});
        OverlapOde.Equations eq = ode.newSystem(state);
        double[] yDot = new double[eq.dimension()];
        eq.derivatives(1.5, eq.layout().pack(state), yDot);
        double dm = s * (-a * (a * m - rho) - lambda * m);
        double dq = s * (-2 * a * (a * q - m) - 2 * lambda * q) + s * s * gamma * a * a * (a * a * q - 2 * a * m + rho + delta);
        double da = -s * (gammaA / gamma) * (a * q - m);
        assertEquals(dm, yDot[eq.layout().indexOfM(0, 0)], 1e-14);
        assertEquals(dq, yDot[eq.layout().indexOfQ(0, 0)], 1e-14);
        assertEquals(da, yDot[eq.layout().indexOfA(0)], 1e-14);
    }

    @Test
    void learningRateFarAboveCriticalEndsAsDivergedWithTimeAndCause() {
        // linear model: γ_c = 2; at γ = 4 q grows like e^{2t}
        double bound = 1e6;
        OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).learningRate(4.0).divergenceBound(bound).build();
        OverlapOdeResult r = ode.solve(linearScalar(0.1, 0.5, 1.0), TimeGrid.linear(100, 101));
        RunStatus s = r.status();
        assertTrue(s.diverged(), s.toString());
        assertTrue(s.cause().contains("Q_0_0"), s.cause());
        // the crossing time from the closed form
        LinearRegressionOde exact = new LinearRegressionOde(4.0, 0, 0, 1.0);
        double lo = 0;
        double hi = 100;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (exact.solution(mid, 0.1, 0.5).q() > bound) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assertEquals(lo, s.time(), 1e-6 * lo);
        Trajectory tr = r.trajectory();
        assertTrue(tr.time(tr.size() - 1) <= s.time());
        for (int i = 0; i < tr.size(); i++) {
            assertTrue(Math.abs(tr.value(i, "Q_0_0")) <= bound);
        }
        // erf far above its critical rate (π√(5/3) ≈ 4.06 for p = k = 1): the norm grows without limit
        OverlapOdeResult erf = OverlapOde.builder(ERF, ERF).learningRate(20).divergenceBound(50).build()
                .solve(Overlaps.of(new double[] {0.5}, new double[] {0.1}, new double[] {1}, new double[] {1},
                        new double[] {1}), TimeGrid.linear(1e5, 11));
        assertTrue(erf.status().diverged(), erf.status().toString());
        assertTrue(erf.status().cause().contains("Q_0_0"), erf.status().cause());
        assertTrue(erf.status().time() > 0 && erf.status().time() < 1e5);
    }

    @Test
    void sphericalSgdKeepsUnitNormsToIntegratorTolerance() {
        double[] q = {1, 0.1, 0.1, 1};
        double[] m = {1e-3, -2e-3, 3e-3, 1e-3};
        Overlaps init = Overlaps.of(q, m, new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {1, 1});
        Trajectory sph = OverlapOde.builder(ERF, ERF).learningRate(0.5).spherical(true).build()
                .solve(init, TimeGrid.linear(300, 301)).trajectory();
        Trajectory plain = OverlapOde.builder(ERF, ERF).learningRate(0.5).build()
                .solve(init, TimeGrid.linear(300, 301)).trajectory();
        double maxDrift = 0;
        double plainDrift = 0;
        for (int i = 0; i < sph.size(); i++) {
            for (int u = 0; u < 2; u++) {
                maxDrift = Math.max(maxDrift, Math.abs(sph.value(i, "Q_" + u + "_" + u) - 1));
                plainDrift = Math.max(plainDrift, Math.abs(plain.value(i, "Q_" + u + "_" + u) - 1));
            }
        }
        assertTrue(maxDrift < 1e-8, "spherical |Q_ii - 1| up to " + maxDrift);
        assertTrue(plainDrift > 0.05, "plain SGD should move the norms: " + plainDrift);
        assertTrue(sph.value(300, "risk") < 0.5 * sph.value(0, "risk"));
        assertThrows(IllegalArgumentException.class, () -> OverlapOde.builder(ERF, ERF).spherical(true).build()
                .solve(ErfCommitteeCases.smallInitialOverlaps(2, 2, 1), TimeGrid.linear(1, 2)));
    }

    @Test
    void sphericalProjectionOfASingleLinearUnitMatchesTheHandDerivedEquation() {
        // q ≡ 1: Φ = −2(1 − m) + g(1 − 2m + ρ + Δ) − 2λ, Ψ = −(m − ρ) − λm; dm/dt = Ψ − ½Φ m, dq/dt = Φ(1 − q) = 0
        double gamma = 0.6;
        double delta = 0.1;
        double lambda = 0.05;
        double m = 0.35;
        double rho = 1.0;
        OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).labelNoise(delta).weightDecay(lambda)
                .spherical(true).build();
        Overlaps state = linearScalar(m, 1.0, rho);
        double[] yDot = derivative(ode, state);
        double phi = -2 * (1 - m) + gamma * (1 - 2 * m + rho + delta) - 2 * lambda;
        double psi = -(m - rho) - lambda * m;
        OverlapOde.Equations eq = ode.newSystem(state);
        assertEquals(psi - 0.5 * phi * m, yDot[eq.layout().indexOfM(0, 0)], 1e-15);
        assertEquals(0.0, yDot[eq.layout().indexOfQ(0, 0)], 1e-15);
    }

    @Test
    void decayingScheduleLowersTheLateRiskAndPiecewiseScheduleReachesTheReducedRateSteadyState() {
        Overlaps init = ErfCommitteeCases.nearlySpecialised(2, 0.8);
        double delta = 1e-2;
        TimeGrid grid = TimeGrid.linear(600, 61);
        OverlapOde constant = OverlapOde.builder(ERF, ERF).learningRate(1.0).labelNoise(delta).build();
        OverlapOde decaying = OverlapOde.builder(ERF, ERF).learningRate(1.0).labelNoise(delta)
                .schedule(LearningRateSchedule.powerLaw(10, 1)).build();
        double rConst = constant.solve(init, grid).trajectory().value(60, "risk");
        double rDecay = decaying.solve(init, grid).trajectory().value(60, "risk");
        assertTrue(rDecay < rConst, "power-law decay " + rDecay + " vs constant " + rConst);
        assertTrue(rDecay - delta / 2 < 0.5 * (rConst - delta / 2), "excess risk not much lower: " + rDecay
                + " vs constant " + rConst);
        // drift × s and noise × s²: the fixed point of s·D + s²g·N is that of γ' = sγ
        OverlapOde piecewise = OverlapOde.builder(ERF, ERF).learningRate(1.0).labelNoise(delta)
                .schedule(LearningRateSchedule.piecewiseConstant(new double[] {50}, new double[] {1, 0.3})).build();
        OverlapOde reduced = OverlapOde.builder(ERF, ERF).learningRate(0.3).labelNoise(delta).build();
        TimeGrid longGrid = TimeGrid.linear(2000, 3);
        double rPiece = piecewise.solve(init, longGrid).trajectory().value(2, "risk");
        double rReduced = reduced.solve(init, longGrid).trajectory().value(2, "risk");
        assertEquals(rReduced, rPiece, 1e-7 * rReduced);
    }

    @Test
    void miniBatchOfSizeBEqualsLearningRateOverBInTheNoiseTerm() {
        Overlaps init = ErfCommitteeCases.smallInitialOverlaps(2, 2, 3);
        TimeGrid grid = TimeGrid.linear(200, 21);
        for (Regime regime : new Regime[] {Regime.HIGH_DIMENSIONAL, Regime.CLASSICAL}) {
            Trajectory batched = OverlapOde.builder(ERF, ERF).learningRate(0.8).batchSize(4).labelNoise(0.01)
                    .regime(regime).build().solve(init, grid).trajectory();
            Trajectory single = OverlapOde.builder(ERF, ERF).learningRate(0.2).labelNoise(0.01)
                    .regime(regime).build().solve(init, grid).trajectory();
            for (int i = 0; i < grid.points(); i++) {
                for (String c : batched.columns()) {
                    assertEquals(single.value(i, c), batched.value(i, c), 1e-12 + 1e-9 * Math.abs(single.value(i, c)),
                            regime + " " + c + " at t = " + batched.time(i));
                }
            }
        }
        Trajectory unbatched = OverlapOde.builder(ERF, ERF).learningRate(0.8).labelNoise(0.01).build()
                .solve(init, grid).trajectory();
        Trajectory batched = OverlapOde.builder(ERF, ERF).learningRate(0.8).batchSize(4).labelNoise(0.01).build()
                .solve(init, grid).trajectory();
        assertTrue(batched.value(20, "risk") < unbatched.value(20, "risk"));
    }

    @Test
    void finiteDimensionalDriftCarriesTheExactFactors() {
        // linear p = k = 1: dq/dt = (1 − gλ/d)(−2(q − m)) − (2λ − gλ²/d) q + g[(1 + 2/d)(q − 2m + ρ) + Δ]
        double gamma = 0.7;
        double lambda = 0.3;
        double delta = 0.2;
        double d = 10;
        double m = 0.4;
        double q = 0.9;
        double rho = 1.1;
        OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).labelNoise(delta).weightDecay(lambda)
                .finiteDimension(d).build();
        Overlaps state = linearScalar(m, q, rho);
        OverlapOde.Equations eq = ode.newSystem(state);
        double[] yDot = new double[eq.dimension()];
        eq.derivatives(0, eq.layout().pack(state), yDot);
        double dm = -(m - rho) - lambda * m;
        double dq = (1 - gamma * lambda / d) * (-2 * (q - m)) - (2 * lambda - gamma * lambda * lambda / d) * q
                + gamma * ((1 + 2 / d) * (q - 2 * m + rho) + delta);
        assertEquals(dm, yDot[eq.layout().indexOfM(0, 0)], 1e-14);
        assertEquals(dq, yDot[eq.layout().indexOfQ(0, 0)], 1e-14);
        // d → ∞ recovers the high-dimensional equations
        OverlapOde large = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).labelNoise(delta)
                .weightDecay(lambda).finiteDimension(1e15).build();
        OverlapOde.Equations eqLarge = large.newSystem(state);
        double[] yLarge = new double[eqLarge.dimension()];
        eqLarge.derivatives(0, eqLarge.layout().pack(state), yLarge);
        double[] dExact = new LinearRegressionOde(gamma, delta, lambda, rho).derivative(m, q);
        assertEquals(dExact[1], yLarge[eqLarge.layout().indexOfQ(0, 0)], 1e-12);
        // erf: the finite-d drift tends to the high-dimensional one as d grows, and only the noise term changes
        Overlaps erfState = ErfCommitteeCases.nearlySpecialised(2, 0.6);
        double[] high = derivative(OverlapOde.builder(ERF, ERF).learningRate(0.5).labelNoise(0.01).build(), erfState);
        double[] atD100 = derivative(OverlapOde.builder(ERF, ERF).learningRate(0.5).labelNoise(0.01)
                .finiteDimension(100).build(), erfState);
        double[] atD1e6 = derivative(OverlapOde.builder(ERF, ERF).learningRate(0.5).labelNoise(0.01)
                .finiteDimension(1e6).build(), erfState);
        double gap100 = 0;
        double gap1e6 = 0;
        for (int i = 0; i < high.length; i++) {
            gap100 = Math.max(gap100, Math.abs(atD100[i] - high[i]));
            gap1e6 = Math.max(gap1e6, Math.abs(atD1e6[i] - high[i]));
        }
        assertTrue(gap100 > 1e-6, "finite d should change the drift: " + gap100);
        assertTrue(gap1e6 < 1e-3 * gap100 + 1e-12, "O(1/d) gap: d=100 " + gap100 + ", d=1e6 " + gap1e6);
    }

    private static double[] derivative(OverlapOde ode, Overlaps state) {
        OverlapOde.Equations eq = ode.newSystem(state);
        double[] yDot = new double[eq.dimension()];
        eq.derivatives(0, eq.layout().pack(state), yDot);
        return yDot;
    }

    @Test
    void thresholdEventStopsTheRunWhereTheRiskCrossesTheLevel() {
        Overlaps init = ErfCommitteeCases.nearlySpecialised(2, 0.8);
        OverlapOdeResult r = OverlapOde.builder(ERF, ERF).learningRate(0.5).build()
                .solve(init, TimeGrid.linear(500, 501), List.of(ThresholdCrossing.below("risk", 1e-4)));
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, r.status().outcome());
        assertEquals(1, r.events().size());
        assertEquals(1e-4, r.events().get(0).value(), 1e-10);
        assertEquals(r.status().time(), r.finalTime(), 1e-9);
        Trajectory tr = r.trajectory();
        assertTrue(tr.value(tr.size() - 1, "risk") >= 1e-4);
        assertTrue(tr.time(tr.size() - 1) <= r.status().time() && tr.time(tr.size() - 1) > r.status().time() - 1);
    }

    @Test
    void concurrentSolvesGiveTheSameTrajectoryAsSequentialOnes() throws Exception {
        OverlapOde ode = OverlapOde.builder(ERF, ERF).learningRate(0.5).labelNoise(1e-3).build();
        Overlaps a = ErfCommitteeCases.smallInitialOverlaps(2, 2, 7);
        Overlaps b = ErfCommitteeCases.nearlySpecialised(2, 0.6);
        TimeGrid grid = TimeGrid.linear(50, 11);
        CompletableFuture<Trajectory> fa = CompletableFuture.supplyAsync(() -> ode.solve(a, grid).trajectory());
        CompletableFuture<Trajectory> fb = CompletableFuture.supplyAsync(() -> ode.solve(b, grid).trajectory());
        Trajectory ta = fa.get();
        Trajectory tb = fb.get();
        Trajectory sa = ode.solve(a, grid).trajectory();
        Trajectory sb = ode.solve(b, grid).trajectory();
        for (int i = 0; i < grid.points(); i++) {
            assertEquals(sa.value(i, "risk"), ta.value(i, "risk"), 0.0);
            assertEquals(sb.value(i, "risk"), tb.value(i, "risk"), 0.0);
        }
    }

    @Test
    void badSettingsAreRejectedWithTheFieldName() {
        OverlapOde.Builder b = OverlapOde.builder(ERF, ERF);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.learningRate(-0.1)).getMessage()
                .startsWith("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.learningRate(Double.NaN)).getMessage()
                .startsWith("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.batchSize(0)).getMessage()
                .startsWith("batchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.labelNoise(-1)).getMessage()
                .startsWith("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.weightDecay(Double.POSITIVE_INFINITY))
                .getMessage().startsWith("weightDecay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.trainSecondLayer(0)).getMessage()
                .startsWith("secondLayerLearningRate"));
        assertThrows(IllegalArgumentException.class, () -> b.regime(Regime.FINITE_DIMENSIONAL));
        assertThrows(IllegalArgumentException.class, () -> b.finiteDimension(-3));
        assertThrows(IllegalArgumentException.class, () -> OverlapOde.builder(null, ERF));
    }
}
