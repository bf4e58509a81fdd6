package org.sgdlimits.narrow.linear;

/**
 * The optimal learning-rate schedule of online linear regression without weight decay (docs/theory.md §3.9).
 * In the d → ∞ limit with schedule factor s(t) (learning rate γ s(t), ODE time t = νγ/d) the excess risk obeys
 * the closed scalar equation
 * <pre>
 *   dε/dt = −2 s ε + s² γ (ε + Δ/2)
 * </pre>
 * (from {@link LinearRegressionOde}'s m and q equations with the drift × s and the noise term × s²). Its
 * right-hand side is minimised at s = ε/(γ(ε + Δ/2)); because the state is one number, the comparison principle
 * makes this greedy choice optimal for every horizon: ε(t) under any other schedule stays above ε*(t), so it
 * minimises both the final risk ε(T) and the time to reach any target. With c = Δ/2 and x = c/ε, the optimal
 * run solves x + ln x = x₀ + ln x₀ + t/γ, i.e. x(t) = W(x₀ e^{x₀ + t/γ}) (Lambert W), and
 * <pre>
 *   s*(t) = 1/(γ (1 + x(t))),   ε*(t) = c/x(t),   τ*(ε_target) = γ [ln(ε₀/ε_target) + c/ε_target − c/ε₀]
 * </pre>
 * so γ s*(t) → 1/(t/γ) = d/ν: the 1/t schedule emerges at late times. Without noise s* = 1/γ and
 * ε* = ε₀ e^{−t/γ}. The greedy rate never exceeds 1/γ, so it is feasible below the critical rate γ_c = 2.
 *
 * @param learningRate        the base rate γ &gt; 0 (the schedule multiplies it)
 * @param labelNoise          Δ ≥ 0
 * @param initialExcessRisk   ε₀ &gt; 0
 */
public record OptimalLinearSchedule(double learningRate, double labelNoise, double initialExcessRisk) {

    public OptimalLinearSchedule {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: " + learningRate + "; must be a finite number > 0");
        }
        if (!(labelNoise >= 0) || !Double.isFinite(labelNoise)) {
            throw new IllegalArgumentException("noise: " + labelNoise + "; must be a finite number >= 0");
        }
        if (!(initialExcessRisk > 0) || !Double.isFinite(initialExcessRisk)) {
            throw new IllegalArgumentException("initial excess risk: " + initialExcessRisk
                    + "; must be a finite number > 0");
        }
    }

    /** The optimal factor s*(t) (learning rate γ s*(t)). */
    public double factor(double t) {
        if (labelNoise == 0) {
            return 1 / learningRate;
        }
        return 1 / (learningRate * (1 + x(t)));
    }

    /** The excess risk ε*(t) of the optimal schedule, a lower bound for every schedule. */
    public double excessRisk(double t) {
        if (labelNoise == 0) {
            return initialExcessRisk * Math.exp(-t / learningRate);
        }
        return 0.5 * labelNoise / x(t);
    }

    /** The shortest time to reach ε_target &lt; ε₀. */
    public double timeToExcessRisk(double target) {
        if (!(target > 0) || !(target < initialExcessRisk)) {
            throw new IllegalArgumentException("target excess risk: " + target + "; must be in (0, "
                    + initialExcessRisk + ")");
        }
        double c = 0.5 * labelNoise;
        return learningRate * (Math.log(initialExcessRisk / target) + c / target - c / initialExcessRisk);
    }

    /** x(t) = c/ε*(t): the root of x + ln x = x₀ + ln x₀ + t/γ. */
    private double x(double t) {
        double x0 = 0.5 * labelNoise / initialExcessRisk;
        return solveXPlusLogX(x0 + Math.log(x0) + t / learningRate);
    }

    /** The root x &gt; 0 of x + ln x = y (x = W(e^y)), by Newton's method to round-off. */
    static double solveXPlusLogX(double y) {
        double x = y > 1 ? y - Math.log(y) : Math.exp(y - 1 + 1e-300);
        for (int i = 0; i < 100; i++) {
            double f = x + Math.log(x) - y;
            double next = x - f / (1 + 1 / x);
            if (next <= 0) {
                next = 0.5 * x;
            }
            if (Math.abs(next - x) <= 1e-15 * x) {
                return next;
            }
            x = next;
        }
        return x;
    }
}
