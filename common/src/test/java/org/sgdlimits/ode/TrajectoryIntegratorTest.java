package org.sgdlimits.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

class TrajectoryIntegratorTest {

    /** dy/dt = F(t, y) from a lambda, components named y0, y1, .... */
    interface Rhs {
        void apply(double t, double[] y, double[] yDot);
    }

    static OdeSystem system(int n, Rhs rhs) {
        return new OdeSystem() {
            @Override public int dimension() { return n; }
            @Override public void derivatives(double t, double[] y, double[] yDot) { rhs.apply(t, y, yDot); }
            @Override public String componentName(int index) { return "y" + index; }
        };
    }

    /** Records the state components as columns y0.. and, as "obs", a function of the state. */
    static Observables observables(int n, java.util.function.ToDoubleFunction<double[]> extra) {
        List<String> cols = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            cols.add("y" + i);
        }
        cols.add("obs");
        return new Observables() {
            @Override public List<String> columns() { return cols; }
            @Override public void evaluate(double t, double[] y, double[] row) {
                System.arraycopy(y, 0, row, 0, n);
                row[n] = extra.applyAsDouble(y);
            }
        };
    }

    private final TrajectoryIntegrator integrator = new TrajectoryIntegrator(IntegratorSettings.defaults());

    @Test
    void denseOutputOnLinearAndLogGridsMatchesTheExactSolution() {
        // harmonic oscillator y0' = y1, y1' = -y0: y0 = cos t
        OdeSystem osc = system(2, (t, y, d) -> { d[0] = y[1]; d[1] = -y[0]; });
        for (TimeGrid grid : List.of(TimeGrid.linear(20, 201), TimeGrid.log(20, 50))) {
            IntegrationResult r = integrator.integrate(osc, new double[] {1, 0}, grid, observables(2, y -> 0),
                    List.of());
            Trajectory tr = r.trajectory();
            assertEquals(RunStatus.Outcome.COMPLETED, tr.status().outcome());
            assertEquals(grid.points(), tr.size());
            double[] times = grid.times();
            for (int i = 0; i < tr.size(); i++) {
                assertEquals(times[i], tr.time(i), 0.0);
                assertEquals(Math.cos(times[i]), tr.value(i, "y0"), 1e-8, "t = " + times[i]);
                assertEquals(-Math.sin(times[i]), tr.value(i, "y1"), 1e-8);
            }
            assertEquals(20.0, r.finalTime(), 0.0);
            assertTrue(r.statistics().evaluations() > 0 && r.statistics().acceptedSteps() > 0);
        }
    }

    @Test
    void progressHookReceivesIncreasingTimesOfAcceptedStepsEndingAtTheGridEnd() {
        OdeSystem osc = system(2, (t, y, d) -> { d[0] = y[1]; d[1] = -y[0]; });
        TimeGrid grid = TimeGrid.linear(30, 31);
        List<Double> seen = new java.util.ArrayList<>();
        // interval 0: the hook sees every accepted step, then the final time once more
        IntegrationResult r = integrator.integrate(osc, new double[] {1, 0}, grid, observables(2, y -> 0),
                List.of(), seen::add, 0L);
        assertEquals(r.statistics().acceptedSteps() + 1, seen.size());
        assertTrue(seen.get(0) > 0, "first call after the first step: " + seen.get(0));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "times decrease at call " + i + ": " + seen);
        }
        assertEquals(grid.end(), seen.get(seen.size() - 1), 0.0);
        assertEquals(grid.end(), seen.get(seen.size() - 2), 1e-12 * grid.end());

        // default throttle (100 ms): a run this short reports at least its end time
        List<Double> throttled = new java.util.ArrayList<>();
        integrator.integrate(osc, new double[] {1, 0}, grid, observables(2, y -> 0), List.of(), throttled::add);
        assertFalse(throttled.isEmpty());
        assertTrue(throttled.size() < seen.size(), throttled.size() + " calls, not throttled");
        assertEquals(grid.end(), throttled.get(throttled.size() - 1), 0.0);
    }

    @Test
    void progressHookEndsAtTheStopTimeOfARunStoppedByAnEvent() {
        OdeSystem decay = system(1, (t, y, d) -> d[0] = -y[0]);
        List<Double> seen = new java.util.ArrayList<>();
        IntegrationResult r = integrator.integrate(decay, new double[] {1}, TimeGrid.linear(10, 101),
                observables(1, y -> y[0]), List.of(ThresholdCrossing.below("obs", 0.01)), seen::add, 0L);
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, r.trajectory().status().outcome());
        assertEquals(Math.log(100), seen.get(seen.size() - 1), 1e-8);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "times decrease at call " + i + ": " + seen);
        }
    }

    @Test
    void thresholdStopEndsTheRunAtTheCrossingAndRecordsNothingAfterIt() {
        OdeSystem decay = system(1, (t, y, d) -> d[0] = -y[0]);
        IntegrationResult r = integrator.integrate(decay, new double[] {1}, TimeGrid.linear(10, 101),
                observables(1, y -> y[0]), List.of(ThresholdCrossing.below("obs", 0.01)));
        double expected = Math.log(100);
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, r.trajectory().status().outcome());
        assertEquals(expected, r.trajectory().status().time(), 1e-8);
        assertEquals(1, r.events().size());
        assertEquals(expected, r.events().get(0).time(), 1e-8);
        assertEquals(0.01, r.events().get(0).value(), 1e-9);
        Trajectory tr = r.trajectory();
        assertTrue(tr.time(tr.size() - 1) <= expected);
        assertEquals(47, tr.size()); // t = 0, 0.1, ..., 4.6 < ln 100 = 4.605
    }

    @Test
    void recordedCrossingsAreAllReportedAndTheRunContinues() {
        OdeSystem osc = system(2, (t, y, d) -> { d[0] = y[1]; d[1] = -y[0]; });
        IntegrationResult r = integrator.integrate(osc, new double[] {1, 0}, TimeGrid.linear(10, 11),
                observables(2, y -> y[0]), List.of(ThresholdCrossing.below("obs", 0.0)
                        .withDirection(ThresholdCrossing.Direction.EITHER).withAction(EventAction.RECORD)
                        .withMaxCheckInterval(0.5)));
        assertEquals(RunStatus.Outcome.COMPLETED, r.trajectory().status().outcome());
        // cos t = 0 at pi/2, 3pi/2, 5pi/2 in [0, 10]
        assertEquals(3, r.events().size());
        for (int n = 0; n < 3; n++) {
            assertEquals(Math.PI / 2 + n * Math.PI, r.events().get(n).time(), 1e-8);
            assertFalse(r.events().get(n).stoppedRun());
        }
    }

    @Test
    void derivedObservableThresholdUsesTheRowFunction() {
        // y0 = cos t, y1 = −sin t: y0² + y1² ≡ 1 and y0·y1 = −sin(2t)/2 first reaches −0.25 at t = π/12
        OdeSystem osc = system(2, (t, y, d) -> { d[0] = y[1]; d[1] = -y[0]; });
        RowObservable product = row -> row.get("y0") * row.get("y1");
        IntegrationResult r = integrator.integrate(osc, new double[] {1, 0}, TimeGrid.linear(10, 11),
                observables(2, y -> 0), List.of(ThresholdCrossing.below("y0*y1", product, -0.25)));
        assertEquals(Math.PI / 12, r.trajectory().status().time(), 1e-8);
        assertEquals("y0*y1 fell below -0.25", r.events().get(0).event());
    }

    @Test
    void boundDivergenceReportsTimeAndComponent() {
        OdeSystem growth = system(2, (t, y, d) -> { d[0] = 0.1; d[1] = y[1]; });
        IntegrationResult r = integrator.integrate(growth, new double[] {0, 1}, TimeGrid.linear(50, 51),
                observables(2, y -> 0), List.of(new DivergenceBound(1e6)));
        RunStatus s = r.trajectory().status();
        assertTrue(s.diverged());
        assertEquals(Math.log(1e6), s.time(), 1e-8);
        assertTrue(s.cause().contains("y1"), s.cause());
        Trajectory tr = r.trajectory();
        for (int i = 0; i < tr.size(); i++) {
            assertTrue(tr.time(i) <= s.time() && Math.abs(tr.value(i, "y1")) <= 1e6);
        }
    }

    @Test
    void finiteTimeBlowUpWithoutBoundEndsAsDivergedBeforeTheSingularity() {
        // y' = y², y(0) = 1: y = 1/(1 − t), blows up at t = 1
        OdeSystem blowUp = system(1, (t, y, d) -> d[0] = y[0] * y[0]);
        IntegrationResult r = integrator.integrate(blowUp, new double[] {1}, TimeGrid.linear(2, 201),
                observables(1, y -> y[0]), List.of());
        RunStatus s = r.trajectory().status();
        assertTrue(s.diverged(), s.toString());
        assertTrue(s.time() <= 1.0 + 1e-6 && s.time() > 0.99, s.toString());
        assertTrue(s.cause().contains("y0"), s.cause());
        Trajectory tr = r.trajectory();
        assertTrue(tr.time(tr.size() - 1) <= 1.0);
        for (int i = 0; i < tr.size(); i++) {
            assertTrue(Double.isFinite(tr.value(i, "y0")));
            if (tr.time(i) < 0.999) {
                assertEquals(1 / (1 - tr.time(i)), tr.value(i, "y0"), 1e-6 / Math.pow(1 - tr.time(i), 2));
            }
        }
    }

    @Test
    void trialStepsIntoAnInvalidRegionAreRetriedNotFatal() {
        // y' = 2 − y, but the right-hand side is NaN for y > 2 (like a non-PSD covariance): large trial steps
        // overshoot there; the run must still complete with the exact solution 2 − e^{−t}.
        OdeSystem guarded = system(1, (t, y, d) -> d[0] = y[0] > 2 ? Double.NaN : 2 - y[0]);
        IntegrationResult r = new TrajectoryIntegrator(IntegratorSettings.defaults().withTolerances(1e-3, 1e-3))
                .integrate(guarded, new double[] {1.999}, TimeGrid.linear(30, 31), observables(1, y -> y[0]),
                        List.of());
        assertEquals(RunStatus.Outcome.COMPLETED, r.trajectory().status().outcome(), r.trajectory().status().cause());
        assertEquals(2 - 0.001 * Math.exp(-30), r.trajectory().value(30, "y0"), 1e-5);
    }

    @Test
    void plateauExitIsDetectedWhereTheRelativeRateCrossesTheThreshold() {
        // y' = y from 1e-6; O = 1/(1 + y²) is flat (plateau) until y ~ 0.1, then drops.
        // |dO/dt|/O = 2y²/(1 + y²) crosses 0.01 at y² = 0.01/1.99.
        OdeSystem growth = system(1, (t, y, d) -> d[0] = y[0]);
        IntegrationResult r = integrator.integrate(growth, new double[] {1e-6}, TimeGrid.linear(20, 21),
                observables(1, y -> 1 / (1 + y[0] * y[0])), List.of(PlateauExit.of("obs", 0.01, 5.0)));
        double expected = Math.log(Math.sqrt(0.01 / 1.99) / 1e-6);
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, r.trajectory().status().outcome());
        assertEquals(expected, r.trajectory().status().time(), 1e-4);
        // too short a plateau does not count
        IntegrationResult shortPlateau = integrator.integrate(growth, new double[] {1e-6}, TimeGrid.linear(20, 21),
                observables(1, y -> 1 / (1 + y[0] * y[0])), List.of(PlateauExit.of("obs", 0.01, 12.0)));
        assertEquals(RunStatus.Outcome.COMPLETED, shortPlateau.trajectory().status().outcome());
    }

    @Test
    void evaluationBudgetEndsTheRunWithAStatedCause() {
        OdeSystem osc = system(2, (t, y, d) -> { d[0] = y[1]; d[1] = -y[0]; });
        IntegrationResult r = new TrajectoryIntegrator(IntegratorSettings.defaults().withMaxEvaluations(200))
                .integrate(osc, new double[] {1, 0}, TimeGrid.linear(1000, 11), observables(2, y -> 0), List.of());
        assertEquals(RunStatus.Outcome.STOPPED_BY_EVENT, r.trajectory().status().outcome());
        assertTrue(r.trajectory().status().cause().contains("evaluation budget"));
    }

    @Test
    void badInputIsRejectedWithTheFieldName() {
        OdeSystem decay = system(1, (t, y, d) -> d[0] = -y[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> integrator.integrate(decay,
                new double[] {Double.NaN}, TimeGrid.linear(1, 2), observables(1, y -> 0), List.of()));
        assertTrue(e.getMessage().contains("y0"));
        assertThrows(IllegalArgumentException.class, () -> integrator.integrate(decay, new double[] {1},
                TimeGrid.linear(1, 2), observables(1, y -> 0), List.of(ThresholdCrossing.below("nope", 0))));
        assertThrows(IllegalArgumentException.class, () -> IntegratorSettings.defaults().withTolerances(-1, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> new DivergenceBound(0));
    }
}
