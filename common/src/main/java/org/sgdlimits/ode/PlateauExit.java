package org.sgdlimits.ode;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.ODEEventDetector;
import org.sgdlimits.trajectory.RunStatus;

/**
 * Detects leaving a plateau of a recorded observable O (typically the risk).
 *
 * <p>Criterion: the relative rate r(t) = |dO/dt| / max(|O|, {@code floor}). The run is <em>on a plateau</em>
 * from the time r falls below {@code rateThreshold} (or from t = 0 if it starts below); it <em>leaves</em> the
 * plateau when r rises back above {@code rateThreshold}, provided it stayed below for at least
 * {@code minimumDuration} (shorter dips are ignored). The event time is that rise. dO/dt is taken along the
 * trajectory by a central difference of O in the direction of the state derivative (step chosen so the
 * state moves by about 1e-6 relative), so any observable works; inside a step the derivative is the dense
 * output's, so the rate, and the located exit time, are accurate to about 1e-5 relative.
 *
 * <p>Example: erf committee, the symmetric plateau has r ≈ 1e-4 or less; with rateThreshold = 1e-2 the event
 * marks the onset of specialisation. Immutable.
 */
public final class PlateauExit extends TrajectoryEvent {
    private final String observableName;
    private final RowObservable observable;
    private final double rateThreshold;
    private final double minimumDuration;
    private final EventAction action;
    private final double floor;
    private final double maxCheckInterval;

    private PlateauExit(String observableName, RowObservable observable, double rateThreshold,
                        double minimumDuration, EventAction action, double floor, double maxCheckInterval) {
        if (observableName == null || observableName.isEmpty() || observable == null) {
            throw new IllegalArgumentException("event.observable: missing");
        }
        requirePositive("plateau.rateThreshold", rateThreshold);
        if (!(minimumDuration >= 0)) {
            throw new IllegalArgumentException("plateau.minimumDuration: " + minimumDuration + "; must be >= 0");
        }
        requirePositive("plateau.floor", floor);
        requirePositive("plateau.maxCheckInterval", maxCheckInterval);
        this.observableName = observableName;
        this.observable = observable;
        this.rateThreshold = rateThreshold;
        this.minimumDuration = minimumDuration;
        this.action = action;
        this.floor = floor;
        this.maxCheckInterval = maxCheckInterval;
    }

    /**
     * Stops the run when {@code column} leaves a plateau.
     *
     * @param rateThreshold   relative rate |dO/dt|/|O| (per unit ODE time) separating plateau from motion
     * @param minimumDuration least time below the threshold for a stretch to count as a plateau
     */
    public static PlateauExit of(String column, double rateThreshold, double minimumDuration) {
        return new PlateauExit(column, RowObservable.column(column), rateThreshold, minimumDuration,
                EventAction.STOP, 1e-300, Double.POSITIVE_INFINITY);
    }

    /** Stops the run when the observable {@code name} = f(row) leaves a plateau (see {@link #of(String, double, double)}). */
    public static PlateauExit of(String name, RowObservable f, double rateThreshold, double minimumDuration) {
        return new PlateauExit(name, f, rateThreshold, minimumDuration, EventAction.STOP, 1e-300,
                Double.POSITIVE_INFINITY);
    }

    /** Same event with another action. */
    public PlateauExit withAction(EventAction a) {
        return new PlateauExit(observableName, observable, rateThreshold, minimumDuration, a, floor, maxCheckInterval);
    }

    /** Same event with another floor for |O| in the relative rate (default 1e-300). */
    public PlateauExit withFloor(double f) {
        return new PlateauExit(observableName, observable, rateThreshold, minimumDuration, action, f, maxCheckInterval);
    }

    /**
     * Same event checked at least every {@code interval} time units
     * (default +∞: once per integrator step, enough unless the function can cross and come back within one
     * step).
     */
    public PlateauExit withMaxCheckInterval(double interval) {
        return new PlateauExit(observableName, observable, rateThreshold, minimumDuration, action, floor, interval);
    }

    /** Name of the watched observable. */
    public String observableName() { return observableName; }
    public double rateThreshold() { return rateThreshold; }
    public double minimumDuration() { return minimumDuration; }

    @Override
    public String name() {
        return observableName + " left a plateau (|d ln " + observableName + "/dt| rose above " + rateThreshold + ")";
    }

    @Override
    ODEEventDetector createDetector(RunContext ctx) {
        RecordedRow row = ctx.rowFor(observable);
        double[] shifted = new double[ctx.system().dimension()];
        return new Detector(maxCheckInterval) {
            private boolean onPlateau;
            private double enteredAt;

            /** r(t) − threshold. */
            @Override
            public double g(ODEStateAndDerivative s) {
                return relativeRate(s) - rateThreshold;
            }

            @Override
            public void init(ODEStateAndDerivative s0, double t) {
                onPlateau = relativeRate(s0) < rateThreshold;
                enteredAt = s0.getTime();
            }

            private double relativeRate(ODEStateAndDerivative s) {
                double t = s.getTime();
                double[] y = s.getPrimaryState();
                double[] yDot = s.getPrimaryDerivative();
                double yScale = 0;
                double vScale = 0;
                for (int i = 0; i < y.length; i++) {
                    yScale = Math.max(yScale, Math.abs(y[i]));
                    vScale = Math.max(vScale, Math.abs(yDot[i]));
                }
                double o = valueAt(t, y, row);
                if (vScale == 0) {
                    return 0;
                }
                double h = 1e-6 * Math.max(yScale, 1e-3) / vScale;
                for (int i = 0; i < y.length; i++) {
                    shifted[i] = y[i] + h * yDot[i];
                }
                double plus = valueAt(t + h, shifted, row);
                for (int i = 0; i < y.length; i++) {
                    shifted[i] = y[i] - h * yDot[i];
                }
                double minus = valueAt(t - h, shifted, row);
                return Math.abs(plus - minus) / (2 * h) / Math.max(Math.abs(o), floor);
            }

            private double valueAt(double t, double[] y, RecordedRow buffer) {
                return ctx.evaluate(observable, buffer, t, y);
            }

            @Override
            public Action eventOccurred(ODEStateAndDerivative s, ODEEventDetector detector, boolean increasing) {
                double t = s.getTime();
                if (!increasing) {
                    onPlateau = true;
                    enteredAt = t;
                    return Action.CONTINUE;
                }
                boolean counts = onPlateau && t - enteredAt >= minimumDuration;
                onPlateau = false;
                if (!counts) {
                    return Action.CONTINUE;
                }
                boolean stop = action == EventAction.STOP;
                ctx.monitor().events.add(new EventOccurrence(name() + " after a plateau from t = " + enteredAt,
                        t, valueAt(t, s.getPrimaryState(), row), stop));
                if (stop) {
                    ctx.monitor().terminate(RunStatus.stoppedByEvent(t, name()));
                    return Action.STOP;
                }
                return Action.CONTINUE;
            }
        };
    }
}
