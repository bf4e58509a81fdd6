package org.sgdlimits.narrow.schedule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.dynamics.Regime;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.simulation.EngineKind;
import org.sgdlimits.narrow.simulation.EnsembleResult;
import org.sgdlimits.narrow.simulation.MatchingOde;
import org.sgdlimits.narrow.simulation.MultiSeedSimulation;
import org.sgdlimits.narrow.simulation.SgdSettings;
import org.sgdlimits.narrow.simulation.SimulationProgress;
import org.sgdlimits.narrow.simulation.SimulationVersusOdeTest;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * An erf soft committee (p = k = 2, label noise, high-dimensional regime; docs/theory.md §3.9): the optimised
 * schedule beats every constant and power-law schedule of a grid, and finite-d SGD run with it lands on its ODE
 * within 4 standard errors + 1/d at two dimensions.
 */
class ErfCommitteeScheduleTest {
    static final Activation ERF = Activation.named("erf");
    static final double GAMMA = 1.0;
    static final double NOISE = 0.05;
    static final double HORIZON = 10;
    static final int PIECES = 8;
    static final double MAX_FACTOR = 4;

    static SgdSettings settings() {
        return SgdSettings.of(ERF, ERF, GAMMA).withLabelNoise(NOISE);
    }

    static Overlaps initial() {
        double[] q = {0.5, 0.02, 0.02, 0.4};
        double[] m = {0.3, 0.05, 0.02, 0.25};
        double[] pm = {1, 0, 0, 1};
        double[] a = {1, 1};
        return Overlaps.of(q, m, pm, a, a.clone());
    }

    static ScheduleCost cost() {
        OverlapOde ode = MatchingOde.of(settings(), Regime.HIGH_DIMENSIONAL, 0);
        Overlaps init = initial();
        return new ScheduleCost(ControlledDynamics.of(ode, init), ode.newSystem(init).layout().pack(init),
                new ScheduleGrid(HORIZON, PIECES), new ScheduleObjective.FinalRisk(),
                IntegratorSettings.defaults().withTolerances(1e-11, 1e-11), 1e6);
    }

    static ScheduleOptimizer.Result optimise(ScheduleCost cost) {
        double[] start = new double[PIECES];
        Arrays.fill(start, 1.0);
        return new ScheduleOptimizer(MAX_FACTOR, 300, 1e-12).optimise(cost, start);
    }

    @Test
    void adjointGradientMatchesFiniteDifferences() {
        ScheduleCost cost = cost();
        double[] s = {1.5, 1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4};
        double[] grad = cost.evaluate(s, true).gradient();
        for (int j = 0; j < PIECES; j++) {
            double h = 1e-4;
            double[] plus = s.clone();
            double[] minus = s.clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (cost.evaluate(plus, false).value() - cost.evaluate(minus, false).value()) / (2 * h);
            assertTrue(Math.abs(fd - grad[j]) <= 1e-5 * Math.abs(fd) + 1e-10, "piece " + j + ": adjoint "
                    + grad[j] + " vs finite difference " + fd);
        }
    }

    @Test
    void optimisedScheduleBeatsEveryConstantAndPowerLawTried() {
        ScheduleCost cost = cost();
        ScheduleOptimizer.Result r = optimise(cost);
        double best = Double.POSITIVE_INFINITY;
        String bestName = "";
        for (double s = 0.1; s <= MAX_FACTOR + 1e-9; s += 0.1) {
            double[] f = new double[PIECES];
            Arrays.fill(f, s);
            double v = cost.evaluate(f, false).value();
            if (v < best) {
                best = v;
                bestName = "constant " + s;
            }
        }
        for (double s0 : new double[] {0.5, 1, 1.5, 2, 3, 4}) {
            for (double t0 : new double[] {0.25, 0.5, 1, 2, 4, 8}) {
                for (double beta : new double[] {0.25, 0.5, 0.75, 1, 1.5}) {
                    LearningRateSchedule shape = LearningRateSchedule.powerLaw(t0, beta);
                    double v = cost.evaluate(t -> s0 * shape.factor(t)).value();
                    if (v < best) {
                        best = v;
                        bestName = "power law s0 = " + s0 + ", t0 = " + t0 + ", beta = " + beta;
                    }
                }
            }
        }
        System.out.printf("erf committee: optimal J = %.8g (from %.8g, %d iterations), best tried %.8g (%s)%n",
                r.value(), r.initialValue(), r.iterations(), best, bestName);
        assertTrue(r.value() <= best, "optimised " + r.value() + " vs " + bestName + ": " + best);
    }

    @Test
    @Tag("statistical")
    void finiteDimensionalSgdWithTheOptimisedScheduleFollowsItsOde() {
        ScheduleCost cost = cost();
        ScheduleOptimizer.Result r = optimise(cost);
        LearningRateSchedule schedule = r.grid().schedule(r.factors());
        SgdSettings settings = settings().withSchedule(schedule);
        TimeGrid grid = TimeGrid.linear(HORIZON, 10);
        Trajectory theory = MatchingOde.of(settings, Regime.HIGH_DIMENSIONAL, 0).solve(initial(), grid).trajectory();
        double finalOde = theory.value(theory.size() - 1, "excess_risk");
        assertTrue(Math.abs(finalOde - r.value()) < 1e-6 * r.value(), "the ODE with the schedule reproduces J: "
                + finalOde + " vs " + r.value());
        for (int d : new int[] {250, 1000}) {
            EnsembleResult sim = new MultiSeedSimulation(EngineKind.GRAM.create(settings), 8, 77 + d)
                    .run(initial(), d, grid, SimulationProgress.NONE);
            double excess = SimulationVersusOdeTest.worstExcess(theory, sim.trajectory(), d);
            Trajectory st = sim.trajectory();
            System.out.printf("d = %d: final excess risk SGD %.5g +- %.2g, ODE %.5g; worst excess %.3g%n", d,
                    st.value(st.size() - 1, "excess_risk"), st.value(st.size() - 1, "excess_risk_sem"), finalOde,
                    excess);
            assertTrue(excess <= 0, "d = " + d + ": SGD vs ODE beyond 4 sem + 1/d by " + excess);
        }
    }
}
