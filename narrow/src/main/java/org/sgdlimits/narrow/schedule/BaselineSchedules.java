package org.sgdlimits.narrow.schedule;

import java.util.Objects;
import org.sgdlimits.schedule.LearningRateSchedule;

/**
 * The reference families the optimal schedule is compared with (docs/theory.md §3.9), each tuned on the same
 * {@link ScheduleCost}: the best constant factor (log-grid scan, then golden section in log s) and the best
 * s₀(1 + t/t₀)^(−β) at fixed β (β = 1: the 1/t schedule) over a log grid of (s₀, t₀). Factors stay in
 * (0, s_max]. Not thread-safe (the cost is shared).
 *
 * @param cost       the objective
 * @param maxFactor  s_max
 * @param gridPoints points per axis of the scans (≥ 3)
 */
public record BaselineSchedules(ScheduleCost cost, double maxFactor, int gridPoints) {

    public BaselineSchedules {
        Objects.requireNonNull(cost, "cost");
        if (!(maxFactor > 0) || !Double.isFinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor: " + maxFactor + "; must be a finite number > 0");
        }
        if (gridPoints < 3) {
            throw new IllegalArgumentException("gridPoints: " + gridPoints + "; must be >= 3");
        }
    }

    /** Lowest factor scanned, as a fraction of s_max. */
    private static final double LOWEST = 1e-3;

    /**
     * A tuned reference schedule.
     *
     * @param name     "constant", "1/t" or "power-law"
     * @param factor   s₀
     * @param t0       t₀ (+∞ for the constant)
     * @param beta     β (0 for the constant)
     * @param value    J
     */
    public record Tuned(String name, double factor, double t0, double beta, double value) {
        /** The schedule s(t). */
        public LearningRateSchedule schedule() {
            if (beta == 0) {
                double s0 = factor;
                return new LearningRateSchedule() {
                    @Override public double factor(double t) { return s0; }
                    @Override public String description() { return "constant " + s0; }
                };
            }
            LearningRateSchedule shape = LearningRateSchedule.powerLaw(t0, beta);
            double s0 = factor;
            return new LearningRateSchedule() {
                @Override public double factor(double t) { return s0 * shape.factor(t); }
                @Override public String description() { return s0 + " x " + shape.description(); }
            };
        }
    }

    /** The best constant s in [s_max·10⁻³, s_max]. */
    public Tuned bestConstant() {
        double lo = Math.log(maxFactor * LOWEST);
        double hi = Math.log(maxFactor);
        int best = 0;
        double[] values = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            values[i] = constantValue(Math.exp(lo + (hi - lo) * i / (gridPoints - 1)));
            if (values[i] < values[best]) {
                best = i;
            }
        }
        double h = (hi - lo) / (gridPoints - 1);
        double a = lo + h * Math.max(0, best - 1);
        double b = lo + h * Math.min(gridPoints - 1, best + 1);
        double golden = 0.5 * (Math.sqrt(5) - 1);
        double c = b - golden * (b - a);
        double d = a + golden * (b - a);
        double fc = constantValue(Math.exp(c));
        double fd = constantValue(Math.exp(d));
        for (int it = 0; it < 40 && b - a > 1e-7; it++) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - golden * (b - a);
                fc = constantValue(Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + golden * (b - a);
                fd = constantValue(Math.exp(d));
            }
        }
        double s = fc <= fd ? Math.exp(c) : Math.exp(d);
        double v = Math.min(fc, fd);
        if (values[best] < v) {
            s = Math.exp(lo + h * best);
            v = values[best];
        }
        return new Tuned("constant", s, Double.POSITIVE_INFINITY, 0, v);
    }

    /** The best s₀(1 + t/t₀)^(−β) on the grid s₀ ∈ [s_max·10⁻³, s_max], t₀ ∈ [T·10⁻³, T] (log-spaced). */
    public Tuned bestPowerLaw(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta: " + beta + "; must be a finite number > 0");
        }
        double horizon = cost.grid().horizon();
        Tuned best = null;
        for (int i = 0; i < gridPoints; i++) {
            double s0 = maxFactor * Math.pow(LOWEST, 1 - (double) i / (gridPoints - 1));
            for (int k = 0; k < gridPoints; k++) {
                double t0 = horizon * Math.pow(1e-3, 1 - (double) k / (gridPoints - 1));
                Tuned candidate = new Tuned(beta == 1 ? "1/t" : "power-law", s0, t0, beta, Double.NaN);
                double v = cost.evaluate(candidate.schedule()).value();
                if (best == null || v < best.value()) {
                    best = new Tuned(candidate.name(), s0, t0, beta, v);
                }
            }
        }
        return best;
    }

    private double constantValue(double s) {
        double[] factors = new double[cost.grid().pieces()];
        java.util.Arrays.fill(factors, s);
        return cost.evaluate(factors, false).value();
    }
}
