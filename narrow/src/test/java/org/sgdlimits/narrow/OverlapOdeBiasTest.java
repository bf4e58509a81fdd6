package org.sgdlimits.narrow;

import org.sgdlimits.fixtures.KinkedActivation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.activation.StandardActivation;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The overlap ODE with biases (docs/theory.md §3.11): a linear unit against the hand-derived equations in every
 * regime, the b_i columns, trained biases reaching the teacher's in a realisable erf case, zero biases
 * reproducing the ODE without biases, and the refusals.
 */
class OverlapOdeBiasTest {
    private static final Activation LINEAR = StandardActivation.LINEAR;

    @Test
    void linearUnitWithTrainedBiasFollowsTheHandDerivedEquations() {
        // f = a(u + b), f* = a*(u* + b*), e = a u − a* u* + c − √Δ z with c = a b − a* b* (u, u* centred):
        // E[e u*] = aM − a*P, E[e u] = aQ − a*M, E[e] = c, E[e²] = V + c² + Δ with V = a²Q − 2aa*M + a*²P,
        // at finite d E[|x|²/d e²] = V (1 + 2/d) + c² + Δ (Stein: E[u·∇e²] = 2V)
        double gamma = 0.4;
        double gammaB = 0.3;
        double delta = 0.05;
        double m = 0.3;
        double q = 0.8;
        double a = 1.7;
        double aStar = 0.9;
        double rho = 1.1;
        double b = 0.35;
        double bStar = -0.6;
        double c = a * b - aStar * bStar;
        double v = a * a * q - 2 * a * aStar * m + aStar * aStar * rho;
        double s = LearningRateSchedule.powerLaw(2, 1).factor(1.5);
        Overlaps state = Overlaps.of(new double[] {q}, new double[] {m}, new double[] {rho}, new double[] {a},
                new double[] {aStar});
        for (double d : new double[] {Double.POSITIVE_INFINITY, 50}) {
            OverlapOde.Builder builder = OverlapOde.builder(LINEAR, LINEAR).learningRate(gamma).labelNoise(delta)
                    .schedule(LearningRateSchedule.powerLaw(2, 1)).biases(new double[] {bStar}, new double[] {b})
                    .trainBias(gammaB);
            if (Double.isFinite(d)) {
                builder.finiteDimension(d);
            }
            OverlapOde ode = builder.build();
            OverlapOde.Equations eq = ode.newSystem(state);
            double[] yDot = new double[eq.dimension()];
            eq.derivatives(1.5, eq.initialState(state), yDot);
            double dm = s * (-a * (a * m - aStar * rho));
            double noise = (Double.isFinite(d) ? v * (1 + 2 / d) : v) + c * c + delta;
            double dq = s * (-2 * a * (a * q - aStar * m)) + s * s * gamma * a * a * noise;
            double db = -s * (gammaB / gamma) * a * c;
            double tolerance = Double.isFinite(d) ? 1e-11 : 1e-14;
            assertEquals(dm, yDot[eq.layout().indexOfM(0, 0)], 1e-14, "dM at d = " + d);
            assertEquals(dq, yDot[eq.layout().indexOfQ(0, 0)], tolerance, "dQ at d = " + d);
            assertEquals(db, yDot[eq.dimension() - 1], 1e-14, "db at d = " + d);
            assertEquals("b_0", eq.componentName(eq.dimension() - 1));
        }
    }

    @Test
    void trainedBiasesOfARealisableErfCommitteeReachTheTeachersBiases() {
        // k = p = 2, a = a* = 1 fixed, teacher P = I with biases (0.5, −0.3); student starts unaligned, b = 0
        double[] bStar = {0.5, -0.3};
        Overlaps start = Overlaps.of(new double[] {0.5, 0.05, 0.05, 0.4}, new double[] {0.2, 0.05, 0.02, 0.1},
                new double[] {1, 0, 0, 1}, new double[] {1, 1}, new double[] {1, 1});
        OverlapOde ode = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .biases(bStar, new double[] {0, 0}).trainBias(0.5).build();
        Trajectory tr = ode.solve(start, TimeGrid.linear(3000, 31)).trajectory();
        assertEquals(OverlapColumns.namesWithBiases(2, 2), tr.columns());
        int last = tr.size() - 1;
        assertTrue(tr.value(last, "excess_risk") < 1e-6, "excess risk " + tr.value(last, "excess_risk"));
        assertEquals(bStar[0], tr.value(last, "b_0"), 2e-3);
        assertEquals(bStar[1], tr.value(last, "b_1"), 2e-3);
        assertEquals(1.0, tr.value(last, "M_0_0"), 2e-3);
        assertEquals(1.0, tr.value(last, "M_1_1"), 2e-3);
    }

    @Test
    void zeroBiasesReproduceTheOdeWithoutBiasesAndFixedBiasesStayFixed() {
        Overlaps start = Overlaps.of(new double[] {0.5, 0.05, 0.05, 0.4}, new double[] {0.2, 0.05, 0.02, 0.1},
                new double[] {1, 0.2, 0.2, 1}, new double[] {1, 0.7}, new double[] {1, 1});
        IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-12, 1e-12);
        OverlapOde plain = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .integrator(tight).build();
        OverlapOde zero = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .integrator(tight).biases(new double[2], new double[2]).build();
        Trajectory x = plain.solve(start, TimeGrid.linear(20, 5)).trajectory();
        Trajectory y = zero.solve(start, TimeGrid.linear(20, 5)).trajectory();
        for (String col : x.columns()) {
            assertEquals(x.value(x.size() - 1, col), y.value(y.size() - 1, col), 1e-9, col);
        }
        OverlapOde fixed = OverlapOde.builder(StandardActivation.ERF, StandardActivation.ERF).learningRate(0.5)
                .biases(new double[] {0.2, 0.1}, new double[] {-0.4, 0.3}).build();
        Trajectory z = fixed.solve(start, TimeGrid.linear(5, 3)).trajectory();
        assertEquals(-0.4, z.value(z.size() - 1, "b_0"), 0.0);
        assertEquals(0.3, z.value(z.size() - 1, "b_1"), 0.0);
        // fixed non-zero biases change the dynamics
        assertTrue(Math.abs(z.value(z.size() - 1, "risk") - plain.solve(start, TimeGrid.linear(5, 3)).trajectory()
                .value(2, "risk")) > 1e-3);
    }

    @Test
    void inconsistentBiasSettingsAreRefusedNamingTheField() {
        IllegalArgumentException relu = assertThrows(IllegalArgumentException.class,
                () -> OverlapOde.builder(StandardActivation.RELU, KinkedActivation.ABS)
                        .biases(new double[] {0.1}, new double[] {0.1}).build());
        assertTrue(relu.getMessage().startsWith("bias:"), relu.getMessage());
        IllegalArgumentException untrained = assertThrows(IllegalArgumentException.class,
                () -> OverlapOde.builder(LINEAR, LINEAR).trainBias(0.1).build());
        assertTrue(untrained.getMessage().startsWith("student.trainBias:"), untrained.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> OverlapOde.builder(LINEAR, LINEAR).biases(new double[] {Double.NaN}, new double[] {0}));
        assertTrue(nan.getMessage().startsWith("teacher.bias[0]:"), nan.getMessage());
        OverlapOde ode = OverlapOde.builder(LINEAR, LINEAR).biases(new double[] {0.1, 0.2}, new double[] {0}).build();
        Overlaps one = Overlaps.of(new double[] {1}, new double[] {0.5}, new double[] {1}, new double[] {1},
                new double[] {1});
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> ode.newSystem(one));
        assertTrue(k.getMessage().startsWith("teacher.bias:"), k.getMessage());
    }
}
