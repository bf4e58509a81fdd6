package org.sgdlimits.narrow.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sgdlimits.narrow.OverlapOde;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.overlap.Overlaps;
import org.sgdlimits.schedule.LearningRateSchedule;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * The optimal schedule of one overlap ODE beside the tuned references (docs/theory.md §3.9): the best constant
 * factor, the best 1/t schedule s₀/(1 + t/t₀) and the best s₀(1 + t/t₀)^(−1/2); the optimiser starts from the
 * best constant, so its objective is never above it. Each schedule's ODE learning curve comes from
 * {@link OverlapOde#solve} with that schedule.
 *
 * @param optimal    the optimised piecewise-constant schedule
 * @param references constant, 1/t and power-law (β = 1/2), tuned on the same objective
 */
public record ScheduleComparison(ScheduleOptimizer.Result optimal, List<BaselineSchedules.Tuned> references) {

    /** Exponent of the power-law reference. */
    public static final double POWER_LAW_BETA = 0.5;

    public ScheduleComparison {
        Objects.requireNonNull(optimal, "optimal");
        references = List.copyOf(references);
    }

    /**
     * Optimises and tunes the references.
     *
     * @param ode             the engine (its own schedule is ignored)
     * @param initial         overlaps at t = 0
     * @param grid            pieces on [0, T]
     * @param objective       final risk or time to risk
     * @param optimizer       bounds and stopping rule
     * @param settings        integrator tolerances of the optimisation
     * @param referencePoints points per axis of the reference scans
     * @throws IllegalArgumentException when even the best constant schedule diverges
     */
    public static ScheduleComparison run(OverlapOde ode, Overlaps initial, ScheduleGrid grid,
                                         ScheduleObjective objective, ScheduleOptimizer optimizer,
                                         IntegratorSettings settings, int referencePoints) {
        ScheduleCost cost = new ScheduleCost(ControlledDynamics.of(ode, initial),
                ode.newSystem(initial).initialState(initial), grid, objective, settings, ode.divergenceBound());
        BaselineSchedules baselines = new BaselineSchedules(cost, optimizer.maxFactor(), referencePoints);
        BaselineSchedules.Tuned constant = baselines.bestConstant();
        if (!Double.isFinite(constant.value())) {
            throw new IllegalArgumentException("schedule: every constant factor up to " + optimizer.maxFactor()
                    + " diverges before t = " + grid.horizon() + "; lower the learning rate");
        }
        List<BaselineSchedules.Tuned> refs = new ArrayList<>();
        refs.add(constant);
        refs.add(baselines.bestPowerLaw(1.0));
        refs.add(baselines.bestPowerLaw(POWER_LAW_BETA));
        double[] start = new double[grid.pieces()];
        Arrays.fill(start, constant.factor());
        return new ScheduleComparison(optimizer.optimise(cost, start), refs);
    }

    /** The optimal schedule s(t) (the last piece held after T). */
    public LearningRateSchedule optimalSchedule() {
        return optimal.grid().schedule(optimal.factors());
    }

    /** The learning curve of {@code schedule} on {@code grid} (docs/theory.md §7 columns). */
    public static Trajectory curve(OverlapOde ode, Overlaps initial, LearningRateSchedule schedule, TimeGrid grid) {
        return ode.withSchedule(schedule).solve(initial, grid).trajectory();
    }
}
