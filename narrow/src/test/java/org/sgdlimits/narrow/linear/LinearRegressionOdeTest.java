package org.sgdlimits.narrow.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.ode.IntegrationResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class LinearRegressionOdeTest {
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-13, 1e-13);

    @Test
    void integratedOdeMatchesClosedFormWithAndWithoutWeightDecay() {
        for (double lambda : new double[] {0.0, 0.3}) {
            for (double gamma : new double[] {0.2, 1.0, 1.9}) {
                LinearRegressionOde model = new LinearRegressionOde(gamma, 0.25, lambda, 1.3);
                TimeGrid grid = TimeGrid.linear(30, 61);
                IntegrationResult numeric = model.integrate(0.1, 0.4, grid, TIGHT);
                Trajectory exact = model.closedFormTrajectory(0.1, 0.4, grid);
                Trajectory ode = numeric.trajectory();
                assertEquals(grid.points(), ode.size());
                for (int i = 0; i < ode.size(); i++) {
                    for (String c : new String[] {"M_0_0", "Q_0_0", "risk", "excess_risk"}) {
                        assertEquals(exact.value(i, c), ode.value(i, c), 1e-9,
                                c + " at t = " + ode.time(i) + ", gamma = " + gamma + ", lambda = " + lambda);
                    }
                }
            }
        }
    }

    @Test
    void closedFormSatisfiesTheOdeIncludingTheDegenerateRateCase() {
        // κ = α happens at γ = 1 − λ... (2 − γ + 2λ = 1 + λ); κ = 0 at γ = γ_c
        double[][] cases = {{0.5, 0.0}, {0.8, 0.2}, {2.0, 0.0}, {2.6, 0.3}, {3.0, 0.1}};
        for (double[] c : cases) {
            LinearRegressionOde model = new LinearRegressionOde(c[0], 0.1, c[1], 1.0);
            for (double t : new double[] {0.01, 0.7, 3.0}) {
                double h = 1e-5;
                LinearRegressionOde.State s = model.solution(t, 0.2, 0.5);
                LinearRegressionOde.State plus = model.solution(t + h, 0.2, 0.5);
                LinearRegressionOde.State minus = model.solution(Math.max(0, t - h), 0.2, 0.5);
                double dt = t + h - Math.max(0, t - h);
                double[] d = model.derivative(s.m(), s.q());
                double tol = 1e-6 * Math.max(1, Math.abs(d[1]));
                assertEquals(d[0], (plus.m() - minus.m()) / dt, tol, "dm/dt, case " + c[0] + "," + c[1] + " t " + t);
                assertEquals(d[1], (plus.q() - minus.q()) / dt, tol, "dq/dt, case " + c[0] + "," + c[1] + " t " + t);
            }
            assertEquals(0.2, model.solution(0, 0.2, 0.5).m(), 1e-15);
            assertEquals(0.5, model.solution(0, 0.2, 0.5).q(), 1e-15);
        }
    }

    @Test
    void steadyStateIsTheLongTimeLimitAndMatchesTheSpecWithoutWeightDecay() {
        double gamma = 0.7;
        double delta = 0.3;
        LinearRegressionOde plain = new LinearRegressionOde(gamma, delta, 0.0, 1.0);
        LinearRegressionOde.State ss = plain.steadyState();
        assertEquals(1.0, ss.m(), 1e-15);
        assertEquals(1.0 + gamma * delta / (2 - gamma), ss.q(), 1e-14);
        assertEquals(0.5 * gamma * delta / (2 - gamma), ss.excessRisk(), 1e-14);
        assertEquals(ss.excessRisk() + delta / 2, ss.risk(), 1e-15);
        for (double lambda : new double[] {0.0, 0.5}) {
            LinearRegressionOde model = new LinearRegressionOde(gamma, delta, lambda, 1.0);
            LinearRegressionOde.State inf = model.steadyState();
            double[] d = model.derivative(inf.m(), inf.q());
            assertEquals(0, d[0], 1e-15);
            assertEquals(0, d[1], 1e-14);
            IntegrationResult r = model.integrate(0.0, 0.3, TimeGrid.linear(80, 2), TIGHT);
            assertEquals(inf.m(), r.trajectory().value(1, "M_0_0"), 1e-10);
            assertEquals(inf.q(), r.trajectory().value(1, "Q_0_0"), 1e-10);
            assertEquals(inf.excessRisk(), model.solution(200, 0.0, 0.3).excessRisk(), 1e-12);
        }
        // weight decay shrinks m towards 0: m∞ = ρ/(1+λ)
        assertEquals(1 / 1.5, new LinearRegressionOde(gamma, delta, 0.5, 1.0).steadyState().m(), 1e-15);
    }

    @Test
    void criticalLearningRateSeparatesConvergenceFromBlowUp() {
        assertEquals(2.0, LinearRegressionOde.criticalLearningRate(0.0), 0.0);
        for (double lambda : new double[] {0.0, 0.25}) {
            double gc = LinearRegressionOde.criticalLearningRate(lambda);
            LinearRegressionOde below = new LinearRegressionOde(0.98 * gc, 0.1, lambda, 1.0);
            LinearRegressionOde above = new LinearRegressionOde(1.02 * gc, 0.1, lambda, 1.0);
            assertTrue(below.isStable());
            assertFalse(above.isStable());
            assertTrue(above.eigenvalues()[1] > 0);
            assertThrows(IllegalStateException.class, above::steadyState);
            double qBelow = below.solution(2000, 0.1, 0.5).q();
            double qAbove = above.solution(2000, 0.1, 0.5).q();
            assertEquals(below.steadyState().q(), qBelow, 1e-9);
            assertTrue(qAbove > 1e10, "q above critical: " + qAbove);
        }
    }

    @Test
    void badParametersAreRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionOde(-0.1, 0, 0, 1));
        assertTrue(e.getMessage().startsWith("learningRate"));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionOde(0.1, Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionOde(0.1, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegressionOde(0.1, 0, 0, 0));
    }
}
