package org.sgdlimits.narrow.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlimits.activation.Activation;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.narrow.linear.OptimalLinearSchedule;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;

/**
 * Online linear regression (docs/theory.md §3.9): the adjoint gradient against finite differences, and the
 * optimised piecewise-constant schedule against the closed-form optimum s*(t) = 1/(γ(1 + W(x₀e^{x₀+t/γ}))).
 */
class LinearScheduleTest {
    static final double GAMMA = 0.5;
    static final double NOISE = 0.2;
    static final double HORIZON = 20;

    static OverlapOde linearOde() {
        Activation lin = Activation.named("linear");
        return OverlapOde.builder(lin, lin).learningRate(GAMMA).labelNoise(NOISE).build();
    }

    static Overlaps initial() {
        return Overlaps.of(new double[] {0.5}, new double[] {0.0}, new double[] {1.0}, new double[] {1.0},
                new double[] {1.0});
    }

    static ScheduleCost cost(int pieces, ScheduleObjective objective) {
        OverlapOde ode = linearOde();
        Overlaps init = initial();
        ControlledDynamics dyn = ControlledDynamics.of(ode, init);
        double[] y0 = ode.newSystem(init).layout().pack(init);
        return new ScheduleCost(dyn, y0, new ScheduleGrid(HORIZON, pieces), objective,
                IntegratorSettings.defaults().withTolerances(1e-12, 1e-12), 1e6);
    }

    @Test
    void adjointGradientMatchesFiniteDifferences() {
        for (ScheduleObjective objective : new ScheduleObjective[] {new ScheduleObjective.FinalRisk(),
                new ScheduleObjective.TimeToRisk(0.05), new ScheduleObjective.TimeToRisk(0.01)}) {
            ScheduleCost cost = cost(8, objective);
            double[] s = {1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25};
            double[] grad = cost.evaluate(s, true).gradient();
            for (int j = 0; j < s.length; j++) {
                double h = 1e-5;
                double[] plus = s.clone();
                double[] minus = s.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (cost.evaluate(plus, false).value() - cost.evaluate(minus, false).value()) / (2 * h);
                assertEquals(fd, grad[j], 1e-6 * Math.max(1, Math.abs(fd)),
                        objective.id() + " piece " + j + ": adjoint " + grad[j] + " vs finite difference " + fd);
            }
        }
    }

    @Test
    void optimisedScheduleConvergesToTheClosedFormOptimum() {
        double eps0 = 0.5 * (0.5 - 0 + 1); // ε = ½(q − 2m + ρ)
        OptimalLinearSchedule exact = new OptimalLinearSchedule(GAMMA, NOISE, eps0);
        double exactFinal = exact.excessRisk(HORIZON);
        double previousError = Double.POSITIVE_INFINITY;
        double previousGap = Double.POSITIVE_INFINITY;
        for (int pieces : new int[] {10, 20, 40}) {
            ScheduleCost cost = cost(pieces, new ScheduleObjective.FinalRisk());
            double[] start = new double[pieces];
            java.util.Arrays.fill(start, 1.0);
            ScheduleOptimizer.Result r = new ScheduleOptimizer(4.0, 500, 1e-13).optimise(cost, start);
            double[] s = r.factors();
            // the piece value against the average of s* over the piece (Simpson)
            double maxError = 0;
            for (int j = 0; j < pieces; j++) {
                double a = cost.grid().start(j);
                double b = cost.grid().start(j + 1);
                double avg = (exact.factor(a) + 4 * exact.factor(0.5 * (a + b)) + exact.factor(b)) / 6;
                maxError = Math.max(maxError, Math.abs(s[j] - avg) / avg);
            }
            double gap = r.value() - exactFinal;
            System.out.printf("pieces %d: J = %.10f, closed form %.10f, gap %.3e, max rel. piece error %.3e,"
                    + " %d iterations%n", pieces, r.value(), exactFinal, gap, maxError, r.iterations());
            assertTrue(gap > -1e-10, "the closed form is a lower bound: gap " + gap);
            assertTrue(gap < 0.7 * previousGap, "gap must shrink with refinement: " + gap + " after " + previousGap);
            assertTrue(maxError < 0.7 * previousError, "schedule error must shrink: " + maxError + " after "
                    + previousError);
            previousGap = gap;
            previousError = maxError;
        }
        assertTrue(previousError < 0.05, "40 pieces: schedule within 5% of s*: " + previousError);
    }

    @Test
    void timeToRiskConvergesToTheClosedFormTime() {
        double eps0 = 0.75;
        double target = 0.01;
        double exact = new OptimalLinearSchedule(GAMMA, NOISE, eps0).timeToExcessRisk(target);
        double previousGap = Double.POSITIVE_INFINITY;
        for (int pieces : new int[] {10, 20, 40}) {
            ScheduleCost cost = cost(pieces, new ScheduleObjective.TimeToRisk(target));
            double[] start = new double[pieces];
            java.util.Arrays.fill(start, 1.0);
            ScheduleOptimizer.Result r = new ScheduleOptimizer(4.0, 500, 1e-13).optimise(cost, start);
            double gap = r.value() - exact;
            System.out.printf("time-to-risk, pieces %d: tau = %.8f, closed form %.8f, gap %.3e%n", pieces,
                    r.value(), exact, gap);
            assertTrue(gap > -1e-8, "the closed-form time is a lower bound: gap " + gap);
            assertTrue(gap < 0.7 * previousGap, "gap must shrink with refinement: " + gap + " after " + previousGap);
            previousGap = gap;
        }
        assertTrue(previousGap < 0.01 * exact, "40 pieces: within 1% of the optimal time: " + previousGap);
    }
}
