package org.sgdlimits.meanfield.dmft;

/**
 * The Marchenko–Pastur closed form of full-batch gradient descent (and gradient flow) on ridge regression with a
 * linear teacher (docs/dmft.md §4), the independent check of the DMFT sweep.
 *
 * <p>With k(a) = 1 − η(a + λ), f_t(a) = (1 − kᵗ)/(a + λ) (ηt when a + λ = 0) and P_w = f_t a + c₀ kᵗ:
 * m(t) = ρ ∫ P_w dμ, q(t) = ρ ∫ P_w² dμ + q_v ∫ k^{2t} dμ + σ² ∫ a f_t² dμ and training loss
 * [ρ ∫ a (P_w − 1)² + q_v ∫ a k^{2t} + σ² ∫ (a f_t)² − 2σ² ∫ a f_t]/(2α) + σ²/2, where σ² is the label-noise
 * variance. Gradient flow at time τ: kᵗ → e^{−(a+λ)τ}, f → (1 − e^{−(a+λ)τ})/(a + λ). Immutable.
 */
public final class RidgeClosedForm {
    private final MarchenkoPastur law;
    private final double rho;
    private final double noise;
    private final double c0;
    private final double qv;
    private final double lambda;

    /**
     * @param law    the Marchenko–Pastur quadrature of the sample ratio α
     * @param rho    teacher norm ‖w*‖²/d &gt; 0
     * @param noise  label-noise variance σ² ≥ 0
     * @param c0     initial teacher component: w(0) = c₀ w* + v
     * @param qv     initial orthogonal norm ‖v‖²/d ≥ 0
     * @param lambda ridge λ ≥ 0
     */
    public RidgeClosedForm(MarchenkoPastur law, double rho, double noise, double c0, double qv, double lambda) {
        this.law = law;
        this.rho = rho;
        this.noise = noise;
        this.c0 = c0;
        this.qv = qv;
        this.lambda = lambda;
    }

    /** (m, q, training loss) after {@code steps} steps of gradient descent with step size η. */
    public Overlaps gradientDescent(double eta, int steps) {
        return evaluate(eta, steps, false);
    }

    /** (m, q, training loss) of gradient flow at time τ ≥ 0. */
    public Overlaps gradientFlow(double time) {
        return evaluate(time, 0, true);
    }

    /**
     * (m, q, training loss) after {@code steps} steps of gradient descent with momentum (heavy ball or Nesterov,
     * v(0) = 0): per eigenvalue a of A the teacher, initial and label-noise coefficients of w follow the scalar
     * recursion v′ = β v − η((a + λ)(w + β_N v) − c), w′ = w + v′ (c = a, 0, 1 respectively), and the integrals
     * are those of the plain closed form with P_w, kᵗ and f_t replaced by the three coefficients.
     */
    public Overlaps momentum(double eta, Momentum momentum, int steps) {
        return momentum(DmftModel.constantSteps(eta, Math.max(1, steps)), momentum, steps);
    }

    /** {@link #momentum(double, Momentum, int)} with step sizes η_t (a schedule), t &lt; steps ≤ length. */
    public Overlaps momentum(double[] etas, Momentum momentum, int steps) {
        double beta = momentum.velocityDecay();
        double look = momentum.lookAhead();
        double[] sums = new double[3];
        for (int i = 0; i < law.size(); i++) {
            double a = law.node(i);
            double w = law.weight(i);
            double decay = a + lambda;
            double pw = c0;
            double pv = 0;
            double kw = 1;
            double kv = 0;
            double fw = 0;
            double fv = 0;
            for (int t = 0; t < steps; t++) {
                double eta = etas[t];
                pv = beta * pv - eta * (decay * (pw + look * pv) - a);
                pw += pv;
                kv = beta * kv - eta * decay * (kw + look * kv);
                kw += kv;
                fv = beta * fv - eta * (decay * (fw + look * fv) - 1);
                fw += fv;
            }
            add(sums, w, a, pw, kw, fw);
        }
        return overlaps(sums);
    }

    private Overlaps evaluate(double etaOrTime, int steps, boolean flow) {
        double[] sums = new double[3];
        for (int i = 0; i < law.size(); i++) {
            double a = law.node(i);
            double w = law.weight(i);
            double decay = a + lambda;
            double kt;
            double f;
            if (flow) {
                kt = Math.exp(-decay * etaOrTime);
                f = decay == 0 ? etaOrTime : -Math.expm1(-decay * etaOrTime) / decay;
            } else {
                kt = Math.pow(1 - etaOrTime * decay, steps);
                f = decay == 0 ? etaOrTime * steps : (1 - kt) / decay;
            }
            add(sums, w, a, f * a + c0 * kt, kt, f);
        }
        return overlaps(sums);
    }

    /**
     * Adds one node's share to (m, q, 2α × (train − σ²/2)) given the coefficients of w on the teacher (pw), on the
     * initial v (k) and on the label noise σXᵀζ/√d (f) at eigenvalue a.
     */
    private void add(double[] sums, double weight, double a, double pw, double k, double f) {
        sums[0] += weight * rho * pw;
        sums[1] += weight * (rho * pw * pw + qv * k * k + noise * a * f * f);
        sums[2] += weight * (rho * a * (pw - 1) * (pw - 1) + qv * a * k * k + noise * (a * f) * (a * f)
                - 2 * noise * a * f);
    }

    private Overlaps overlaps(double[] sums) {
        return new Overlaps(sums[0], sums[1], sums[2] / (2 * law.alpha()) + noise / 2);
    }

    /**
     * Order parameters of the closed form.
     *
     * @param m         teacher overlap w·w* / d
     * @param q         student norm ‖w‖²/d
     * @param trainLoss training loss (1/n) Σ ½ (r_μ − y_μ)²
     */
    public record Overlaps(double m, double q, double trainLoss) {
    }
}
