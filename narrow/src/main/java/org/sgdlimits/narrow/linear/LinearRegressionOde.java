package org.sgdlimits.narrow.linear;

import java.util.List;
import org.sgdlimits.ode.IntegrationResult;
import org.sgdlimits.ode.IntegratorSettings;
import org.sgdlimits.ode.Observables;
import org.sgdlimits.ode.OdeSystem;
import org.sgdlimits.ode.OverlapColumns;
import org.sgdlimits.ode.TrajectoryIntegrator;
import org.sgdlimits.trajectory.RunStatus;
import org.sgdlimits.trajectory.TimeGrid;
import org.sgdlimits.trajectory.Trajectory;

/**
 * Online linear regression in the d → ∞ limit (docs/theory.md §3): k = p = 1, σ = σ* = identity, a = a* = 1, teacher norm
 * ρ = P, learning rate γ (here g = γ), label noise Δ, weight decay λ. In ODE time t = νγ/d the overlaps
 * m = M, q = Q obey the linear system
 * <pre>
 *   dm/dt = −(m − ρ) − λ m                          = −α m + ρ,                 α = 1 + λ
 *   dq/dt = −2(q − m) + γ(q − 2m + ρ + Δ) − 2λ q    = −κ q + β m + γ(ρ + Δ),    κ = 2 − γ + 2λ, β = 2 − 2γ
 * </pre>
 * The matrix [[−α, 0], [β, −κ]] is triangular, so its eigenvalues are −α and −κ. The closed form is
 * <pre>
 *   m(t) = m∞ + (m0 − m∞) e^{−αt}
 *   q(t) = q∞ + (q0 − q∞) e^{−κt} + β (m0 − m∞) (e^{−αt} − e^{−κt})/(κ − α)
 * </pre>
 * (the last fraction is evaluated as t e^{−min(α,κ)t} φ(|κ − α|t), φ(x) = (1 − e^{−x})/x, φ(0) = 1, so that
 * κ = α is not special and nothing overflows), with the
 * fixed point m∞ = ρ/(1 + λ), q∞ = (β m∞ + γ(ρ + Δ))/κ. It is stable iff κ &gt; 0, i.e. below the critical
 * learning rate γ_c = 2(1 + λ) (γ_c = 2 without weight decay). Excess risk ε = ½(q − 2m + ρ), risk
 * R = ε + Δ/2; without weight decay the steady state is m∞ = ρ, q∞ − ρ = γΔ/(2 − γ), ε∞ = ½ γΔ/(2 − γ).
 *
 * <p>Immutable and thread-safe.
 *
 * @param learningRate γ &gt; 0
 * @param labelNoise   Δ ≥ 0
 * @param weightDecay  λ ≥ 0
 * @param teacherNorm  ρ = |w*|²/d &gt; 0
 */
public record LinearRegressionOde(double learningRate, double labelNoise, double weightDecay, double teacherNorm) {

    public LinearRegressionOde {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: " + learningRate + "; must be a finite number > 0");
        }
        if (!(labelNoise >= 0) || !Double.isFinite(labelNoise)) {
            throw new IllegalArgumentException("noise: " + labelNoise + "; must be a finite number >= 0");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay: " + weightDecay + "; must be a finite number >= 0");
        }
        if (!(teacherNorm > 0) || !Double.isFinite(teacherNorm)) {
            throw new IllegalArgumentException("teacher.P: " + teacherNorm + "; must be a finite number > 0");
        }
    }

    /** The overlaps (m, q) at one time, with the risks. */
    public record State(double time, double m, double q, double excessRisk, double risk) {
    }

    /** α = 1 + λ: minus the eigenvalue of the m equation. */
    public double studentTeacherRate() {
        return 1 + weightDecay;
    }

    /** κ = 2 − γ + 2λ: minus the eigenvalue of the q equation (negative above the critical learning rate). */
    public double selfOverlapRate() {
        return 2 - learningRate + 2 * weightDecay;
    }

    /** The eigenvalues {−α, −κ} of the linear system. */
    public double[] eigenvalues() {
        return new double[] {-studentTeacherRate(), -selfOverlapRate()};
    }

    /** γ_c = 2(1 + λ): the fixed point is stable iff γ &lt; γ_c. */
    public static double criticalLearningRate(double weightDecay) {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay: " + weightDecay + "; must be >= 0");
        }
        return 2 * (1 + weightDecay);
    }

    /** γ_c for this model's weight decay. */
    public double criticalLearningRate() {
        return criticalLearningRate(weightDecay);
    }

    /** Whether γ &lt; γ_c (the overlaps converge to the steady state). */
    public boolean isStable() {
        return selfOverlapRate() > 0;
    }

    /** ε = ½ E[(λ − λ*)²] = ½(q − 2m + ρ). */
    public double excessRisk(double m, double q) {
        return 0.5 * (q - 2 * m + teacherNorm);
    }

    /** (dm/dt, dq/dt) at (m, q) (docs/theory.md §3). */
    public double[] derivative(double m, double q) {
        double dm = -(m - teacherNorm) - weightDecay * m;
        double dq = -2 * (q - m) + learningRate * (q - 2 * m + teacherNorm + labelNoise) - 2 * weightDecay * q;
        return new double[] {dm, dq};
    }

    /**
     * The fixed point (m∞, q∞) and its risks (time = +∞).
     *
     * @throws IllegalStateException above the critical learning rate, where there is no stable steady state
     */
    public State steadyState() {
        if (!isStable()) {
            throw new IllegalStateException("learningRate: " + learningRate + " >= critical learning rate "
                    + criticalLearningRate() + ": no stable steady state");
        }
        double mInf = teacherNorm / studentTeacherRate();
        double qInf = ((2 - 2 * learningRate) * mInf + learningRate * (teacherNorm + labelNoise)) / selfOverlapRate();
        return state(Double.POSITIVE_INFINITY, mInf, qInf);
    }

    /** The closed-form solution at time t ≥ 0 from (m0, q0) at t = 0 (valid on both sides of γ_c). */
    public State solution(double t, double m0, double q0) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("time: " + t + "; must be >= 0");
        }
        double alpha = studentTeacherRate();
        double kappa = selfOverlapRate();
        double beta = 2 - 2 * learningRate;
        double mInf = teacherNorm / alpha;
        double forcing = beta * mInf + learningRate * (teacherNorm + labelNoise);
        double c = m0 - mInf;
        double m = mInf + c * Math.exp(-alpha * t);
        // (e^{−αt} − e^{−κt})/(κ − α) = t e^{−min(α,κ)t} φ(|κ − α| t), overflow-free for either order
        double transfer = beta * c * t * Math.exp(-Math.min(alpha, kappa) * t) * phi(Math.abs(kappa - alpha) * t);
        // q∞ + (q0 − q∞)e^{−κt} = q0 e^{−κt} + forcing·(1 − e^{−κt})/κ: written with φ so that κ → 0 is exact
        double q = q0 * Math.exp(-kappa * t) + forcing * t * phi(kappa * t) + transfer;
        return state(t, m, q);
    }

    /** φ(x) = (1 − e^{−x})/x, φ(0) = 1, accurate for every real x. */
    private static double phi(double x) {
        return Math.abs(x) < 1e-300 ? 1.0 : -Math.expm1(-x) / x;
    }

    private State state(double t, double m, double q) {
        double eps = excessRisk(m, q);
        return new State(t, m, q, eps, eps + 0.5 * labelNoise);
    }

    /** The closed form on a grid, as a trajectory with the docs/theory.md §7 columns of a p = k = 1 model (a_0 = 1). */
    public Trajectory closedFormTrajectory(double m0, double q0, TimeGrid grid) {
        Trajectory.Builder b = new Trajectory.Builder(OverlapColumns.names(1, 1));
        double[] row = new double[OverlapColumns.count(1, 1)];
        for (double t : grid.times()) {
            State s = solution(t, m0, q0);
            OverlapColumns.fill(s.risk(), s.excessRisk(), new double[] {s.m()}, new double[] {s.q()},
                    new double[] {1.0}, row);
            b.add(t, row);
        }
        return b.build(RunStatus.completed(grid.end()));
    }

    /** Integrates the ODE numerically (for checking the closed form, and as a template for schedules). */
    public IntegrationResult integrate(double m0, double q0, TimeGrid grid, IntegratorSettings settings) {
        OdeSystem system = new OdeSystem() {
            @Override public int dimension() { return 2; }
            @Override public void derivatives(double t, double[] y, double[] yDot) {
                double[] d = derivative(y[0], y[1]);
                yDot[0] = d[0];
                yDot[1] = d[1];
            }
            @Override public String componentName(int index) { return index == 0 ? "M_0_0" : "Q_0_0"; }
        };
        List<String> columns = OverlapColumns.names(1, 1);
        Observables observables = new Observables() {
            @Override public List<String> columns() { return columns; }
            @Override public void evaluate(double t, double[] y, double[] row) {
                double eps = excessRisk(y[0], y[1]);
                OverlapColumns.fill(eps + 0.5 * labelNoise, eps, new double[] {y[0]}, new double[] {y[1]},
                        new double[] {1.0}, row);
            }
        };
        return new TrajectoryIntegrator(settings).integrate(system, new double[] {m0, q0}, grid, observables,
                List.of());
    }
}
