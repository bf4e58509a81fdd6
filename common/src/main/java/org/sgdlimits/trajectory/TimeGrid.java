package org.sgdlimits.trajectory;

import org.sgdlimits.validation.FieldPath;
import org.sgdlimits.validation.InvalidFieldException;

import java.util.Locale;

/**
 * The ODE times at which a run is recorded (docs/theory.md §7). {@code points} counts the recorded times including
 * t = 0 and t = end. Linear: t_i = i·end/(points − 1). Log: t = 0, then points − 1 times log-spaced from
 * {@code start} to {@code end}.
 */
public record TimeGrid(double end, int points, Spacing spacing, double start) {

    /** Spacing of the recorded times. */
    public enum Spacing {
        LINEAR, LOG;

        /** Parses "linear" or "log" (case-insensitive). */
        public static Spacing parse(String s) {
            if (s != null) {
                for (Spacing v : values()) {
                    if (v.name().equalsIgnoreCase(s.trim())) {
                        return v;
                    }
                }
            }
            throw new InvalidFieldException(FieldPath.parse("time.spacing"), "unknown value '" + s + "'; allowed: linear, log");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TimeGrid {
        if (!(end > 0) || !Double.isFinite(end)) {
            throw new InvalidFieldException(FieldPath.parse("time.end"), end + "; must be a finite number > 0");
        }
        if (points < 2) {
            throw new InvalidFieldException(FieldPath.parse("time.points"), points + "; must be an integer >= 2");
        }
        if (spacing == null) {
            throw new InvalidFieldException(FieldPath.parse("time.spacing"), "missing; allowed: linear, log");
        }
        if (spacing == Spacing.LOG && !(start > 0 && start < end)) {
            throw new InvalidFieldException(FieldPath.parse("time.start"), start + "; for log spacing must lie in (0, end = "
                    + end + ")");
        }
    }

    /** Linear grid of {@code points} times from 0 to end. */
    public static TimeGrid linear(double end, int points) {
        return new TimeGrid(end, points, Spacing.LINEAR, 0.0);
    }

    /** Log grid: 0, then points − 1 log-spaced times from end·1e-4 to end. */
    public static TimeGrid log(double end, int points) {
        return new TimeGrid(end, points, Spacing.LOG, end * 1e-4);
    }

    /** The recorded times, increasing, first 0 and last exactly {@code end}. */
    public double[] times() {
        double[] t = new double[points];
        if (spacing == Spacing.LINEAR) {
            for (int i = 0; i < points; i++) {
                t[i] = i * end / (points - 1);
            }
        } else {
            int n = points - 1;
            double logStart = Math.log(start);
            double logEnd = Math.log(end);
            for (int i = 0; i < n; i++) {
                t[i + 1] = n == 1 ? end : Math.exp(logStart + (logEnd - logStart) * i / (n - 1));
            }
        }
        t[points - 1] = end;
        return t;
    }
}
