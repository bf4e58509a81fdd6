package org.sgdlimits.ode;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.ODEEventDetector;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The first (or every) time an observable of the recorded row crosses a level: e.g. "risk falls below 1e-3",
 * "M_0_0 rises above 0.5", or a derived quantity ({@link RowObservable}). Immutable.
 */
public final class ThresholdCrossing extends TrajectoryEvent {

    /** Which crossings count. */
    public enum Direction {
        /** From above to below the level. */
        DOWNWARD,
        /** From below to above the level. */
        UPWARD,
        /** Either way. */
        EITHER
    }

    private final String observableName;
    private final RowObservable observable;
    private final double level;
    private final Direction direction;
    private final EventAction action;
    private final double maxCheckInterval;

    private ThresholdCrossing(String observableName, RowObservable observable, double level, Direction direction,
                              EventAction action, double maxCheckInterval) {
        if (observableName == null || observableName.isEmpty() || observable == null) {
            throw new IllegalArgumentException("event.observable: missing");
        }
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("event.level: " + level + "; must be finite");
        }
        requirePositive("event.maxCheckInterval", maxCheckInterval);
        this.observableName = observableName;
        this.observable = observable;
        this.level = level;
        this.direction = direction;
        this.action = action;
        this.maxCheckInterval = maxCheckInterval;
    }

    /** Stops the run when the recorded {@code column} first falls below {@code level}. */
    public static ThresholdCrossing below(String column, double level) {
        return new ThresholdCrossing(column, RowObservable.column(column), level, Direction.DOWNWARD,
                EventAction.STOP, Double.POSITIVE_INFINITY);
    }

    /** Stops the run when the recorded {@code column} first rises above {@code level}. */
    public static ThresholdCrossing above(String column, double level) {
        return new ThresholdCrossing(column, RowObservable.column(column), level, Direction.UPWARD,
                EventAction.STOP, Double.POSITIVE_INFINITY);
    }

    /** Stops the run when the observable {@code name} = f(row) first falls below {@code level}. */
    public static ThresholdCrossing below(String name, RowObservable f, double level) {
        return new ThresholdCrossing(name, f, level, Direction.DOWNWARD, EventAction.STOP,
                Double.POSITIVE_INFINITY);
    }

    /** Stops the run when the observable {@code name} = f(row) first rises above {@code level}. */
    public static ThresholdCrossing above(String name, RowObservable f, double level) {
        return new ThresholdCrossing(name, f, level, Direction.UPWARD, EventAction.STOP,
                Double.POSITIVE_INFINITY);
    }

    /** Same event with another direction. */
    public ThresholdCrossing withDirection(Direction d) {
        return new ThresholdCrossing(observableName, observable, level, d, action, maxCheckInterval);
    }

    /** Same event with another action ({@link EventAction#RECORD} records every crossing). */
    public ThresholdCrossing withAction(EventAction a) {
        return new ThresholdCrossing(observableName, observable, level, direction, a, maxCheckInterval);
    }

    /**
     * Same event checked at least every {@code interval} time units
     * (default +∞: once per integrator step, enough unless the function can cross and come back within one
     * step).
     */
    public ThresholdCrossing withMaxCheckInterval(double interval) {
        return new ThresholdCrossing(observableName, observable, level, direction, action, interval);
    }

    /** Name of the watched observable (the column name for column events). */
    public String observableName() { return observableName; }
    public double level() { return level; }
    public Direction direction() { return direction; }
    public EventAction action() { return action; }

    @Override
    public String name() {
        String how = switch (direction) {
            case DOWNWARD -> " fell below ";
            case UPWARD -> " rose above ";
            case EITHER -> " crossed ";
        };
        return observableName + how + level;
    }

    @Override
    ODEEventDetector createDetector(RunContext ctx) {
        RecordedRow row = ctx.rowFor(observable);
        return new Detector(maxCheckInterval) {
            @Override
            public double g(ODEStateAndDerivative s) {
                return ctx.evaluate(observable, row, s.getTime(), s.getPrimaryState()) - level;
            }

            @Override
            public Action eventOccurred(ODEStateAndDerivative s, ODEEventDetector detector, boolean increasing) {
                boolean counts = direction == Direction.EITHER || (increasing == (direction == Direction.UPWARD));
                if (!counts) {
                    return Action.CONTINUE;
                }
                boolean stop = action == EventAction.STOP;
                ctx.monitor().events.add(new EventOccurrence(name(), s.getTime(),
                        ctx.evaluate(observable, row, s.getTime(), s.getPrimaryState()), stop));
                if (stop) {
                    ctx.monitor().terminate(RunStatus.stoppedByEvent(s.getTime(), name()));
                    return Action.STOP;
                }
                return Action.CONTINUE;
            }
        };
    }
}
