package org.sgdlimits.ode;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.ODEEventDetector;
import org.sgdlimits.trajectory.RunStatus;

/**
 * The first (or every) time a recorded observable crosses a level: e.g. "risk falls below 1e-3",
 * "M_0_0 rises above 0.5". Immutable.
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

    private final String column;
    private final double level;
    private final Direction direction;
    private final EventAction action;
    private final double maxCheckInterval;

    private ThresholdCrossing(String column, double level, Direction direction, EventAction action,
                              double maxCheckInterval) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("event.observable: missing column name");
        }
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("event.level: " + level + "; must be finite");
        }
        requirePositive("event.maxCheckInterval", maxCheckInterval);
        this.column = column;
        this.level = level;
        this.direction = direction;
        this.action = action;
        this.maxCheckInterval = maxCheckInterval;
    }

    /** Stops the run when {@code column} first falls below {@code level}. */
    public static ThresholdCrossing below(String column, double level) {
        return new ThresholdCrossing(column, level, Direction.DOWNWARD, EventAction.STOP, 1.0);
    }

    /** Stops the run when {@code column} first rises above {@code level}. */
    public static ThresholdCrossing above(String column, double level) {
        return new ThresholdCrossing(column, level, Direction.UPWARD, EventAction.STOP, 1.0);
    }

    /** Same event with another direction. */
    public ThresholdCrossing withDirection(Direction d) {
        return new ThresholdCrossing(column, level, d, action, maxCheckInterval);
    }

    /** Same event with another action ({@link EventAction#RECORD} records every crossing). */
    public ThresholdCrossing withAction(EventAction a) {
        return new ThresholdCrossing(column, level, direction, a, maxCheckInterval);
    }

    /** Same event checked at least every {@code interval} time units (default 1). */
    public ThresholdCrossing withMaxCheckInterval(double interval) {
        return new ThresholdCrossing(column, level, direction, action, interval);
    }

    public String column() { return column; }
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
        return column + how + level;
    }

    @Override
    ODEEventDetector createDetector(RunContext ctx) {
        int c = ctx.column(column);
        double[] row = new double[ctx.observables().columns().size()];
        return new Detector(maxCheckInterval) {
            @Override
            public double g(ODEStateAndDerivative s) {
                return column(ctx, row, c, s) - level;
            }

            @Override
            public Action eventOccurred(ODEStateAndDerivative s, ODEEventDetector detector, boolean increasing) {
                boolean counts = direction == Direction.EITHER || (increasing == (direction == Direction.UPWARD));
                if (!counts) {
                    return Action.CONTINUE;
                }
                boolean stop = action == EventAction.STOP;
                ctx.monitor().events.add(new EventOccurrence(name(), s.getTime(), column(ctx, row, c, s), stop));
                if (stop) {
                    ctx.monitor().terminate(RunStatus.stoppedByEvent(s.getTime(), name()));
                    return Action.STOP;
                }
                return Action.CONTINUE;
            }
        };
    }
}
